"""Stage ``segment``: aligned words → caption cues under a :class:`~captionkit.profiles.Profile`.

Three steps, each a small function:

1. **Where cues break** (:func:`_cue_spans`): a shortest-path search over the words. A cue may
   not hold two speakers, more lines than the profile allows, or last longer than
   ``max_duration_ms``; within that, every cue costs a constant plus the cost of the break that
   ends it (cheap after sentence punctuation, then clause punctuation, before a conjunction or
   preposition, at a pause; dear after an article, possessive, preposition, auxiliary or
   pronoun), plus penalties for silences inside it, a poor line break, or too little silence to
   stay up for ``min_duration_ms``.
2. **Lines** (:func:`layout`): one line when it fits, else the fewest lines, broken by the same
   preferences, bottom-heavy when lengths differ. A word longer than a line gets a line of its
   own; no word is ever split, changed or dropped.
3. **Times** (:func:`_place_in_time`): start at the first word; end at the last word plus reading
   time (up to ``max_lead_out_ms``, more only to reach ``min_duration_ms``); never closer than
   ``min_gap_ms`` to the next cue. No gap is left under ``chain_threshold_ms``: it is closed to
   exactly ``min_gap_ms`` ("chaining"), or, where closing it would hold the text more than
   ``max_lead_out_ms`` past the speech, the lead-out is shortened so the gap is exactly
   ``chain_threshold_ms``. Starts strictly increase and cues never overlap, whatever the input.

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

from .model import Alignment, Cue, Word
from .profiles import Profile

# --- word lists (lower case, apostrophes as U+0027) -----------------------------------------


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


ARTICLES = _word_set("a an the")
DETERMINERS = _word_set("this these those every each another such")
POSSESSIVES = _word_set("my your his her its our their whose")
TITLES = _word_set("mr. mrs. ms. dr. prof. st. mr mrs ms dr")
PREPOSITIONS = _word_set("""
    about above across after against along among around at before behind below beneath
    beside between beyond by despite down during except for from in inside into like near of
    off on onto out outside over past since through throughout to toward towards under until
    up upon via with within without
""")
CONJUNCTIONS = _word_set("""
    and but or nor so yet because although though while whereas if unless when whenever
    where wherever whether that which who whom than as once then &
""")
AUXILIARIES = _word_set("""
    am is are was were be been being have has had do does did will would shall should can
    could may might must not don't doesn't didn't won't wouldn't can't cannot couldn't
    shouldn't isn't aren't wasn't weren't haven't hasn't hadn't i'm you're we're they're he's
    she's it's i've you've we've they've i'll you'll he'll she'll we'll they'll i'd you'd we'd
    they'd
""")
PRONOUNS = _word_set("i you he she it we they")

SENTENCE_END = frozenset(".!?…")
CLAUSE_END = frozenset(",;:—–")
DASHES = frozenset({"-", "--", "—", "–", "―"})
CLOSING = "\"'”’»)]}"
"""Closing quotes and brackets, looked through to find a word's final punctuation."""
OPENING = "\"'“‘«([{"

# --- costs (one scale; only their order and rough size matter) --------------------------------

CUE_COST = 25.0
"""Every cue costs this much: fewer, fuller cues unless a much better break is near."""
BREAK_AFTER_SENTENCE = 0.0
BREAK_AFTER_CLAUSE = 10.0
BREAK_BEFORE_CONJUNCTION = 20.0
BREAK_BEFORE_PREPOSITION = 25.0
BREAK_ELSEWHERE = 40.0
BREAK_AFTER_ARTICLE = 100.0
"""Extra for a break after an article, determiner, possessive or title (before its noun)."""
BREAK_AFTER_PREPOSITION = 60.0
BREAK_AFTER_VERB_PARTNER = 40.0
"""Extra for a break after an auxiliary, a negation or a subject pronoun (they bind to a verb)."""
BREAK_IN_NAME = 30.0
BREAK_AFTER_NUMBER = 20.0
BREAK_BEFORE_DASH = 20.0
PAUSE_BONUS = 15.0
LONG_PAUSE_MS = 1000
LONG_PAUSE_BONUS = 30.0
INNER_PAUSE_COST_PER_S = 25.0
"""Each second of silence (beyond ``pause_ms``) inside a cue: text shown long before it is said."""
STRADDLE_COST = 20.0
"""A cue that holds a sentence end but starts or stops in the middle of a sentence."""
TOO_SHORT_COST = 30.0
"""A cue that cannot stay up for ``min_duration_ms`` before the next one starts."""
TOP_HEAVY_COST = 0.1
BOTTOM_HEAVY_COST = 0.03
"""Per squared character of a line's distance from the balanced length: mild imbalance is
cheap, a long line over a stub (or a stub over a long line) is not; top-heavy costs more."""


