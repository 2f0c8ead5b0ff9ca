"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards."""

from __future__ import annotations

import json
from pathlib import PurePath
from urllib.parse import quote

from ... import __version__
from ..engine import CheckRun
from ..rules import RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(run: CheckRun, fail_on: str) -> str:  # noqa: ARG001 - same signature as the others
    codes = sorted(RULES)
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code,
            "name": "".join(part.title() for part in RULES[code].name.split("-")),
            "shortDescription": {"text": RULES[code].summary},
            "defaultConfiguration": {"level": _LEVEL[RULES[code].severity]},
            "properties": {"group": RULES[code].group},
        }
        for code in codes
    ]
    results = []
    for f in run.findings:
        location: dict = {"artifactLocation": {"uri": quote(PurePath(f.path or "").as_posix())}}
        if f.line:
            location["region"] = {"startLine": f.line}
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": location}],
        }
        if f.start_ms is not None:
            result["properties"] = {"cue": f.cue, "start_ms": f.start_ms}
        results.append(result)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "captionkit", "version": __version__,
                                "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
