"""The segmentation section of a run's report: how the cues came out against the profile.

Counts of cues, error and warning findings by rule (from :func:`captionkit.check.check_cues`,
so ``captionkit align --report`` and ``captionkit check`` always agree), reading-speed and
duration distributions, mean line fill, the cues that read faster than the profile allows
(kept verbatim, flagged here) next to the fewest timing errors any segmentation of this speech
can reach (:func:`captionkit.segment.fewest_errors`: those are speech faster than any cue can
show), and the worst cues with their times.

>>> from captionkit.model import Alignment, Cue, Transcript, Word
>>> from captionkit.profiles import get_profile
>>> words = [Word("Hello", "Ann", 0, 400), Word("there.", "Ann", 450, 900)]
>>> cues = [Cue(0, 1400, "Ann", ("Hello there.",), 0, 2)]
>>> report = build_report(cues, Alignment(words, Transcript(turns=[]), 2000), get_profile())
>>> report.cues, report.cps.median, round(report.line_fill, 2), report.unavoidable_errors
(1, 8.57, 0.29, 0)
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table

from .model import Alignment, Cue
from .profiles import Profile
from .segment import fewest_errors


@dataclass(frozen=True)
class Distribution:
    """Summary of a list of numbers (all 0 when it is empty)."""

    count: int = 0
    min: float = 0.0
    median: float = 0.0
    p95: float = 0.0
    max: float = 0.0

    @classmethod
    def of(cls, values: Sequence[float]) -> Distribution:
        """
        >>> Distribution.of([1, 2, 3, 4, 100]).p95
        100.0
        """
        if not values:
            return cls()
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return cls(
            count=len(ordered),
            min=round(float(ordered[0]), 2),
            median=round(float(statistics.median(ordered)), 2),
            p95=round(float(p95), 2),
            max=round(float(ordered[-1]), 2),
        )


@dataclass(frozen=True)
class CueNote:
    """One cue worth a look, with what is wrong with it."""

    index: int
    start: float
    end: float
    speaker: str
    text: str
    cps: float
    problems: tuple[str, ...] = ()


@dataclass
class SegmentationReport:
    """What :func:`build_report` found; ``to_dict`` for JSON, ``render`` for a terminal."""

    profile: str
    cues: int
    words: int
    dash_cues: int
    cps: Distribution
    duration: Distribution
    """Seconds on screen."""
    line_fill: float
    """Mean share of ``max_chars_per_line`` a line uses (0-1)."""
    errors: dict[str, int] = field(default_factory=dict)
    """Error findings by rule code."""
    warnings: dict[str, int] = field(default_factory=dict)
    rule_names: dict[str, str] = field(default_factory=dict)
    fast_speech: list[CueNote] = field(default_factory=list)
    """Cues above ``max_cps``: text kept verbatim, never shortened to fit."""
    unavoidable_errors: int = 0
    """The fewest timing errors (too fast, too short) any segmentation of this speech reaches
    under the profile: that many are the speech, not the segmentation."""
    worst: list[CueNote] = field(default_factory=list)
    rules_checked: bool = True
    """False when ``captionkit.check`` is not available, so no findings were counted."""

    title = "Segmentation"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["error_count"] = sum(self.errors.values())
        data["warning_count"] = sum(self.warnings.values())
        data["avoidable_errors"] = max(0, self.timing_errors - self.unavoidable_errors)
        return data

    @property
    def timing_errors(self) -> int:
        """Errors the segmentation's timing decides: too fast (CK403), too short (CK401)."""
        return self.errors.get("CK403", 0) + self.errors.get("CK401", 0)

    def render(self, console: Console) -> None:
        console.print(
            f"profile {self.profile}: {self.cues} cues ({self.dash_cues} two-speaker),"
            f" {self.words} words; {sum(self.errors.values())} errors,"
            f" {sum(self.warnings.values())} warnings"
        )
        if not self.rules_checked:
            console.print("rule findings unavailable: captionkit.check is not installed")
        if self.errors or self.warnings:
            rules = Table("rule", "", "errors", "warnings", title="Findings by rule")
            for code in sorted(set(self.errors) | set(self.warnings)):
                rules.add_row(
                    code,
                    self.rule_names.get(code, ""),
                    str(self.errors.get(code, 0)),
                    str(self.warnings.get(code, 0)),
                )
            console.print(rules)
        spread = Table("", "min", "median", "p95", "max", title="Distributions")
        for label, d in (("reading speed (cps)", self.cps), ("duration (s)", self.duration)):
            spread.add_row(label, *(f"{v:.2f}" for v in (d.min, d.median, d.p95, d.max)))
        console.print(spread)
        console.print(f"mean line fill: {100 * self.line_fill:.0f} %")
        if self.fast_speech or self.timing_errors:
            console.print(
                f"{len(self.fast_speech)} cues read faster than the profile allows; their text"
                f" is verbatim. {self.timing_errors} timing errors, {self.unavoidable_errors} of"
                " them unavoidable: no segmentation of this speech gets fewer (it is faster"
                " than any cue can show)"
            )
        if self.worst:
            worst = Table("cue", "start", "cps", "rules", "text", title="Worst cues")
            for note in self.worst:
                worst.add_row(
                    str(note.index + 1),
                    _clock(note.start),
                    f"{note.cps:.1f}",
                    " ".join(problem.split()[0] for problem in note.problems),
                    _shorten(note.text, 44),
                )
            console.print(worst)


