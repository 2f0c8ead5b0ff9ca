"""Stage ``segment``: aligned words → caption cues under a :class:`~captionkit.profiles.Profile`.

Four steps, each a small function:

1. **Where cues break** (:func:`_cue_spans`): a shortest-path search over the words. A cue may
   not hold two speakers, more lines than the profile allows, or last longer than
   ``max_duration_ms``; within that, every cue costs a constant plus the cost of the break that
   ends it, plus penalties for silences inside it, a poor line break, or too little silence to
   stay up for ``min_duration_ms``.
2. **Break quality** (:func:`break_cost`): language, not geometry. Cheap after sentence
   punctuation, then clause punctuation, then before a conjunction or preposition, and at a
   pause; dear between words :mod:`captionkit.wordclass` says belong together (an article,
   possessive or adjective and its noun, a name, a pronoun or auxiliary or negation and its
   verb, a phrasal verb and its particle, a number and its unit).
3. **Lines** (:func:`layout`): one line when it fits, else the fewest lines, broken by the same
   preferences, bottom-heavy when lengths differ. The SRT ``Name:`` label that opens the first
   cue of each speaker's run counts toward that cue's first line, so the label never pushes a
   line past the limit. A word longer than a line gets a line of its own; no word is ever
   split, changed or dropped.
4. **Times** (:mod:`captionkit.cue_timing`): start at the first word, reading time after the
   last, chaining, minimum and maximum durations, lead-in only where nothing else works.

Where the profile allows (``dash_cues``), a very short exchange between two speakers, one line
each, becomes one two-speaker cue (``Cue.second_speaker``) that writers show as ``-Yes.`` /
``-No.``.

>>> from captionkit.model import Alignment, Transcript, Word
>>> from captionkit.profiles import get_profile
>>> words = [Word("Hello", "Ann", 0, 300), Word("there.", "Ann", 350, 700),
...          Word("Hi!", "Bob", 900, 1200)]
>>> for cue in segment(Alignment(words, Transcript(turns=[]), 5000), get_profile("podcast")):
...     print(cue.start, cue.end, cue.speaker, cue.lines, cue.first_word, cue.word_count)
0 817 Ann ('Hello there.',) 0 2
900 1733 Bob ('Hi!',) 2 1
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .cue_timing import Speech, place
from .model import Alignment, Cue, Word
from .profiles import Profile
from .wordclass import (
    TITLES,
    Bond,
    bond,
    final_mark,
    is_conjunction,
    is_preposition,
)

SENTENCE_END = frozenset(".!?…")
CLAUSE_END = frozenset(",;:—–")
DASHES = frozenset({"-", "--", "—", "–", "―"})
CLOSING = "\"'”’»)]}"

# --- costs (one scale; only their order and rough size matter) --------------------------------

CUE_COST = 25.0
"""Every cue costs this much: fewer, fuller cues unless a much better break is near."""
BREAK_AFTER_SENTENCE = 0.0
BREAK_AFTER_CLAUSE = 10.0
BREAK_BEFORE_CONJUNCTION = 20.0
BREAK_BEFORE_PREPOSITION = 25.0
BREAK_ELSEWHERE = 40.0
BOND_COST: dict[Bond, float] = {
    # Closed-class ties, known exactly from word lists: style guides say "never".
    Bond.ARTICLE: 200.0,
    Bond.POSSESSIVE: 200.0,
    Bond.NAME: 200.0,
    Bond.PRONOUN_VERB: 150.0,
    Bond.AUXILIARY_VERB: 150.0,
    Bond.NEGATION_VERB: 150.0,
    # Open-class ties found through the lexicon: a word *can* be an adjective or a verb, so a
    # false tie is possible; as dear as the closed-class ties all the same, since a missed
    # tie is worse for a reader than a break moved one word along.
    Bond.PHRASAL_VERB: 150.0,
    Bond.NUMBER_UNIT: 150.0,
    Bond.ADJECTIVE: 150.0,
    # A preposition and its object: poor, not forbidden.
    Bond.PREPOSITION: 60.0,
}
BREAK_BEFORE_DASH = 20.0
PAUSE_BONUS = 15.0
LONG_PAUSE_MS = 1000
LONG_PAUSE_BONUS = 30.0
INNER_PAUSE_COST_PER_S = 25.0
"""Each second of silence (beyond ``pause_ms``) inside a cue: text shown long before it is said."""
STRADDLE_COST = 20.0
"""A cue that holds a sentence end but starts or stops in the middle of a sentence."""
TOO_SHORT_COST = 120.0
"""A cue that cannot stay up for ``min_duration_ms`` before the next one starts."""
MAX_SPEED_COST = 120.0
TOO_FAST_COST = 40.0
"""A cue that cannot stay up long enough to be read at ``max_cps`` (and as much again for
each character a second over)."""
EXTRA_LINE_COST = 30.0
"""A third or fourth line beyond the fewest needed (profiles with more than two lines)."""
TOP_HEAVY_COST = 0.1
BOTTOM_HEAVY_COST = 0.03
"""Per squared character of a line's distance from the balanced length: mild imbalance is
cheap, a long line over a stub (or a stub over a long line) is not; top-heavy costs more."""


# --- break quality ---------------------------------------------------------------------------


def ends_sentence(word: str) -> bool:
    """Whether the word closes a sentence ("done.", 'said?"'; not "Mr.").

    >>> ends_sentence('said."'), ends_sentence("Dr."), ends_sentence("well,")
    (True, False, False)
    """
    return final_mark(word) in SENTENCE_END and word.lower().rstrip(CLOSING) not in TITLES


def _ends_clause(word: str) -> bool:
    return word in DASHES or final_mark(word) in CLAUSE_END


def break_cost(
    before: Word, after: Word, profile: Profile, *, sentence_start: bool = False
) -> float:
    """How bad it is to end a cue or a line between two words of the same speaker (≥ 0).

    ``sentence_start`` says ``before`` opens a sentence (its capital is no sign of a name).

    >>> from captionkit.model import Word
    >>> from captionkit.profiles import get_profile
    >>> p = get_profile()
    >>> def cost(a, b, gap=0):
    ...     return break_cost(Word(a, "A", 0, 100), Word(b, "A", 100 + gap, 200 + gap), p)
    >>> cost("done.", "Next") < cost("well,", "you") < cost("cats", "and") < cost("the", "book")
    True
    >>> cost("cats", "dogs", gap=400) < cost("cats", "dogs")
    True
    """
    a, b = before.text, after.text
    if before.turn != after.turn or before.speaker != after.speaker:
        return BREAK_AFTER_SENTENCE
    if ends_sentence(a):
        cost = BREAK_AFTER_SENTENCE
    elif _ends_clause(a):
        cost = BREAK_AFTER_CLAUSE
    elif is_conjunction(b):
        cost = BREAK_BEFORE_CONJUNCTION
    elif is_preposition(b):
        cost = BREAK_BEFORE_PREPOSITION
    else:
        cost = BREAK_ELSEWHERE
    tie = bond(a, b, sentence_start=sentence_start)
    if tie is not None:
        cost += BOND_COST[tie]
    if b in DASHES:
        cost += BREAK_BEFORE_DASH
    gap = after.start - before.end
    if gap >= LONG_PAUSE_MS:
        cost -= LONG_PAUSE_BONUS
    elif gap >= profile.pause_ms:
        cost -= PAUSE_BONUS
    return max(cost, 0.0)


def _opens_sentence(words: Sequence[Word], k: int) -> bool:
    """Whether word ``k`` is the first of a sentence (or of a turn)."""
    if k == 0:
        return True
    before = words[k - 1]
    return before.turn != words[k].turn or ends_sentence(before.text)


def break_costs(words: Sequence[Word], profile: Profile) -> list[float]:
    """``break_cost`` between every pair of neighbours (``len(words) - 1`` values)."""
    return [
        break_cost(words[k], words[k + 1], profile, sentence_start=_opens_sentence(words, k))
        for k in range(len(words) - 1)
    ]


def label_width(speaker: str) -> int:
    """Characters the SRT label ``"Name: "`` adds to a line (0 for an unnamed speaker).

    >>> label_width("Bob O'Ray")
    11
    """
    name = " ".join(speaker.split())
    return len(name) + 2 if name else 0


def _widths(words: Sequence[Word]) -> list[int]:
    """Each word's length, its label's included where it opens a speaker's run of words."""
    widths = [len(w.text) for w in words]
    for k, word in enumerate(words):
        if k == 0 or words[k - 1].speaker != word.speaker:
            widths[k] += label_width(word.speaker)
    return widths


