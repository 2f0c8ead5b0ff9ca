"""Decide which written turn times can be trusted as alignment anchors.

A time earlier than the one before it is a typo or an edit left over, not a reason to
refuse the transcript: the turn keeps its words, loses its time, and the user gets a
warning that says where.

>>> from captionkit.model import Turn
>>> turns, warnings = distrust_backwards(
...     [Turn("A", "hi", start=242000, line=3), Turn("B", "yo", start=190000, line=14)],
...     "t.txt")
>>> turns[1].start is None
True
>>> print(warnings[0])
t.txt:14: timestamp 00:03:10 is earlier than the previous turn's 00:04:02; not used as an anchor
"""

from __future__ import annotations

from dataclasses import replace

from captionkit.model import Turn
from captionkit.transcript.timecodes import format_timestamp


def distrust_backwards(turns: list[Turn], source: str) -> tuple[list[Turn], list[str]]:
    """Return the turns with backwards starts set to ``None``, and one warning for each.

    A turn is compared with the last trusted start, so one bad time does not make the
    correct times after it look wrong too.
    """
    kept: list[Turn] = []
    warnings: list[str] = []
    last: int | None = None
    for turn in turns:
        if turn.start is not None and last is not None and turn.start < last:
            warnings.append(
                f"{source}:{turn.line}: timestamp {format_timestamp(turn.start)} is earlier than "
                f"the previous turn's {format_timestamp(last)}; not used as an anchor"
            )
            turn = replace(turn, start=None)
        elif turn.start is not None:
            last = turn.start
        kept.append(turn)
    return kept, warnings
