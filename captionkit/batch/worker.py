"""What runs in a worker process: align one episode with the worker's one loaded model.

The model is loaded once per worker process and kept in ``_ALIGNERS`` (the local pool loads
it in its initializer; a Dask worker on its first episode), never once per episode.
Every failure of an episode becomes a ``failed`` result carrying a one-line error, so one bad
episode never stops the others.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import signal
import time
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path, PurePosixPath

from ..align import WhisperAligner
from ..errors import CaptionkitError
from ..model import Transcript
from ..pipeline import align_files
from .aliases import rename_speakers
from .episode import AlignOptions, Episode, EpisodeResult
from .fingerprint import write_fingerprint

_ALIGNERS: dict[tuple[str | None, str], WhisperAligner] = {}
_BUSY = False
_IN_LOCAL_POOL = False
# Manifest settings that align_files takes as keyword arguments, when this version has them.
_PASSTHROUGH = ("language", "media_url")


@dataclass(frozen=True)
class Job:
    """One episode to align, with everything a worker on another machine needs."""

    episode: Episode
    options: AlignOptions
    inputs: dict
    """The fingerprint inputs computed by the coordinator (recorded once outputs exist)."""
    root: Path
    """The batch's output folder."""
    threads: int | None = None
    """Compute threads for the model (workers on one machine share its cores); None: all."""


def aligner_for(model: str | None, device: str, threads: int | None = None) -> WhisperAligner:
    """This process's aligner for ``model`` on ``device``, loaded on first use."""
    key = (model, device, threads)
    if key not in _ALIGNERS:
        _ALIGNERS[key] = WhisperAligner(model, device=device, cpu_threads=threads)
    return _ALIGNERS[key]


def init_local_worker(model: str | None, device: str, threads: int | None = None) -> None:
    """``ProcessPoolExecutor`` initializer: signals as the coordinator expects, model loaded.

    Ctrl-C reaches every process of the terminal's group; only the coordinator acts on it (it
    then stops the workers with SIGTERM). SIGTERM during an episode raises KeyboardInterrupt
    so the atomic writer deletes its temporary files; between episodes it just exits.
    """
    global _IN_LOCAL_POOL
    _IN_LOCAL_POOL = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        # Started with SIGINT held back (executors.sigint_held); ignored now, so let it through
        # again: the ffmpeg this worker runs gets an ordinary signal mask.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGTERM, _on_sigterm)
    # On failure each episode reports the model error itself, instead of a broken pool.
    with contextlib.suppress(CaptionkitError):
        aligner_for(model, device, threads)


def _on_sigterm(signum, frame):  # noqa: ARG001 - signal handler signature
    if _BUSY:
        raise KeyboardInterrupt
    os._exit(128 + signal.SIGTERM)


def _prepare(episode: Episode, transcript: Transcript) -> Transcript:
    """The transcript with the series' speaker names, and the manifest's language if unset."""
    transcript = rename_speakers(transcript, episode.aliases)
    if episode.language and not transcript.language:
        transcript = replace(transcript, language=episode.language)
    return transcript


def _relative(path: Path, root: Path) -> str:
    return str(PurePosixPath(*Path(os.path.relpath(path, root)).parts))


def run_episode(job: Job) -> EpisodeResult:
    """Align one episode, write its outputs and then its fingerprint; never raises for input."""
    global _BUSY
    episode, options = job.episode, job.options
    started = time.perf_counter()
    accepted = inspect.signature(align_files).parameters
    extra = {
        name: getattr(episode, name)
        for name in _PASSTHROUGH
        if name in accepted and getattr(episode, name) is not None
    }
    _BUSY = True
    try:
        if episode.transcript is None:
            raise CaptionkitError(episode.problem or "no transcript", path=str(episode.audio))
        result = align_files(
            episode.audio,
            episode.transcript,
            episode.outdir(job.root),
            output_formats=options.output_formats,
            profile=options.profile,
            model=options.model,
            device=options.device,
            input_format=options.input_format,
            speaker=options.speaker,
            aligner=aligner_for(options.model, options.device, job.threads),
            prepare=partial(_prepare, episode),
            **extra,
        )
        words = result.alignment.words
        outcome = EpisodeResult(
            key=episode.key,
            status="done",
            duration_ms=result.alignment.duration,
            words=len(words),
            interpolated=sum(not w.aligned for w in words),
            cues=len(result.cues),
            speakers=result.alignment.transcript.speakers,
            warnings=list(result.warnings),
            files=[_relative(p, job.root) for p in result.paths],
        )
        # Last, and atomically: an episode stopped before this line is redone next time.
        write_fingerprint(episode, job.root, job.inputs, outcome)
    except CaptionkitError as exc:
        outcome = EpisodeResult(key=episode.key, status="failed", error=str(exc))
    except KeyboardInterrupt:
        if not _IN_LOCAL_POOL:
            raise
        # SIGTERM from the coordinator: the writer has removed its temp files; leave now.
        os._exit(128 + signal.SIGTERM)
    except Exception as exc:  # a bug or a library failure must not take the batch down
        message = str(exc).splitlines()[0] if str(exc) else ""
        outcome = EpisodeResult(
            key=episode.key,
            status="failed",
            error=f"{episode.audio}: unexpected {type(exc).__name__}: {message}",
        )
    finally:
        _BUSY = False
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome
