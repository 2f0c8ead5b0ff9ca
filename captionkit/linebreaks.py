"""Where a caption line or cue may break, and how a cue's words are laid out in lines.

* **Break quality** (:func:`break_cost`): language, not geometry. Cheap after sentence
  punctuation, then clause punctuation, then before a conjunction or preposition, and at a
  pause; forbidden between words :mod:`captionkit.wordclass` says belong together (an article,
  possessive or adjective and its noun, a name, a pronoun or auxiliary or negation and its
  verb, a phrasal verb and its particle, a number and its unit). A break that strands the
  first word or two of a clause at a line's end, or the last at the next line's start, costs
  more; so does a cue break (rather than a line break) inside a clause.
* **Lines** (:func:`layout`): one line when it fits, else the fewest lines, broken by the same
  preferences, bottom-heavy when lengths differ. The SRT ``Name:`` label that opens the first
  cue of each speaker's run counts toward that cue's first line (:func:`widths`), so the label
  never pushes a line past the limit. A word longer than a line gets a line of its own; no
  word is ever split, changed or dropped.

Costs share one scale with the cue search (:mod:`captionkit.cue_search`); only their order and
rough size matter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .model import Word
from .profiles import Profile
from .wordclass import (
    Bond,
    bond,
    ends_sentence,
    final_mark,
    is_conjunction,
    is_preposition,
)

CLAUSE_END = frozenset(",;:—–")
DASHES = frozenset({"-", "--", "—", "–", "―"})
OPENING_DASHES = ("-", "—", "–", "―")
CLOSING = "\"'”’»)]}"

# --- costs -----------------------------------------------------------------------------------

FORBIDDEN_BREAK = 10_000.0
"""A line or cue break inside a pair style guides say never to split: dearer than anything
else, so it happens only where nothing else fits (a name longer than a line)."""
BREAK_AFTER_SENTENCE = 0.0
BREAK_AFTER_CLAUSE = 10.0
BREAK_BEFORE_CONJUNCTION = 20.0
BREAK_BEFORE_PREPOSITION = 25.0
BREAK_ELSEWHERE = 40.0
SURE_TIE = 200.0
"""Added to a forbidden break where the tie is known exactly (a closed-class word, a name)
rather than suggested by the lexicon: a run of tied words longer than a line must break
somewhere, and then it breaks at the least sure tie ("the regional | West Yorkshire ...")."""
BOND_COST: dict[Bond, float] = {
    # Closed-class ties, known exactly from word lists, and open-class ones found through the
    # lexicon (a word *can* be an adjective or a verb, so a false tie is possible): style
    # guides say "never" to all of them, and a missed tie is worse for a reader than a break
    # moved one word along.
    Bond.ARTICLE: FORBIDDEN_BREAK + SURE_TIE,
    Bond.POSSESSIVE: FORBIDDEN_BREAK + SURE_TIE,
    Bond.NAME: FORBIDDEN_BREAK + SURE_TIE,
    Bond.PRONOUN_VERB: FORBIDDEN_BREAK + SURE_TIE,
    Bond.AUXILIARY_VERB: FORBIDDEN_BREAK + SURE_TIE,
    Bond.NEGATION_VERB: FORBIDDEN_BREAK + SURE_TIE,
    Bond.PHRASAL_VERB: FORBIDDEN_BREAK,
    Bond.NUMBER_UNIT: FORBIDDEN_BREAK,
    Bond.ADJECTIVE: FORBIDDEN_BREAK,
    # A preposition and its object: poor, not forbidden.
    Bond.PREPOSITION: 60.0,
}
# A line opening with a dash (a lone one, or a word such as "-->" or "–and") reads as a
# speaker change (the dialogue dash of a two-speaker cue), to viewers and to caption readers
# alike: the dash stays with its line. So does a lone dash with its cue (see cue_break_costs).
BREAK_BEFORE_DASH = FORBIDDEN_BREAK
LONE_WORD_COST = 40.0
"""A break that leaves one word of a clause on its own across it: the first word of a new
sentence or clause at the end of a line or cue ("too cruel: Thou | that art now"), or the last
word of one at the start of the next ("thine own bright | eyes, Feed'st thy"). The break one
word along, at the punctuation, reads far better; style guides say to break after it."""
FRAGMENT_COST = {1: LONE_WORD_COST, 2: LONE_WORD_COST / 2}
"""By the words stranded: two words of a clause cut off read better than one, worse than none."""
MID_CLAUSE_CUE_COST = BREAK_ELSEWHERE / 2
"""Added to a cue break inside a clause: a line break keeps both halves on screen, a cue break
takes the first half away before the second is read. So a cue ends at a clause end where it
can, at the price of a few more cues. Half a break's cost, not more: at a whole one, the search
starts the next speaker's cue late (the last resort, ``cue_search.LATE_START_COST``) to end a
cue at a clause end rather than break a line before a preposition."""
PAUSE_BONUS = 15.0
LONG_PAUSE_MS = 1000
LONG_PAUSE_BONUS = 30.0
EXTRA_LINE_COST = 30.0
"""A third or fourth line beyond the fewest needed (profiles with more than two lines)."""
TOP_HEAVY_COST = 0.1
BOTTOM_HEAVY_COST = 0.03
"""Per squared character of a line's distance from the balanced length: mild imbalance is
cheap, a long line over a stub (or a stub over a long line) is not; top-heavy costs more."""


# --- break quality ---------------------------------------------------------------------------


def _ends_clause(word: str) -> bool:
    return word in DASHES or final_mark(word) in CLAUSE_END


def _closes(word: str) -> bool:
    """Whether a clause ends after this word (a sentence or a clause)."""
    return ends_sentence(word) or _ends_clause(word)


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
    if b.startswith(OPENING_DASHES):
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
    """``break_cost`` between every pair of neighbours (``len(words) - 1`` values), plus
    ``FRAGMENT_COST`` where a break would strand a word or two of a clause (:func:`fragment`)."""
    return [
        break_cost(words[k], words[k + 1], profile, sentence_start=_opens_sentence(words, k))
        + FRAGMENT_COST.get(fragment(words, k), 0.0)
        for k in range(len(words) - 1)
    ]


def fragment(words: Sequence[Word], k: int, most: int = 2) -> int:
    """How few words of a clause a break between words ``k`` and ``k + 1`` strands, up to
    ``most`` (else 0): the words since a clause end before the break, where the clause goes on
    after it, or those up to a clause end after the break, where it began before it. One
    speaker and turn throughout; 0 at a clause end.

    >>> from captionkit.model import Word
    >>> ws = [Word(w, "A", 0, 0) for w in "was cruel: Thou that art now".split()]
    >>> [fragment(ws, k) for k in range(len(ws) - 1)]
    [1, 0, 1, 2, 0]
    """
    def together(a: int, b: int) -> bool:
        return words[a].turn == words[b].turn and words[a].speaker == words[b].speaker

    def closes(a: int) -> bool:
        return _closes(words[a].text)

    def clause_between(a: int, b: int) -> bool:
        """Words ``a+1..b`` all one speaker's, and none of ``a+1..b-1`` ends a clause."""
        return all(together(i, i + 1) for i in range(a, b)) and not any(
            closes(i) for i in range(a + 1, b)
        )

    if not together(k, k + 1) or closes(k):
        return 0
    for n in range(1, most + 1):
        opened = k - n >= 0 and closes(k - n) and clause_between(k - n, k + 1)
        closed = k + n < len(words) and closes(k + n) and clause_between(k, k + n)
        if opened or closed:
            return n
    return 0