# --- lines -----------------------------------------------------------------------------------


def _span_length(lengths: Sequence[int], i: int, j: int) -> int:
    """Characters of words ``i..j-1`` joined by single spaces."""
    return sum(lengths[i:j]) + (j - i - 1)


def _fits(length: int, n_words: int, profile: Profile) -> bool:
    """A line fits when it is short enough, or is one word too long to break."""
    return length <= profile.max_chars_per_line or n_words == 1


def _add_word(n_lines: int, line_length: int, length: int, profile: Profile) -> tuple[int, int]:
    """Greedy filling: the word joins the last line if it fits there, else starts a new one."""
    if line_length + 1 + length <= profile.max_chars_per_line:
        return n_lines, line_length + 1 + length
    return n_lines + 1, length


def _line_count(lengths: Sequence[int], profile: Profile) -> int:
    """Fewest lines that hold these words (greedy filling is optimal for this)."""
    n_lines, line_length = 1, lengths[0]
    for length in lengths[1:]:
        n_lines, line_length = _add_word(n_lines, line_length, length, profile)
    return n_lines


def _shape_cost(length: int, target: float, is_last: bool) -> float:
    """Prefer balanced lines; a line above the lower one (top-heavy) costs more than below it."""
    over = length - target
    if is_last:
        over = -over  # a short bottom line is the top-heavy case
    weight = TOP_HEAVY_COST if over > 0 else BOTTOM_HEAVY_COST
    return weight * over * over


