"""What a writer may need to know about the run beyond the cues: where the media is, whether it
is video, which sibling files are written next to it, and the language.

Only the HTML transcript uses it (its player, caption track and download links point at these
files); the other writers ignore it. Everything is checked when the context is built, before
any alignment work, so a bad ``--media-url`` or ``--language`` fails fast.

>>> ctx = OutputContext.for_run("media/ep one.mp3", "site", ["vtt", "html"], language="en-GB")
>>> ctx.media_href, ctx.video, ctx.language, ctx.files
('../media/ep%20one.mp3', False, 'en-GB', {'vtt': 'ep%20one.vtt'})
>>> OutputContext.for_run("ep.mp4", ".", ["html"], media_url="https://cdn.example.org/ep.mp4").media_origin
'https://cdn.example.org'
>>> OutputContext.for_run("ep.mp3", ".", ["html"], media_url="javascript:alert(1)")
Traceback (most recent call last):
...
captionkit.errors.UsageError: --media-url must be http(s) or a relative path: 'javascript:alert(1)'
"""

from __future__ import annotations

import mimetypes
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from ..errors import UsageError

# Sibling files the HTML page links to (and the VTT it uses as its caption track), by format.
LINKED_FORMATS = {"vtt": ".vtt", "srt": ".srt", "json": ".json"}

# Containers a browser plays as video; mimetypes alone misses some of them on minimal systems.
VIDEO_EXTENSIONS = {".mp4", ".m4v", ".mov", ".webm", ".mkv", ".ogv", ".avi"}

# A BCP 47 tag as the HTML lang attribute expects it: "en", "en-GB", "pt-BR", "zh-Hant-TW".
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
# host[:port] of an absolute media URL; anything else could break out of the CSP source list.
_NETLOC = re.compile(r"^[A-Za-z0-9.\-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")


@dataclass(frozen=True)
class OutputContext:
    """Facts about one run that a page-like output needs; ``None`` fields mean "not known"."""

    media_href: str | None = None
    """URL of the audio/video as the page should load it (relative to the page, or absolute)."""
    video: bool = False
    """True when the media is a video container, so the page uses ``<video>``."""
    language: str | None = None
    """BCP 47 language of the transcript, from ``--language``."""
    files: dict[str, str] = field(default_factory=dict)
    """Format name → URL-encoded file name of the sibling outputs written in the same run."""

    @property
    def media_origin(self) -> str | None:
        """``scheme://host[:port]`` of absolute media (the CSP must allow it), else None."""
        if not self.media_href:
            return None
        parts = urlsplit(self.media_href)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme else None

    @classmethod
    def for_run(
        cls,
        media_path: str | os.PathLike[str],
        outdir: str | os.PathLike[str],
        names: Iterable[str],
        *,
        media_url: str | None = None,
        language: str | None = None,
    ) -> OutputContext:
        """The context for writing ``names`` from ``media_path`` into ``outdir``.

        The media is referenced by ``media_url`` when given, else by its path relative to
        ``outdir``. Raises ``UsageError`` for a URL or language tag a page cannot safely use.
        """
        stem = Path(media_path).stem
        names = list(names)
        files = {n: quote(stem + ext) for n, ext in LINKED_FORMATS.items() if n in names}
        return cls(
            media_href=check_media_url(media_url) if media_url else _relative(media_path, outdir),
            video=is_video(media_path),  # the file itself; a URL may have no extension
            language=check_language(language) if language else None,
            files=files,
        )


def _relative(media_path: str | os.PathLike[str], outdir: str | os.PathLike[str]) -> str:
    """The media's path seen from the output folder, as a URL path (``/`` and %-escapes)."""
    rel = os.path.relpath(Path(media_path).resolve(), Path(outdir).resolve())
    return quote(Path(rel).as_posix())


def check_media_url(url: str) -> str:
    """``url`` when it is an http(s) URL or a relative reference; ``UsageError`` otherwise.

    >>> check_media_url("https://example.org/a b.mp3")
    'https://example.org/a%20b.mp3'
    >>> check_media_url("../audio/ep.mp3")
    '../audio/ep.mp3'
    """
    url = url.strip()
    parts = urlsplit(url)
    problem = not url or any(c in url for c in "\"'<>\\") or (
        parts.scheme not in ("", "http", "https")
    )
    if parts.scheme:
        problem = problem or not _NETLOC.match(parts.netloc)
    elif parts.netloc:  # "//host/path" borrows the page's scheme; ask for an explicit one
        problem = True
    if problem:
        raise UsageError(
            f"--media-url must be http(s) or a relative path: {url!r}"
        )
    # Escape only what a URL may not contain raw (spaces, non-ASCII); keep %, ?, # and / as given.
    return quote(url, safe=":/?#[]@!$&()*+,;=%~")


def check_language(tag: str) -> str:
    """A well-formed BCP 47 language tag, or ``UsageError``.

    >>> check_language("pt-BR")
    'pt-BR'
    >>> check_language("english please")
    Traceback (most recent call last):
    ...
    captionkit.errors.UsageError: --language must be a BCP 47 tag like en or en-GB: 'english please'
    """
    if not _LANGUAGE.match(tag):
        raise UsageError(f"--language must be a BCP 47 tag like en or en-GB: {tag!r}")
    return tag


def is_video(path: str | os.PathLike[str]) -> bool:
    """Whether a file name (or URL) looks like a video container.

    >>> is_video("talk.mp4"), is_video("https://x.org/ep.mp3?dl=1"), is_video("ep.webm")
    (True, False, True)
    """
    name = urlsplit(str(path)).path if "://" in str(path) else str(path)
    suffix = Path(name).suffix.lower()
    guessed = mimetypes.guess_type("x" + suffix)[0] or ""
    return suffix in VIDEO_EXTENSIONS or guessed.startswith("video/")
