"""Turn collection shared by the formats where a speaker label starts each turn.

A label line (``Ann [00:01:04] Hello`` or ``Ann:``) starts a turn; every following line up
to the next label continues it, joined with a space. Lines before the first label are the
header. Each format only says what a label line looks like.

>>> def label(line):
...     name, sep, text = line.partition(": ")
...     return Label(name, None, None, text) if sep else None
>>> header, turns = collect_turns(["Show", "Ann: Hi", "there.", "Bob: Yo"], label,
...                               source="t.txt", example="'Name: text'")
>>> header, [(t.speaker, t.text, t.line) for t in turns]
(['Show'], [('Ann', 'Hi there.', 2), ('Bob', 'Yo', 4)])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from captionkit.errors import TranscriptError
from captionkit.model import Transcript, Turn
from captionkit.transcript.header import header_parts
from captionkit.transcript.timecodes import TimestampError, parse_timestamp


@dataclass(frozen=True)
class Label:
    """What a label line says: who, when (as written), and any text on the same line."""

    speaker: str
    timestamp: str | None
    written: str | None
    """The timestamp as it appears in the file, brackets included, for error messages."""
    text: str


LabelMatcher = Callable[[str], "Label | None"]


def _start_of(label: Label, source: str, line: int) -> int | None:
    if label.timestamp is None:
        return None
    try:
        return parse_timestamp(label.timestamp)
    except TimestampError as error:
        message = f"timestamp {label.written}: {error}"
        raise TranscriptError(message, path=source, line=line) from None


def collect_turns(
    lines: Sequence[str], match: LabelMatcher, *, source: str, example: str
) -> tuple[list[str], list[Turn]]:
    """Split ``lines`` into header lines and turns; raise on a turn without words.

    ``example`` shows the expected label in the error for a speaker line with no text.
    """
    header: list[str] = []
    turns: list[Turn] = []
    open_turn: tuple[Label, int, int | None, list[str]] | None = None

    def close(next_line: int | None) -> None:
        assert open_turn is not None
        label, line, start, parts = open_turn
        text = " ".join(parts)
        if not text.split():
            where = (f"before the next turn at line {next_line}" if next_line
                     else "and nothing follows it in the file")
            raise TranscriptError(
                f"the turn of {label.speaker} has no text {where}; "
                f"write its words after the label, like {example}, or remove the line",
                path=source, line=line,
            )
        turns.append(Turn(speaker=label.speaker, text=text, start=start, line=line))

    for number, line in enumerate(lines, start=1):
        label = match(line)
        if label is not None:
            if open_turn is not None:
                close(number)
            start = _start_of(label, source, number)
            open_turn = (label, number, start, [label.text.strip()] if label.text.strip() else [])
        elif open_turn is None:
            header.append(line)
        elif line.strip():
            open_turn[3].append(line.strip())
    if open_turn is not None:
        close(None)
    return header, turns


def read_labelled_turns(
    lines: Sequence[str], match: LabelMatcher, *, source: str, example: str
) -> Transcript:
    """A ``Transcript`` from label-started turns, with the header as title and description."""
    header, turns = collect_turns(lines, match, source=source, example=example)
    title, description = header_parts(header)
    if not turns:
        first = next((n for n, line in enumerate(lines, start=1) if line.strip()), 1)
        what = f"a title ({title!r}) but no turns" if title else "no turns"
        raise TranscriptError(
            f"found {what}; expected turn lines like {example}", path=source, line=first
        )
    return Transcript(turns=turns, title=title, description=description, source=source)
