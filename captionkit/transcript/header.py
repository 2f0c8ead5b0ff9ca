"""The lines before the first turn: an optional title, description and "Transcript" marker.

>>> header_parts(["Episode 4 – Care", "A talk with Ann.", "", "Recorded live.", "Transcript"])
('Episode 4 – Care', 'A talk with Ann.\\n\\nRecorded live.')
>>> header_parts(["", "Transcript:"])
(None, None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_MARKER = re.compile(r"\s*transcript\s*:?\s*", re.IGNORECASE)


def is_marker(line: str) -> bool:
    """A line that only says "Transcript", which separates the show notes from the turns."""
    return bool(_MARKER.fullmatch(line))


def header_parts(lines: Sequence[str]) -> tuple[str | None, str | None]:
    """``(title, description)``: the first non-blank line, then the other paragraphs.

    Lines of a paragraph are joined with a space, paragraphs with a blank line, so no
    word of the show notes is lost even though they are not turns.
    """
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip() or is_marker(line):
            if current:
                paragraphs.append(current)
            current = []
        else:
            current.append(line.strip())
    if current:
        paragraphs.append(current)
    if not paragraphs:
        return None, None
    title, *rest = paragraphs[0]
    if rest:
        paragraphs[0] = rest
    else:
        paragraphs.pop(0)
    description = "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)
    return title, description or None
