"""Transcript readers: every input format becomes one ``Transcript`` (see ``model.py``).

Turn times are integer milliseconds and ``Turn.line`` is the 1-based source line of the
turn. Formats live one per module and are listed in ``FORMATS``.

>>> t = parse_transcript("Ann [00:00:02] Hello there.\\nBob [00:00:04] Hi.")
>>> [(turn.speaker, turn.start, turn.text) for turn in t.turns]
[('Ann', 2000, 'Hello there.'), ('Bob', 4000, 'Hi.')]
>>> parse_transcript("Hello.\\n\\nBye.", speaker="Host").speakers
['Host']
"""

from __future__ import annotations

import os
import re

from captionkit.errors import TranscriptError, UsageError
from captionkit.model import Transcript
from captionkit.transcript.anchors import distrust_backwards
from captionkit.transcript.decoding import decode
from captionkit.transcript.detect import detect_format, split_lines
from captionkit.transcript.registry import FORMATS

__all__ = ["FORMATS", "detect_format", "parse_transcript", "read_transcript"]

# Control characters that never occur in a text transcript (tab, LF, FF, CR do).
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _check_is_text(lines: list[str], source: str) -> None:
    for number, line in enumerate(lines, start=1):
        found = _BINARY.search(line)
        if found:
            byte = ord(found.group())
            hint = " (a UTF-16 file needs a byte-order mark)" if byte == 0 else ""
            raise TranscriptError(
                f"binary data (control byte 0x{byte:02x}, column {found.start() + 1}): "
                f"this is not a text transcript{hint}",
                path=source, line=number,
            )


def parse_transcript(
    text: str,
    *,
    source: str = "<transcript>",
    input_format: str | None = None,
    speaker: str = "Speaker",
) -> Transcript:
    """Parse transcript ``text`` in ``input_format`` (detected when ``None`` or ``"auto"``).

    ``source`` names the text in errors and warnings; ``speaker`` names the one speaker
    of formats without speaker labels. Raises ``TranscriptError`` for text that is not a
    transcript and ``UsageError`` for an unknown format name.
    """
    lines = split_lines(text)
    _check_is_text(lines, source)
    if not any(line.strip() for line in lines):
        raise TranscriptError("no transcript text found (the file is empty)", path=source, line=1)
    name = detect_format(text) if input_format in (None, "auto") else input_format.lower()
    if name not in FORMATS:
        choices = ", ".join(FORMATS)
        raise UsageError(f"unknown input format {input_format!r}; choose one of: {choices}")
    transcript = FORMATS[name].read(lines, source=source, speaker=speaker)
    transcript.turns, warnings = distrust_backwards(transcript.turns, source)
    transcript.warnings.extend(warnings)
    return transcript


def read_transcript(
    path: str | os.PathLike[str],
    *,
    input_format: str | None = None,
    speaker: str = "Speaker",
) -> Transcript:
    """Read and parse the transcript file at ``path``; see ``parse_transcript``.

    Any problem reading the file becomes a ``TranscriptError`` naming it, never a traceback.
    """
    source = os.fspath(path)
    try:
        with open(source, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        raise TranscriptError("file not found", path=source) from None
    except IsADirectoryError:
        raise TranscriptError("is a directory, not a transcript file", path=source) from None
    except PermissionError:
        raise TranscriptError("permission denied; cannot read the file", path=source) from None
    except OSError as error:
        raise TranscriptError(f"cannot read the file: {error.strerror}", path=source) from None
    text, warnings = decode(data, source)
    transcript = parse_transcript(text, source=source, input_format=input_format, speaker=speaker)
    transcript.warnings[:0] = warnings
    return transcript
