"""Writers: one module per output format, each with ``EXTENSION`` and
``render(cues, alignment) -> str``. Writers return text; the caller writes files.

Adding a format is one new module and one line in ``WRITERS``.

>>> sorted(WRITERS)
['json', 'srt', 'vtt', 'words']
>>> extension("words")
'.words.json'
>>> render("txt", [], None)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
captionkit.errors.UsageError: unknown output format 'txt'; valid formats: json, srt, vtt, words
"""

from __future__ import annotations

from types import ModuleType

from ..errors import UsageError
from ..model import Alignment, Cue
from . import podcast_json, srt, vtt, words_json

WRITERS: dict[str, ModuleType] = {
    "vtt": vtt,
    "srt": srt,
    "json": podcast_json,
    "words": words_json,
}


def writer(name: str) -> ModuleType:
    """The writer module called ``name``; ``UsageError`` naming the valid ones otherwise."""
    try:
        return WRITERS[name]
    except KeyError:
        valid = ", ".join(sorted(WRITERS))
        raise UsageError(f"unknown output format {name!r}; valid formats: {valid}") from None


def extension(name: str) -> str:
    """File name ending for format ``name`` (``.vtt``, ``.srt``, ``.json``, ``.words.json``)."""
    return writer(name).EXTENSION


def render(name: str, cues: list[Cue], alignment: Alignment) -> str:
    """Render ``cues`` (and, for word-level formats, ``alignment``) in format ``name``."""
    return writer(name).render(cues, alignment)
