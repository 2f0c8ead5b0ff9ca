"""SubRip (SRT) writer: numbered blocks, ``HH:MM:SS,mmm`` timings, a ``Name: `` label on the first
cue of every speaker turn (Podcasting 2.0).

SRT has no escaping, so text that could be read as structure is neutralised instead:

- a line of cue text is the cue's words joined by single spaces; words never hold whitespace
  (``split_words``), so text can hold neither a line break nor an empty line, the only thing that
  ends a block;
- every "-->" (the timing-line marker) in a word or a speaker name is written as "–>" (EN DASH
  U+2013 before the ">"), so no text line can be taken for a timing line. The replacement cannot
  create a new "-->". Only SRT changes the word; the VTT escapes it and the words file keeps it.

Other text is kept as written: ``<``, ``>`` and ``&`` mean nothing to SRT itself (some players
read ``<i>``-like tags; no escape exists for them).

>>> from captionkit.model import Alignment, Cue, Transcript
>>> cues = [Cue(0, 1500, "Ann", ("Hello -->",)), Cue(1600, 2500, "Ann", ("there",)),
...         Cue(2600, 3000, "Bob", ("Hi.",))]
>>> print(render(cues, Alignment([], Transcript(turns=[]), 3000)), end="")
1
00:00:00,000 --> 00:00:01,500
Ann: Hello –>
<BLANKLINE>
2
00:00:01,600 --> 00:00:02,500
there
<BLANKLINE>
3
00:00:02,600 --> 00:00:03,000
Bob: Hi.

A two-speaker dash cue starts each line with "-"; each line whose speaker is not the one
shown last has its label:

>>> dash = Cue(3100, 4000, "Bob", ("Yes.", "No."), second_speaker="Ann")
>>> print(render([dash], Alignment([], Transcript(turns=[]), 4000)), end="")
1
00:00:03,100 --> 00:00:04,000
-Bob: Yes.
-Ann: No.
"""

from __future__ import annotations

from ..model import Alignment, Cue
from . import vtt

EXTENSION = ".srt"
ARROW = "-->"
ARROW_REPLACEMENT = "\u2013>"


def neutralise(text: str) -> str:
    """Text that cannot be read as SRT structure: one line, no "-->".

    >>> neutralise("a--->b -->")
    'a-–>b –>'
    """
    return " ".join(text.split()).replace(ARROW, ARROW_REPLACEMENT)


def timestamp(ms: int) -> str:
    """``HH:MM:SS,mmm``.

    >>> timestamp(3_723_004)
    '01:02:03,004'
    """
    return vtt.timestamp(ms).replace(".", ",")  # the same clock, SRT's decimal comma


def _block(number: int, cue: Cue, shown: str | None) -> tuple[str, str | None]:
    """The cue's block, and the speaker shown last once it is on screen.

    A line gets the ``Name:`` label when its speaker differs from the one shown last (the
    segmenter reserves room for it). The two lines of a dash cue start with "-".
    """
    dashed = cue.second_speaker is not None
    lines = []
    for line, speaker in zip(cue.lines, cue.line_speakers, strict=True):
        text = neutralise(line)
        name = neutralise(speaker)
        if name and speaker != shown:
            text = f"{name}: {text}" if text else f"{name}:"
        if dashed:
            text = f"-{text}"
        if text:
            lines.append(text)
        shown = speaker
    timing = f"{timestamp(cue.start)} --> {timestamp(cue.end)}"
    return "\n".join([str(number), timing, *(lines or [""])]) + "\n", shown


def render(cues: list[Cue], alignment: Alignment) -> str:
    """The SRT file for these cues (``alignment`` is not needed here)."""
    blocks = []
    shown: str | None = None
    for number, cue in enumerate(cues, start=1):
        block, shown = _block(number, cue, shown)
        blocks.append(block)
    return "\n".join(blocks)
