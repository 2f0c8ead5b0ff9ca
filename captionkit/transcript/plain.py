"""The plain format: text with no speaker labels; each paragraph becomes one turn.

>>> t = read(["Hello there,", "friends.", "", "", "Goodbye."], source="t.txt", speaker="Ann")
>>> [(turn.speaker, turn.text, turn.line) for turn in t.turns]
[('Ann', 'Hello there, friends.', 1), ('Ann', 'Goodbye.', 5)]
"""

from __future__ import annotations

from collections.abc import Sequence

from captionkit.model import Transcript, Turn

NAME = "plain"


def sniff(lines: Sequence[str]) -> bool:
    """Always true: plain is the fallback, so the registry lists it last."""
    return True


def read(lines: Sequence[str], *, source: str, speaker: str) -> Transcript:
    """One turn per blank-line-separated paragraph, all by ``speaker``, with no times."""
    turns: list[Turn] = []
    paragraph: list[str] = []
    first_line = 0
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            if not paragraph:
                first_line = number
            paragraph.append(line.strip())
        elif paragraph:
            turns.append(Turn(speaker=speaker, text=" ".join(paragraph), line=first_line))
            paragraph = []
    return Transcript(turns=turns, source=source)
