"""The cue as the rules see it: times, the lines a viewer sees, and who speaks.

Rules run on ``CheckCue`` so the same rule checks a file read from disk and the cues the
segmenter made in memory (``from_model``).

>>> from captionkit.model import Cue
>>> c = from_model(Cue(0, 2000, "Ann", ("Hello there,", "my friend.")), index=4)
>>> c.chars, c.speakers, c.duration
(23, ('Ann',), 2000)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Cue


@dataclass(frozen=True)
class CheckCue:
    """One cue, reduced to what the rules need."""

    index: int
    """0-based position of the cue in its file."""
    start: int
    end: int
    lines: tuple[str, ...]
    """The lines as displayed: markup removed, entities decoded, an SRT ``Name:`` label kept."""
    speech: str
    """The words of the cue (no markup, speaker label or dialogue dash), for reading speed."""
    speakers: tuple[str, ...] = ()
    """Named speakers in order of appearance (empty when the cue names nobody)."""
    dialogue_lines: int = 0
    """How many lines start with a dialogue dash ("-"), the mark of two people in one cue."""
    line: int | None = None
    """1-based line of the cue's timing line in its file."""

    @property
    def duration(self) -> int:
        return self.end - self.start

    @property
    def chars(self) -> int:
        """Characters a viewer reads: spaces and punctuation count, tags and labels do not."""
        return len(self.speech)

    @property
    def dashed(self) -> bool:
        """Every line is a dialogue line ("-Hi." / "-Hello."), so several voices are allowed."""
        return len(self.lines) > 1 and self.dialogue_lines == len(self.lines)


def from_model(cue: Cue, index: int) -> CheckCue:
    """A segmenter ``Cue`` as the rules see it (a dash cue's lines shown with their "-").

    >>> c = from_model(Cue(0, 1500, "Ann", ("Yes?",), second_speaker=None), 0)
    >>> d = from_model(Cue(0, 1500, "Ann", ("Tea?", "Please."), second_speaker="Bob"), 1)
    >>> (c.dashed, d.dashed, d.lines, d.speech, d.speakers)
    (False, True, ('-Tea?', '-Please.'), 'Tea? Please.', ('Ann', 'Bob'))
    """
    dash = cue.second_speaker is not None
    speakers = cue.line_speakers
    return CheckCue(
        index=index,
        start=cue.start,
        end=cue.end,
        # The writers start each line of a two-speaker cue with "-": it is displayed.
        lines=tuple(f"-{line}" if dash else line for line in cue.lines),
        speech=" ".join(" ".join(cue.lines).split()),
        speakers=tuple(dict.fromkeys(s for s in speakers if s)),
        dialogue_lines=len(cue.lines) if dash else 0,
    )


def from_models(cues: Sequence[Cue]) -> list[CheckCue]:
    return [from_model(cue, i) for i, cue in enumerate(cues)]
