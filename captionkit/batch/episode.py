"""The two plain types that flow through a batch: an ``Episode`` to do, and its ``EpisodeResult``.

Both are small picklable dataclasses, because they cross process (and, with Dask, machine)
boundaries on their way to a worker and back.

>>> ep = Episode(key="season1/ep01", audio=Path("a/ep01.mp3"), transcript=Path("a/ep01.txt"))
>>> ep.stem, ep.label
('ep01', 'season1/ep01')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class Episode:
    """One episode of a series: which files to align, and what the series says about it."""

    key: str
    """Unique, stable name inside the series: the audio path relative to the source, without
    its suffix, with ``/`` separators. Outputs go to ``OUTDIR/<key>.<ext>``."""
    audio: Path
    transcript: Path | None
    title: str | None = None
    language: str | None = None
    media_url: str | None = None
    """Where listeners get the audio (an RSS enclosure or manifest ``media_url``)."""
    aliases: tuple[tuple[str, str], ...] = ()
    """``(alias, canonical name)`` pairs, already resolved to their final names."""
    problem: str | None = None
    """Set when discovery already knows the episode cannot run (e.g. no transcript)."""

    @property
    def stem(self) -> str:
        """The file name stem every output of this episode starts with."""
        return PurePosixPath(self.key).name

    @property
    def label(self) -> str:
        """How progress lines and the report name the episode."""
        return self.title or self.key

    def outdir(self, root: Path) -> Path:
        """The folder this episode's outputs go to (sub-folders mirror the source)."""
        return root.joinpath(*PurePosixPath(self.key).parts[:-1])


@dataclass
class EpisodeResult:
    """What happened to one episode; also the record kept in its fingerprint file."""

    key: str
    status: str
    """``done`` (aligned now), ``skipped`` (unchanged since a complete earlier run) or
    ``failed``."""
    error: str | None = None
    duration_ms: int = 0
    words: int = 0
    interpolated: int = 0
    cues: int = 0
    speakers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Output file names relative to the batch's output folder, ``/``-separated."""
    seconds: float = 0.0
    """Wall time spent on the episode in this run (0 for a skip)."""

    @property
    def ok(self) -> bool:
        return self.status != "failed"


@dataclass(frozen=True)
class AlignOptions:
    """The ``align`` settings shared by every episode of a batch (they are in the fingerprint)."""

    output_formats: tuple[str, ...]
    profile: str = "podcast"
    model: str | None = None
    device: str = "cpu"
    input_format: str | None = None
    speaker: str = "Speaker"
