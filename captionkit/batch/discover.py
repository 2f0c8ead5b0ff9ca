"""Turn ``captionkit batch SOURCE`` into a ``Series``: a folder, a manifest, or an RSS file.

A folder that holds a ``series.toml`` is read through that manifest; any other folder is
searched for audio/transcript pairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from .episode import Episode
from .folder import discover_folder
from .manifest import read_csv_manifest, read_toml_manifest
from .rss import read_rss


@dataclass
class Series:
    """Every episode of a batch, plus what the source says about the whole series."""

    source: Path
    episodes: list[Episode]
    title: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)


def _looks_like_rss(path: Path) -> bool:
    if path.suffix.lower() in (".rss", ".xml"):
        return True
    try:
        head = path.read_bytes()[:512].lstrip()
    except OSError:
        return False
    return head.startswith(b"<?xml") or head.startswith(b"<rss")


def discover(
    source: str | Path, *, outdir: str | Path | None = None, allow_outside: bool = False
) -> Series:
    """Find the episodes of ``source``; ``UsageError`` when it is none of the known kinds."""
    path = Path(source)
    if path.is_dir():
        manifest = path / "series.toml"
        if manifest.is_file():
            return discover(manifest, outdir=outdir, allow_outside=allow_outside)
        episodes, warnings = discover_folder(path, exclude=Path(outdir) if outdir else None)
        series = Series(path, episodes, title=path.resolve().name, warnings=warnings)
    elif not path.is_file():
        raise UsageError("no such file or folder", path=str(path))
    elif path.suffix.lower() == ".toml":
        episodes, info = read_toml_manifest(path, allow_outside=allow_outside)
        series = Series(path, episodes, info.title, info.language)
    elif path.suffix.lower() == ".csv":
        episodes, info = read_csv_manifest(path, allow_outside=allow_outside)
        series = Series(path, episodes, info.title, info.language)
    elif _looks_like_rss(path):
        episodes, info = read_rss(path, allow_outside=allow_outside)
        series = Series(path, episodes, info.title, info.language)
    else:
        raise UsageError(
            "SOURCE must be a folder, a series .toml or .csv manifest, or an RSS feed file",
            path=str(path),
        )
    if not series.episodes:
        raise UsageError("no episodes found (no audio files with a transcript)", path=str(path))
    _check_unique(series)
    return series


def _check_unique(series: Series) -> None:
    seen: dict[str, Episode] = {}
    for episode in series.episodes:
        other = seen.get(episode.key.casefold())
        if other is not None:
            raise UsageError(
                f"two episodes would write the same outputs '{episode.key}.*':"
                f" {other.audio} and {episode.audio}",
                path=str(series.source),
            )
        seen[episode.key.casefold()] = episode
