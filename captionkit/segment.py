"""Stage ``segment``: aligned words → caption cues under a :class:`~captionkit.profiles.Profile`.

Three steps, each in its own module:

1. **Where a line or cue may break, and how lines are laid out** (:mod:`captionkit.linebreaks`):
   language, not geometry; never inside words that belong together
   (:mod:`captionkit.wordclass`); one line when it fits, else the fewest, bottom-heavy; room
   kept for the SRT ``Name:`` label; no word ever split, changed or dropped.
2. **Where cues break and when each appears** (:mod:`captionkit.cue_search`): one search that
   minimises forbidden breaks, then rules the timing cannot meet (too fast, too short), then
   the ordinary costs of a good caption. A fast stretch shares a cue with slower speech beside
   it; a cue borrows silence before it, or the next cue starts a little late, only where that
   saves a rule; a very short exchange becomes a two-speaker dash cue (``Cue.second_speaker``,
   shown as ``-Yes.`` / ``-No.``) only where the profile allows it and it saves a rule.
3. **Times** (:mod:`captionkit.cue_timing`): the chosen starts, reading time after the last
   word, chaining, minimum and maximum durations.

:func:`fewest_errors` runs the same search without the ordinary costs: the fewest timing
errors any segmentation of the words can get, so what :func:`segment` leaves above it would be
the segmenter's fault, and what is left up to it is speech faster than any cue can show (kept
verbatim; the run's report flags it). Below, Bob's cue starts 16 ms late so that Ann's stays
up for its minimum 833 ms.

>>> from captionkit.model import Alignment, Transcript, Word
>>> from captionkit.profiles import get_profile
>>> words = [Word("Hello", "Ann", 0, 300), Word("there.", "Ann", 350, 700),
...          Word("Hi!", "Bob", 900, 1200)]
>>> for cue in segment(Alignment(words, Transcript(turns=[]), 5000), get_profile("podcast")):
...     print(cue.start, cue.end, cue.speaker, cue.lines, cue.first_word, cue.word_count)
0 833 Ann ('Hello there.',) 0 2
916 1749 Bob ('Hi!',) 2 1
"""

from __future__ import annotations

from collections.abc import Sequence

from .cue_search import Choice, search
from .cue_timing import Speech, place, trim_lead_in
from .linebreaks import (
    best_layout,
    break_cost,
    break_costs,
    cue_break_costs,
    forbidden_only,
    layout,
    widths,
)
from .model import Alignment, Cue, Word
from .profiles import Profile

__all__ = ["break_cost", "fewest_errors", "layout", "segment"]


def segment(alignment: Alignment, profile: Profile) -> list[Cue]:
    """Cut the aligned words into caption cues that meet ``profile`` (see the module doc).

    Every word of ``alignment.words`` is in exactly one cue, in order and verbatim:
    ``cue.text.split()`` gives back ``alignment.words[cue.first_word:][:cue.word_count]``.
    """
    words = alignment.words
    if not words:
        return []
    sizes = widths(words)
    breaks = break_costs(words, profile)
    choices, _ = search(
        words, sizes, breaks, alignment.duration, profile,
        cue_breaks=cue_break_costs(words, breaks, profile),
    )
    lines = [_lines(words, sizes, breaks, choice, profile) for choice in choices]
    speech = [
        Speech(
            start=words[c.first].start,
            end=max(w.end for w in words[c.first : c.end]),
            chars=len(" ".join(cue_lines)),
        )
        for c, cue_lines in zip(choices, lines, strict=True)
    ]
    starts = trim_lead_in(speech, [c.start for c in choices], alignment.duration, profile)
    times = place(speech, starts, alignment.duration, profile)
    return [
        Cue(
            start=start,
            end=end,
            speaker=words[c.first].speaker,
            lines=cue_lines,
            first_word=c.first,
            word_count=c.end - c.first,
            second_speaker=words[c.split].speaker if c.split is not None else None,
        )
        for c, cue_lines, (start, end) in zip(choices, lines, times, strict=True)
    ]


def fewest_errors(alignment: Alignment, profile: Profile) -> int:
    """The fewest timing errors (too fast, too short) any segmentation of these words can
    get under ``profile``, without a forbidden break beyond those no segmentation avoids.

    The same search as :func:`segment` with only the forbidden breaks and the missed rules
    priced, so it is a bound :func:`segment` reaches, not a guess: errors above it would come
    from the segmentation, errors up to it from speech faster than any cue can show. It is
    exact but for one pruning: at each cue boundary the search follows only the three lowest
    error counts (see :func:`captionkit.cue_search._prune`).

    >>> from captionkit.model import Transcript, Word
    >>> from captionkit.profiles import get_profile
    >>> fast = [Word(w, "Ann", 100 * k, 100 * k + 90) for k, w in enumerate(
    ...     "A fast sentence with many characters in it, spoken quickly.".split())]
    >>> fewest_errors(Alignment(fast, Transcript(turns=[]), 60_000), get_profile())
    1
    """
    words = alignment.words
    if not words:
        return 0
    costs = break_costs(words, profile)
    return search(
        words, widths(words), forbidden_only(costs), alignment.duration, profile, quality=0.0,
        cue_breaks=forbidden_only(cue_break_costs(words, costs, profile)),
    )[1]


def _lines(
    words: Sequence[Word],
    sizes: Sequence[int],
    breaks: Sequence[float],
    choice: Choice,
    profile: Profile,
) -> tuple[str, ...]:
    """The lines of one chosen cue (a dash cue: one line for each speaker)."""
    i, j, split = choice.first, choice.end, choice.split
    if split is not None:
        return (
            " ".join(w.text for w in words[i:split]),
            " ".join(w.text for w in words[split:j]),
        )
    texts = [w.text for w in words[i:j]]
    return best_layout(texts, sizes[i:j], breaks[i : j - 1], profile)[1]