def layout(
    words: Sequence[Word],
    profile: Profile,
    *,
    label: int = 0,
    breaks: Sequence[float] | None = None,
) -> tuple[str, ...]:
    """Lay out one cue's words in lines: one if it fits, else the fewest, best broken.

    ``label`` is the width of a speaker label shown before the first line (see
    :func:`label_width`); ``breaks`` the break costs between the words (computed when absent).

    >>> from captionkit.model import Word
    >>> from captionkit.profiles import get_profile
    >>> text = "When we got there, the shop had already closed for the day."
    >>> layout([Word(w, "A", 0, 0) for w in text.split()], get_profile("podcast"))
    ('When we got there,', 'the shop had already closed for the day.')
    >>> layout([Word(w, "A", 0, 0) for w in text.split()], get_profile("dcmp"))
    ('When we got there, the shop', 'had already closed for the day.')
    """
    lengths = [len(w.text) for w in words]
    if lengths:
        lengths[0] += label
    if breaks is None:
        breaks = break_costs(words, profile)
    return _best_layout([w.text for w in words], lengths, breaks, profile)[1]


def _best_layout(
    texts: Sequence[str], lengths: Sequence[int], breaks: Sequence[float], profile: Profile
) -> tuple[float, tuple[str, ...]]:
    """(cost, lines) of the best layout: one line when it fits; else the fewest lines, or one
    more where the profile allows more than two and the extra line buys a better break."""
    fewest = _line_count(lengths, profile)
    if fewest <= 1:
        return 0.0, (" ".join(texts),)
    options = [_layout_in(texts, lengths, breaks, profile, fewest)]
    if 2 < fewest + 1 <= min(profile.max_lines, len(texts)):
        cost, lines = _layout_in(texts, lengths, breaks, profile, fewest + 1)
        options.append((cost + EXTRA_LINE_COST, lines))
    return min(options, key=lambda option: option[0])


