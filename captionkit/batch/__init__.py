"""Batch: caption a whole series in parallel, resumably, on one machine or a Dask cluster.

``run_batch(source, outdir, jobs=2)`` is what ``captionkit batch`` does. The pieces, one job
each: ``discover`` (folder, manifest, RSS → episodes), ``fingerprint`` (what outputs were made
from, to skip unchanged episodes), ``executors`` (local processes or Dask), ``worker`` (one
episode in a worker process), ``report`` (``batch-report.json`` and ``index.html``).
"""

from __future__ import annotations

from .discover import Series, discover
from .episode import AlignOptions, Episode, EpisodeResult
from .report import BatchReport
from .run import BatchInterrupted, run_batch

__all__ = [
    "AlignOptions",
    "BatchInterrupted",
    "BatchReport",
    "Episode",
    "EpisodeResult",
    "Series",
    "discover",
    "run_batch",
]
