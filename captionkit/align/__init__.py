"""Stage ``align``: every transcript word gets a start and an end in the audio.

Usage: ``align(read_transcript("ep.txt"), load_audio("ep.mp3"))`` → ``Alignment``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..audio import Audio, speech_frames
from ..model import Alignment, Transcript, Word, words_of
from .plan import expected_starts, trusted_anchors
from .refine import interpolate, judge, monotonic, snap_to_speech
from .whisper import WhisperAligner
from .windows import place_words

__all__ = ["WhisperAligner", "align"]


def align(
    transcript: Transcript,
    audio: Audio,
    aligner: WhisperAligner | None = None,
    progress: Callable[[int], None] | None = None,
) -> Alignment:
    """Force-align every word of ``transcript`` to ``audio``; none is ever dropped."""
    aligner = aligner or WhisperAligner()
    items = words_of(transcript)
    words = [w for w, _, _ in items]
    duration = audio.duration_ms
    anchors, warnings = trusted_anchors(transcript, duration)
    if not words:
        return Alignment([], transcript, duration, warnings)
    expected = expected_starts(transcript, anchors, duration)
    placed = place_words(
        audio, words, expected, [t for _, _, t in items], anchors, aligner, progress
    )
    placed = monotonic(snap_to_speech(monotonic(placed), speech_frames(audio)))
    ok = judge(placed)
    placed = monotonic(interpolate(placed, ok, words, duration))
    unaligned = ok.count(False)
    if unaligned:
        warnings.append(f"{unaligned} of {len(words)} words could not be aligned; interpolated")
    out = [
        Word(w, speaker, p.start, p.end, turn, round(p.probability, 3), good)
        for (w, speaker, turn), p, good in zip(items, placed, ok, strict=True)
    ]
    return Alignment(out, transcript, duration, warnings)
