"""The podcast format: show notes, then ``Speaker Name [HH:MM:SS] text`` turns.

Optional title line, optional description paragraphs and an optional line ``Transcript``
come first; a turn's text may continue on the lines after it.

>>> t = read(["My Show", "Transcript", "Paul O’Neil [00:00:02] Hello", "and welcome.",
...           "Ann Lee [01:04] Hi."], source="t.txt", speaker="Speaker")
>>> t.title, [(turn.speaker, turn.start, turn.text) for turn in t.turns]
('My Show', [('Paul O’Neil', 2000, 'Hello and welcome.'), ('Ann Lee', 64000, 'Hi.')])
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from captionkit.model import Transcript
from captionkit.transcript.header import is_marker
from captionkit.transcript.speakers import clean_name, is_name_like, name_pattern
from captionkit.transcript.timecodes import TIMESTAMP
from captionkit.transcript.turns import Label, read_labelled_turns

NAME = "podcast"
EXAMPLE = "'Speaker Name [00:01:04] text'"

# The bracketed timestamp is what makes a line a turn, so names may be up to six words.
_TURN = re.compile(
    rf"\s*(?P<name>{name_pattern(6)})\s*(?P<written>\[(?P<ts>{TIMESTAMP})\])(?:\s+(?P<text>.*))?\s*"
)


def match_label(line: str) -> Label | None:
    """The turn started by ``line``, or ``None`` for header and continuation lines.

    >>> label = match_label("Fatima Khan-Shah [00:02:26] What an introduction")
    >>> label.speaker, label.timestamp, label.text
    ('Fatima Khan-Shah', '00:02:26', 'What an introduction')
    >>> match_label("and then [00:02:26] we met") is None  # a sentence, not a name
    True
    """
    match = _TURN.fullmatch(line)
    if not match or not is_name_like(match["name"], max_words=6):
        return None
    return Label(clean_name(match["name"]), match["ts"], match["written"], match["text"] or "")


def sniff(lines: Sequence[str]) -> bool:
    """A turn line with text on it, or show notes ending in ``Transcript`` and nothing after.

    The second case has no turns, so reading it reports "no turns" instead of
    treating the show notes as a plain transcript.
    """
    if any((label := match_label(line)) and label.text.strip() for line in lines):
        return True
    markers = [n for n, line in enumerate(lines) if is_marker(line)]
    return bool(markers) and not any(line.strip() for line in lines[markers[-1] + 1 :])


def read(lines: Sequence[str], *, source: str, speaker: str) -> Transcript:
    """Read podcast turns; ``speaker`` is unused because every turn names its speaker."""
    return read_labelled_turns(lines, match_label, source=source, example=EXAMPLE)
