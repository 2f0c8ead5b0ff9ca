"""Writers: one module per output format, each with ``EXTENSION`` and
``render(cues, alignment) -> str``. Writers return text; the caller writes files. A writer that
sets ``USES_CONTEXT = True`` (the HTML page) also gets the run's :class:`OutputContext`.

Adding a format is one new module and one line in ``WRITERS``.

>>> sorted(WRITERS)
['html', 'json', 'srt', 'vtt', 'words']
>>> extension("words")
'.words.json'
>>> render("txt", [], None)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
captionkit.errors.UsageError: unknown output format 'txt'; valid formats: html, json, srt, ...
"""

from __future__ import annotations

from types import ModuleType

from ..errors import UsageError
from ..model import Alignment, Cue
from . import html, podcast_json, srt, vtt, words_json
from .context import OutputContext

WRITERS: dict[str, ModuleType] = {
    "vtt": vtt,
    "srt": srt,
    "json": podcast_json,
    "words": words_json,
    "html": html,
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


def render(
    name: str, cues: list[Cue], alignment: Alignment, context: OutputContext | None = None
) -> str:
    """Render ``cues`` (and, for word-level formats, ``alignment``) in format ``name``.

    ``context`` (media location, sibling files, language) reaches only the writers that use it.
    """
    module = writer(name)
    if getattr(module, "USES_CONTEXT", False):
        return module.render(cues, alignment, context=context)
    return module.render(cues, alignment)