# --- break quality ---------------------------------------------------------------------------


def _bare(word: str) -> str:
    """Lower case, typographic apostrophes plain, outer quotes/brackets/punctuation removed.

    >>> _bare("“Don’t,")
    "don't"
    """
    return word.lower().replace("’", "'").strip(OPENING + CLOSING + ".,;:!?…—–-")


def _final_mark(word: str) -> str:
    """The word's last punctuation mark, looking through closing quotes and brackets ('' if none).

    >>> _final_mark('said."'), _final_mark("well,"), _final_mark("(yes)")
    ('.', ',', 's')
    """
    core = word.rstrip(CLOSING)
    return core[-1] if core else ""


def _ends_sentence(word: str) -> bool:
    return _final_mark(word) in SENTENCE_END and word.lower().rstrip(CLOSING) not in TITLES


def _ends_clause(word: str) -> bool:
    return word in DASHES or _final_mark(word) in CLAUSE_END


def _is_bare_word(word: str) -> bool:
    """No sentence or clause punctuation at its end."""
    return _final_mark(word) not in SENTENCE_END | CLAUSE_END


def _binds_to_noun(word: str) -> bool:
    """Articles, determiners, possessives and titles belong with the noun after them."""
    if word.lower() in TITLES:
        return True
    return _is_bare_word(word) and _bare(word) in ARTICLES | DETERMINERS | POSSESSIVES


def _is_preposition(word: str) -> bool:
    return _is_bare_word(word) and _bare(word) in PREPOSITIONS


def _binds_to_verb(word: str) -> bool:
    """Auxiliaries, negations and subject pronouns belong with the verb after them."""
    return _is_bare_word(word) and _bare(word) in AUXILIARIES | PRONOUNS


def _is_capitalised(word: str) -> bool:
    core = word.lstrip(OPENING)
    return bool(core) and core[0].isupper()


