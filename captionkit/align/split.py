"""Long stretches without timestamps, cut into parts that several cores align at once.

A transcript without timestamps (or a very long turn) gives the fast path one long span, and
a span is walked from its start, one window after the other: one core does all the work while
the others wait. So a long span is cut into parts before it is aligned. Where a part starts
is found, not guessed: the speech in the span is shared out by the words' lengths to say
about where a sentence is said, Whisper hears a short window there, and the first word of
a run of words it hears just as written (a sentence start where there is one) becomes the
next part's first word, with Whisper's time for it as the part's timestamp. Every part is
then aligned exactly like a turn with a timestamp, and trusted (or not) the same way.

Where Whisper hears nothing that matches (music, an ad break, a guess too far off), the span
is simply not cut there: it costs time, never a word.
"""

from __future__ import annotations

import difflib
import itertools
import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..audio import Audio
from .discrepancy import transcribe
from .spans import AFTER_MS, BEFORE_MS, Span
from .whisper import WhisperAligner

FRAME_MS = 10
PART_MS = 180_000  # a part this long keeps a core busy for a few seconds
SPLIT_FROM_MS = 90_000  # shorter spans are not worth a Whisper look
LOOK_MS = 20_000  # audio Whisper hears around the guessed time
MIN_RUN = 6  # heard tokens in a row that match the transcript: a place, not a coincidence
MIN_PART_WORDS = 20
MAX_MISSES = 2  # looks in a row that place nothing: the span is left as it is


def split_long_spans(
    spans: Sequence[Span],
    tokens_of_word: Sequence[Sequence[str]],
    sentence_end: Sequence[bool],
    audio: Audio,
    speech: np.ndarray,
    whisper: WhisperAligner,
    workers: int,
) -> list[Span]:
    """``spans``, each one longer than ``SPLIT_FROM_MS`` cut where Whisper finds its parts.

    ``sentence_end[i]``: word ``i`` ends a sentence (a part preferably starts after one).
    With one worker nothing is cut: one core walks a span as fast as it walks its parts.
    """
    if workers <= 1:
        return list(spans)
    out: list[Span] = []
    for span in spans:
        length = span.end_ms - span.start_ms
        if length < SPLIT_FROM_MS or span.end - span.first < 2 * MIN_PART_WORDS:
            out.append(span)
            continue
        parts = max(2, math.ceil(length / PART_MS))
        out.extend(_cut(span, parts, tokens_of_word, sentence_end, audio, speech, whisper))
    return out


def _cut(
    span: Span,
    parts: int,
    tokens_of_word: Sequence[Sequence[str]],
    sentence_end: Sequence[bool],
    audio: Audio,
    speech: np.ndarray,
    whisper: WhisperAligner,
) -> list[Span]:
    """The parts of one span, in order; as many as could be found, up to ``parts``."""
    out: list[Span] = []
    current = span
    unique = _unique_starts(tokens_of_word)
    missed = 0
    for k in range(parts - 1, 0, -1):
        if missed >= MAX_MISSES:
            break  # the guesses keep landing where Whisper hears none of these words
        lo, hi = current.first + MIN_PART_WORDS, current.end - MIN_PART_WORDS
        if not any(unique[lo:hi]):
            break  # every phrase left is said more than once: no look could place a part
        # Guess within what is left, so one part's far-off guess does not move the next.
        left = current.end - current.first
        first = current.first + left // (k + 1)
        guess = _guess_ms(current, first, tokens_of_word, speech)
        found = locate(
            audio, tokens_of_word, sentence_end, first, guess, whisper, lo_word=lo, hi_word=hi
        )
        if found is None or found[1] <= current.start_ms + BEFORE_MS:
            missed += 1
            continue
        missed = 0
        word, ms = found
        out.append(Span(current.first, word, current.start_ms,
                        min(current.end_ms, ms + AFTER_MS), current.anchor_ms))
        current = Span(word, current.end, ms - BEFORE_MS, current.end_ms, ms)
    out.append(current)
    return out


