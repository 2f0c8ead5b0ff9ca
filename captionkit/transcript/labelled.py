"""The labelled format: ``Name: text`` lines, or a ``Name (00:01:04):`` line above paragraphs.

Accepted labels (a name is at most four words and starts with a capital)::

    Ann: text                  Ann (00:01:04): text      Ann [01:04]: text
    Ann:                       Ann (00:01:04)            Ann [01:04]
    Ann<two+ spaces or tab>01:04

A label alone on its line starts a turn whose text is the paragraphs below it.

>>> t = read(["Ann (00:00:05):", "Hello there.", "", "Welcome.", "Bob: Thanks!"],
...          source="t.txt", speaker="Speaker")
>>> [(turn.speaker, turn.start, turn.text) for turn in t.turns]
[('Ann', 5000, 'Hello there. Welcome.'), ('Bob', None, 'Thanks!')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from captionkit.model import Transcript
from captionkit.transcript.speakers import clean_name, is_name_like, name_pattern
from captionkit.transcript.timecodes import TIMESTAMP
from captionkit.transcript.turns import Label, read_labelled_turns

NAME = "labelled"
EXAMPLE = "'Name: text' or 'Name (00:01:04):'"

_NAME = name_pattern(4)
_STAMP = rf"(?P<written>\((?P<pts>{TIMESTAMP})\)|\[(?P<bts>{TIMESTAMP})\])"
_PATTERNS = (
    # "Ann: text", "Ann (00:01:04): text", "Ann:" — a space after the colon keeps "http://x" out.
    re.compile(rf"\s*(?P<name>{_NAME})(?:\s*{_STAMP})?\s*:(?:\s+(?P<text>.*?))?\s*"),
    # "Ann (00:01:04)" or "Ann [01:04]" alone on its line.
    re.compile(rf"\s*(?P<name>{_NAME})\s*{_STAMP}\s*"),
    # "Ann  01:04" / "Ann\t01:04": the wide gap is what separates name from time.
    re.compile(rf"\s*(?P<name>{_NAME})(?:[ ]*\t\s*|[ ]{{2,}})(?P<written>(?P<sts>{TIMESTAMP}))\s*"),
)


def match_label(line: str) -> Label | None:
    """The turn started by ``line``, or ``None`` for header and continuation lines.

    >>> match_label("Ann Lee  01:04")
    Label(speaker='Ann Lee', timestamp='01:04', written='01:04', text='')
    >>> match_label("Note: this matters")
    Label(speaker='Note', timestamp=None, written=None, text='this matters')
    """
    for pattern in _PATTERNS:
        match = pattern.fullmatch(line)
        # "so the point is:" starts a sentence; a label starts with a capital.
        if match and is_name_like(match["name"]):
            groups = match.groupdict()
            stamp = groups.get("pts") or groups.get("bts") or groups.get("sts")
            return Label(clean_name(match["name"]), stamp, groups.get("written"),
                         groups.get("text") or "")
    return None


def _paragraph_starts(lines: Sequence[str]) -> list[str]:
    return [line for i, line in enumerate(lines)
            if line.strip() and (i == 0 or not lines[i - 1].strip())]


def sniff(lines: Sequence[str]) -> bool:
    """Whether the text is labelled, without mistaking prose like "Note: this matters".

    A timestamped label is enough. ``Name:`` labels (short and capitalised) must name
    at least two speakers, and either a speaker comes back (dialogue) or labels start
    most paragraphs. A single-speaker labelled file needs ``input_format="labelled"``.
    """
    labels = [label for line in lines if (label := match_label(line))]
    if any(label.timestamp for label in labels):
        return True
    counts = Counter(label.speaker for label in labels)
    if len(counts) < 2:
        return False
    if max(counts.values()) >= 2:
        return True
    starts = _paragraph_starts(lines)
    labelled_starts = sum(1 for line in starts if match_label(line))
    return labelled_starts * 2 > len(starts)


def read(lines: Sequence[str], *, source: str, speaker: str) -> Transcript:
    """Read labelled turns; ``speaker`` is unused because every turn names its speaker."""
    return read_labelled_turns(lines, match_label, source=source, example=EXAMPLE)
