"""Bytes of a caption file → text, remembering what a player would trip over.

WebVTT must be UTF-8 and SRT is expected to be; anything else is still read (so every other
rule can run) but noted, and the rule ``CK108`` reports it. A file that is not text at all is
our own error (exit 2), never a traceback.

>>> decode_caption(b"WEBVTT\\n", "a.vtt").bom
False
>>> decode_caption("\\ufeff1\\n".encode(), "a.srt").bom
True
>>> decode_caption(b"1\\nCaf\\xe9\\n", "a.srt").problem
'not UTF-8 (byte 0xe9); read as cp1252 (Windows-1252)'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import CaptionkitError

_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Control characters that never occur in a caption file (tab, LF, FF, CR do).
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class CaptionReadError(CaptionkitError):
    """A caption file that cannot be read as text at all."""


@dataclass(frozen=True)
class Decoded:
    text: str
    bom: bool = False
    """The file starts with a UTF-8 byte-order mark."""
    problem: str | None = None
    """Why the encoding is wrong (``None`` for plain UTF-8)."""
    problem_line: int = 1


def decode_caption(data: bytes, path: str) -> Decoded:
    """Decode a caption file; raise ``CaptionReadError`` for binary data."""
    decoded = _decode(data, path)
    found = _BINARY.search(decoded.text)
    if found:
        line = decoded.text.count("\n", 0, found.start()) + 1
        raise CaptionReadError(
            f"binary data (control byte 0x{ord(found.group()):02x}): not a caption file",
            path=path, line=line,
        )
    return decoded


def _decode(data: bytes, path: str) -> Decoded:
    for bom, codec, name in _OTHER_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise CaptionReadError(
                    f"starts with a {name} byte-order mark but is not valid {name}", path=path
                ) from None
            return Decoded(text.lstrip("\ufeff"), problem=f"encoded as {name}, not UTF-8")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        return Decoded(body.decode("utf-8"), bom=bom)
    except UnicodeDecodeError as error:
        line = body[: error.start].count(b"\n") + 1
        byte = body[error.start]
    try:
        text = body.decode("cp1252")
    except UnicodeDecodeError:
        raise CaptionReadError(
            f"cannot decode byte 0x{byte:02x}: not UTF-8 or cp1252 text (is it binary?)",
            path=path, line=line,
        ) from None
    problem = f"not UTF-8 (byte 0x{byte:02x}); read as cp1252 (Windows-1252)"
    return Decoded(text, bom=bom, problem=problem, problem_line=line)
