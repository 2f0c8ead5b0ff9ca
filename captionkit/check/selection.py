"""Which rules run, and which findings are suppressed.

``--select``/``--ignore`` and the config's ``select``/``ignore`` take codes or code prefixes
(``CK3`` is every layout rule). ``per-file-ignores`` maps glob patterns (relative to the config
file's folder, as ruff does) to codes. In a WebVTT file, ``NOTE captionkit: ignore CODE`` before a
cue suppresses CODE for that cue, and ``NOTE captionkit: ignore-file CODE`` for the whole file.

>>> s = Selection.build(select=["CK3", "CK401"], ignore=["CK302"])
>>> sorted(s.codes)
['CK301', 'CK401']
>>> Selection.build(ignore=["CK9"])
Traceback (most recent call last):
...
captionkit.errors.UsageError: unknown rule code 'CK9'; see `captionkit rules`
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from ..errors import UsageError
from .finding import Finding
from .rules import RULES


def expand(codes: Iterable[str]) -> set[str]:
    """Codes and prefixes → the rule codes they name; ``UsageError`` for one that names none."""
    out: set[str] = set()
    for raw in codes:
        code = raw.strip().upper()
        if not code:
            continue
        matched = {c for c in RULES if c.startswith(code)}
        if not matched:
            raise UsageError(f"unknown rule code {raw.strip()!r}; see `captionkit rules`")
        out |= matched
    return out


def split_codes(value: str | Iterable[str] | None) -> list[str]:
    """``"CK301,CK4"`` or a list → a list of codes.

    >>> split_codes("CK301, CK4"), split_codes(["CK1"]), split_codes(None)
    (['CK301', 'CK4'], ['CK1'], [])
    """
    if value is None:
        return []
    if isinstance(value, str):
        return [c for c in value.replace(" ", ",").split(",") if c]
    if not all(isinstance(c, str) for c in value):
        raise UsageError("rule codes must be strings, like \"CK301\"")
    return list(value)


@dataclass(frozen=True)
class Selection:
    """The rules that run, plus per-file ignores."""

    codes: frozenset[str]
    per_file: tuple[tuple[str, frozenset[str]], ...] = ()
    root: Path | None = None
    """Folder the ``per_file`` patterns are relative to."""

    @classmethod
    def build(cls, select: Iterable[str] = (), ignore: Iterable[str] = (),
              per_file: Mapping[str, Iterable[str]] | None = None,
              root: Path | None = None) -> Selection:
        chosen = expand(select) if list(select) else set(RULES)
        chosen -= expand(ignore)
        patterns = tuple((pattern, frozenset(expand(split_codes(codes))))
                         for pattern, codes in (per_file or {}).items())
        return cls(frozenset(chosen), patterns, root)

    def ignored_for(self, path: str | None) -> frozenset[str]:
        """Codes that ``per-file-ignores`` switch off for ``path``."""
        if not path or not self.per_file:
            return frozenset()
        target = Path(path).resolve()
        try:
            relative = PurePath(target.relative_to(self.root.resolve())) if self.root else target
        except ValueError:
            relative = PurePath(path)
        out: set[str] = set()
        for pattern, codes in self.per_file:
            if fnmatch.fnmatch(relative.as_posix(), pattern) or fnmatch.fnmatch(
                    relative.name, pattern):
                out |= codes
        return frozenset(out)


@dataclass
class Suppressions:
    """What a file's own comments switch off."""

    file: frozenset[str] = frozenset()
    cues: dict[int, frozenset[str]] = field(default_factory=dict)

    def hides(self, finding: Finding) -> bool:
        codes = set(self.file)
        if finding.cue is not None:
            codes |= self.cues.get(finding.cue, frozenset())
        return any(finding.code.startswith(code) for code in codes)
