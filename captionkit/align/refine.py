"""Tidy raw word times: snap edges to speech, keep order, judge and interpolate failures."""

from __future__ import annotations

import math

import numpy as np

from ..wordclass import ends_sentence
from .windows import Placed

FRAME_MS = 10
MIN_WORD_MS = 20
AGREEMENT_MS = 150  # at this distance between the engines, the agreement bonus falls to 1/e
EDGE_FRAMES = 3  # 30 ms of silence at a word's edge means the edge is in a pause
PAUSE_FRAMES = 15  # a 150 ms silence inside a word's span is a pause, not a stop closure


def snap_to_speech(placed: list[Placed], speech: np.ndarray) -> list[Placed]:
    """Move a word's start forward out of silence and its end back out of silence.

    Whisper's path runs through pauses (a word "ends" where the next begins, the first word of
    a window starts at the window's edge); the energy of the audio tells where sound really is.
    """
    out = []
    for p in placed:
        a = max(0, p.start // FRAME_MS)
        b = min(len(speech), max(a + 1, p.end // FRAME_MS))
        start, end = p.start, p.end
        idx = np.flatnonzero(speech[a:b])
        if idx.size:
            if idx[0] >= EDGE_FRAMES:
                start = (a + int(idx[0])) * FRAME_MS
            # The word ends at the first real pause after its first sound, or its last sound.
            pauses = np.flatnonzero(np.diff(idx) > PAUSE_FRAMES)
            last = idx[pauses[0]] if pauses.size else idx[-1]
            if b - a - 1 - last >= EDGE_FRAMES:
                end = (a + int(last) + 1) * FRAME_MS
        if end - start < MIN_WORD_MS:
            start, end = p.start, p.end
        out.append(Placed(start, end, p.probability))
    return out


def monotonic(placed: list[Placed]) -> list[Placed]:
    """Force starts to never go backwards and every word to end after it starts."""
    out: list[Placed] = []
    prev_start = 0
    for p in placed:
        start = max(p.start, prev_start, 0)
        end = max(p.end, start + 1)
        out.append(Placed(start, end, p.probability))
        prev_start = start
    return out


def confidence(
    refined, coarse: Placed, precise: bool, typical: tuple[float, float] | None = None
) -> float:
    """How much to trust a word's times, from 0 to 1.

    Two engines that agree are rarely both wrong: an exact-stage word close to where Whisper
    heard it scores high, one far from it low. A word only the exact aligner placed (a
    stretch trusted from its timestamps) is judged by how well its sound fits its phones,
    against the recording's ``typical`` (median, spread) fit. Without the exact stage,
    Whisper's own token probability is all there is; a Whisper fallback inside the exact
    stage stays below 0.25.
    """
    if refined.engine == "sphinx" and refined.score is not None and typical is not None:
        median, spread = typical
        z = (refined.score - median) / spread
        return 0.5 + 0.5 / (1 + math.exp(-2 * z))
    if refined.engine == "sphinx":
        agreement = math.exp(-abs(refined.start - coarse.start) / AGREEMENT_MS)
        return 0.5 + 0.5 * agreement
    if refined.engine == "whisper":
        return coarse.probability if not precise else 0.25 * coarse.probability
    return 0.0


def typical_fit(scores: list[float]) -> tuple[float, float] | None:
    """Median and robust spread (scaled MAD) of the exact aligner's per-frame scores.

    >>> typical_fit([-10.0, -12.0, -11.0, -30.0])
    (-11.5, 1.4826)
    """
    if len(scores) < 2:
        return None
    values = np.asarray(scores)
    median = float(np.median(values))
    spread = float(np.median(np.abs(values - median))) * 1.4826
    return median, round(spread, 4) or 1.0


def within(placed: list[Placed], duration_ms: int) -> list[Placed]:
    """Keep every word inside the audio (a word at the very end gets the last millisecond)."""
    last = max(1, duration_ms)
    return [
        Placed(min(p.start, last - 1), min(max(p.end, p.start + 1), last), p.probability)
        for p in placed
    ]


def untangle(placed: list[Placed]) -> list[Placed]:
    """No word starts before the word before it has ended: two words never share a sound.

    Forced alignment finds onsets better than ends, so an overlap comes off the earlier
    word's end. A word that takes no time (cut from the audio: 1 ms at most) moves between
    the words around it. Starts must already be in order (``monotonic``).

    >>> words = [Placed(0, 500, 1.0), Placed(400, 900, 1.0), Placed(450, 451, 0.0),
    ...          Placed(450, 451, 0.0), Placed(950, 1200, 1.0)]
    >>> [(p.start, p.end) for p in untangle(words)]
    [(0, 400), (400, 900), (900, 901), (900, 901), (950, 1200)]
    """
    out = list(placed)
    real = [i for i, p in enumerate(out) if p.end - p.start > 1]
    for i, j in zip(real, real[1:], strict=False):
        if out[i].end > out[j].start:
            out[i] = Placed(out[i].start, max(out[i].start + 1, out[j].start), out[i].probability)
    previous_end, k = 0, 0
    for i, p in enumerate(out):
        if p.end - p.start > 1:
            previous_end, k = p.end, k + 1
            continue
        next_start = out[real[k]].start if k < len(real) else p.start
        at = min(max(p.start, previous_end), max(next_start, previous_end))
        out[i] = Placed(at, at + 1, p.probability)
    return out


def judge(placed: list[Placed], min_probability: float = 0.01) -> list[bool]:
    """Which placements to trust: squeezed to nothing or near-zero probability are failures."""
    return [(p.end - p.start) >= MIN_WORD_MS and p.probability >= min_probability for p in placed]


MIN_SPREAD_MS = 2_000
MS_PER_CHAR = 80  # slow speech, a character and its share of the pauses


def interpolate(
    placed: list[Placed], ok: list[bool], words: list[str], duration_ms: int
) -> list[Placed]:
    """Give every untrusted word a time between its trusted neighbours, by character length.

    >>> ps = [Placed(0, 100, 1), Placed(0, 0, 0), Placed(0, 0, 0), Placed(1000, 1100, 1)]
    >>> ok = [True, False, False, True]
    >>> [(p.start, p.end) for p in interpolate(ps, ok, ["a", "bb", "bb", "c"], 2000)]
    [(0, 100), (100, 550), (550, 1000), (1000, 1100)]

    With far more room than the words need, they keep to their sentence:

    >>> ps = [Placed(0, 100, 1), Placed(0, 0, 0), Placed(60_000, 60_300, 1)]
    >>> [(p.start, p.end) for p in interpolate(ps, [True, False, True], ["Yes.", "The", "end"],
    ...                                        90_000)][1]
    (59360, 60000)
    """
    out = list(placed)
    i = 0
    n = len(placed)
    while i < n:
        if ok[i]:
            i += 1
            continue
        j = i
        while j < n and not ok[j]:
            j += 1
        hi = out[j].start if j < n else duration_ms
        # Squeeze rather than run past the audio or into the next placed word.
        lo = min(out[i - 1].end if i > 0 else 0, hi - (j - i))
        lo = max(0, lo)
        hi = max(hi, lo + (j - i))
        weights = [len(w) + 1 for w in words[i:j]]
        total = sum(weights)
        # Seconds of room for a few words (an ad break, music between them): the words sit
        # with their sentence, not spread over the gap; a sentence's first words with the
        # words after them, any other words with the words before.
        room = 2 * MS_PER_CHAR * total
        if hi - lo > max(MIN_SPREAD_MS, room):
            after_sentence = i == 0 or ends_sentence(words[i - 1])
            lo, hi = (hi - room, hi) if after_sentence else (lo, lo + room)
        t = float(lo)
        for k, wgt in zip(range(i, j), weights, strict=True):
            span = (hi - lo) * wgt / total
            out[k] = Placed(int(round(t)), int(round(t + span)), 0.0)
            t += span
        i = j
    return out
