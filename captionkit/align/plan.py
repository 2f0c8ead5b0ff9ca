"""Where each word is expected before alignment: the transcript's soft anchors, interpolated.

Turn timestamps in real transcripts are rough (whole seconds, sometimes off by more), so they
only guide which audio window a word is looked for in; the aligner decides the real time.
"""

from __future__ import annotations

from ..model import Transcript, split_words


def trusted_anchors(transcript: Transcript, duration_ms: int) -> tuple[dict[int, int], list[str]]:
    """Map turn index → anchor ms for turns whose written start can be trusted.

    A start past the audio's end is reported and dropped (readers already drop backwards ones).
    """
    anchors: dict[int, int] = {}
    warnings: list[str] = []
    last = -1
    for i, turn in enumerate(transcript.turns):
        if turn.start is None:
            continue
        if turn.start >= duration_ms:
            warnings.append(
                f"{transcript.source}:{turn.line}: timestamp {_clock(turn.start)} is past the"
                f" audio's end ({_clock(duration_ms)}); not used as an anchor"
            )
            continue
        if turn.start < last:
            continue
        anchors[i] = last = turn.start
    return anchors, warnings


def expected_starts(transcript: Transcript, anchors: dict[int, int], duration_ms: int) -> list[int]:
    """An expected start (ms) for every word, by character count between anchors.

    >>> from captionkit.model import Turn
    >>> t = Transcript([Turn("A", "one two", 0), Turn("B", "six ten", 10_000)])
    >>> expected_starts(t, {0: 0, 1: 10_000}, 20_000)
    [0, 5000, 10000, 15000]
    """
    words: list[str] = []
    points: list[tuple[int, int]] = []  # (character offset, ms)
    offset = 0
    for i, turn in enumerate(transcript.turns):
        if i in anchors:
            points.append((offset, anchors[i]))
        for w in split_words(turn.text):
            words.append(w)
            offset += len(w) + 1
    if not points or points[0][0] != 0:
        points.insert(0, (0, 0))
    if offset > points[-1][0]:
        points.append((offset, max(duration_ms, points[-1][1])))
    starts: list[int] = []
    pos = 0
    seg = 0
    for w in words:
        while seg + 1 < len(points) - 1 and points[seg + 1][0] <= pos:
            seg += 1
        (c0, t0), (c1, t1) = points[seg], points[min(seg + 1, len(points) - 1)]
        frac = (pos - c0) / (c1 - c0) if c1 > c0 else 0.0
        starts.append(int(t0 + frac * (t1 - t0)))
        pos += len(w) + 1
    return starts


def _clock(ms: int) -> str:
    s = ms // 1000
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