def _unique_starts(tokens_of_word: Sequence[Sequence[str]]) -> list[bool]:
    """Whether the ``MIN_RUN`` tokens from each word's first on occur only there.

    >>> said = "so the rule is simple nobody works alone so the rule is simple nobody works late"
    >>> [int(u) for u in _unique_starts([[w] for w in said.split()])]
    [0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    """
    flat = [t for ts in tokens_of_word for t in ts]
    offsets = list(itertools.accumulate(len(ts) for ts in tokens_of_word))
    firsts = [end - len(ts) for end, ts in zip(offsets, tokens_of_word, strict=True)]
    grams = Counter(tuple(flat[k:k + MIN_RUN]) for k in range(len(flat) - MIN_RUN + 1))
    return [
        bool(ts) and k + MIN_RUN <= len(flat) and grams[tuple(flat[k:k + MIN_RUN])] == 1
        for k, ts in zip(firsts, tokens_of_word, strict=True)
    ]


def _guess_ms(
    span: Span, word: int, tokens_of_word: Sequence[Sequence[str]], speech: np.ndarray
) -> int:
    """When ``word`` is about said: the span's speech shared out by the words' lengths."""
    chars = [sum(len(t) + 1 for t in tokens_of_word[i]) for i in range(span.first, span.end)]
    share = sum(chars[: word - span.first]) / max(1, sum(chars))
    frames = speech[span.start_ms // FRAME_MS : span.end_ms // FRAME_MS].astype(bool)
    if not frames.any():
        return span.start_ms + int(share * (span.end_ms - span.start_ms))
    spoken = np.cumsum(frames)
    at = int(np.searchsorted(spoken, share * spoken[-1]))
    return span.start_ms + at * FRAME_MS


def locate(
    audio: Audio,
    tokens_of_word: Sequence[Sequence[str]],
    sentence_end: Sequence[bool],
    near: int,
    guess_ms: int,
    whisper: WhisperAligner,
    *,
    lo_word: int,
    hi_word: int,
) -> tuple[int, int] | None:
    """A word Whisper hears around ``guess_ms`` (the nearest to word ``near`` that it
    hears), and when it starts.

    The word is in a run of at least ``MIN_RUN`` tokens heard just as written, a run found
    nowhere else in the transcript, between ``lo_word`` and ``hi_word``; a sentence start in
    that run is taken first. ``None`` when Whisper hears no such run.
    """
    a = max(0, guess_ms - LOOK_MS // 2)
    b = min(audio.duration_ms, a + LOOK_MS)
    heard = transcribe(whisper, audio.slice(a, b), a)
    # Heard words are looked for in all the words the part may start at: a guess far off (an
    # ad break the transcript does not mention) still hears words that place a part.
    words = range(lo_word, hi_word)
    owner = [i for i in words for _ in tokens_of_word[i]]
    firsts = {k for k, i in enumerate(owner) if k == 0 or owner[k - 1] != i}
    written = [t for i in words for t in tokens_of_word[i]]
    matcher = difflib.SequenceMatcher(
        a=written, b=[h.token for h in heard], autojunk=False
    )
    # A phrase said more than once ("the rule is simple") places nothing: the run must be
    # the only one of its kind in the whole transcript.
    everywhere = f" {' '.join(t for ts in tokens_of_word for t in ts)} "
    best: tuple[int, int, int, int] | None = None  # (rank, distance, word, ms)
    for block in matcher.get_matching_blocks():
        if block.size < MIN_RUN:
            continue
        run = f" {' '.join(written[block.a:block.a + block.size])} "
        if everywhere.count(run) != 1:
            continue
        # A word inside the run whose tokens all match (and a few matched tokens after it),
        # starting where its first token does.
        for k in range(block.a, block.a + block.size - MIN_RUN // 2):
            i = owner[k]
            if k not in firsts or k + len(tokens_of_word[i]) > block.a + block.size:
                continue
            rank = 0 if i > 0 and sentence_end[i - 1] else 1
            candidate = (rank, abs(i - near), i, heard[block.b + k - block.a].start)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    return None if best is None else (best[2], best[3])
