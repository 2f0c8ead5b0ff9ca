"""Stage ``align``: every transcript word gets a start and an end in the audio.

Two engines, each for what it is good at (DESIGN.md): Whisper finds *where* the words are
(robust to noise and long audio, guided by the turn timestamps), then pocketsphinx finds
*exact* word boundaries inside each stretch between pauses. Usage::

    alignment = align(read_transcript("ep.txt"), load_audio("ep.mp3"))
"""

from __future__ import annotations

from collections.abc import Callable

from ..audio import Audio, speech_frames
from ..model import Alignment, Discrepancy, Transcript, Word, words_of
from .chunks import plan_chunks
from .discrepancy import resolve, suspicious_regions
from .normalize import spoken_tokens
from .plan import expected_starts, trusted_anchors
from .precise import Refined, refine_chunks
from .refine import confidence, interpolate, judge, monotonic, snap_to_speech, within
from .sphinx import SphinxAligner
from .whisper import WhisperAligner
from .windows import Placed, place_words

__all__ = ["SphinxAligner", "WhisperAligner", "align"]


def align(
    transcript: Transcript,
    audio: Audio,
    aligner: WhisperAligner | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    sphinx: SphinxAligner | None = None,
    precise: bool = True,
) -> Alignment:
    """Force-align every word of ``transcript`` to ``audio``; none is ever dropped.

    ``progress`` is called with the number of words finished, twice per word in all (once
    per stage). ``precise=False`` keeps the Whisper stage's times only.
    """
    aligner = aligner or WhisperAligner()
    items = words_of(transcript)
    words = [w for w, _, _ in items]
    turns = [t for _, _, t in items]
    duration = audio.duration_ms
    anchors, warnings = trusted_anchors(transcript, duration)
    if not words:
        return Alignment([], transcript, duration, warnings)
    speech = speech_frames(audio)
    discrepancies: list[Discrepancy] = []
    expected = expected_starts(transcript, anchors, duration)
    placed = place_words(audio, words, expected, turns, anchors, aligner, progress)
    placed = monotonic(snap_to_speech(monotonic(placed), speech))
    if precise:
        sphinx = sphinx or SphinxAligner()
        tokens = [spoken_tokens(w) for w in words]
        chunks = plan_chunks(placed, speech, turns, duration)
        refined = refine_chunks(audio, chunks, placed, tokens, speech, sphinx, progress)
        for region in suspicious_regions(refined, words, speech, duration):
            discrepancies += resolve(
                region, audio, words, tokens, refined, speech, aligner, sphinx
            )
    else:
        refined = [Refined(p.start, p.end, "whisper") for p in placed]
    final = monotonic(
        [
            Placed(r.start, r.end, confidence(r, p, precise))
            for r, p in zip(refined, placed, strict=True)
        ]
    )
    ok = [
        r.engine == "sphinx" or (good and r.engine != "none")
        for good, r in zip(judge(final), refined, strict=True)
    ]
    cut = {
        d.first_word + k
        for d in discrepancies
        if d.kind == "not_in_audio" and d.first_word is not None
        for k in range(d.word_count)
    }
    # Words nobody says keep their zero-length place: cut text takes no screen time.
    keep = [good or i in cut for i, good in enumerate(ok)]
    final = within(monotonic(interpolate(final, keep, words, duration)), duration)
    unaligned = ok.count(False)
    if unaligned:
        warnings.append(f"{unaligned} of {len(words)} words could not be aligned; interpolated")
    out = [
        Word(w, speaker, p.start, p.end, turn, round(p.probability, 3), good)
        for (w, speaker, turn), p, good in zip(items, final, ok, strict=True)
    ]
    return Alignment(out, transcript, duration, warnings, discrepancies)
