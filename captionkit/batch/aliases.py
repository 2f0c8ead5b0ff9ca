"""Speaker aliases: one person gets one name (and one voice label) in every episode.

A manifest maps the spellings found in transcripts to the name to use::

    [aliases]
    "Mike West" = "Michael West"

Matching ignores case and runs of whitespace, because those differences are typing noise,
not different people. Only speaker names change; the words of a turn are never touched.

>>> from captionkit.model import Transcript, Turn
>>> t = Transcript(turns=[Turn("mike  west", "Hi."), Turn("Ann", "Hello.")])
>>> rename_speakers(t, resolve_aliases({"Mike West": "Michael West"})).speakers
['Michael West', 'Ann']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..errors import UsageError
from ..model import Transcript


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def resolve_aliases(
    aliases: Mapping[str, str], source: str | None = None
) -> tuple[tuple[str, str], ...]:
    """Check an alias map and follow chains (A → B → C becomes A → C, B → C).

    >>> resolve_aliases({"Mikey": "Mike West", "Mike West": "Michael West"})
    (('Mike West', 'Michael West'), ('Mikey', 'Michael West'))
    >>> resolve_aliases({"A": "B", "B": "A"}, "series.toml")
    Traceback (most recent call last):
    ...
    captionkit.errors.UsageError: series.toml: speaker aliases go round in a circle: A → B → A
    """
    table: dict[str, tuple[str, str]] = {}
    for alias, name in aliases.items():
        if not isinstance(alias, str) or not isinstance(name, str) or not name.strip():
            raise UsageError(
                f"speaker alias {alias!r} = {name!r}: both sides must be non-empty names",
                path=source,
            )
        if _key(alias) != _key(name):
            table[_key(alias)] = (" ".join(alias.split()), " ".join(name.split()))
    resolved = []
    for _, (alias, name) in sorted(table.items()):
        seen = [alias]
        while _key(name) in table:
            if _key(name) in {_key(s) for s in seen}:
                raise UsageError(
                    f"speaker aliases go round in a circle: {' → '.join([*seen, name])}",
                    path=source,
                )
            seen.append(name)
            name = table[_key(name)][1]
        resolved.append((alias, name))
    return tuple(resolved)


def merge_aliases(
    *maps: tuple[tuple[str, str], ...], source: str | None = None
) -> tuple[tuple[str, str], ...]:
    """Combine alias maps (later ones win, e.g. an episode's over the series') and re-resolve.

    >>> merge_aliases((("Mike", "Michael West"),), (("Mike", "Mike Jones"),))
    (('Mike', 'Mike Jones'),)
    """
    combined: dict[str, str] = {}
    keys: dict[str, str] = {}
    for pairs in maps:
        for alias, name in pairs:
            combined.pop(keys.get(_key(alias), alias), None)
            keys[_key(alias)] = alias
            combined[alias] = name
    return resolve_aliases(combined, source)


def rename_speakers(transcript: Transcript, aliases: tuple[tuple[str, str], ...]) -> Transcript:
    """A new ``Transcript`` whose turns carry the canonical speaker names; words unchanged."""
    if not aliases:
        return transcript
    table = {_key(alias): name for alias, name in aliases}
    turns = [
        replace(turn, speaker=table.get(_key(turn.speaker), turn.speaker))
        for turn in transcript.turns
    ]
    return replace(transcript, turns=turns, warnings=list(transcript.warnings))
