"""When each cue is on screen, given when its words are spoken (part of stage ``segment``).

The rules, in the order they apply (numbers from the :class:`~captionkit.profiles.Profile`):

1. **Start** at the first word's start (starts strictly increase, even when input times tie).
2. **End** at the last word's end plus reading time: toward ``warn_cps``, at most
   ``max_lead_out_ms``; more, up to ``max_reading_lead_out_ms``, only while the text is still
   above ``max_cps``; more again only to reach ``min_duration_ms``. Never into the next cue:
   at least ``min_gap_ms`` before it.
3. **Chaining**: no gap is left under ``chain_threshold_ms``. It is closed to exactly
   ``min_gap_ms`` when that stays within the reading-time allowance; otherwise the lead-out is
   shortened so the gap is exactly ``chain_threshold_ms``.
4. **Lead-in**: a cue that still cannot stay up for ``min_duration_ms`` (or is above
   ``max_cps``) because the next speech follows too closely starts earlier, into the silence
   before it, by at most ``max_lead_in_ms``, never overlapping what the previous cue needs.
   As a last resort the next cue starts up to ``max_late_start_ms`` after its speech, where
   it has time to spare.
5. Nothing else: the text is never shortened. Speech faster than ``max_cps`` stays verbatim;
   the run's report flags it.

>>> from captionkit.profiles import get_profile
>>> p = get_profile("podcast")
>>> place([Speech(0, 300, 4), Speech(1300, 2300, 3)], 9000, p)  # min duration, then chained
[(0, 1217), (1300, 2300)]
>>> place([Speech(0, 300, 4), Speech(2000, 2300, 3)], 9000, p)
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


def _need(start: int, speech: Speech, p: Profile) -> int:
    """How long the cue should stay up: its minimum, and what ``max_cps`` needs within limits."""
    spoken = max(speech.end, start) - start
    for_speed = min(reading_ms(speech.chars, p.max_cps), spoken + p.max_reading_lead_out_ms)
    return max(p.min_duration_ms, for_speed)


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
    if spaced >= max(speech.end, start + _need(start, speech, p)):
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


def place(cues: Sequence[Speech], audio_end: int, p: Profile) -> list[tuple[int, int]]:
    """``(start, end)`` of every cue, in ms (see the module doc for the rules)."""
    starts: list[int] = []
    for speech in cues:
        starts.append(max(speech.start, starts[-1] + 1 if starts else 0))
    ends = [
        _end_time(start, speech, starts[k + 1] if k + 1 < len(starts) else None, audio_end, p)
        for k, (start, speech) in enumerate(zip(starts, cues, strict=True))
    ]
    for k, speech in enumerate(cues):
        _lead_in(k, speech, starts, ends, cues, p)
    return list(zip(starts, ends, strict=True))


def _lead_in(
    k: int,
    speech: Speech,
    starts: list[int],
    ends: list[int],
    cues: Sequence[Speech],
    p: Profile,
) -> None:
    """Rule 4: start cue ``k`` earlier when it is too short, adjusting the cue before it."""
    need = max(p.min_duration_ms, reading_ms(speech.chars, p.max_cps))
    shortfall = need - (ends[k] - starts[k])
    if shortfall <= 0 or p.max_lead_in_ms <= 0:
        return
    earliest = max(0, starts[k] - p.max_lead_in_ms, ends[k] - p.max_duration_ms)
    if k:
        before = cues[k - 1]
        kept = min(ends[k - 1], starts[k - 1] + _need(starts[k - 1], before, p))
        earliest = max(earliest, max(kept, before.end, starts[k - 1] + 1) + p.min_gap_ms)
    new_start = max(earliest, starts[k] - shortfall)
    if new_start < starts[k]:
        _move_start(k, new_start, starts, ends, cues, p)
        shortfall = need - (ends[k] - starts[k])
    if shortfall > 0 and k + 1 < len(starts):
        _late_start(k, shortfall, starts, ends, cues, p)


def _late_start(
    k: int,
    shortfall: int,
    starts: list[int],
    ends: list[int],
    cues: Sequence[Speech],
    p: Profile,
) -> None:
    """Rule 4, last resort: start the next cue up to ``max_late_start_ms`` after its speech,
    where it has time to spare, so that cue ``k`` can stay up longer."""
    after = k + 1
    if ends[after] - starts[after] >= p.max_duration_ms:
        return  # its end is held by the longest duration: moving its start would open a gap
    spare = (ends[after] - starts[after]) - _need(starts[after], cues[after], p)
    late_already = starts[after] - cues[after].start
    delay = min(shortfall, p.max_late_start_ms - late_already, spare)
    if delay <= 0:
        return
    new_end = min(starts[after] + delay - p.min_gap_ms, _longest_end(k, starts, cues, p))
    if new_end <= ends[k]:
        return
    starts[after] = new_end + p.min_gap_ms
    ends[k] = new_end


def _longest_end(k: int, starts: list[int], cues: Sequence[Speech], p: Profile) -> int:
    """The latest end cue ``k`` may have: ``max_duration_ms`` (or its speech, if longer)."""
    return starts[k] + max(p.max_duration_ms, cues[k].end - starts[k])


def _move_start(
    k: int,
    new_start: int,
    starts: list[int],
    ends: list[int],
    cues: Sequence[Speech],
    p: Profile,
) -> None:
    """Start cue ``k`` earlier at ``new_start``; the cue before it ends in time (chained)."""
    starts[k] = new_start
    if k + 1 < len(starts):  # moved earlier: input times that tie may leave the end too close
        ends[k] = max(new_start + 1, min(ends[k], starts[k + 1] - p.min_gap_ms))
    if k:
        ends[k - 1] = min(ends[k - 1], new_start - p.min_gap_ms)
        if new_start - ends[k - 1] < p.chain_threshold_ms:  # chain the gap moving in left
            ends[k - 1] = min(new_start - p.min_gap_ms, _longest_end(k - 1, starts, cues, p))
