"""Read a WebVTT or SRT file into raw cues that keep their line numbers and exact text.

Unlike the transcript reader, this one is tolerant: a file with a bad timestamp, a stray line
or a missing header is still read (times are parsed leniently where possible), because the
point of ``check`` is to report every such problem with its line, not to stop at the first.
Only a file that cannot be read as text is an error (exit 2).

>>> f = parse_caption_text("WEBVTT\\n\\nNOTE captionkit: ignore CK301\\n\\nintro\\n"
...                        "00:01.000 --> 00:02.500 align:start\\n<v Ann>Hello\\n", "a.vtt")
>>> cue = f.cues[0]
>>> (cue.ident, cue.timing_line, cue.start, cue.end, cue.text, sorted(cue.ignore))
('intro', 6, 1000, 2500, ('<v Ann>Hello',), ['CK301'])
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..transcript.timecodes import TimestampError, parse_timestamp
from .decoding import CaptionReadError, Decoded, decode_caption

TIMING = re.compile(r"^\s*(?P<start>\S+?)\s*-->\s*(?P<end>[^\s]+)(?P<settings>.*)$")
_NOTE = re.compile(r"NOTE(?:[ \t]|$)")
_BLOCK_KEYWORD = re.compile(r"(?:STYLE|REGION)[ \t]*$")
_SUPPRESS = re.compile(r"captionkit:\s*(ignore-file|ignore)\b[\s:]*([A-Za-z0-9, \t]*)")
_CODE = re.compile(r"[A-Za-z]+\d*")


@dataclass(frozen=True)
class RawCue:
    """A cue exactly as written, with where each part is."""

    index: int
    timing_line: int
    start_text: str
    end_text: str
    settings: str
    start: int | None
    """Milliseconds, parsed leniently; ``None`` when the timestamp cannot be read at all."""
    end: int | None
    text: tuple[str, ...]
    ident: str | None = None
    """The WebVTT cue identifier, or the SRT cue number, as written."""
    ident_line: int | None = None
    ignore: frozenset[str] = frozenset()
    """Codes a ``NOTE captionkit: ignore …`` comment just before the cue suppresses."""

    @property
    def text_line(self) -> int:
        return self.timing_line + 1


@dataclass
class CaptionFile:
    """A whole caption file: raw cues plus what lies outside them."""

    path: str
    kind: str
    """``"vtt"`` or ``"srt"``."""
    lines: list[str]
    decoded: Decoded = field(default_factory=lambda: Decoded(""))
    header_ok: bool = True
    """WebVTT: the first line is ``WEBVTT`` (always true for SRT)."""
    cues: list[RawCue] = field(default_factory=list)
    stray: list[tuple[int, str]] = field(default_factory=list)
    """``(line, text)`` of blocks that are neither a cue nor a comment: players drop them."""
    file_ignore: frozenset[str] = frozenset()
    """Codes a ``NOTE captionkit: ignore-file …`` comment suppresses in the whole file."""
    suppressions: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    """``(line, codes)`` of every suppression comment, so unknown codes can be reported."""


def kind_of(path: str | os.PathLike[str], text: str = "") -> str:
    """``"vtt"`` or ``"srt"``: by extension, else by a ``WEBVTT`` first line.

    >>> kind_of("a.SRT"), kind_of("a.txt", "WEBVTT\\n"), kind_of("a.txt", "1\\n")
    ('srt', 'vtt', 'srt')
    """
    suffix = Path(path).suffix.lower()
    if suffix in (".vtt", ".srt"):
        return suffix[1:]
    return "vtt" if text.lstrip("\ufeff").startswith("WEBVTT") else "srt"


def read_caption_file(path: str | os.PathLike[str]) -> CaptionFile:
    """Read and parse the caption file at ``path``; ``CaptionReadError`` if it is unreadable."""
    name = os.fspath(path)
    try:
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise CaptionReadError("file not found", path=name) from None
    except IsADirectoryError:
        raise CaptionReadError("is a directory, not a caption file", path=name) from None
    except OSError as error:
        raise CaptionReadError(f"cannot read the file: {error.strerror}", path=name) from None
    decoded = decode_caption(data, name)
    return parse_caption_text(decoded.text, name, decoded=decoded)


def parse_caption_text(text: str, path: str, *, decoded: Decoded | None = None) -> CaptionFile:
    """Parse caption ``text`` (the file's kind comes from ``path``, or from the content)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kind = kind_of(path, text)
    result = CaptionFile(path, kind, lines, decoded or Decoded(text))
    blocks = list(_blocks(lines))
    if kind == "vtt":
        result.header_ok = bool(re.match(r"WEBVTT(?:[ \t]|$)", lines[0] if lines else ""))
        if result.header_ok and blocks:
            first, header = blocks.pop(0)  # WEBVTT and its metadata lines
            # A cue right under the header, with no blank line between, is lost to players.
            result.stray += [(first + i, line) for i, line in enumerate(header) if "-->" in line]
    pending: set[str] = set()
    file_ignore: set[str] = set()
    for first, block in blocks:
        if kind == "vtt" and _NOTE.match(block[0]):
            for offset, line in enumerate(block):
                for scope, codes in _suppressions(line):
                    (file_ignore if scope == "ignore-file" else pending).update(codes)
                    result.suppressions.append((first + offset, codes))
            continue
        if kind == "vtt" and _BLOCK_KEYWORD.match(block[0]):
            continue
        cue = _cue(block, first, len(result.cues), kind, frozenset(pending))
        if cue is None:
            result.stray.append((first, block[0]))
            continue
        result.cues.append(cue)
        pending = set()
    result.file_ignore = frozenset(file_ignore)
    return result


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """``(first line number, lines)`` of each run of non-blank lines."""
    block: list[str] = []
    first = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                first = number
            block.append(line)
        elif block:
            yield first, block
            block = []
    if block:
        yield first, block


def _suppressions(line: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    for match in _SUPPRESS.finditer(line):
        codes = tuple(code.upper() for code in _CODE.findall(match[2]))
        if codes:
            yield match[1], codes


def _cue(block: list[str], first: int, index: int, kind: str, ignore: frozenset[str]
         ) -> RawCue | None:
    """The cue in ``block``, or ``None`` when the block has no timing line where one belongs."""
    if "-->" in block[0]:
        at, ident = 0, None
    elif len(block) > 1 and "-->" in block[1]:
        at, ident = 1, block[0].strip()
    else:
        return None
    match = TIMING.match(block[at])
    if not match:
        return None
    return RawCue(
        index=index,
        timing_line=first + at,
        start_text=match["start"],
        end_text=match["end"],
        settings=match["settings"].strip(),
        start=lenient_ms(match["start"]),
        end=lenient_ms(match["end"]),
        text=tuple(block[at + 1:]),
        ident=ident,
        ident_line=first if ident is not None else None,
        ignore=ignore,
    )


def lenient_ms(written: str) -> int | None:
    """Milliseconds for any readable timestamp (``1:02.5``, ``00:00:01,000``), else ``None``.

    >>> lenient_ms("00:00:01,5"), lenient_ms("01:02.250"), lenient_ms("1.5s")
    (1500, 62250, None)
    """
    try:
        return parse_timestamp(written)
    except (TimestampError, ValueError):
        return None


__all__ = ["CaptionFile", "CaptionReadError", "RawCue", "kind_of", "lenient_ms",
           "parse_caption_text", "read_caption_file"]
