"""Series manifests: ``series.toml`` or a CSV, listing each episode's audio and transcript.

TOML (every key but ``audio`` and ``transcript`` optional)::

    title = "Field Notes from the Estuary"
    language = "en"

    [aliases]                     # one person, one name in every episode
    "Mike West" = "Michael West"

    [[episodes]]
    audio = "audio/ep01.mp3"
    transcript = "text/ep01.txt"
    title = "Counting glass eels"
    media_url = "https://example.org/ep01.mp3"
    aliases = { "Mikey" = "Michael West" }

CSV: a header row with ``audio`` and ``transcript`` columns and optionally ``title``,
``language``, ``media_url`` and ``aliases`` (``Mike West=Michael West; Mikey=Michael West``).

Paths are relative to the manifest and may not leave its folder unless ``allow_outside``.
"""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .aliases import merge_aliases, resolve_aliases
from .episode import Episode
from .paths import RemoteURL, episode_key, resolve_local

EPISODE_KEYS = {"audio", "transcript", "title", "language", "media_url", "aliases"}
SERIES_KEYS = {"title", "language", "aliases", "episodes"}


class SeriesInfo:
    """What a manifest says about the whole series."""

    def __init__(self, title: str | None = None, language: str | None = None):
        self.title = title
        self.language = language


def _text(value: Any, what: str, source: str, line: int | None = None) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise UsageError(f"{what} must be text, not {type(value).__name__}", path=source, line=line)
    return value.strip() or None


def _episode(
    row: dict[str, Any],
    base: Path,
    info: SeriesInfo,
    series_aliases: tuple[tuple[str, str], ...],
    *,
    allow_outside: bool,
    source: str,
    where: str,
    line: int | None,
) -> Episode:
    unknown = sorted(set(row) - EPISODE_KEYS)
    if unknown:
        raise UsageError(
            f"{where}: unknown key {unknown[0]!r}; expected {', '.join(sorted(EPISODE_KEYS))}",
            path=source, line=line,
        )
    paths: dict[str, Path] = {}
    for name in ("audio", "transcript"):
        value = _text(row.get(name), f"{where}: {name}", source, line)
        if value is None:
            raise UsageError(f"{where}: missing {name!r}", path=source, line=line)
        try:
            paths[name] = resolve_local(
                base, value, allow_outside=allow_outside, source=source, line=line
            )
        except RemoteURL:
            raise UsageError(
                f"{where}: {name} {value!r} is a web address; batch reads local files"
                " (download it first)",
                path=source, line=line,
            ) from None
    aliases = row.get("aliases") or {}
    if isinstance(aliases, str):
        aliases = _parse_alias_text(aliases, source, line, where)
    if not isinstance(aliases, dict):
        raise UsageError(f"{where}: aliases must be a table of names", path=source, line=line)
    return Episode(
        key=episode_key(paths["audio"], base.resolve()),
        audio=paths["audio"],
        transcript=paths["transcript"],
        title=_text(row.get("title"), f"{where}: title", source, line),
        language=_text(row.get("language"), f"{where}: language", source, line) or info.language,
        media_url=_text(row.get("media_url"), f"{where}: media_url", source, line),
        aliases=merge_aliases(
            series_aliases, resolve_aliases(aliases, source), source=source
        ),
    )


def _parse_alias_text(text: str, source: str, line: int | None, where: str) -> dict[str, str]:
    """``"Mike West=Michael West; Mikey=Michael West"`` → a dict."""
    pairs = {}
    for item in filter(None, (part.strip() for part in text.split(";"))):
        alias, sep, name = item.partition("=")
        if not sep:
            raise UsageError(
                f"{where}: alias {item!r} needs the form 'Alias=Full Name'", path=source, line=line
            )
        pairs[alias.strip()] = name.strip()
    return pairs


def read_toml_manifest(
    path: Path, *, allow_outside: bool
) -> tuple[list[Episode], SeriesInfo]:
    """The episodes of a ``series.toml`` and the series' title and language."""
    source = str(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"invalid TOML: {exc}", path=source) from None
    except OSError as exc:
        raise UsageError(f"cannot read the manifest: {exc.strerror}", path=source) from None
    unknown = sorted(set(data) - SERIES_KEYS)
    if unknown:
        raise UsageError(
            f"unknown key {unknown[0]!r}; expected {', '.join(sorted(SERIES_KEYS))}", path=source
        )
    info = SeriesInfo(
        _text(data.get("title"), "title", source), _text(data.get("language"), "language", source)
    )
    series_aliases = data.get("aliases", {})
    if not isinstance(series_aliases, dict):
        raise UsageError("[aliases] must be a table of names", path=source)
    resolved = resolve_aliases(series_aliases, source)
    rows = data.get("episodes")
    if not isinstance(rows, list) or not rows:
        raise UsageError("no episodes: add [[episodes]] tables with audio and transcript",
                         path=source)
    episodes = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise UsageError(f"episodes[{number}] must be a table", path=source)
        episodes.append(
            _episode(row, path.parent, info, resolved, allow_outside=allow_outside,
                     source=source, where=f"episode {number}", line=None)
        )
    return episodes, info


def read_csv_manifest(path: Path, *, allow_outside: bool) -> tuple[list[Episode], SeriesInfo]:
    """The episodes of a CSV manifest (one row per episode, after a header row)."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError("the CSV manifest is not UTF-8 text", path=source) from None
    except OSError as exc:
        raise UsageError(f"cannot read the manifest: {exc.strerror}", path=source) from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [k for k in ("audio", "transcript") if k not in header]
    if missing:
        raise UsageError(
            f"the header row needs columns audio and transcript (missing {', '.join(missing)})",
            path=source, line=1,
        )
    reader.fieldnames = header
    info = SeriesInfo()
    episodes = []
    for row in reader:
        line = reader.line_num
        if None in row:
            raise UsageError("more fields than the header has", path=source, line=line)
        if not any((v or "").strip() for v in row.values()):
            continue
        cleaned = {k: (v or "").strip() for k, v in row.items() if k}
        episodes.append(
            _episode(cleaned, path.parent, info, (), allow_outside=allow_outside,
                     source=source, where="row", line=line)
        )
    if not episodes:
        raise UsageError("no episodes: the CSV has a header but no rows", path=source)
    return episodes, info
