"""Walk through the audio in ≤ 30 s windows, aligning the transcript's words in order.

Each window starts on the last word already placed (fed again as context, its new time thrown
away) so that the first new word is never pinned to the window's edge. Words whose end lies
near the window's end are not trusted yet: the next window, which starts before them, places
them again. Soft anchors let a window jump over audio the transcript does not cover.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..audio import Audio
from .whisper import WINDOW_MS, WhisperAligner

SAFE_TAIL_MS = 4_000  # words ending this close to a window's end are placed again
ANCHOR_JUMP_MS = 5_000  # a turn anchored this far after the cursor starts a fresh window
MAX_WORDS = 140  # keeps the decoder's text well under Whisper's 448-token context
# Whisper's token probability for the first words of a window: about 0.65 where the words
# are spoken, about 0.1 over music or other speech (measured on the synthetic episodes).
PROBE_WORDS = 8
LOW_PROBABILITY = 0.3
GOOD_PROBABILITY = 0.45
SEARCH_STEP_MS = 10_000
SEARCH_LIMIT_MS = 120_000


@dataclass(frozen=True)
class Placed:
    """A word's raw placement in audio time (ms)."""

    start: int
    end: int
    probability: float


def place_words(
    audio: Audio,
    words: list[str],
    expected: list[int],
    turn_of_word: list[int],
    anchors: dict[int, int],
    aligner: WhisperAligner,
    progress: Callable[[int], None] | None = None,
    floor_ms: int = 0,
) -> list[Placed]:
    """Raw Whisper placement of every word; ``expected`` are the soft-anchor estimates.

    ``floor_ms`` is where the words can start at the earliest (the end of the last word
    already placed by other means); the walk starts there, or near the first estimate.
    """
    n = len(words)
    placed: list[Placed] = []
    duration = audio.duration_ms
    drift = 0  # how far real speech has run from the estimates so far
    passes_at_end = 0
    while len(placed) < n:
        if passes_at_end == 2:
            # Two windows have reached the end of the audio and words are still left: the
            # transcript goes on past the audio. Leave those words to be interpolated and
            # flagged rather than squeezing them into the last frames a few at a time.
            left = n - len(placed)
            placed += [Placed(duration, duration, 0.0)] * left
            if progress:
                progress(left)
            break
        pos = len(placed)
        context = 1 if placed else 0
        if placed:
            win_start = placed[-1].start - 200
        else:
            win_start = floor_ms - 200 if floor_ms else max(0, expected[0] - 2_000)
        turn = turn_of_word[pos]
        first_of_turn = pos == 0 or turn_of_word[pos - 1] != turn
        if first_of_turn and turn in anchors and anchors[turn] - ANCHOR_JUMP_MS > win_start:
            # The transcript says this turn starts much later: skip the audio in between.
            win_start, context = anchors[turn] - 2_000, 0
        win_start = max(0, min(win_start, duration - 1))
        win_end = min(duration, win_start + WINDOW_MS)
        take = _words_expected_in(expected, pos, win_end - drift, n)
        take = _before_later_turn(pos, take, turn_of_word, anchors, win_end)
        first = pos - context
        timings = aligner.align_window(audio.slice(win_start, win_end), words[first:pos + take])
        timings = timings[context:]
        if win_end < duration and _mean_probability(timings) < LOW_PROBABILITY:
            # Whisper hardly believes these words are in this audio (music, an ad break, a
            # timestamp far off): look for them further on before accepting anything.
            found = _search_forward(audio, words[pos:pos + take], win_start, aligner)
            if found is not None:
                win_start, timings = found
                win_end = min(duration, win_start + WINDOW_MS)
        last_window = win_end >= duration or pos + take >= n and take < MAX_WORDS
        passes_at_end += win_end >= duration
        accepted = 0
        for t in timings:
            if not last_window and win_start + t.end > win_end - SAFE_TAIL_MS and accepted:
                break
            placed.append(Placed(win_start + t.start, win_start + t.end, t.probability))
            accepted += 1
        drift = placed[-1].start - expected[len(placed) - 1]
        if progress:
            progress(accepted)
    return placed


def _mean_probability(timings: list) -> float:
    head = timings[:PROBE_WORDS]
    return sum(t.probability for t in head) / len(head) if head else 1.0


def _search_forward(
    audio: Audio, words: list[str], start: int, aligner: WhisperAligner
) -> tuple[int, list] | None:
    """The first later window where Whisper finds these words, aligned from just before them.

    Steps ``SEARCH_STEP_MS`` at a time, up to ``SEARCH_LIMIT_MS``. Once a window scores well
    its first word may still be pinned to the window's edge, so the words are aligned again
    from a second before where the window put its second word.
    """
    duration = audio.duration_ms
    for offset in range(SEARCH_STEP_MS, SEARCH_LIMIT_MS + 1, SEARCH_STEP_MS):
        at = start + offset
        if at >= duration - 1_000:
            return None
        timings = aligner.align_window(audio.slice(at, min(duration, at + WINDOW_MS)), words)
        if _mean_probability(timings) >= GOOD_PROBABILITY:
            anchor = at + (timings[1].start if len(timings) > 1 else timings[0].start)
            at = max(start, anchor - 1_000)
            return at, aligner.align_window(audio.slice(at, min(duration, at + WINDOW_MS)), words)
    return None


def _before_later_turn(
    pos: int, take: int, turn_of_word: list[int], anchors: dict[int, int], win_end: int
) -> int:
    """``take`` cut before a turn the transcript says starts well after the window's end.

    A window takes a few words more than expected; words of a later turn taken that way
    would be forced onto whatever this window holds (an ad break before that turn) and kept
    there when they do not land near its end. The walk reaches such a turn by its anchor.

    >>> _before_later_turn(0, 6, [0, 0, 0, 1, 1, 1], {1: 90_000}, 30_000)
    3
    >>> _before_later_turn(0, 6, [0, 0, 0, 1, 1, 1], {1: 31_000}, 30_000)
    6
    """
    for k in range(1, take):
        turn = turn_of_word[pos + k]
        if (
            turn != turn_of_word[pos + k - 1]
            and turn in anchors
            and anchors[turn] - ANCHOR_JUMP_MS > win_end
        ):
            return k
    return take


def _words_expected_in(expected: list[int], pos: int, until_ms: int, n: int) -> int:
    """How many words from ``pos`` are expected to start before ``until_ms`` (1..MAX_WORDS)."""
    k = 1
    while pos + k < n and k < MAX_WORDS and expected[pos + k] < until_ms:
        k += 1
    # A few more than expected: surplus words are squeezed at the end and placed again later,
    # while too few would stretch the last word over speech that belongs to the next ones.
    return min(n - pos, k + 3, MAX_WORDS)
