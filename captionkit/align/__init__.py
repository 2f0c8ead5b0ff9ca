"""Stage ``align``: every transcript word gets a start and an end in the audio.

Two engines, each for what it is good at (DESIGN.md): Whisper finds *where* the words are
(robust to noise and long audio, guided by the turn timestamps), then pocketsphinx finds
*exact* word boundaries inside each stretch between pauses. Usage::

    alignment = align(read_transcript("ep.txt"), load_audio("ep.mp3"))
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable

import numpy as np

from ..audio import Audio, frame_levels, sound_frames, speech_frames
from ..model import Alignment, Discrepancy, Transcript, Word, words_of
from ..sounds import sound_words
from ..wordclass import ends_sentence
from .chunks import plan_chunks
from .discrepancy import (
    report_sound,
    resolve,
    supersede,
    suspicious_regions,
    unexplained_sound,
)
from .normalize import spoken_readings, spoken_tokens
from .plan import expected_starts, trusted_anchors
from .pool import run_jobs
from .precise import Refined, refine_chunks
from .refine import (
    confidence,
    interpolate,
    judge,
    monotonic,
    snap_to_speech,
    typical_fit,
    untangle,
    within,
)
from .spans import SpanResult, align_span, fitting, make_job, plan_spans, settle_overlaps
from .sphinx import SOUND_TOKEN, SphinxAligner
from .split import split_long_spans
from .whisper import WhisperAligner
from .windows import Placed, place_words

__all__ = ["BOUNDARIES", "COARSE", "SphinxAligner", "WhisperAligner", "align"]

# How the words are first found: "auto" trusts the turn timestamps where the exact aligner
# confirms them and walks with Whisper elsewhere; "whisper" walks the whole audio with Whisper.
COARSE = ("auto", "whisper")
# Where the word boundaries come from: "exact" is pocketsphinx's forced alignment inside the
# placed stretches (about 10 ms); "whisper" keeps the Whisper walk's times (about 100 ms) and
# skips the exact stage and the discrepancy search that rests on it.
BOUNDARIES = ("exact", "whisper")
WHISPER_ONLY_WARNING = (
    "word boundaries from Whisper alone (--boundaries whisper): about a tenth of a second"
    " precise, and the transcript was not checked against the audio for cut or added speech"
)
PARALLEL_FROM_MS = 30_000  # shorter audio is done before forked workers would have started
MAX_JOB_MS = 600_000  # longer spans are not shipped to a worker (see align)
FRAME_MS = 10


def align(
    transcript: Transcript,
    audio: Audio,
    aligner: WhisperAligner | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    sphinx: SphinxAligner | None = None,
    precise: bool = True,
    coarse: str = "auto",
) -> Alignment:
    """Force-align every word of ``transcript`` to ``audio``; none is ever dropped.

    ``progress`` is called with the number of words finished, twice per word in all (once
    per stage). ``coarse="auto"`` aligns the stretches between turn timestamps exactly at once
    where the result can be trusted and walks the rest with Whisper; ``coarse="whisper"``
    walks everything with Whisper. ``precise=False`` keeps the Whisper walk's times only.
    """
    if coarse not in COARSE:
        raise ValueError(f"coarse must be one of {', '.join(COARSE)}")
    aligner = aligner or WhisperAligner()
    items = words_of(transcript)
    words = [w for w, _, _ in items]
    turns = [t for _, _, t in items]
    duration = audio.duration_ms
    anchors, warnings = trusted_anchors(transcript, duration)
    if not words:
        return Alignment([], transcript, duration, warnings)
    levels = frame_levels(audio)  # read once, for both kinds of frames
    speech = speech_frames(audio, levels=levels)
    discrepancies: list[Discrepancy] = []
    expected = expected_starts(transcript, anchors, duration)
    n = len(words)
    refined_at: list[Refined | None] = [None] * n
    placed_at: list[Placed | None] = [None] * n
    # Sound descriptions ("[laughs]") and bare punctuation are not said: no phones, and a
    # place between their neighbours. The exact aligner may give a description the noise
    # it describes (the model's noise phone), or nothing.
    sound = sound_words(words)
    tokens = [[] if s else spoken_tokens(w) for w, s in zip(words, sound, strict=True)]
    if precise:
        sphinx = sphinx or SphinxAligner()
        if coarse == "auto":
            readings = [
                [[SOUND_TOKEN], []] if s else spoken_readings(w)
                for w, s in zip(words, sound, strict=True)
            ]
            workers = _workers(aligner, duration)
            spans = split_long_spans(
                plan_spans(turns, anchors, duration), tokens, _sentence_ends(words, turns),
                audio, speech, aligner, workers,
            )
            # A job carries its span's samples to a worker; a very long span (a long turn, or
            # a transcript without timestamps) is walked here instead, reading the audio a
            # window at a time, so memory stays flat however long the recording.
            shipped = [span for span in spans if span.end_ms - span.start_ms <= MAX_JOB_MS]
            pieces = [
                piece
                for found in run_jobs(
                    shipped,
                    lambda span: make_job(span, readings, audio, speech),
                    sphinx,
                    workers,
                )
                for piece in found
            ]
            pieces += [
                piece
                for span in spans
                if span.end_ms - span.start_ms > MAX_JOB_MS
                for piece in align_span(audio, span, readings, speech, sphinx)
            ]
            trusted = fitting(pieces, [speaker for _, speaker, _ in items])
            for piece in settle_overlaps(sorted(trusted, key=lambda p: p.span.first)):
                _take_span(piece, refined_at, placed_at)
                if progress:
                    progress(2 * len(piece.times))
        for first, end in _runs(refined_at):
            lo = refined_at[first - 1].end if first > 0 else 0  # type: ignore[union-attr]
            hi = refined_at[end].start if end < n else duration  # type: ignore[union-attr]
            run_placed = place_words(
                audio, words[first:end], expected[first:end], turns[first:end], anchors,
                aligner, progress, floor_ms=lo,
            )
            run_placed = monotonic(snap_to_speech(monotonic(run_placed), speech))
            placed_at[first:end] = run_placed
            chunks = plan_chunks(run_placed, speech, turns[first:end], hi, start_ms=lo)
            run_refined = refine_chunks(
                audio, [c.shifted(first) for c in chunks], _filled(placed_at), tokens, speech,
                sphinx, progress,
            )
            refined_at[first:end] = run_refined[first:end]
        placed = _filled(placed_at)
        refined = [r for r in refined_at if r is not None]
        spoken = [" ".join(t) for t in tokens]
        sentence_end = _sentence_ends(words, turns)
        # Re-placing a region's words can leave a neighbour behind (a phrase that stays on
        # an ad break's first seconds while the rest of its sentence moves past the ad): a
        # second look finds the regions the first one opened up. Speech already reported as
        # missing from the transcript is not looked at again.
        seen: set[tuple[int, int]] = set()
        for _ in range(2):
            unexplained = _without(speech, [
                (d.start, d.end) for d in discrepancies if d.kind == "not_in_transcript"
            ])
            for region in suspicious_regions(
                refined, spoken, unexplained, duration, sentence_end
            ):
                if (region.first, region.end) in seen:
                    continue
                seen.add((region.first, region.end))
                found = resolve(region, audio, words, tokens, refined, speech, aligner, sphinx)
                discrepancies = supersede(discrepancies, found, region)
    else:
        warnings.append(WHISPER_ONLY_WARNING)
        placed = place_words(audio, words, expected, turns, anchors, aligner, progress)
        placed = monotonic(snap_to_speech(monotonic(placed), speech))
        refined = [Refined(p.start, p.end, "whisper") for p in placed]
    typical = typical_fit([r.score for r in refined if r.score is not None])
    final = monotonic(
        [
            Placed(r.start, r.end, confidence(r, p, precise, typical))
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
    final = within(untangle(monotonic(interpolate(final, keep, words, duration))), duration)
    if precise:
        covered = [(p.start, p.end) for p, good in zip(final, ok, strict=True) if good]
        covered += [(d.start, d.end) for d in discrepancies if d.kind == "not_in_transcript"]
        stretches = unexplained_sound(sound_frames(audio, levels=levels), covered)
        discrepancies = sorted(
            discrepancies + report_sound(stretches, audio, aligner), key=lambda d: d.start
        )
    unaligned = sum(not good and bool(t) for good, t in zip(ok, tokens, strict=True))
    if unaligned:
        warnings.append(f"{unaligned} of {len(words)} words could not be aligned; interpolated")
    out = [
        Word(w, speaker, p.start, p.end, turn, round(p.probability, 3), good)
        for (w, speaker, turn), p, good in zip(items, final, ok, strict=True)
    ]
    return Alignment(out, transcript, duration, warnings, discrepancies, precise)


def _sentence_ends(words: list[str], turns: list[int]) -> list[bool]:
    """Whether each word ends a sentence: closing punctuation, or the end of its turn."""
    return [
        ends_sentence(word) or i + 1 == len(words) or turns[i + 1] != turns[i]
        for i, word in enumerate(words)
    ]


def _workers(aligner: WhisperAligner, duration_ms: int) -> int:
    """Processes for the exact stage: the cores the caller gave the model, for long audio;
    one in a daemonic process (a Dask worker), which may not start processes of its own."""
    if duration_ms < PARALLEL_FROM_MS or multiprocessing.current_process().daemon:
        return 1
    return aligner.threads


def _take_span(
    result: SpanResult, refined_at: list[Refined | None], placed_at: list[Placed | None]
) -> None:
    """Record a trusted span's exact times; a word with no spoken tokens sits at its neighbour."""
    span = result.span
    previous = span.start_ms
    for k, (times, score) in enumerate(zip(result.times, result.scores, strict=True)):
        i = span.first + k
        if times is None:
            refined_at[i] = Refined(previous, previous, "none")
            placed_at[i] = Placed(previous, previous, 0.0)
            continue
        refined_at[i] = Refined(times[0], times[1], "sphinx", score)
        placed_at[i] = Placed(times[0], times[1], 1.0)
        previous = times[1]


def _without(frames: np.ndarray, stretches: list[tuple[int, int]]) -> np.ndarray:
    """Speech frames with the given stretches (ms) cleared."""
    if not stretches:
        return frames
    out = frames.copy()
    for a, b in stretches:
        out[a // FRAME_MS:b // FRAME_MS] = False
    return out


def _runs(refined_at: list[Refined | None]) -> list[tuple[int, int]]:
    """Maximal runs ``(first, end)`` of words that still have no times."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(refined_at)
    while i < n:
        if refined_at[i] is not None:
            i += 1
            continue
        j = i
        while j < n and refined_at[j] is None:
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _filled(placed_at: list[Placed | None]) -> list[Placed]:
    """Placements with any gap filled from the nearest earlier one (only read for lookups)."""
    out: list[Placed] = []
    last = Placed(0, 0, 0.0)
    for p in placed_at:
        last = p if p is not None else last
        out.append(last)
    return out