def _layout_in(
    texts: Sequence[str],
    lengths: Sequence[int],
    breaks: Sequence[float],
    profile: Profile,
    n_lines: int,
) -> tuple[float, tuple[str, ...]]:
    """(cost, lines) of the best layout in exactly ``n_lines`` lines; a dynamic programme."""
    target = (_span_length(lengths, 0, len(texts)) - (n_lines - 1)) / n_lines
    # best[(k, j)] = (cost, previous j) for the first j words in k lines. On a tie the first
    # candidate found stays: the one with the longest last line (bottom-heavy).
    best: dict[tuple[int, int], tuple[float, int]] = {(0, 0): (0.0, 0)}
    for k in range(1, n_lines + 1):
        is_last = k == n_lines
        ends = [len(texts)] if is_last else range(k, len(texts) - (n_lines - k) + 1)
        for j in ends:
            for i in range(k - 1, j):
                length = _span_length(lengths, i, j)
                if not _fits(length, j - i, profile) or (k - 1, i) not in best:
                    continue
                cost = best[(k - 1, i)][0] + _shape_cost(length, target, is_last)
                if not is_last:
                    cost += breaks[j - 1]
                if (k, j) not in best or cost < best[(k, j)][0]:
                    best[(k, j)] = (cost, i)
    lines: list[str] = []
    j = len(texts)
    for k in range(n_lines, 0, -1):
        i = best[(k, j)][1]
        lines.append(" ".join(texts[i:j]))
        j = i
    return best[(n_lines, len(texts))][0], tuple(reversed(lines))


def _two_line_cost(
    lengths: Sequence[int], breaks: Sequence[float], i: int, j: int, profile: Profile
) -> float:
    """Cost of the best two-line layout of words ``i..j-1`` (a fast version of the above)."""
    target = (_span_length(lengths, i, j) - 1) / 2
    best = math.inf
    for split in range(i + 1, j):
        top, bottom = _span_length(lengths, i, split), _span_length(lengths, split, j)
        if _fits(top, split - i, profile) and _fits(bottom, j - split, profile):
            cost = (
                breaks[split - 1]
                + _shape_cost(top, target, False)
                + _shape_cost(bottom, target, True)
            )
            best = min(best, cost)
    return best


# --- cues ------------------------------------------------------------------------------------


def _cue_spans(
    words: Sequence[Word], lengths: Sequence[int], breaks: Sequence[float], profile: Profile
) -> list[tuple[int, int]]:
    """Split the words into cues ``[(first, end), ...]`` at the cheapest set of breaks.

    Dynamic programming over break positions: ``best[j]`` is the cheapest way to caption the
    first ``j`` words. Each cue grows word by word until it would break a hard limit (speaker,
    lines, duration), so the work is linear in the number of words times the words in a cue.
    """
    n = len(words)
    best = [0.0] + [math.inf] * n
    previous = [0] * (n + 1)
    for i in range(n):
        inner_pause, sentence_inside = 0.0, False
        n_lines, line_length = 1, lengths[i]
        chars = len(words[i].text)
        speech_end = words[i].end
        # in_lines[k][j - i]: cheapest breaks laying words i..j-1 out in exactly k + 1 lines,
        # kept as the cue grows (used for cues of three lines or more).
        in_lines: list[list[float]] = [[math.inf] for _ in range(profile.max_lines)]
        for j in range(i + 1, n + 1):
            last = words[j - 1]
            if j - 1 > i:
                speech_end = max(speech_end, last.end)
                if last.speaker != words[i].speaker:
                    break
                if speech_end - words[i].start > profile.max_duration_ms:
                    break
                n_lines, line_length = _add_word(n_lines, line_length, lengths[j - 1], profile)
                if n_lines > profile.max_lines:
                    break
                chars += 1 + len(last.text)
            if profile.max_lines > 2:
                _grow_line_costs(in_lines, lengths, breaks, i, j, profile)
            if j - 1 > i:
                silence = last.start - words[j - 2].end - profile.pause_ms
                inner_pause += max(0, silence) / 1000
                sentence_inside = sentence_inside or ends_sentence(words[j - 2].text)
            cost = best[i] + CUE_COST + INNER_PAUSE_COST_PER_S * inner_pause
            whole_sentences = _ends_at_sentence(words, i) and _ends_at_sentence(words, j)
            if sentence_inside and not whole_sentences:
                cost += STRADDLE_COST
            cost += _end_cost(words, breaks, i, j, profile)
            cost += _speed_cost(words, i, j, chars, speech_end, profile)
            if n_lines == 2:
                cost += _two_line_cost(lengths, breaks, i, j, profile)
            elif n_lines > 2:
                cost += min(
                    in_lines[k][j - i] + EXTRA_LINE_COST * (k + 1 - n_lines)
                    for k in range(n_lines - 1, profile.max_lines)
                )
            if cost < best[j]:
                best[j], previous[j] = cost, i
    spans: list[tuple[int, int]] = []
    j = n
    while j > 0:
        spans.append((previous[j], j))
        j = previous[j]
    return spans[::-1]


