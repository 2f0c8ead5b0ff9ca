"""Where cues break and when each appears: one search over the words (part of stage ``segment``).

A state of the search is a cue boundary *and* the time the cue starting there appears, so
cutting and timing are decided together. A cue may not hold two speakers (except a dash cue,
below), more lines than the profile allows, or speech longer than ``max_duration_ms``. The
search minimises, in this order:

1. breaks inside words that belong together (:mod:`captionkit.linebreaks`: line or cue breaks);
2. rules the timing cannot meet (:func:`captionkit.cue_timing.shortfalls`: faster than
   ``max_cps`` even with the reading lead-out, shorter than ``min_duration_ms``);
3. the ordinary costs of a good caption: a constant per cue, the break that ends it, silences
   inside it, a sentence cut across cues, its line layout, and a start before (lead-in) or
   after (late start) its first word.

So a fast stretch shares a cue with slower speech beside it, a long stretch splits at the best
phrase boundary under the limits, and a cue borrows time (silence before it, or the next cue
starting a little late) only where that saves a rule. With the ordinary costs left out
(``quality=0``), the same search gives the fewest errors any segmentation can reach.

Where the profile allows (``dash_cues``), a very short exchange between two speakers, one line
each, can be one two-speaker cue: the search uses one only where it saves a rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .cue_timing import Speech, shortfalls, start_window
from .linebreaks import (
    EXTRA_LINE_COST,
    FORBIDDEN_BREAK,
    add_word,
    ends_sentence,
    grow_line_costs,
    two_line_cost,
)
from .model import Word
from .profiles import Profile

# --- costs (on the scale of captionkit.linebreaks) -------------------------------------------

RULE_MISSED = 1_000.0
"""Each error finding the timing cannot avoid for a cue (too fast, too short): dearer than any
ordinary cost, so the search shows a fast stretch with slower speech before reaching one."""
CUE_COST = 25.0
"""Every cue costs this much: fewer, fuller cues unless a much better break is near."""
INNER_PAUSE_COST_PER_S = 25.0
"""Each second of silence (beyond ``pause_ms``) inside a cue: text shown long before it is said."""
STRADDLE_COST = 20.0
"""A cue that holds a sentence end but starts or stops in the middle of a sentence."""
OVER_SPEED_COST = 20.0
"""Per character a second above ``max_cps``, for a cue too fast whatever is done: of two cues
that miss the rule, the one closer to it is better."""
EARLY_START_COST_PER_S = 50.0
"""A cue shown before its first word is spoken (lead-in, at most ``max_lead_in_ms``)."""
LATE_START_COST = 20.0
LATE_START_COST_PER_S = 200.0
"""A cue shown after its first word is spoken (late start, at most ``max_late_start_ms``):
the last resort, dearer than a lead-in, so a cue that needs time borrows silence first."""
DASH_CUE_COST = 100.0
"""A two-speaker cue: used only where showing the two apart misses a rule."""
HARD_LEVELS = 3
"""Hard costs kept per cue boundary (see :func:`_prune`)."""


# --- cues: where they break and when they start ----------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One cue the search chose: words ``first..end-1``, where a dash cue's second speaker
    starts (``split``, else ``None``), and when the cue appears."""

    first: int
    end: int
    split: int | None
    start: int


# A search state: (cost, start of the cue that begins at this word, hard cost so far (see
# _hard), errors so far, first word of the cue before, index of its state, split of the cue
# before or -1).
_State = tuple[float, int, int, int, int, int, int]


def _hard(forbidden: int, errors: int) -> int:
    """What the search minimises first, before any ordinary cost: forbidden breaks, then
    missed rules (a thousand errors would not buy one forbidden break)."""
    return 1000 * forbidden + errors


def _prune(states: list[_State]) -> list[_State]:
    """The states worth keeping at one boundary.

    The search minimises the hard cost first, so a state is worth keeping only while it starts
    earlier (leaving the next cue more time) than every state with less hard cost; of those
    with the same hard cost, the earliest and the cheapest. At most ``HARD_LEVELS`` hard costs
    are kept (speech too fast for every cue, or times that tie, would otherwise keep one per
    error count).
    """
    earliest: dict[int, _State] = {}
    cheapest: dict[int, _State] = {}
    for state in states:
        hard = state[2]
        known = earliest.get(hard)
        if known is None:
            earliest[hard] = cheapest[hard] = state
            continue
        if state[1] < known[1] or (state[1] == known[1] and state[0] < known[0]):
            earliest[hard] = state
        best = cheapest[hard]
        if state[0] < best[0] or (state[0] == best[0] and state[1] < best[1]):
            cheapest[hard] = state
    kept: list[_State] = []
    bound = math.inf  # the earliest start of the states kept so far (less hard cost)
    for hard in sorted(earliest)[:HARD_LEVELS]:
        first, cheap = earliest[hard], cheapest[hard]
        if first[1] >= bound:
            continue
        kept.append(first)
        if cheap is not first and cheap[1] < bound:
            kept.append(cheap)
        bound = first[1]
    return kept


