"""JSON: every finding with its fields, the sync numbers per file, and totals."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..engine import CheckRun
from ..finding import SEVERITIES


def render(run: CheckRun, fail_on: str) -> str:
    doc = {
        "version": 1,
        "fail_on": fail_on,
        "failed": run.fails(fail_on),
        "summary": {s: run.count(s) for s in SEVERITIES} | {"files": len(run.reports)},
        "files": [
            {
                "path": r.path,
                "cues": r.cues,
                "audio": r.audio,
                "rules_run": r.rules_run,
                "suppressed": r.suppressed,
                "findings": [asdict(f) for f in r.findings],
                "sync": r.sync.summary() if r.sync else None,
            }
            for r in run.reports
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