def _grow_line_costs(
    in_lines: list[list[float]],
    lengths: Sequence[int],
    breaks: Sequence[float],
    i: int,
    j: int,
    profile: Profile,
) -> None:
    """Extend ``in_lines`` (see :func:`_cue_spans`) to the cue of words ``i..j-1``."""
    whole = _span_length(lengths, i, j)
    in_lines[0].append(0.0 if _fits(whole, j - i, profile) else math.inf)
    for k in range(1, len(in_lines)):
        best = math.inf
        for m in range(j - 1, i, -1):  # the last line holds words m..j-1
            if not _fits(_span_length(lengths, m, j), j - m, profile):
                break
            best = min(best, in_lines[k - 1][m - i] + breaks[m - 1])
        in_lines[k].append(best)


def _ends_at_sentence(words: Sequence[Word], j: int) -> bool:
    """Whether a cue ending before word ``j`` ends a sentence, a turn or the speech."""
    if j in (0, len(words)):
        return True
    before, after = words[j - 1], words[j]
    return (
        before.turn != after.turn or before.speaker != after.speaker or ends_sentence(before.text)
    )


def _end_cost(
    words: Sequence[Word], breaks: Sequence[float], i: int, j: int, profile: Profile
) -> float:
    """Cost of ending a cue of words ``i..j-1`` here: the break, and whether it can stay up."""
    if j == len(words):
        return 0.0
    cost = 0.0 if words[j].speaker != words[j - 1].speaker else breaks[j - 1]
    room = words[j].start - profile.min_gap_ms - words[i].start
    if room < profile.min_duration_ms:
        cost += TOO_SHORT_COST
    return cost


def _speed_cost(
    words: Sequence[Word], i: int, j: int, chars: int, speech_end: int, profile: Profile
) -> float:
    """Cost of a cue of words ``i..j-1`` that cannot be shown long enough to read at
    ``max_cps``: before the next word, or within the reading time allowed after the speech."""
    latest = speech_end + profile.max_reading_lead_out_ms
    if j < len(words):
        latest = min(latest, words[j].start - profile.min_gap_ms)
    room = latest - words[i].start
    excess = chars * 1000 / max(room, 1) - profile.max_cps
    # Capped below the price of a forbidden break: fast speech is flagged, never "fixed" by
    # splitting a name or an article from its noun.
    return min(TOO_FAST_COST * (1 + excess), MAX_SPEED_COST) if excess > 0 else 0.0


# --- two-speaker dash cues -------------------------------------------------------------------


