"""Where a manifest's paths point, and the rule that they stay inside the manifest's folder.

A manifest from someone else must not make captionkit read ``/etc/passwd`` or ``../../secret``
unless the user says so (``--allow-outside``), so every path is resolved (symlinks too)
before it is compared with the manifest's folder.

>>> import tempfile
>>> base = Path(tempfile.mkdtemp())
>>> resolve_local(base, "a/ep.wav", allow_outside=False) == base.resolve() / "a/ep.wav"
True
>>> resolve_local(base, "../x.wav", allow_outside=False, source="s.toml")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
captionkit.errors.UsageError: s.toml: '../x.wav' is outside the manifest's folder; pass --allow-...
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from ..errors import UsageError

AUDIO_SUFFIXES = frozenset(
    {".wav", ".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".flac"}
    | {".mp4", ".m4v", ".mkv", ".webm", ".mov"}  # video: its audio track is captioned
)
# In the order a folder's transcripts are preferred when one stem has several.
TRANSCRIPT_SUFFIXES = (".txt", ".vtt", ".srt")


class RemoteURL(ValueError):
    """A manifest or feed points at a web address instead of a local file."""


def resolve_local(
    base: Path,
    value: str,
    *,
    allow_outside: bool,
    source: str | None = None,
    line: int | None = None,
) -> Path:
    """``value`` (a path or ``file:`` URL, relative to ``base``) as an absolute local path.

    Raises ``RemoteURL`` for http(s) and other non-file URLs, and ``UsageError`` when the
    path leaves ``base`` without ``allow_outside``.
    """
    text = value.strip()
    if not text:
        raise UsageError("empty path", path=source, line=line)
    parts = urlsplit(text)
    if len(parts.scheme) > 1:  # one letter is a Windows drive, not a scheme
        if parts.scheme != "file":
            raise RemoteURL(text)
        text = url2pathname(unquote(parts.path))
    root = base.resolve()
    path = (root / text).resolve()
    if not allow_outside and not path.is_relative_to(root):
        raise UsageError(
            f"{value!r} is outside the manifest's folder; pass --allow-outside to read it",
            path=source, line=line,
        )
    return path


def episode_key(path: Path, base: Path) -> str:
    """A stable ``/``-separated name for an episode: its audio path under ``base``, no suffix.

    Audio outside ``base`` (allowed with ``--allow-outside``) is keyed by its file stem.

    >>> episode_key(Path("/s/season1/ep01.mp3"), Path("/s"))
    'season1/ep01'
    >>> episode_key(Path("/elsewhere/ep02.mp3"), Path("/s"))
    'ep02'
    """
    try:
        rel = path.relative_to(base)
    except ValueError:
        return path.stem
    return str(PurePosixPath(*rel.parts).with_suffix(""))