def _shorten(text: str, width: int) -> str:
    """
    >>> _shorten("a very long line of text", 10)
    'a very lo…'
    """
    return text if len(text) <= width else text[: width - 1] + "…"


def _clock(seconds: float) -> str:
    """
    >>> _clock(3723.5)
    '1:02:03.500'
    """
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours}:{minutes:02d}:{secs:06.3f}"


def cue_cps(cue: Cue) -> float:
    """Characters a second of the cue's text (spaces and punctuation count)."""
    chars = len(" ".join(" ".join(cue.lines).split()))
    return chars * 1000 / max(cue.end - cue.start, 1)


def _findings(
    cues: Sequence[Cue], profile: Profile, audio_ms: int | None
) -> tuple[list[Any], dict[str, str], bool]:
    """The rule engine's findings for these cues, the rules' names, and whether it ran."""
    try:
        from .check import check_cues
    except ImportError:
        return [], {}, False
    from .check import RULES

    findings = check_cues(list(cues), profile, audio_ms=audio_ms)
    return findings, {code: rule.name for code, rule in RULES.items()}, True


def build_report(
    cues: Sequence[Cue], alignment: Alignment, profile: Profile, *, worst: int = 5
) -> SegmentationReport:
    """The segmentation report of one run."""
    findings, names, checked = _findings(cues, profile, alignment.duration or None)
    errors = Counter(f.code for f in findings if f.severity == "error")
    warnings = Counter(f.code for f in findings if f.severity == "warning")
    problems: dict[int, list[tuple[int, str]]] = {}
    for f in findings:
        if f.cue is not None:
            rank = 0 if f.severity == "error" else 1 if f.severity == "warning" else 2
            problems.setdefault(f.cue, []).append((rank, f"{f.code} {f.message}"))
    notes = [_note(k, cue, problems.get(k, [])) for k, cue in enumerate(cues)]
    fast = [note for note in notes if note.cps > profile.max_cps]

    def badness(k: int) -> tuple[int, int, float]:
        ranks = [rank for rank, _ in problems.get(k, [])]
        return (ranks.count(0), ranks.count(1), notes[k].cps)

    ranked = sorted(
        (k for k in range(len(cues)) if problems.get(k) or notes[k].cps > profile.warn_cps),
        key=badness,
        reverse=True,
    )
    lines = [len(line) for cue in cues for line in cue.lines]
    # These cues miss no timing rule, so the fewest any segmentation misses is 0: the search
    # for it (a second segmentation of the whole episode) is only run when it can say more.
    timing = errors.get("CK403", 0) + errors.get("CK401", 0)
    unavoidable = fewest_errors(alignment, profile) if timing or not checked else 0
    return SegmentationReport(
        profile=profile.name,
        cues=len(cues),
        words=sum(cue.word_count for cue in cues),
        dash_cues=sum(cue.second_speaker is not None for cue in cues),
        cps=Distribution.of([note.cps for note in notes]),
        duration=Distribution.of([(cue.end - cue.start) / 1000 for cue in cues]),
        line_fill=statistics.fmean(lines) / profile.max_chars_per_line if lines else 0.0,
        errors=dict(sorted(errors.items())),
        warnings=dict(sorted(warnings.items())),
        rule_names={code: names[code] for code in errors | warnings if code in names},
        fast_speech=fast,
        unavoidable_errors=unavoidable,
        worst=[notes[k] for k in ranked[:worst]],
        rules_checked=checked,
    )


def _note(index: int, cue: Cue, problems: list[tuple[int, str]]) -> CueNote:
    return CueNote(
        index=index,
        start=cue.start / 1000,
        end=cue.end / 1000,
        speaker=" / ".join(dict.fromkeys(cue.line_speakers)),
        text=" / ".join(cue.lines),
        cps=round(cue_cps(cue), 2),
        problems=tuple(message for _, message in sorted(problems)),
    )