def label_width(speaker: str) -> int:
    """Characters the SRT label ``"Name: "`` adds to a line (0 for an unnamed speaker).

    >>> label_width("Bob O'Ray")
    11
    """
    name = " ".join(speaker.split())
    return len(name) + 2 if name else 0


def widths(words: Sequence[Word]) -> list[int]:
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


def add_word(n_lines: int, line_length: int, length: int, profile: Profile) -> tuple[int, int]:
    """Greedy filling: the word joins the last line if it fits there, else starts a new one."""
    if line_length + 1 + length <= profile.max_chars_per_line:
        return n_lines, line_length + 1 + length
    return n_lines + 1, length


def _line_count(lengths: Sequence[int], profile: Profile) -> int:
    """Fewest lines that hold these words (greedy filling is optimal for this)."""
    n_lines, line_length = 1, lengths[0]
    for length in lengths[1:]:
        n_lines, line_length = add_word(n_lines, line_length, length, profile)
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
    return best_layout([w.text for w in words], lengths, breaks, profile)[1]


def best_layout(
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


def two_line_cost(
    prefix: Sequence[int],
    breaks: Sequence[float],
    i: int,
    j: int,
    profile: Profile,
    shaped: float = 1.0,
) -> float:
    """Cost of the best two-line layout of words ``i..j-1`` (a fast version of the above;
    ``prefix[k]`` is the length of the first ``k`` words, ``shaped`` weighs the shape costs)."""
    limit = profile.max_chars_per_line
    target = (prefix[j] - prefix[i] + (j - i - 1) - 1) / 2
    best = math.inf
    for split in range(i + 1, j):
        top = prefix[split] - prefix[i] + (split - i - 1)
        bottom = prefix[j] - prefix[split] + (j - split - 1)
        if (top <= limit or split - i == 1) and (bottom <= limit or j - split == 1):
            cost = breaks[split - 1]
            if shaped:
                cost += shaped * (
                    _shape_cost(top, target, False) + _shape_cost(bottom, target, True)
                )
            best = min(best, cost)
    return best


def grow_line_costs(
    in_lines: list[list[float]],
    prefix: Sequence[int],
    breaks: Sequence[float],
    i: int,
    j: int,
    profile: Profile,
) -> None:
    """Extend ``in_lines`` to the cue of words ``i..j-1``, for cues of three lines or more:
    ``in_lines[k][j - i]`` is the cheapest sum of line breaks laying those words out in
    exactly ``k + 1`` lines (``prefix[k]``: the length of the first ``k`` words)."""
    limit = profile.max_chars_per_line
    whole = prefix[j] - prefix[i] + (j - i - 1)
    in_lines[0].append(0.0 if whole <= limit or j - i == 1 else math.inf)
    for k in range(1, len(in_lines)):
        best = math.inf
        above = in_lines[k - 1]
        for m in range(j - 1, i, -1):  # the last line holds words m..j-1
            if prefix[j] - prefix[m] + (j - m - 1) > limit and j - m > 1:
                break
            cost = above[m - i] + breaks[m - 1]
            if cost < best:
                best = cost
        in_lines[k].append(best)


def cue_break_costs(
    words: Sequence[Word], breaks: Sequence[float], profile: Profile
) -> list[float]:
    """Break costs between cues, from those between lines (``breaks``).

    The same, except:

    * inside a clause (not after its punctuation, nor at a pause), ``MID_CLAUSE_CUE_COST``
      more;
    * before a word that opens with a dash but is more than a dash ("-->", "-5°C"): a cue may
      open with it, as the first line is never taken for a dialogue dash alone, while a second
      line may not (a cue whose every line opens with a dash is a two-speaker cue).
    """
    out = []
    for k, cost in enumerate(breaks):
        if _dash_led(words[k + 1].text):
            cost -= BREAK_BEFORE_DASH
        if _inside_clause(words, k, profile):
            cost += MID_CLAUSE_CUE_COST
        out.append(cost)
    return out


def _inside_clause(words: Sequence[Word], k: int, profile: Profile) -> bool:
    """Whether words ``k`` and ``k + 1`` are one speaker's, in one clause, said without a pause."""
    before, after = words[k], words[k + 1]
    return (
        before.turn == after.turn
        and before.speaker == after.speaker
        and not _closes(before.text)
        and after.start - before.end < profile.pause_ms
    )


def _dash_led(word: str) -> bool:
    return word.startswith(OPENING_DASHES) and word not in DASHES


def forbidden_only(breaks: Sequence[float]) -> list[float]:
    """The forbidden part of each break cost: what the search weighs when only forbidden
    breaks and missed rules count (:func:`captionkit.segment.fewest_errors`)."""
    return [FORBIDDEN_BREAK if cost >= FORBIDDEN_BREAK else 0.0 for cost in breaks]
