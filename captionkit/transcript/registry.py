"""The input formats, by name, in the order detection tries them.

Each entry is a module with ``NAME``, ``sniff(lines) -> bool`` and
``read(lines, *, source, speaker) -> Transcript``. Adding a format is one new module and
one line here; ``plain`` stays last because it accepts anything.

>>> list(FORMATS)
['captions', 'podcast', 'labelled', 'plain']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from captionkit.model import Transcript
from captionkit.transcript import captions, labelled, plain, podcast


class Reader(Protocol):
    """What a format module provides (modules satisfy this protocol structurally)."""

    NAME: str

    def sniff(self, lines: Sequence[str]) -> bool: ...

    def read(self, lines: Sequence[str], *, source: str, speaker: str) -> Transcript: ...


FORMATS: dict[str, Reader] = {
    captions.NAME: captions,
    podcast.NAME: podcast,
    labelled.NAME: labelled,
    plain.NAME: plain,
}
