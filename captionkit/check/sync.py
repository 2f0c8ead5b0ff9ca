"""Measure how far each cue sits from its speech: align the caption text against the audio.

The cues' words are force-aligned with captionkit's own aligner, with **no** time anchors taken
from the file: the measurement must not lean on the times it is measuring. Each cue's start is
then compared with its first word's onset and its end with its last word's end. A word the
aligner could not place (interpolated) measures nothing, so such a cue edge is left out.

>>> r = SyncReport([CueSync(0, 1000, 2000, 120, 300), CueSync(1, 3000, 4000, -40, 100),
...                 CueSync(2, None, None, None, None)], audio_ms=5000, words=6, unaligned=1)
>>> r.median_start_ms, r.p95_start_ms, [c.cue for c in r.worst(1)]
(40, 120, [0])
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from ..model import Transcript, Turn, split_words
from .cues import CheckCue

if TYPE_CHECKING:  # numpy and the aligner load only when a sync check runs
    from ..align import WhisperAligner
    from ..audio import Audio

_DASHES = {"-", "–", "—"}


@dataclass(frozen=True)
class CueSync:
    """One cue against its speech; offsets are cue time minus speech time (ms)."""

    cue: int
    speech_start: int | None
    speech_end: int | None
    start_offset: int | None
    """Positive: the cue appears after the first word is spoken (late)."""
    end_offset: int | None
    """Positive: the cue stays up after the last word ends."""


@dataclass
class SyncReport:
    cues: list[CueSync]
    audio_ms: int
    words: int
    unaligned: int

    @property
    def start_offsets(self) -> list[int]:
        return [c.start_offset for c in self.cues if c.start_offset is not None]

    @property
    def median_start_ms(self) -> int | None:
        """Whole-file drift: the median start offset (a systematic shift shows here)."""
        offsets = self.start_offsets
        return round(statistics.median(offsets)) if offsets else None

    @property
    def p95_start_ms(self) -> int | None:
        """95th percentile (nearest rank) of the absolute start offsets."""
        offsets = sorted(abs(o) for o in self.start_offsets)
        return offsets[math.ceil(0.95 * len(offsets)) - 1] if offsets else None

    @property
    def median_end_ms(self) -> int | None:
        offsets = [c.end_offset for c in self.cues if c.end_offset is not None]
        return round(statistics.median(offsets)) if offsets else None

    def worst(self, n: int = 5) -> list[CueSync]:
        """The ``n`` cues whose start is furthest from their speech."""
        measured = [c for c in self.cues if c.start_offset is not None]
        return sorted(measured, key=lambda c: (-abs(c.start_offset or 0), c.cue))[:n]

    def summary(self, n: int = 5) -> dict:
        """Plain numbers for reports."""
        return {
            "audio_ms": self.audio_ms,
            "cues_measured": len(self.start_offsets),
            "cues": len(self.cues),
            "words": self.words,
            "words_not_found": self.unaligned,
            "median_start_offset_ms": self.median_start_ms,
            "p95_abs_start_offset_ms": self.p95_start_ms,
            "median_end_offset_ms": self.median_end_ms,
            "worst": [asdict(c) for c in self.worst(n)],
        }


def cue_words(cue: CheckCue) -> list[str]:
    """The spoken words of a cue (a lone dialogue dash is not a word)."""
    return [w for w in split_words(cue.speech) if w not in _DASHES]


def measure_sync(
    cues: Sequence[CheckCue],
    audio: Audio,
    aligner: WhisperAligner | None = None,
    progress: Callable[[int], None] | None = None,
) -> SyncReport:
    """Align the cues' words to ``audio`` and measure every cue's start and end offset."""
    from ..align import align  # the aligner loads heavy libraries; only sync needs it

    spoken = [(cue, cue_words(cue)) for cue in cues]
    turns = [
        Turn(speaker=cue.speakers[0] if cue.speakers else "", text=" ".join(words),
             line=cue.line or 0)
        for cue, words in spoken if words
    ]
    transcript = Transcript(turns=turns, source=audio.source)
    alignment = align(transcript, audio, aligner, progress)
    words = iter(alignment.words)
    out: list[CueSync] = []
    for cue, text in spoken:
        placed = [next(words) for _ in text]
        if not placed:
            out.append(CueSync(cue.index, None, None, None, None))
            continue
        first, last = placed[0], placed[-1]
        start = first.start if first.aligned else None
        end = last.end if last.aligned else None
        out.append(CueSync(
            cue.index, start, end,
            cue.start - start if start is not None else None,
            cue.end - end if end is not None else None,
        ))
    unaligned = sum(not w.aligned for w in alignment.words)
    return SyncReport(out, audio.duration_ms, len(alignment.words), unaligned)
