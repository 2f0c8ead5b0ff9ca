"""Bytes of a transcript file → text, with the encoding guessed the way editors save files.

UTF-8 (with or without BOM) and UTF-16/UTF-32 with a BOM are read silently; anything else is
read as cp1252 (what Windows tools write) with a warning, because a wrong guess shows up as
odd accents and quotes, which a person should check.

>>> decode("Ann [00:01] Caf\\u00e9".encode("utf-16"), "t.txt")
('Ann [00:01] Café', [])
>>> decode(b"Caf\\xe9", "t.txt")[1]
['t.txt:1: not UTF-8 (byte 0xe9); read as cp1252 (Windows-1252), check accents and quotes']
"""

from __future__ import annotations

import codecs

from captionkit.errors import TranscriptError

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def _line_of(data: bytes, offset: int, encoding: str) -> int:
    """1-based line of the byte at ``offset`` (decoding the prefix leniently to count lines)."""
    return data[:offset].decode(encoding, errors="replace").count("\n") + 1


def decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode ``data`` and return ``(text, warnings)``; raise ``TranscriptError`` if it is not text.

    Line endings are left alone; ``parse_transcript`` normalises them.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError as error:
                line = _line_of(data, error.start, codec)
                raise TranscriptError(
                    f"starts with a {name} byte-order mark but is not valid {name} "
                    f"(bytes at offset {error.start}); save it again as UTF-8",
                    path=source, line=line,
                ) from None
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise TranscriptError(
            f"cannot decode byte 0x{byte:02x}: the file is not UTF-8, UTF-16 or cp1252 text "
            "(is it a binary file?)",
            path=source, line=_line_of(data, error.start, "cp1252"),
        ) from None
    byte = data[utf8_error.start]
    line = _line_of(data, utf8_error.start, "cp1252")
    warning = (
        f"{source}:{line}: not UTF-8 (byte 0x{byte:02x}); read as cp1252 (Windows-1252), "
        "check accents and quotes"
    )
    return text, [warning]
