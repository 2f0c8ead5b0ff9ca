"""The plain data types that flow through the pipeline (see DESIGN.md).

read → ``Transcript``; align → ``Alignment`` of ``Word``; segment → list of ``Cue``.
Times are integer milliseconds everywhere inside captionkit; writers convert at the edge.

>>> t = Transcript(turns=[Turn(speaker="Ann", text="Hello there.", start=0, line=1)])
>>> t.speakers
['Ann']
>>> words_of(t)
[('Hello', 'Ann', 0), ('there.', 'Ann', 0)]
"""

from __future__ import annotations

from dataclasses import dataclass, field


def split_words(text: str) -> list[str]:
    """Split text into the written words captionkit keeps, one per whitespace-separated token.

    This is the one definition of "a word" that every stage and every test uses, so that
    "every word appears exactly once, in order" means the same thing everywhere.

    >>> split_words("  So — welcome,\\teverybody! ")
    ['So', '—', 'welcome,', 'everybody!']
    """
    return text.split()


@dataclass(frozen=True)
class Turn:
    """One speaker turn: who speaks, from when (a soft anchor, maybe unknown), and what."""

    speaker: str
    text: str
    start: int | None = None
    """Start in ms as written in the transcript; ``None`` when the format has no time."""
    end: int | None = None
    """End in ms when the source gives one (caption files); ``None`` otherwise."""
    line: int = 0
    """1-based line in the source file where the turn starts (0 when unknown)."""


@dataclass
class Transcript:
    """A whole transcript, as read from any input format."""

    turns: list[Turn]
    title: str | None = None
    description: str | None = None
    language: str | None = None
    source: str = "<transcript>"
    warnings: list[str] = field(default_factory=list)

    @property
    def speakers(self) -> list[str]:
        """Speakers in order of first appearance."""
        return list(dict.fromkeys(turn.speaker for turn in self.turns))

    @property
    def words(self) -> list[str]:
        """Every written word, in order."""
        return [w for turn in self.turns for w in split_words(turn.text)]


def words_of(transcript: Transcript) -> list[tuple[str, str, int]]:
    """``(word, speaker, turn_index)`` for every word of the transcript, in order."""
    return [
        (w, turn.speaker, i)
        for i, turn in enumerate(transcript.turns)
        for w in split_words(turn.text)
    ]


@dataclass(frozen=True)
class Word:
    """One transcript word placed in time."""

    text: str
    speaker: str
    start: int
    end: int
    turn: int = 0
    confidence: float = 0.0
    aligned: bool = True
    """False when the aligner could not place the word and its times were interpolated."""


@dataclass(frozen=True)
class Discrepancy:
    """A place where the transcript and the audio disagree.

    ``kind`` is ``"not_in_audio"`` (transcript words nobody says: words
    ``first_word``..``first_word + word_count - 1``, which take no screen time) or
    ``"not_in_transcript"`` (speech the transcript lacks; ``text`` is what Whisper heard).
    """

    kind: str
    start: int
    end: int
    text: str
    first_word: int | None = None
    word_count: int = 0


@dataclass
class Alignment:
    """Every word of a transcript with times, plus what the aligner noticed."""

    words: list[Word]
    transcript: Transcript
    duration: int
    """Audio length in ms."""
    warnings: list[str] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    discrepancies_checked: bool = True
    """False when the aligner did not look for cut or added speech (Whisper-only times)."""


@dataclass(frozen=True)
class Cue:
    """One caption on screen: a speaker's words laid out in lines."""

    start: int
    end: int
    speaker: str
    lines: tuple[str, ...]
    first_word: int = 0
    """Index into ``Alignment.words`` of the cue's first word."""
    word_count: int = 0
    second_speaker: str | None = None
    """Set on a two-speaker dash cue (a very short exchange): ``lines[0]`` holds ``speaker``'s
    words and ``lines[1]`` this speaker's; writers start each line with "-"."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def line_speakers(self) -> tuple[str, ...]:
        """Who speaks each line (the same speaker on every line unless a dash cue)."""
        if self.second_speaker is None:
            return (self.speaker,) * len(self.lines)
        return (self.speaker, self.second_speaker)
