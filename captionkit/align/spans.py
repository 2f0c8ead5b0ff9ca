"""The fast path: exact alignment of whole turns, straight from the transcript's timestamps.

Most transcripts carry a timestamp on every turn, right to within a second or two. Then the
audio between two timestamps holds that stretch's words, plus at most a few words of the
turns on either side, and the exact aligner (pocketsphinx) can place every word at once,
without Whisper: the words before and after are offered as optional (``grammar``), so the
aligner itself finds where the stretch begins and ends. A stretch is only trusted when its
result looks like speech that matches the words; otherwise (a timestamp far off, an ad break,
music, a sentence cut from the audio) its words go to the robust path (Whisper, then the
exact aligner), which is slower but finds its own way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..audio import Audio
from .chunks import UNCOVERED_MS, pause_between, speech_ms, stretched
from .grammar import Graph, Readings
from .sphinx import SphinxAligner

FRAME_MS = 10
BEFORE_MS = 1_000  # a timestamp may be rounded to the nearest second or written a little late
AFTER_MS = 2_000  # the next turn's timestamp may be truncated and late
NEIGHBOURS = 12  # optional words offered on each side (about 4 s of speech)
LATE_MS = 2_000  # a turn's first word may start this long after its (truncated) timestamp
SQUEEZED_MS = 60  # words this short in a row were probably not said at all
SQUEEZED_RUN = 3
PIECE_WORDS = 40  # words one pass must place: the aligner's cost grows with the graph's size
LOOKAHEAD = 30  # optional words after them, for windows holding more speech than expected
SNAP_MS = 1_500
BACK_MS = 1_500  # how far a window opening inside a word may move back to a pause
TURN_SLACK_MS = 300  # the pause before a turn may run past its (truncated) timestamp
# Pieces of words where they were said fit pocketsphinx's en-US model within about 1 nat per
# frame of their speaker's best piece (-0.8 to -3.7 overall: real and synthesized voices,
# clean or in 20 dB noise); words forced onto other speech or music fit 1.7 to 5 nats worse.
FIT_MARGIN = 1.5
BAD_FIT = -4.5  # below this a piece is never trusted, whoever speaks
TAIL_MS = 2_000  # words ending this close to a window's end are aligned again by the next piece
CARRY_MS = 100  # the next piece's window opens this far inside the last kept word


@dataclass(frozen=True)
class Span:
    """Words ``first``..``end``-1, looked for in audio ``start_ms``..``end_ms``."""

    first: int
    end: int
    start_ms: int
    end_ms: int
    anchor_ms: int | None = None  # the first turn's written start, where there is one


@dataclass(frozen=True)
class SpanResult:
    """Exact times of a trusted span's words (``None`` for a word with no spoken tokens)."""

    span: Span
    times: list[tuple[int, int] | None]
    scores: list[float]  # acoustic score per frame of each word (0.0 for no tokens)
    fit: float  # acoustic score per frame over all the span's words (higher: a better fit)


def plan_spans(
    turn_of_word: list[int], anchors: dict[int, int], duration_ms: int
) -> list[Span]:
    """One span from each anchored turn to the next, and one for any words before the first.

    >>> for span in plan_spans([0, 0, 1, 2, 2], {1: 4_000, 2: 9_000}, 20_000):
    ...     print(span)
    Span(first=0, end=2, start_ms=0, end_ms=6000, anchor_ms=None)
    Span(first=2, end=3, start_ms=3000, end_ms=11000, anchor_ms=4000)
    Span(first=3, end=5, start_ms=8000, end_ms=20000, anchor_ms=9000)
    """
    starts = [
        i
        for i, turn in enumerate(turn_of_word)
        if (i == 0 or turn_of_word[i - 1] != turn) and turn in anchors
    ]
    spans = []
    if turn_of_word and (not starts or starts[0] > 0):
        # No timestamp says where these words are: the walk starts at the audio's start.
        end = starts[0] if starts else len(turn_of_word)
        end_ms = anchors[turn_of_word[end]] + AFTER_MS if starts else duration_ms
        spans.append(Span(0, end, 0, min(duration_ms, end_ms)))
    for k, first in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(turn_of_word)
        start_ms = max(0, anchors[turn_of_word[first]] - BEFORE_MS)
        end_ms = (
            min(duration_ms, anchors[turn_of_word[end]] + AFTER_MS)
            if end < len(turn_of_word)
            else duration_ms
        )
        if end_ms > start_ms:
            spans.append(Span(first, end, start_ms, end_ms, anchors[turn_of_word[first]]))
    return spans