def search(
    words: Sequence[Word],
    widths: Sequence[int],
    breaks: Sequence[float],
    audio_end: int,
    profile: Profile,
    *,
    quality: float = 1.0,
    cue_breaks: Sequence[float] | None = None,
) -> tuple[list[Choice], int]:
    """The cheapest cues for these words and their starts, and the errors they are expected
    to get (see the module doc). ``quality`` weighs the ordinary costs: 0 leaves only
    forbidden breaks (``breaks`` should then hold only those) and missed rules.
    ``breaks`` are the costs between lines, ``cue_breaks`` those between cues (the same
    when absent; see :func:`captionkit.linebreaks.cue_break_costs`).

    Dynamic programming over cue boundaries: ``fronts[j]`` holds the best ways (see
    :func:`_prune`) to caption the first ``j`` words, each with the time the cue starting at
    word ``j`` appears. Each cue grows word by word until it would break a hard limit
    (speaker, lines, duration), so the work is linear in the number of words times the words
    in a cue.
    """
    p = profile
    n = len(words)
    onsets = [w.start for w in words]
    prefix = [0]
    for width in widths:
        prefix.append(prefix[-1] + width)
    fronts: list[list[_State]] = [[] for _ in range(n + 1)]
    earliest, _ = start_window(onsets[0], None, p)
    fronts[0].append((0.0, onsets[0], 0, 0, -1, -1, -1))
    if earliest < onsets[0]:
        early = quality * EARLY_START_COST_PER_S * (onsets[0] - earliest) / 1000
        fronts[0].append((early, earliest, 0, 0, -1, -1, -1))
    for i in range(n):
        front = fronts[i] = _prune(fronts[i])
        if not front:
            continue
        for j, split, own_cost, chars, speech_end in _cues_from(
            words, widths, prefix, breaks, cue_breaks or breaks, i, p, quality
        ):
            speech = Speech(onsets[i], speech_end, chars)
            forbidden = int(own_cost // FORBIDDEN_BREAK)
            window = start_window(onsets[j], speech_end, p) if j < n else None
            for index, (cost, start, hard, errors, _, _, _) in enumerate(front):
                for next_start, missed, extra in _next_starts(
                    start, speech, window, onsets[j] if j < n else 0, audio_end, p, quality
                ):
                    fronts[j].append(
                        (
                            cost + own_cost + extra + RULE_MISSED * missed,
                            next_start,
                            hard + _hard(forbidden, missed),
                            errors + missed,
                            i,
                            index,
                            -1 if split is None else split,
                        )
                    )
    best = min(fronts[n], key=lambda s: (s[2], s[0]))
    choices: list[Choice] = []
    state, j = best, n
    while j > 0:
        i, index, split = state[4], state[5], state[6]
        before = fronts[i][index]
        choices.append(Choice(i, j, None if split < 0 else split, before[1]))
        state, j = before, i
    return choices[::-1], best[3]


def _cues_from(
    words: Sequence[Word],
    widths: Sequence[int],
    prefix: Sequence[int],
    breaks: Sequence[float],
    cue_breaks: Sequence[float],
    i: int,
    p: Profile,
    quality: float,
) -> list[tuple[int, int | None, float, int, int]]:
    """Every cue that may start at word ``i``: ``(end, split, cost, characters, speech end)``.

    ``cost`` is what the cue costs before its timing: forbidden line and cue breaks, plus
    ``quality`` times the ordinary costs (see the module doc).
    """
    n = len(words)
    out: list[tuple[int, int | None, float, int, int]] = []
    limit = p.max_chars_per_line
    inner_pause, sentence_inside = 0.0, False
    n_lines, line_length = 1, widths[i]
    chars = len(words[i].text)
    speech_end = words[i].end
    split: int | None = None
    # in_lines[k][j - i]: cheapest breaks laying words i..j-1 out in exactly k + 1 lines,
    # kept as the cue grows (used for cues of three lines or more).
    in_lines: list[list[float]] = [[math.inf] for _ in range(p.max_lines)]
    for j in range(i + 1, n + 1):
        last = words[j - 1]
        if j - 1 > i:
            speech_end = max(speech_end, last.end)
            if speech_end - words[i].start > p.max_duration_ms:
                break
            if last.speaker != words[j - 2].speaker:
                if split is not None or not _dash_opens(prefix, i, j - 1, p):
                    break
                split = j - 1
            chars += 1 + len(last.text)
            if split is None:
                n_lines, line_length = add_word(n_lines, line_length, widths[j - 1], p)
                if n_lines > p.max_lines:
                    break
            elif 1 + prefix[j] - prefix[split] + (j - split - 1) > limit:
                break  # a dash cue's second line holds one line of words, with its "-"
        if split is None and p.max_lines > 2:
            grow_line_costs(in_lines, prefix, breaks, i, j, p)
        if j - 1 > i:
            silence = last.start - words[j - 2].end - p.pause_ms
            inner_pause += max(0, silence) / 1000
            sentence_inside = sentence_inside or ends_sentence(words[j - 2].text)
        ends_here = 0.0 if j == n or words[j].speaker != last.speaker else cue_breaks[j - 1]
        cost = quality * (CUE_COST + INNER_PAUSE_COST_PER_S * inner_pause)
        whole_sentences = _ends_at_sentence(words, i) and _ends_at_sentence(words, j)
        if sentence_inside and not whole_sentences:
            cost += quality * STRADDLE_COST
        if split is not None:
            cost += quality * DASH_CUE_COST
        elif n_lines == 2:
            cost += two_line_cost(prefix, breaks, i, j, p, quality)
        elif n_lines > 2:
            cost += min(
                in_lines[k][j - i] + quality * EXTRA_LINE_COST * (k + 1 - n_lines)
                for k in range(n_lines - 1, p.max_lines)
            )
        out.append((j, split, cost + ends_here, chars, speech_end))
    return out


def _dash_opens(prefix: Sequence[int], i: int, split: int, p: Profile) -> bool:
    """Whether words ``i..split-1`` can be the first line of a dash cue: the profile allows
    dash cues, and they fit on one line with their "-" (and SRT label)."""
    if not p.dash_cues or p.max_lines < 2:
        return False
    return 1 + prefix[split] - prefix[i] + (split - i - 1) <= p.max_chars_per_line


def _next_starts(
    start: int,
    speech: Speech,
    window: tuple[int, int] | None,
    onset: int,
    audio_end: int,
    p: Profile,
    quality: float,
) -> list[tuple[int, int, float]]:
    """Where the next cue may start after a cue that starts at ``start`` and shows ``speech``:
    ``(next start, rules the cue misses, cost of its timing)`` for each start worth trying.

    Worth trying: on time; as early as the window allows (room for the cue after); just late
    enough for this cue to miss nothing, or to miss only the reading speed; as late as the
    window allows. ``window`` is ``None`` after the last cue. The rules are those of
    :func:`captionkit.cue_timing.shortfalls` (and the wanted time that of
    :func:`captionkit.cue_timing.need_ms`), written out here because the search asks them
    millions of times.
    """
    if window is None:
        latest_end = audio_end if audio_end > max(speech.end, start) else None
        too_fast, too_short = shortfalls(start, latest_end, speech, p)
        return [(0, too_fast + too_short, quality * _over_speed(start, latest_end, speech, p))]
    gap, min_duration = p.min_gap_ms, p.min_duration_ms
    speech_end = speech.end if speech.end > start else start
    reading = speech.chars * 1000 / p.max_cps
    spoken = speech_end - start + p.max_reading_lead_out_ms  # the most reading time there is
    need = math.ceil(reading) if reading < spoken else spoken
    low, high = window
    if low <= start:
        low = start + 1  # starts strictly increase
    if high < low:
        high = low
    enough = start + (need if need > min_duration else min_duration) + gap
    if enough <= low:  # the common case: nothing to trade between this cue and the next
        if low < onset:
            early = quality * EARLY_START_COST_PER_S * (onset - low) / 1000
            return [(low, 0, early), (onset, 0, 0.0)] if quality and onset <= high else [
                (low, 0, early)
            ]
        return [(low, 0, 0.0)]
    candidates = {low}
    if start + min_duration + gap <= high:
        candidates.add(max(low, start + min_duration + gap))
    if enough <= high:
        candidates.add(enough)  # later than this only costs, but on time costs nothing
        if quality and enough < onset <= high:
            candidates.add(onset)
    else:
        candidates.add(high)  # all the time there is, for a cue that misses a rule anyway
        if quality and low < onset <= high:
            candidates.add(onset)
    longest = start + max(p.max_duration_ms, speech_end - start)
    reading_cap = speech_end + p.max_reading_lead_out_ms
    out = []
    for candidate in candidates:
        end = min(candidate - gap, longest)
        shown = min(end, reading_cap) - start
        too_fast = reading > shown
        missed = too_fast + (end - start < min_duration)
        cost = 0.0
        if quality:
            if too_fast:
                cost = OVER_SPEED_COST * (speech.chars * 1000 / max(shown, 1) - p.max_cps)
            if candidate < onset:
                cost += EARLY_START_COST_PER_S * (onset - candidate) / 1000
            elif candidate > onset:
                cost += LATE_START_COST + LATE_START_COST_PER_S * (candidate - onset) / 1000
        out.append((candidate, missed, quality * cost))
    return out


def _over_speed(start: int, latest_end: int | None, speech: Speech, p: Profile) -> float:
    """``OVER_SPEED_COST`` per character a second above ``max_cps`` at the longest display."""
    end = max(speech.end, start) + p.max_reading_lead_out_ms
    if latest_end is not None:
        end = min(end, latest_end)
    cps = speech.chars * 1000 / max(end - start, 1)
    return OVER_SPEED_COST * (cps - p.max_cps) if cps > p.max_cps else 0.0


def _ends_at_sentence(words: Sequence[Word], j: int) -> bool:
    """Whether a cue ending before word ``j`` ends a sentence, a turn or the speech."""
    if j in (0, len(words)):
        return True
    before, after = words[j - 1], words[j]
    return (
        before.turn != after.turn or before.speaker != after.speaker or ends_sentence(before.text)
    )
