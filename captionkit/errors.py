"""One exception family. Every error says where (file, line or time) and what is wrong.

The CLI prints ``str(error)`` on one line and exits with ``error.exit_code``.

>>> str(TranscriptError("timestamp 00:03:10 is earlier than the previous turn's 00:04:02",
...                     path="transcript.txt", line=14))
"transcript.txt:14: timestamp 00:03:10 is earlier than the previous turn's 00:04:02"
"""

from __future__ import annotations


class CaptionkitError(Exception):
    """Base of every error captionkit raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class TranscriptError(CaptionkitError):
    """The transcript file cannot be read or parsed."""


class AudioError(CaptionkitError):
    """The audio file cannot be decoded or has no usable sound."""


class ModelError(CaptionkitError):
    """The alignment model cannot be found or loaded."""


class UsageError(CaptionkitError):
    """Options that do not make sense together, or an unknown name."""


class OutputError(CaptionkitError):
    """An output file cannot be written."""
