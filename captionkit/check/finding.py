"""What a rule reports: one ``Finding`` per problem, with a stable code and a severity.

>>> f = Finding("CK301", "error", "line 1 has 45 characters (limit 42)", cue=3, start_ms=12_000,
...             line=17, path="ep.vtt")
>>> f.location
'ep.vtt:17'
>>> at_or_above("warning", "error"), at_or_above("error", "warning")
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")
"""Most severe first."""

_RANK = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}


def at_or_above(threshold: str, severity: str) -> bool:
    """Whether ``severity`` is as severe as ``threshold`` or more."""
    return _RANK[severity] >= _RANK[threshold]


@dataclass(frozen=True)
class Finding:
    """One problem in one caption file (or in a list of cues checked in memory)."""

    code: str
    """Stable rule code such as ``CK301``; see ``captionkit rules``."""
    severity: str
    """``"error"``, ``"warning"`` or ``"info"``."""
    message: str
    cue: int | None = None
    """0-based index of the cue in the file (``None`` for a finding about the whole file)."""
    start_ms: int | None = None
    """Start of that cue, so a finding can be found in a player."""
    line: int | None = None
    """1-based line in the file (``None`` for cues checked in memory)."""
    path: str | None = None

    @property
    def location(self) -> str:
        """``path:line`` as compilers write it (parts that are unknown are left out)."""
        where = self.path or "<cues>"
        return f"{where}:{self.line}" if self.line else where

    def sort_key(self) -> tuple:
        return (self.path or "", self.line or 0, self.cue if self.cue is not None else -1,
                self.code)
