"""Run the rules: on cues in memory (``check_cues``) or on a caption file (``check_file``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Cue
from ..profiles import Profile
from .cues import CheckCue, from_models
from .display import check_cues_of
from .finding import Finding
from .reader import CaptionFile, read_caption_file
from .rules import RULES, Context, Rule
from .selection import Selection, Suppressions
from .sync import SyncReport, measure_sync

if TYPE_CHECKING:
    from ..align import WhisperAligner

CUE_GROUPS = ("structure", "layout", "timing", "speakers")


@dataclass
class FileReport:
    """Everything ``check`` found in one file."""

    path: str
    findings: list[Finding]
    rules_run: list[str]
    """Codes of the selected rules that ran."""
    sync: SyncReport | None = None
    audio: str | None = None
    cues: int = 0
    suppressed: int = 0
    cue_lines: dict[int, int] = field(default_factory=dict)
    """Cue index → line of its timing line."""
    rules_skipped: list[str] = field(default_factory=list)
    """Codes of selected rules that could not run (a sync rule without audio)."""


def run_rules(ctx: Context, rules: Iterable[Rule], path: str | None = None) -> list[Finding]:
    """Every finding of ``rules`` that can run on ``ctx``, sorted by line."""
    by_index = {cue.index: cue for cue in ctx.cues}
    lines = {cue.index: cue.timing_line for cue in ctx.file.cues} if ctx.file else {}
    findings = []
    for r in rules:
        if not ctx.has(r.needs):
            continue
        for hit in r.check(ctx):
            cue = by_index.get(hit.cue) if hit.cue is not None else None
            line = hit.line or (cue.line if cue else None) or lines.get(hit.cue)
            findings.append(Finding(r.code, r.severity, hit.message, hit.cue,
                                    cue.start if cue else None, line, path))
    return sorted(findings, key=Finding.sort_key)


def check_cues(cues: Sequence[Cue], profile: Profile, *, audio_ms: int | None = None
               ) -> list[Finding]:
    """The layout, timing, structure and speaker rules on cues in memory (no syntax, no sync).

    Pass ``audio_ms`` to also check that no cue runs past the audio's end.

    >>> from captionkit.model import Cue
    >>> from captionkit.profiles import get_profile
    >>> cues = [Cue(0, 500, "Ann", ("Hi.",)), Cue(520, 3000, "Ann", ("How are you today?",))]
    >>> [(f.code, f.cue) for f in check_cues(cues, get_profile())]
    [('CK401', 0), ('CK405', 1)]
    """
    ctx = Context(profile, from_models(cues), audio_ms=audio_ms)
    return run_rules(ctx, (r for r in RULES.values() if r.group in CUE_GROUPS))


def check_file(
    path: str | os.PathLike[str],
    profile: Profile,
    *,
    selection: Selection | None = None,
    audio_path: str | os.PathLike[str] | None = None,
    aligner: WhisperAligner | None = None,
    progress: Callable[[int], None] | None = None,
) -> FileReport:
    """Check one caption file, and its sync to ``audio_path`` when given.

    Raises ``CaptionkitError`` (exit 2) when the file or the audio cannot be read at all.
    """
    name = os.fspath(path)
    selection = selection or Selection.build()
    file = read_caption_file(name)
    cues = check_cues_of(file)
    chosen = [RULES[code] for code in sorted(selection.codes)]
    sync = None
    audio_ms = None
    if audio_path is not None:
        from ..audio import load_audio

        audio = load_audio(audio_path)
        audio_ms = audio.duration_ms
        if any(r.group == "sync" for r in chosen) and cues:
            sync = measure_sync(cues, audio, aligner, progress)
    ctx = Context(profile, cues, file=file, audio_ms=audio_ms, sync=sync)
    found = run_rules(ctx, chosen, name)
    hidden = _suppressions(file, selection, name)
    kept = [f for f in found if not hidden.hides(f)]
    return FileReport(
        path=name, findings=kept, rules_run=[r.code for r in chosen if ctx.has(r.needs)],
        sync=sync, audio=os.fspath(audio_path) if audio_path is not None else None,
        cues=len(file.cues), suppressed=len(found) - len(kept),
        cue_lines={cue.index: cue.timing_line for cue in file.cues},
        rules_skipped=[r.code for r in chosen if not ctx.has(r.needs)],
    )


def _suppressions(file: CaptionFile, selection: Selection, path: str) -> Suppressions:
    return Suppressions(
        file=file.file_ignore | selection.ignored_for(path),
        cues={cue.index: cue.ignore for cue in file.cues if cue.ignore},
    )


@dataclass
class CheckRun:
    """A run over several files."""

    reports: list[FileReport] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.reports for f in r.findings]

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def fails(self, fail_on: str) -> bool:
        from .finding import at_or_above

        return any(at_or_above(fail_on, f.severity) for f in self.findings)


__all__ = ["CUE_GROUPS", "CheckCue", "CheckRun", "FileReport", "check_cues", "check_file",
           "run_rules"]
