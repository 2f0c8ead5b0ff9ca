"""Guess a transcript's format from its text.

>>> detect_format("Ann [00:00:01] Hello.\\nBob [00:00:03] Hi.")
'podcast'
>>> detect_format("Ann: Hello.\\nBob: Hi.")
'labelled'
>>> detect_format("Note: this matters.\\n\\nSome prose.\\n\\nMore prose.")
'plain'
>>> detect_format("1\\n00:00:01,000 --> 00:00:02,000\\nHello.")
'captions'
"""

from __future__ import annotations

from captionkit.transcript.registry import FORMATS


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` with CRLF and CR treated as LF and a leading BOM dropped.

    Only ``\\n`` splits, unlike ``str.splitlines``, so line numbers match what an editor shows.
    """
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def detect_format(text: str) -> str:
    """The name of the first format in ``FORMATS`` whose ``sniff`` accepts ``text``."""
    lines = split_lines(text)
    return next(name for name, reader in FORMATS.items() if reader.sniff(lines))