def align_span(
    audio: Audio,
    span: Span,
    readings: list[Readings],
    speech: np.ndarray,
    sphinx: SphinxAligner,
) -> list[SpanResult]:
    """Exact times for a span's words, piece by piece, as far as they can be trusted.

    The aligner's cost grows with the number of words it is offered, so a long span is walked
    ``PIECE_WORDS`` at a time, each piece followed by ``LOOKAHEAD`` optional words so that the
    window may hold more speech than expected. Words ending near a window's end are aligned
    again with the next piece. The walk stops at the first piece that cannot be trusted; the
    words after it are left for the robust path.
    """
    results: list[SpanResult] = []
    pos, cursor = span.first, span.start_ms
    lead = readings[max(0, span.first - NEIGHBOURS):span.first]
    ms_per_char = (span.end_ms - span.start_ms) / max(1, _chars(readings[span.first:span.end]))
    while pos < span.end:
        if span.end - pos <= PIECE_WORDS + LOOKAHEAD:
            main_end, win_end = span.end, span.end_ms
            trail = readings[span.end:span.end + NEIGHBOURS]
        else:
            main_end = pos + PIECE_WORDS
            trail = readings[main_end:main_end + LOOKAHEAD]
            reach = _chars(readings[pos:main_end + LOOKAHEAD // 2]) * ms_per_char
            win_end = min(span.end_ms, cursor + int(reach))
            # A window ending inside a word can fail outright: end it in a pause if one is near.
            pause = pause_between(speech, win_end - SNAP_MS, min(span.end_ms, win_end + SNAP_MS))
            win_end = pause[0] if pause else win_end
        first = pos == span.first
        piece = _align_piece(
            audio, Span(pos, main_end, cursor, win_end, span.anchor_ms if first else None),
            lead, readings[pos:main_end], trail, speech, sphinx, last=win_end >= span.end_ms,
        )
        opened = _opened_in_pause(piece, cursor, span, speech) if first else None
        if opened is not None:
            cursor = opened
            piece = _align_piece(
                audio, Span(pos, main_end, cursor, win_end, span.anchor_ms), lead,
                readings[pos:main_end], trail, speech, sphinx, last=win_end >= span.end_ms,
            )
        if piece is None:
            break
        results.append(piece)
        if len(results) >= 2 and max(p.fit for p in results[-2:]) < BAD_FIT:
            break  # lost: two pieces running were forced onto sound that is not these words
        done = piece.span.end
        if done >= span.end:
            break
        # Carry on from just before the last word's end, offering that word again.
        last_end = max((t[1] for t in piece.times if t is not None), default=cursor)
        # The speaking rate so far in this span sizes the next window.
        ms_per_char = (last_end - span.start_ms) / max(1, _chars(readings[span.first:done]))
        lead = readings[done - 1:done]
        pos, cursor = done, max(cursor, last_end - CARRY_MS)
    return results


def _align_piece(
    audio: Audio,
    piece: Span,
    lead: list[Readings],
    main: list[Readings],
    trail: list[Readings],
    speech: np.ndarray,
    sphinx: SphinxAligner,
    last: bool,
) -> SpanResult | None:
    """Align one window; keep the words that end clear of its end (all of them if ``last``)."""
    # A window may begin or end inside a word said as several tokens ("ninety four").
    lead = [_with_ends(r, suffixes=True) for r in lead]
    trail = [_with_ends(r, suffixes=False) for r in trail]
    found = sphinx.align_graph(audio.slice(piece.start_ms, piece.end_ms), Graph(lead, main, trail))
    if found is None:
        return None
    parsed, tokens = found
    if lead and parsed.lead_used == len(lead) == NEIGHBOURS:
        return None  # every earlier word offered was heard: the window starts far too early
    if last and trail and parsed.trail_used == len(trail) == NEIGHBOURS:
        return None  # every later word offered was heard: the window ends far too late
    offset = piece.start_ms
    times: list[tuple[int, int] | None] = []
    scores: list[float] = []
    frames: list[int] = []
    for first, end in parsed.spans:
        if end > first:
            times.append((offset + tokens[first].start, offset + tokens[end - 1].end))
            counts = [max(1, (t.end - t.start) // FRAME_MS) for t in tokens[first:end]]
            total = sum(t.score * f for t, f in zip(tokens[first:end], counts, strict=True))
            scores.append(total / sum(counts))
            frames.append(sum(counts))
        else:
            times.append(None)
            scores.append(0.0)
            frames.append(0)
    if not last:
        keep = len(times)
        while keep and (times[keep - 1] is None or times[keep - 1][1] > piece.end_ms - TAIL_MS):
            keep -= 1
        times, scores, frames = times[:keep], scores[:keep], frames[:keep]
    if not times:
        return None
    start = next((t[0] for t in times if t is not None), None)
    if piece.anchor_ms is not None and start is not None and start > piece.anchor_ms + LATE_MS:
        return None  # the turn starts well after its timestamp: the timestamps are off
    heard = [(offset + t.start, offset + t.end) for t in tokens]
    end_ms = piece.end_ms if last else max(t[1] for t in times if t is not None)
    heard = [h for h in heard if h[0] < end_ms]
    kept = Span(piece.first, piece.first + len(times), piece.start_ms, end_ms)
    spoken = [" ".join(r[0]) if r else "" for r in main[:len(times)]]
    if not _trustworthy(times, spoken, heard, kept, speech):
        return None
    fit = sum(s * f for s, f in zip(scores, frames, strict=True)) / max(1, sum(frames))
    return SpanResult(kept, times, scores, fit)


def _opened_in_pause(
    piece: SpanResult | None, cursor: int, span: Span, speech: np.ndarray
) -> int | None:
    """Where to open a span's window again when its first word took a cut word's tail.

    A window opening inside a word (the previous turn's last one) can make the aligner hand
    that word's tail to the first word it is offered, which then starts on the window's very
    first frame. Opened in a pause just before (the cut word is offered as a neighbour) or
    else in the pause before the turn, the word is heard whole. ``None``: keep the window.
    """
    if piece is None or not speech[min(len(speech) - 1, cursor // FRAME_MS)]:
        return None
    start = next((t[0] for t in piece.times if t is not None), None)
    if start is None or start - cursor > FRAME_MS * 3:
        return None
    pause = pause_between(speech, cursor - BACK_MS, cursor)
    if pause is None and span.anchor_ms is not None:
        pause = pause_between(speech, cursor, span.anchor_ms + TURN_SLACK_MS)
    return pause[0] if pause else None


def fitting(pieces: list[SpanResult], speaker_of_word: list[str]) -> list[SpanResult]:
    """The pieces whose sound fits their words about as well as their speaker's best piece.

    Forced alignment always finds *some* path: words forced onto other speech (an ad break,
    a turn whose timestamp is far off) pass every timing check but fit the sound far worse,
    by nats per frame, than words where they were said. How well speech fits the model
    depends on the voice (by more than a nat per frame between two synthetic voices) and the
    recording, so each piece is held against its own speaker's best piece, and never trusted
    below ``BAD_FIT``.

    >>> from captionkit.align.spans import Span, SpanResult
    >>> fits = [(0, -1.6), (1, -1.9), (2, -3.6), (3, -3.2), (4, -2.9)]
    >>> ps = [SpanResult(Span(i, i + 1, 0, 1), [(0, 1)], [f], f) for i, f in fits]
    >>> [p.fit for p in fitting(ps, ["A", "A", "A", "B", "B"])]
    [-1.6, -1.9, -3.2, -2.9]
    """
    best: dict[str, float] = {}
    for p in pieces:
        who = speaker_of_word[p.span.first]
        best[who] = max(best.get(who, p.fit), p.fit)
    return [
        p for p in pieces
        if p.fit >= max(BAD_FIT, best[speaker_of_word[p.span.first]] - FIT_MARGIN)
    ]


def settle_overlaps(pieces: list[SpanResult]) -> list[SpanResult]:
    """Pieces that claim the same sound, made to agree (pieces in word order in and out).

    The walk opens each window ``CARRY_MS`` inside the last word it kept, and a word too long
    to fit there whole cannot take that sliver: the next piece's first word does, starting up
    to ``CARRY_MS`` early. It starts where the kept word ends (as does a short word that lay
    wholly in the sliver, for a frame). A longer overlap is two pieces
    (two turns' windows) placing different words on the same sound: one of them is wrong, so
    the words of both that lie in it are left to the robust path.

    >>> a = SpanResult(Span(0, 2, 0, 2_000), [(100, 500), (500, 990)], [-1.0, -1.0], -1.0)
    >>> b = SpanResult(Span(2, 3, 890, 3_000), [(890, 1_400)], [-1.0], -1.0)
    >>> [p.times for p in settle_overlaps([a, b])]
    [[(100, 500), (500, 990)], [(990, 1400)]]
    >>> d = SpanResult(Span(2, 4, 890, 3_000), [(900, 950), (950, 1_400)], [-1.0] * 2, -1.0)
    >>> [p.times for p in settle_overlaps([a, d])][1]
    [(990, 1000), (990, 1400)]
    >>> c = SpanResult(Span(2, 4, 0, 3_000), [(700, 1_000), (1_100, 1_400)], [-1.0, -1.0], -1.0)
    >>> [(p.span.first, p.times) for p in settle_overlaps([a, c])]
    [(0, [(100, 500)]), (3, [(1100, 1400)])]
    """
    out = list(pieces)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        a_end = max((t[1] for t in a.times if t is not None), default=None)
        b_start = min((t[0] for t in b.times if t is not None), default=None)
        if a_end is None or b_start is None or b_start >= a_end:
            continue
        if a_end - b_start <= CARRY_MS:
            out[k + 1] = _replaced(b, 0, [
                None if t is None else (max(t[0], a_end), max(t[1], max(t[0], a_end) + FRAME_MS))
                for t in b.times
            ])
            continue
        keep = len(a.times)
        while keep and (a.times[keep - 1] is None or a.times[keep - 1][1] > b_start):
            keep -= 1
        skip = 0
        while skip < len(b.times) and (b.times[skip] is None or b.times[skip][0] < a_end):
            skip += 1
        out[k] = _replaced(a, 0, a.times[:keep])
        out[k + 1] = _replaced(b, skip, b.times[skip:])
    return [p for p in out if p.times]


def _replaced(piece: SpanResult, skip: int, times: list[tuple[int, int] | None]) -> SpanResult:
    """``piece`` without its first ``skip`` words, with ``times`` for the words it keeps."""
    span = piece.span
    scores = piece.scores[skip:skip + len(times)]
    kept = Span(span.first + skip, span.first + skip + len(times), span.start_ms, span.end_ms,
                span.anchor_ms)
    return SpanResult(kept, times, scores, piece.fit)


def _with_ends(readings: Readings, suffixes: bool) -> Readings:
    """The readings and every shorter start (or, with ``suffixes``, end) of them.

    >>> _with_ends([["one", "hundred"], ["a"]], suffixes=False)
    [['one', 'hundred'], ['a'], ['one']]
    >>> _with_ends([["ninety", "four"]], suffixes=True)
    [['ninety', 'four'], ['four']]
    """
    out = [list(r) for r in readings]
    for r in readings:
        for k in range(1, len(r)):
            part = r[k:] if suffixes else r[:k]
            if part not in out:
                out.append(part)
    return out


def _chars(readings: list[Readings]) -> int:
    return sum(len(" ".join(r[0])) + 1 for r in readings if r)


def _trustworthy(
    times: list[tuple[int, int] | None],
    spoken: list[str],
    heard: list[tuple[int, int]],
    span: Span,
    speech: np.ndarray,
) -> bool:
    """Does the result look like these words, spoken here? (see the module's docstring)

    ``spoken`` is each word as said ("2,256": "two thousand two hundred and fifty six").
    """
    placed = [t for t in times if t is not None]
    if not placed:
        return False
    squeezed = 0
    for t, word in zip(times, spoken, strict=True):
        if t is None:
            continue
        length = t[1] - t[0]
        if stretched(length, word):
            return False
        squeezed = squeezed + 1 if length <= SQUEEZED_MS else 0
        if squeezed >= SQUEEZED_RUN:
            return False
    # Speech that no heard token explains, anywhere in the window: words are missing from
    # the transcript here, or the window is in the wrong place.
    edges = [span.start_ms, *[x for t in heard for x in t], span.end_ms]
    for a, b in zip(edges[0::2], edges[1::2], strict=True):
        if speech_ms(speech, a, b) >= UNCOVERED_MS:
            return False
    return True


@dataclass(frozen=True)
class SpanJob:
    """Everything one span's alignment needs, cut out of the recording (cheap to send to a
    worker process): the span in local coordinates and where they start in the recording."""

    span: Span
    readings: list[Readings]
    samples: np.ndarray
    speech: np.ndarray
    word_offset: int
    ms_offset: int


def make_job(span: Span, readings: list[Readings], audio: Audio, speech: np.ndarray) -> SpanJob:
    """Cut a span's words, samples and speech frames out of the recording."""
    words = max(0, span.first - NEIGHBOURS)
    # From a little earlier than the span: its window may move back to a pause (align_span).
    # Local speech frames must line up with the recording's.
    ms = max(0, span.start_ms - BACK_MS) // FRAME_MS * FRAME_MS
    local = Span(
        span.first - words, span.end - words, span.start_ms - ms, span.end_ms - ms,
        None if span.anchor_ms is None else span.anchor_ms - ms,
    )
    return SpanJob(
        local,
        readings[words:span.end + NEIGHBOURS],
        audio.slice(ms, span.end_ms),
        speech[ms // FRAME_MS:span.end_ms // FRAME_MS + 1],
        words,
        ms,
    )


def run_job(job: SpanJob, sphinx: SphinxAligner) -> list[SpanResult]:
    """Align a job's span and move the results back into the recording's coordinates."""
    pieces = align_span(Audio(job.samples), job.span, job.readings, job.speech, sphinx)
    out = []
    for p in pieces:
        s = p.span
        span = Span(
            s.first + job.word_offset, s.end + job.word_offset, s.start_ms + job.ms_offset,
            s.end_ms + job.ms_offset, None if s.anchor_ms is None else s.anchor_ms + job.ms_offset,
        )
        times = [None if t is None else (t[0] + job.ms_offset, t[1] + job.ms_offset)
                 for t in p.times]
        out.append(SpanResult(span, times, p.scores, p.fit))
    return out
