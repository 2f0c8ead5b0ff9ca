"""Stage two of alignment: exact boundaries inside each coarsely placed stretch.

For every chunk the exact aligner (pocketsphinx) is asked for the chunk's spoken tokens. When
it fails, the chunk is split at its best inner pause and each half is tried again; what still
fails keeps its coarse (Whisper) times. No word is ever dropped at this stage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..audio import Audio
from .chunks import Chunk, pause_between
from .sphinx import SphinxAligner
from .windows import Placed

MAX_SPLITS = 3
MAX_TOKENS_PER_SECOND = 10


@dataclass(frozen=True)
class Refined:
    """A word's times after stage two and which engine gave them."""

    start: int
    end: int
    engine: str  # "sphinx", "whisper" or "none" (no spoken tokens, or not in the audio)
    score: float | None = None  # exact aligner's acoustic score per frame, where it is known


def refine_chunks(
    audio: Audio,
    chunks: list[Chunk],
    placed: list[Placed],
    tokens_of_word: list[list[str]],
    speech: np.ndarray,
    sphinx: SphinxAligner,
    progress: Callable[[int], None] | None = None,
) -> list[Refined]:
    """Exact times for every word, chunk by chunk, with the fallback chain described above."""
    out: list[Refined | None] = [None] * len(placed)
    for chunk in chunks:
        refine_chunk(audio, chunk, placed, tokens_of_word, speech, sphinx, out, MAX_SPLITS)
        if progress:
            progress(chunk.end - chunk.first)
    return [
        r if r is not None else Refined(p.start, p.end, "whisper")
        for r, p in zip(out, placed, strict=True)
    ]


def refine_chunk(
    audio: Audio,
    chunk: Chunk,
    placed: list[Placed],
    tokens_of_word: list[list[str]],
    speech: np.ndarray,
    sphinx: SphinxAligner,
    out: list[Refined | None],
    splits_left: int,
) -> None:
    """Exact times for one chunk's words into ``out``; on failure split and retry each half.

    Words still without times afterwards stay ``None`` in ``out`` for the caller's fallback.
    """
    words = range(chunk.first, chunk.end)
    owner = [i for i in words for _ in tokens_of_word[i]]
    tokens = [t for i in words for t in tokens_of_word[i]]
    seconds = (chunk.end_ms - chunk.start_ms) / 1000
    # More tokens than anyone can say in the stretch cannot all be in it: do not ask.
    possible = bool(tokens) and len(tokens) <= MAX_TOKENS_PER_SECOND * seconds + 5
    timings = sphinx.align(audio.slice(chunk.start_ms, chunk.end_ms), tokens) if possible else None
    if timings is not None and _plausible(timings, owner, placed, chunk):
        spans: dict[int, list] = {}
        for i, t in zip(owner, timings, strict=True):
            spans.setdefault(i, []).append(t)
        for i in words:
            if i in spans:
                first, last = spans[i][0], spans[i][-1]
                out[i] = Refined(chunk.start_ms + first.start, chunk.start_ms + last.end, "sphinx")
            else:
                out[i] = Refined(placed[i].start, placed[i].start, "none")
        return
    if splits_left and chunk.end - chunk.first >= 2:
        half = _split(chunk, placed, speech)
        if half:
            for part in half:
                refine_chunk(
                    audio, part, placed, tokens_of_word, speech, sphinx, out, splits_left - 1
                )


def _plausible(timings, owner: list[int], placed: list[Placed], chunk: Chunk) -> bool:
    """Reject an alignment that disagrees wildly with where Whisper heard the words.

    A chunk whose edges were misjudged still "succeeds" by squeezing words into the wrong
    sound; most words then land far from their coarse place.
    """
    far = sum(
        abs(chunk.start_ms + t.start - placed[i].start) > 1_000
        for i, t in zip(owner, timings, strict=True)
    )
    return far <= 0.2 * len(timings)


def _split(chunk: Chunk, placed: list[Placed], speech: np.ndarray) -> list[Chunk] | None:
    """Split at the longest pause between two inner words, or the middle word gap."""
    best: tuple[int, int, int] | None = None  # (pause ms, word index, cut ms)
    for i in range(chunk.first, chunk.end - 1):
        lo = (placed[i].start + placed[i].end) // 2
        hi = (placed[i + 1].start + placed[i + 1].end) // 2
        found = pause_between(speech, lo, hi)
        if found and (best is None or found[1] > best[0]):
            best = (found[1], i, found[0])
    if best is None:
        mid = (chunk.first + chunk.end) // 2
        cut = (placed[mid - 1].end + placed[mid].start) // 2
        best = (0, mid - 1, cut)
    _, i, cut = best
    if not chunk.start_ms < cut < chunk.end_ms:
        return None
    return [
        Chunk(chunk.first, i + 1, chunk.start_ms, cut),
        Chunk(i + 1, chunk.end, cut, chunk.end_ms),
    ]
