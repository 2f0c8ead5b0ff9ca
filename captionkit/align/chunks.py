"""Cut the coarsely placed words into stretches whose edges lie inside real pauses.

The exact aligner fails when a window cuts into speech or holds words it was not told about,
so every cut goes in the middle of a silence found between two neighbouring words. Turn
changes are cut first, then long pauses; a stretch with no pause at all is cut where the
coarse times say, and marked so the caller knows its edges are uncertain.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .windows import Placed

FRAME_MS = 10
MIN_PAUSE_MS = 100  # shorter silences are stop closures inside speech, not pauses
GOOD_PAUSE_MS = 250
SEARCH_MS = 250  # how far around the coarse gap to look for the pause
TARGET_MS = 4_000
MAX_MS = 15_000


@dataclass(frozen=True)
class Chunk:
    """Words ``first``..``end``-1 and the audio ``start_ms``..``end_ms`` that holds them."""

    first: int
    end: int
    start_ms: int
    end_ms: int

    def shifted(self, words: int) -> Chunk:
        """The same chunk with its word indices moved by ``words``."""
        return Chunk(self.first + words, self.end + words, self.start_ms, self.end_ms)


@dataclass(frozen=True)
class _Cut:
    after: int  # the cut falls between word ``after`` and ``after + 1``
    at_ms: int
    pause_ms: int


STRETCH_MS = 1_500  # a word this much longer than its letters explain has swallowed speech
UNCOVERED_MS = 1_000  # this much speech between two words means words are missing there


def speech_ms(speech: np.ndarray, a_ms: int, b_ms: int) -> int:
    """How much of [a, b] is speech, in ms."""
    a, b = max(0, a_ms // FRAME_MS), min(len(speech), b_ms // FRAME_MS)
    return int(speech[a:b].sum()) * FRAME_MS if b > a else 0


def stretched(length_ms: int, spoken: str) -> bool:
    """Is a word placed this long far longer than saying ``spoken`` takes?

    >>> stretched(1_800, "eels"), stretched(2_500, "eels")
    (False, True)
    """
    return length_ms > STRETCH_MS + 120 * len(spoken)


def pause_between(speech: np.ndarray, lo_ms: int, hi_ms: int) -> tuple[int, int] | None:
    """The longest silence in [lo, hi] as (middle ms, length ms), if it is a real pause."""
    a, b = max(0, lo_ms // FRAME_MS), min(len(speech), hi_ms // FRAME_MS)
    if b <= a:
        return None
    silent = ~speech[a:b]
    if not silent.any():
        return None
    edges = np.flatnonzero(np.diff(np.concatenate(([0], silent.astype(np.int8), [0]))))
    starts, stops = edges[::2], edges[1::2]
    k = int(np.argmax(stops - starts))
    length = int(stops[k] - starts[k]) * FRAME_MS
    if length < MIN_PAUSE_MS:
        return None
    return (a + (int(starts[k]) + int(stops[k])) // 2) * FRAME_MS, length


def plan_chunks(
    placed: list[Placed],
    speech: np.ndarray,
    turn_of_word: list[int],
    duration_ms: int,
    start_ms: int = 0,
) -> list[Chunk]:
    """Group words into chunks of about ``TARGET_MS`` to ``MAX_MS``, cut at pauses.

    The chunks cover the audio from ``start_ms`` to ``duration_ms``.
    """
    n = len(placed)
    cuts: list[_Cut] = []
    for i in range(n - 1):
        lo = min(placed[i].end, placed[i + 1].start) - SEARCH_MS
        hi = max(placed[i].end, placed[i + 1].start) + SEARCH_MS
        # Never search past the middle of either neighbour: a pause there is inside the word.
        lo = max(lo, (placed[i].start + placed[i].end) // 2)
        hi = min(hi, (placed[i + 1].start + placed[i + 1].end) // 2)
        found = pause_between(speech, lo, hi)
        if found:
            cuts.append(_Cut(i, found[0], found[1]))
    chunks: list[Chunk] = []
    first = 0
    for cut in cuts:
        if not start_ms < cut.at_ms < duration_ms:
            continue
        length = cut.at_ms - start_ms
        turn_change = turn_of_word[cut.after] != turn_of_word[cut.after + 1]
        if (
            (turn_change and length >= 500)
            or (cut.pause_ms >= GOOD_PAUSE_MS and length >= TARGET_MS)
            or length >= MAX_MS
        ):
            chunks.append(Chunk(first, cut.after + 1, start_ms, cut.at_ms))
            first, start_ms = cut.after + 1, cut.at_ms
    chunks.append(Chunk(first, n, start_ms, duration_ms))
    return chunks
