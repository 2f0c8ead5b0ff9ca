"""Sound descriptions in a transcript's text: "[laughs]", "[door slams]", "<cough>".

Transcribers write what is heard but not said in brackets. They are kept in every output, as
written, but nobody says them: the aligner gives them no phones (forcing the sounds of the
word "laughs" onto a laugh, or "cough" onto a cough, misplaces the words around them) and
places them between their neighbours instead.

>>> sound_words("Well [both laugh] yes <cough> no".split())
[False, True, True, False, True, False]
>>> sound_words(["[unclosed", "bracket"])
[False, False]
"""

from __future__ import annotations

from collections.abc import Sequence

CLOSERS = {"[": "]", "<": ">"}
LONGEST = 6  # words in one description; an opening bracket with no close this near is text
TRAILING = ".,;:!?"


def sound_end(words: Sequence[str], i: int, longest: int = LONGEST) -> int | None:
    """Index of the word that closes a sound description opened at word ``i``, or None."""
    closer = CLOSERS.get(words[i][:1])
    if closer is None:
        return None
    for j in range(i, min(len(words), i + longest)):
        if words[j].rstrip(TRAILING).endswith(closer):
            return j
    return None


def sound_words(words: Sequence[str]) -> list[bool]:
    """Whether each word is part of a sound description."""
    out = [False] * len(words)
    i = 0
    while i < len(words):
        end = sound_end(words, i)
        if end is None:
            i += 1
            continue
        out[i : end + 1] = [True] * (end + 1 - i)
        i = end + 1
    return out
