"""A podcast RSS feed on disk as a series: each item's enclosure and ``<podcast:transcript>``.

The feed's URLs must point at local files (relative to the feed, or ``file:`` URLs), as they
do in a feed being prepared for publication. An item whose audio or transcript is a web
address, or that has no usable transcript, becomes an episode that fails with that reason,
so the rest of the feed still runs.

Of several transcripts per item the first readable kind wins: plain text, then WebVTT, then
SRT (HTML and JSON transcripts are outputs, not inputs).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import UsageError
from .episode import Episode
from .manifest import SeriesInfo
from .paths import RemoteURL, episode_key, resolve_local

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
_TYPES = ("text/plain", "text/vtt", "application/x-subrip", "application/srt")


def _child_text(element: ET.Element, tag: str) -> str | None:
    found = element.find(tag)
    return found.text.strip() if found is not None and found.text and found.text.strip() else None


def read_rss(path: Path, *, allow_outside: bool) -> tuple[list[Episode], SeriesInfo]:
    """The episodes of the RSS feed at ``path``, in feed order, and the show's title/language."""
    source = str(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise UsageError(f"not a well-formed RSS feed: {exc.msg}", path=source, line=line) \
            from None
    except OSError as exc:
        raise UsageError(f"cannot read the feed: {exc.strerror}", path=source) from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise UsageError("not an RSS feed (no <rss><channel>)", path=source)
    info = SeriesInfo(_child_text(channel, "title"), _child_text(channel, "language"))
    base = path.parent
    episodes = []
    for number, item in enumerate(channel.findall("item"), start=1):
        title = _child_text(item, "title") or f"item {number}"
        enclosure = item.find("enclosure")
        url = enclosure.get("url", "").strip() if enclosure is not None else ""
        if not url:
            raise UsageError(f"item {number} ({title}) has no <enclosure url=…>", path=source)
        problem = None
        try:
            audio = resolve_local(base, url, allow_outside=allow_outside, source=source)
        except RemoteURL:
            audio = base / Path(url.rsplit("/", 1)[-1] or f"item{number}")
            problem = f"{source}: item {number}: the enclosure {url} is a web address; " \
                      "batch reads local files (download it first)"
        transcript, language, trouble = _pick_transcript(item, base, allow_outside, source)
        problem = problem or (trouble and f"{source}: item {number}: {trouble}")
        episodes.append(
            Episode(
                key=episode_key(audio, base.resolve()),
                audio=audio,
                transcript=transcript,
                title=title,
                language=language or info.language,
                media_url=url,
                problem=problem,
            )
        )
    if not episodes:
        raise UsageError("the feed has no <item> episodes", path=source)
    return episodes, info


def _pick_transcript(
    item: ET.Element, base: Path, allow_outside: bool, source: str
) -> tuple[Path | None, str | None, str | None]:
    """(path, language, problem) of the item's most readable ``<podcast:transcript>``."""
    entries = item.findall(f"{{{PODCAST_NS}}}transcript")
    usable = [e for e in entries if (e.get("type") or "").lower() in _TYPES and e.get("url")]
    if not usable:
        kinds = ", ".join(sorted({e.get("type") or "?" for e in entries})) or "none"
        return None, None, f"no plain-text, WebVTT or SRT <podcast:transcript> (found: {kinds})"
    best = min(usable, key=lambda e: _TYPES.index(e.get("type", "").lower()))
    url = best.get("url", "").strip()
    try:
        path = resolve_local(base, url, allow_outside=allow_outside, source=source)
    except RemoteURL:
        return None, None, f"the transcript {url} is a web address; batch reads local files"
    return path, best.get("language"), None