def break_cost(before: Word, after: Word, profile: Profile) -> float:
    """How bad it is to end a cue or a line between two words of the same speaker (≥ 0).

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
    if before.turn != after.turn or _ends_sentence(a):
        cost = BREAK_AFTER_SENTENCE
    elif _ends_clause(a):
        cost = BREAK_AFTER_CLAUSE
    elif _bare(b) in CONJUNCTIONS:
        cost = BREAK_BEFORE_CONJUNCTION
    elif _bare(b) in PREPOSITIONS:
        cost = BREAK_BEFORE_PREPOSITION
    else:
        cost = BREAK_ELSEWHERE
    cost += _binding_cost(a, b)
    gap = after.start - before.end
    if gap >= LONG_PAUSE_MS:
        cost -= LONG_PAUSE_BONUS
    elif gap >= profile.pause_ms:
        cost -= PAUSE_BONUS
    return max(cost, 0.0)


def _binding_cost(a: str, b: str) -> float:
    """Extra cost for separating words that belong together (article + noun, name, ...)."""
    cost = 0.0
    if _binds_to_noun(a):
        cost += BREAK_AFTER_ARTICLE
    elif _is_preposition(a):
        cost += BREAK_AFTER_PREPOSITION
    elif _binds_to_verb(a):
        cost += BREAK_AFTER_VERB_PARTNER
    if _is_bare_word(a):
        if _is_capitalised(a) and _is_capitalised(b) and _bare(a) != "i":
            cost += BREAK_IN_NAME
        if a[-1:].isdigit() and b[:1].isalpha():
            cost += BREAK_AFTER_NUMBER
    if b in DASHES:
        cost += BREAK_BEFORE_DASH
    return cost


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


def layout(words: Sequence[Word], profile: Profile) -> tuple[str, ...]:
    """Lay out one cue's words in lines: one if it fits, else the fewest, best broken.

    >>> from captionkit.model import Word
    >>> from captionkit.profiles import get_profile
    >>> text = "When we got there, the shop had already closed for the day."
    >>> layout([Word(w, "A", 0, 0) for w in text.split()], get_profile("podcast"))
    ('When we got there,', 'the shop had already closed for the day.')
    >>> layout([Word(w, "A", 0, 0) for w in text.split()], get_profile("dcmp"))
    ('When we got there, the shop', 'had already closed for the day.')
    """
    return _best_layout(words, profile)[1]


def _best_layout(words: Sequence[Word], profile: Profile) -> tuple[float, tuple[str, ...]]:
    """(cost, lines) of the best layout in the fewest lines; a small dynamic programme."""
    texts = [w.text for w in words]
    lengths = [len(t) for t in texts]
    n_lines = _line_count(lengths, profile)
    if n_lines <= 1:
        return 0.0, (" ".join(texts),)
    breaks = [break_cost(a, b, profile) for a, b in zip(words, words[1:], strict=False)]
    target = (_span_length(lengths, 0, len(texts)) - (n_lines - 1)) / n_lines
    # best[(k, j)] = (cost, previous j) for the first j words in k lines
    best: dict[tuple[int, int], tuple[float, int]] = {(0, 0): (0.0, 0)}
    for k in range(1, n_lines + 1):
        is_last = k == n_lines
        ends = [len(texts)] if is_last else range(k, len(texts) - (n_lines - k) + 1)
        for j in ends:
            for i in range(j - 1, k - 2, -1):
                length = _span_length(lengths, i, j)
                if not _fits(length, j - i, profile):
                    break
                if (k - 1, i) not in best:
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


def _cue_spans(words: Sequence[Word], profile: Profile) -> list[tuple[int, int]]:
    """Split the words into cues ``[(first, end), ...]`` at the cheapest set of breaks.

    Dynamic programming over break positions: ``best[j]`` is the cheapest way to caption the
    first ``j`` words. Each cue grows word by word until it would break a hard limit (speaker,
    lines, duration), so the work is linear in the number of words times the words in a cue.
    """
    n = len(words)
    lengths = [len(w.text) for w in words]
    breaks = [break_cost(a, b, profile) for a, b in zip(words, words[1:], strict=False)]
    best = [0.0] + [math.inf] * n
    previous = [0] * (n + 1)
    for i in range(n):
        inner_pause, sentence_inside = 0.0, False
        n_lines, line_length = 1, lengths[i]
        speech_end = words[i].end
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
                silence = last.start - words[j - 2].end - profile.pause_ms
                inner_pause += max(0, silence) / 1000
                sentence_inside = sentence_inside or _ends_sentence(words[j - 2].text)
            cost = best[i] + CUE_COST + INNER_PAUSE_COST_PER_S * inner_pause
            whole_sentences = _ends_at_sentence(words, i) and _ends_at_sentence(words, j)
            if sentence_inside and not whole_sentences:
                cost += STRADDLE_COST
            cost += _end_cost(words, breaks, i, j, profile)
            if n_lines == 2:
                cost += _two_line_cost(lengths, breaks, i, j, profile)
            if cost < best[j]:
                best[j], previous[j] = cost, i
    spans: list[tuple[int, int]] = []
    j = n
    while j > 0:
        spans.append((previous[j], j))
        j = previous[j]
    return spans[::-1]


def _ends_at_sentence(words: Sequence[Word], j: int) -> bool:
    """Whether a cue ending before word ``j`` ends a sentence, a turn or the speech."""
    if j in (0, len(words)):
        return True
    before, after = words[j - 1], words[j]
    return (
        before.turn != after.turn or before.speaker != after.speaker or _ends_sentence(before.text)
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


# --- times -----------------------------------------------------------------------------------


def _lead_out(start: int, speech_end: int, n_chars: int, profile: Profile) -> int:
    """Time to add after the last word: toward ``warn_cps``, capped, and up to the minimum."""
    spoken = speech_end - start
    reading = math.ceil(n_chars * 1000 / profile.warn_cps) - spoken
    minimum = profile.min_duration_ms - spoken
    return max(0, min(reading, profile.max_lead_out_ms), minimum)


def _end_before(start: int, speech_end: int, wanted: int, next_start: int, p: Profile) -> int:
    """End of a cue followed by another: chain short gaps, keep real gaps real.

    A gap under ``chain_threshold_ms`` is closed to ``min_gap_ms`` when that stays within the
    reading-time allowance; otherwise the lead-out is shortened to leave a gap of exactly
    ``chain_threshold_ms``, unless that would cut the cue below its minimum (then chain anyway).
    """
    if next_start - wanted >= p.chain_threshold_ms:
        return wanted
    chained = next_start - p.min_gap_ms
    if chained <= max(wanted, speech_end + p.max_lead_out_ms):
        return chained
    spaced = next_start - p.chain_threshold_ms
    if spaced >= max(speech_end, start + p.min_duration_ms):
        return spaced
    return chained


def _end_time(
    start: int, speech_end: int, n_chars: int, next_start: int | None, audio_end: int, p: Profile
) -> int:
    """The end of one cue, given where the next one starts (``None`` for the last cue)."""
    speech_end = max(speech_end, start)
    wanted = speech_end + _lead_out(start, speech_end, n_chars, p)
    if next_start is None:
        end = min(wanted, audio_end) if audio_end > speech_end else wanted
    else:
        end = _end_before(start, speech_end, wanted, next_start, p)
    end = min(end, max(start + p.max_duration_ms, speech_end))
    if next_start is not None:
        end = min(end, next_start - p.min_gap_ms)
    end = max(end, start + 1)
    return end if next_start is None else min(end, next_start)


def _place_in_time(
    words: Sequence[Word],
    spans: Sequence[tuple[int, int]],
    texts: Sequence[str],
    audio_end: int,
    profile: Profile,
) -> list[tuple[int, int]]:
    """(start, end) of every cue. Starts are pushed 1 ms later where input times tie."""
    starts: list[int] = []
    for i, _ in spans:
        starts.append(max(words[i].start, starts[-1] + 1 if starts else 0))
    times = []
    for k, (i, j) in enumerate(spans):
        next_start = starts[k + 1] if k + 1 < len(starts) else None
        speech_end = max(w.end for w in words[i:j])
        end = _end_time(starts[k], speech_end, len(texts[k]), next_start, audio_end, profile)
        times.append((starts[k], end))
    return times


# --- the stage -------------------------------------------------------------------------------


def segment(alignment: Alignment, profile: Profile) -> list[Cue]:
    """Cut the aligned words into caption cues that meet ``profile`` (see the module doc).

    Every word of ``alignment.words`` is in exactly one cue, in order and verbatim:
    ``cue.text.split()`` gives back ``alignment.words[cue.first_word:][:cue.word_count]``.
    """
    words = alignment.words
    spans = _cue_spans(words, profile)
    lines = [layout(words[i:j], profile) for i, j in spans]
    texts = [" ".join(cue_lines) for cue_lines in lines]
    times = _place_in_time(words, spans, texts, alignment.duration, profile)
    return [
        Cue(
            start=start,
            end=end,
            speaker=words[i].speaker,
            lines=cue_lines,
            first_word=i,
            word_count=j - i,
        )
        for (i, j), cue_lines, (start, end) in zip(spans, lines, times, strict=True)
    ]