def _dash_groups(
    words: Sequence[Word],
    spans: Sequence[tuple[int, int]],
    widths: Sequence[int],
    profile: Profile,
) -> list[tuple[int, int, int | None]]:
    """Cues as ``(first, end, split)``; ``split`` is where the second speaker's line starts
    in a dash cue, ``None`` in a one-speaker cue.

    Two neighbouring cues merge only when the profile allows dash cues, the speakers differ,
    each cue fits on one line with its "-" (and label), and the exchange is too quick for the
    two to be shown apart: one of them cannot stay up for ``min_duration_ms`` or would be read
    faster than ``max_cps``.
    """
    groups: list[tuple[int, int, int | None]] = []
    k = 0
    while k < len(spans):
        i, j = spans[k]
        if k + 1 < len(spans) and _dash_pair(words, (i, j), spans[k + 1], widths, profile):
            groups.append((i, spans[k + 1][1], j))
            k += 2
        else:
            groups.append((i, j, None))
            k += 1
    return groups


def _dash_pair(
    words: Sequence[Word],
    first: tuple[int, int],
    second: tuple[int, int],
    widths: Sequence[int],
    profile: Profile,
) -> bool:
    if not profile.dash_cues or profile.max_lines < 2:
        return False
    (i, j), (_, k) = first, second
    if words[i].speaker == words[j].speaker:
        return False
    # One line each, with its "-"; ``widths`` already hold the SRT label where it is shown
    # (always on the second line: its speaker differs from the first's).
    if any(1 + _span_length(widths, a, b) > profile.max_chars_per_line for a, b in (first, second)):
        return False
    if max(w.end for w in words[i:k]) - words[i].start > profile.max_duration_ms:
        return False
    after = words[k].start if k < len(words) else None
    return _too_quick(words, i, j, words[j].start, profile) or _too_quick(
        words, j, k, after, profile
    )


def _too_quick(
    words: Sequence[Word], i: int, j: int, next_start: int | None, profile: Profile
) -> bool:
    """Whether a cue of words ``i..j-1`` cannot be shown long enough before ``next_start``."""
    if next_start is None:
        return False
    room = next_start - profile.min_gap_ms - words[i].start
    chars = _span_length([len(w.text) for w in words[i:j]], 0, j - i)
    return room < profile.min_duration_ms or chars * 1000 / max(room, 1) > profile.max_cps


# --- the stage -------------------------------------------------------------------------------


def segment(alignment: Alignment, profile: Profile) -> list[Cue]:
    """Cut the aligned words into caption cues that meet ``profile`` (see the module doc).

    Every word of ``alignment.words`` is in exactly one cue, in order and verbatim:
    ``cue.text.split()`` gives back ``alignment.words[cue.first_word:][:cue.word_count]``.
    """
    words = alignment.words
    if not words:
        return []
    widths = _widths(words)
    breaks = break_costs(words, profile)
    spans = _cue_spans(words, widths, breaks, profile)
    groups = _dash_groups(words, spans, widths, profile)
    lines = [_lines(words, widths, breaks, group, profile) for group in groups]
    speech = [
        Speech(
            start=words[i].start,
            end=max(w.end for w in words[i:j]),
            chars=len(" ".join(cue_lines)),
        )
        for (i, j, _), cue_lines in zip(groups, lines, strict=True)
    ]
    times = place(speech, alignment.duration, profile)
    return [
        Cue(
            start=start,
            end=end,
            speaker=words[i].speaker,
            lines=cue_lines,
            first_word=i,
            word_count=j - i,
            second_speaker=words[split].speaker if split is not None else None,
        )
        for (i, j, split), cue_lines, (start, end) in zip(groups, lines, times, strict=True)
    ]


def _lines(
    words: Sequence[Word],
    widths: Sequence[int],
    breaks: Sequence[float],
    group: tuple[int, int, int | None],
    profile: Profile,
) -> tuple[str, ...]:
    i, j, split = group
    if split is not None:
        return (
            " ".join(w.text for w in words[i:split]),
            " ".join(w.text for w in words[split:j]),
        )
    texts = [w.text for w in words[i:j]]
    return _best_layout(texts, widths[i:j], breaks[i : j - 1], profile)[1]
