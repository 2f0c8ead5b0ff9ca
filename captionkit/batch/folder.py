"""Series discovery in a folder: audio and transcript files paired by stem, recursively.

``show/s1/ep01.mp3`` pairs with ``show/s1/ep01.txt`` (or ``.vtt``, ``.srt``, in that order of
preference). Hidden files and folders, and the batch's own output folder, are not searched.
An audio file with no transcript is still listed, as an episode that fails with a reason, so
a producer sees every episode that did not get captions.
"""

from __future__ import annotations

import os
from pathlib import Path

from .episode import Episode
from .paths import AUDIO_SUFFIXES, TRANSCRIPT_SUFFIXES, episode_key


def discover_folder(folder: Path, exclude: Path | None = None) -> tuple[list[Episode], list[str]]:
    """Episodes found under ``folder`` (sorted by key) and warnings about unpaired files."""
    root = folder.resolve()
    skip = exclude.resolve() if exclude else None
    episodes: list[Episode] = []
    warnings: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        # Pruning in place keeps os.walk out of hidden folders and the output folder.
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and (here / d).resolve() != skip
        )
        names = sorted(f for f in filenames if not f.startswith("."))
        by_stem: dict[str, dict[str, Path]] = {}
        for name in names:
            path = here / name
            by_stem.setdefault(path.stem, {})[path.suffix.lower()] = path
        for stem, files in by_stem.items():
            audio = [files[s] for s in sorted(files) if s in AUDIO_SUFFIXES]
            texts = [files[s] for s in TRANSCRIPT_SUFFIXES if s in files]
            if not audio:
                continue
            if len(audio) > 1:
                warnings.append(
                    f"{here / stem}: several audio files share this name"
                    f" ({', '.join(p.name for p in audio)}); using {audio[0].name}"
                )
            transcript = texts[0] if texts else None
            problem = None
            if transcript is None:
                wanted = ", ".join(stem + s for s in TRANSCRIPT_SUFFIXES)
                problem = f"{audio[0]}: no transcript found next to it (looked for {wanted})"
            episodes.append(
                Episode(
                    key=episode_key(audio[0], root),
                    audio=audio[0],
                    transcript=transcript,
                    problem=problem,
                )
            )
    return sorted(episodes, key=lambda e: e.key), warnings
