"""Find the caption files a command names, and the audio that goes with each.

PATH may be a file, a folder (searched recursively for ``.vtt`` and ``.srt``, skipping hidden
folders such as ``.git``) or a glob (``captions/**/*.vtt``, expanded here too so it works when
quoted or on shells that do not expand it). Audio pairs by stem in the same folder:
``episode.vtt`` ↔ ``episode.wav`` / ``.mp3`` / ``.m4a`` …, and ``episode.en.vtt`` ↔
``episode.mp3`` when there is no ``episode.en.*`` audio.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from ..errors import UsageError

CAPTION_SUFFIXES = (".vtt", ".srt")
AUDIO_SUFFIXES = (".wav", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".flac", ".mp4", ".mkv",
                  ".webm", ".mov")
_GLOB_CHARS = set("*?[")


def find_captions(paths: Iterable[str]) -> list[Path]:
    """Every caption file the arguments name, in order, without duplicates."""
    found: dict[Path, None] = {}
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if _is_caption(p, path))
            if not matches:
                raise UsageError(f"no .vtt or .srt files in folder {arg}")
        elif path.exists():
            matches = [path]
        elif _GLOB_CHARS & set(arg):
            matches = sorted(Path(p) for p in glob.glob(arg, recursive=True)
                             if Path(p).suffix.lower() in CAPTION_SUFFIXES and Path(p).is_file())
            if not matches:
                raise UsageError(f"no .vtt or .srt files match {arg}")
        else:
            raise UsageError(f"no such file or folder: {arg}")
        found.update(dict.fromkeys(matches))
    return list(found)


def _is_caption(path: Path, root: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(root).parts[:-1])
    return path.suffix.lower() in CAPTION_SUFFIXES and path.is_file() and not hidden


def paired_audio(caption: Path) -> Path | None:
    """The audio file beside ``caption`` with the same stem (see the module doc), if any."""
    folder = caption.parent
    stems = [caption.stem]
    if "." in caption.stem:
        stems.append(caption.stem.split(".")[0])
    try:
        siblings = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    except OSError:
        return None
    for stem in stems:
        for suffix in AUDIO_SUFFIXES:
            match = siblings.get(f"{stem}{suffix}".lower())
            if match:
                return match
    return None
