"""What a speaker name looks like in a transcript, shared by the readers.

Names are letters (any script), digits, apostrophes (' and ’), hyphens, dots and single
spaces, starting with a letter: "Paul O’Neil", "Fatima Khan-Shah", "Dr. Ng", "Speaker 2".

>>> import re
>>> bool(re.fullmatch(name_pattern(4), "Paul O’Neil"))
True
>>> is_name_like("Fatima Khan-Shah"), is_name_like("note to self")
(True, False)
"""

from __future__ import annotations

_WORD = r"[\w’'.\-]+"


def name_pattern(max_words: int) -> str:
    """Regex source for a name of 1..``max_words`` words (no groups)."""
    return rf"[^\W\d_][\w’'.\-]*(?: {_WORD}){{0,{max_words - 1}}}"


def clean_name(name: str) -> str:
    """The name with runs of whitespace collapsed, so one speaker is always spelled one way."""
    return " ".join(name.split())


def is_name_like(name: str, max_words: int = 4) -> bool:
    """A short capitalised label, as opposed to the start of a sentence like "note to self"."""
    words = name.split()
    # Uncased scripts (e.g. CJK) have no capitals, so "not lowercase" is the test.
    return 0 < len(words) <= max_words and not name[0].islower()
