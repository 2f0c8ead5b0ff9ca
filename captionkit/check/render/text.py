"""Compiler-style text: ``path:line: CODE severity: message``, sync numbers, a summary line.

>>> from captionkit.check.engine import CheckRun, FileReport
>>> from captionkit.check.finding import Finding
>>> run = CheckRun([FileReport("ep.vtt", [Finding("CK301", "error", "line 1 has 45 characters "
...     "(limit 42)", 2, 5000, 9, "ep.vtt")], ["CK301"], cues=3)])
>>> print(render(run, "error"), end="")
ep.vtt:9: CK301 error: line 1 has 45 characters (limit 42)
1 error, 0 warnings, 0 info in 1 file
"""

from __future__ import annotations

from ..engine import CheckRun, FileReport
from ..finding import SEVERITIES


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def sync_lines(report: FileReport) -> list[str]:
    """Median and p95 drift and the worst cues, in one or two lines."""
    sync = report.sync
    if sync is None:
        return []
    s = sync.summary()
    if s["median_start_offset_ms"] is None:
        return [f"{report.path}: sync against {report.audio}: no cue could be measured"]
    end = s["median_end_offset_ms"]
    head = (f"{report.path}: sync against {report.audio}: {s['cues_measured']} of {s['cues']} "
            f"cues measured, median start offset {s['median_start_offset_ms']:+d} ms, p95 "
            f"{s['p95_abs_start_offset_ms']} ms, median end offset "
            + (f"{end:+d} ms" if end is not None else "not measured"))
    worst = ", ".join(
        f"line {report.cue_lines.get(c['cue'], 0)} {c['start_offset']:+d} ms"
        for c in s["worst"][:3]
    )
    return [head, f"{report.path}: worst starts: {worst}"] if worst else [head]


def render(run: CheckRun, fail_on: str) -> str:  # noqa: ARG001 - same signature as the others
    out = [f"{f.location}: {f.code} {f.severity}: {f.message}" for f in run.findings]
    for report in run.reports:
        out += sync_lines(report)
    counts = ", ".join(_plural(run.count(s), s) for s in SEVERITIES)
    files = _plural(len(run.reports), "file")
    suppressed = sum(r.suppressed for r in run.reports)
    out.append(f"{counts} in {files}" + (f" ({suppressed} suppressed)" if suppressed else ""))
    return "\n".join(out) + "\n"
