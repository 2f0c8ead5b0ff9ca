"""When each cue is on screen, given when its words are spoken (part of stage ``segment``).

The rules (numbers from the :class:`~captionkit.profiles.Profile`):

1. **Start** at the first word, unless the segmenter's search (:mod:`captionkit.cue_search`)
   found that a cue can only stay up long enough for ``min_duration_ms`` or ``max_cps`` by
   borrowing time: then a cue starts early, into real silence before it (never while the
   previous cue's words are still being spoken), by at most ``max_lead_in_ms``; or, the last
   resort, the next cue starts up to ``max_late_start_ms`` after its speech.
   :func:`start_window` gives those bounds, :func:`trim_lead_in` keeps a lead-in to what the
   cue needs; starts strictly increase, even when input times tie.
2. **End** at the last word's end plus reading time: toward ``warn_cps``, at most
   ``max_lead_out_ms``; more, up to ``max_reading_lead_out_ms``, only while the text is still
   above ``max_cps``; more again only to reach ``min_duration_ms``. Never into the next cue:
   at least ``min_gap_ms`` before it.
3. **Chaining**: no gap is left under ``chain_threshold_ms``. It is closed to exactly
   ``min_gap_ms`` when that stays within the reading-time allowance; otherwise the lead-out is
   shortened so the gap is exactly ``chain_threshold_ms``.
4. Nothing else: the text is never shortened. Speech faster than ``max_cps`` stays verbatim;
   :func:`shortfalls` names the rules a cue still misses, and the run's report flags it.

>>> from captionkit.profiles import get_profile
>>> p = get_profile("podcast")
>>> place([Speech(0, 300, 4), Speech(1300, 2300, 3)], [0, 1300], 9000, p)  # chained
[(0, 1217), (1300, 2300)]
>>> place([Speech(0, 300, 4), Speech(2000, 2300, 3)], [0, 2000], 9000, p)  # min duration
[(0, 833), (2000, 2833)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .profiles import Profile


@dataclass(frozen=True)
class Speech:
    """What one cue shows: when its words are spoken, and how many characters it has."""

    start: int
    end: int
    chars: int


def reading_ms(chars: int, cps: float) -> int:
    """Milliseconds needed to read ``chars`` characters at ``cps``.

    >>> reading_ms(40, 20.0)
    2000
    """
    return math.ceil(chars * 1000 / cps)


def start_window(onset: int, previous_end: int | None, p: Profile) -> tuple[int, int]:
    """Earliest and latest start of a cue whose first word begins at ``onset``.

    ``previous_end`` is when the previous cue's words stop (``None`` for the first cue). A cue
    may start early only into silence: not before the previous speech ends plus ``min_gap_ms``.

    >>> from captionkit.profiles import get_profile
    >>> p = get_profile("podcast")
    >>> start_window(5000, 3000, p), start_window(5000, 4800, p), start_window(5000, 5000, p)
    ((4500, 5250), (4883, 5250), (5000, 5250))
    """
    earliest = onset - p.max_lead_in_ms
    if previous_end is not None:
        earliest = max(earliest, previous_end + p.min_gap_ms)
    return max(0, min(onset, earliest)), onset + p.max_late_start_ms


def need_ms(start: int, speech: Speech, p: Profile) -> int:
    """How long a cue starting at ``start`` wants to stay up to miss no rule: the minimum
    duration, and the reading time at ``max_cps`` where the reading lead-out allows it.

    >>> from captionkit.profiles import get_profile
    >>> need_ms(0, Speech(0, 1000, 30), get_profile("podcast"))  # 30 characters at 20 cps
    1500
    """
    spoken = max(speech.end, start) - start
    for_speed = min(reading_ms(speech.chars, p.max_cps), spoken + p.max_reading_lead_out_ms)
    return max(p.min_duration_ms, for_speed)


def shortfalls(start: int, latest_end: int | None, speech: Speech, p: Profile) -> tuple[bool, bool]:
    """``(too fast, too short)``: whether a cue that starts at ``start`` and may stay up until
    ``latest_end`` (``None``: as long as it likes) still reads faster than ``max_cps`` or is
    shorter than ``min_duration_ms``, once :func:`place` has given it all the time it may take.

    >>> from captionkit.profiles import get_profile
    >>> p = get_profile("podcast")
    >>> shortfalls(0, 2000, Speech(0, 1900, 41), p)  # 41 characters need 2050 ms
    (True, False)
    >>> shortfalls(0, None, Speech(0, 1900, 41), p), shortfalls(0, 700, Speech(0, 600, 4), p)
    ((False, False), (False, True))
    """
    speech_end = max(speech.end, start)
    longest = start + max(p.max_duration_ms, speech_end - start)
    end = longest if latest_end is None else min(latest_end, longest)
    reading_end = min(end, speech_end + p.max_reading_lead_out_ms)
    too_fast = speech.chars * 1000 > p.max_cps * max(reading_end - start, 0)
    return too_fast, end - start < p.min_duration_ms


def _lead_out(start: int, speech_end: int, chars: int, p: Profile) -> int:
    """Time wanted after the last word (rule 2)."""
    spoken = speech_end - start
    toward_warning = min(reading_ms(chars, p.warn_cps) - spoken, p.max_lead_out_ms)
    toward_limit = min(reading_ms(chars, p.max_cps) - spoken, p.max_reading_lead_out_ms)
    minimum = p.min_duration_ms - spoken
    return max(0, toward_warning, toward_limit, minimum)


def _end_before(start: int, speech: Speech, wanted: int, next_start: int, p: Profile) -> int:
    """End of a cue followed by another (rule 3)."""
    if next_start - wanted >= p.chain_threshold_ms:
        return wanted
    chained = next_start - p.min_gap_ms
    if chained <= max(wanted, speech.end + p.max_lead_out_ms):
        return chained
    spaced = next_start - p.chain_threshold_ms
    if spaced >= max(speech.end, start + need_ms(start, speech, p)):
        return spaced
    return chained


def _end_time(
    start: int, speech: Speech, next_start: int | None, audio_end: int, p: Profile
) -> int:
    speech_end = max(speech.end, start)
    wanted = speech_end + _lead_out(start, speech_end, speech.chars, p)
    if next_start is None:
        end = min(wanted, audio_end) if audio_end > speech_end else wanted
    else:
        end = _end_before(start, speech, wanted, next_start, p)
    end = min(end, max(start + p.max_duration_ms, speech_end))
    if next_start is not None:
        end = min(end, next_start - p.min_gap_ms)
    end = max(end, start + 1)
    return end if next_start is None else min(end, next_start)


def place(
    cues: Sequence[Speech], starts: Sequence[int], audio_end: int, p: Profile
) -> list[tuple[int, int]]:
    """``(start, end)`` of every cue, in ms, for cues that start at ``starts`` (see the module
    doc for the rules; starts that do not increase are moved on by 1 ms)."""
    fixed: list[int] = []
    for start in starts:
        fixed.append(max(start, fixed[-1] + 1) if fixed else max(start, 0))
    ends = [
        _end_time(start, speech, fixed[k + 1] if k + 1 < len(fixed) else None, audio_end, p)
        for k, (start, speech) in enumerate(zip(fixed, cues, strict=True))
    ]
    return list(zip(fixed, ends, strict=True))


def trim_lead_in(
    cues: Sequence[Speech], starts: Sequence[int], audio_end: int, p: Profile
) -> list[int]:
    """``starts`` with each early start (lead-in) moved as close to its speech as it can go
    without the cue missing a rule it met: a cue borrows only the silence it needs. A cue too
    fast to read keeps all its lead-in (every millisecond helps the reader).

    >>> from captionkit.profiles import get_profile
    >>> trim_lead_in([Speech(1000, 1300, 4)], [500], 1500, get_profile("podcast"))
    [667]
    """
    fixed = list(starts)
    for k, speech in enumerate(cues):
        if fixed[k] >= speech.start:
            continue
        if k + 1 < len(fixed):
            latest_end: int | None = fixed[k + 1] - p.min_gap_ms
        else:
            latest_end = audio_end if audio_end > speech.end else None
        missed = shortfalls(fixed[k], latest_end, speech, p)
        if missed[0]:
            continue
        low, high = fixed[k], speech.start
        while low < high:  # the latest start that misses no more than the chosen one
            middle = (low + high + 1) // 2
            if shortfalls(middle, latest_end, speech, p) == missed:
                low = middle
            else:
                high = middle - 1
        fixed[k] = low
    return fixed
