"""The rule registry: every rule is one function, registered with its code and severity.

A rule takes a :class:`Context` and yields :class:`Hit` s; the engine turns each hit into a
``Finding`` with the rule's code and severity, the cue's start and line, and the file's path.
A rule runs only when what it ``needs`` is there (a parsed file, the audio's length, a sync
measurement); cue rules always run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ...profiles import Profile
from ..cues import CheckCue
from ..limits import SyncLimits
from ..reader import CaptionFile
from ..sync import SyncReport

GROUPS = ("syntax", "structure", "layout", "timing", "speakers", "sync")
NEEDS = ("cues", "file", "audio", "sync")


@dataclass(frozen=True)
class Hit:
    """One problem a rule found: which cue (if any), what, and where when not the cue's line."""

    cue: int | None
    message: str
    line: int | None = None


@dataclass
class Context:
    """Everything a rule may look at."""

    profile: Profile
    cues: Sequence[CheckCue]
    file: CaptionFile | None = None
    audio_ms: int | None = None
    sync: SyncReport | None = None

    @property
    def limits(self) -> SyncLimits:
        return SyncLimits.from_profile(self.profile)

    def has(self, need: str) -> bool:
        return {"cues": True, "file": self.file is not None,
                "audio": self.audio_ms is not None, "sync": self.sync is not None}[need]


RuleFunc = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    group: str
    needs: str
    summary: str
    check: RuleFunc


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, group: str, summary: str, needs: str = "cues"
         ) -> Callable[[RuleFunc], RuleFunc]:
    """Register the decorated function as rule ``code``."""
    if severity not in ("error", "warning", "info") or group not in GROUPS or needs not in NEEDS:
        raise ValueError(f"bad rule definition {code}")

    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, name, severity, group, needs, summary, func)
        return func

    return register


def pairs(cues: Sequence[CheckCue]) -> Iterable[tuple[CheckCue, CheckCue]]:
    """Consecutive cues in file order."""
    return zip(cues, cues[1:], strict=False)


def seconds(ms: int) -> str:
    """``1.234 s`` for messages.

    >>> seconds(1234), seconds(-83)
    ('1.234 s', '-0.083 s')
    """
    return f"{ms / 1000:.3f} s"
