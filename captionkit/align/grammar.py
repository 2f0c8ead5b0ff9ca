"""A word graph for the exact aligner: the transcript's words, with what may vary around them.

The graph is a chain of words, each with one or more spoken readings ("2019" is "twenty
nineteen" or "two thousand nineteen"). A window of audio cut at rough turn timestamps holds
a little of the neighbouring turns too, so the chain may also begin with any tail of the words
before the window's own (``lead``) and end with any head of the words after it (``trail``).
The aligner picks the path that best explains the audio; :func:`parse` maps the tokens it
reports back to the chain's words.

>>> g = Graph(lead=[[["so"]], [["yes"]]], main=[[["hi"]], [["twenty", "nineteen"], ["two",
...     "thousand", "nineteen"]]], trail=[[["ok"]]])
>>> parse(g, ["yes", "hi", "two", "thousand", "nineteen"])
Parse(lead_used=1, trail_used=0, spans=[(1, 2), (2, 5)])
"""

from __future__ import annotations

from dataclasses import dataclass

Readings = list[list[str]]  # one word's spoken readings, each a list of tokens


@dataclass(frozen=True)
class Graph:
    """Optional ``lead`` words, required ``main`` words, optional ``trail`` words."""

    lead: list[Readings]
    main: list[Readings]
    trail: list[Readings]

    @property
    def words(self) -> list[Readings]:
        return [*self.lead, *self.main, *self.trail]


@dataclass(frozen=True)
class Parse:
    """How many lead and trail words were heard, and each main word's token range.

    ``spans[i]`` is ``(first, end)`` into the token list; a word with no spoken tokens has an
    empty range.
    """

    lead_used: int
    trail_used: int
    spans: list[tuple[int, int]]


def transitions(graph: Graph) -> tuple[list[tuple], int]:
    """FSG transitions ``(from, to, probability[, token])`` and the final state.

    States 0..W are the gaps between the chain's W words; a word of several tokens adds inner
    states after W. Null transitions let the path enter at any lead word and leave after any
    trail word. Alternative readings share their probability mass.
    """
    words = graph.words
    n_lead, n_main = len(graph.lead), len(graph.main)
    final = len(words)
    out: list[tuple] = []
    extra = final + 1
    for i, readings in enumerate(words):
        usable = [r for r in readings if r] or [[]]
        p = 1.0 / len(usable)
        for reading in usable:
            if not reading:
                out.append((i, i + 1, p))
                continue
            state = i
            for k, token in enumerate(reading):
                nxt = i + 1 if k == len(reading) - 1 else extra
                if nxt == extra:
                    extra += 1
                out.append((state, nxt, p if k == 0 else 1.0, token))
                state = nxt
    for i in range(1, n_lead + 1):
        out.append((0, i, 1.0))  # skip the lead words nobody says in this window
    for i in range(n_lead + n_main, final):
        out.append((i, final, 1.0))  # stop before trail words the window does not hold
    return out, final


def parse(graph: Graph, tokens: list[str]) -> Parse | None:
    """Map the aligner's token sequence back to the graph's words (None if it cannot)."""
    words = graph.words
    n_lead, n_main = len(graph.lead), len(graph.main)
    # back[(word, token)] = (previous word, previous token): reachable states of the chain.
    back: dict[tuple[int, int], tuple[int, int] | None] = {(a, 0): None for a in range(n_lead + 1)}
    frontier = sorted(back)
    while frontier:
        nxt: list[tuple[int, int]] = []
        for i, t in frontier:
            if i == len(words):
                continue
            for reading in words[i] or [[]]:
                end = t + len(reading)
                if tokens[t:end] == reading and (i + 1, end) not in back:
                    back[(i + 1, end)] = (i, t)
                    nxt.append((i + 1, end))
        frontier = nxt
    ends = [i for i in range(n_lead + n_main, len(words) + 1) if (i, len(tokens)) in back]
    if not ends:
        return None
    state: tuple[int, int] | None = (ends[0], len(tokens))
    path: list[tuple[int, int]] = []
    while state is not None:
        path.append(state)
        state = back[state]
    path.reverse()
    first_word = path[0][0]
    token_at = dict(path)
    spans = [
        (token_at[n_lead + k], token_at[n_lead + k + 1]) for k in range(n_main)
    ]
    return Parse(n_lead - first_word, ends[0] - n_lead - n_main, spans)
