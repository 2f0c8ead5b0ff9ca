"""JUnit XML: a test suite per file, a test case per selected rule.

A rule with findings at or above ``fail_on`` fails; one with only milder findings passes and
lists them in ``system-out``; a rule that could not run (a sync rule without audio) is skipped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..engine import CheckRun
from ..finding import at_or_above
from ..rules import RULES


def render(run: CheckRun, fail_on: str) -> str:
    root = ET.Element("testsuites", name="captionkit check")
    total = failed = skipped = 0
    for report in run.reports:
        suite = ET.SubElement(root, "testsuite", name=report.path)
        ran = set(report.rules_run)
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for code in sorted(ran | set(report.rules_skipped)):
            rule = RULES[code]
            case = ET.SubElement(suite, "testcase", classname=report.path,
                                 name=f"{code} {rule.name}")
            counts["tests"] += 1
            found = [f for f in report.findings if f.code == code]
            if code not in ran:
                ET.SubElement(case, "skipped", message="needs the audio (none given or paired)")
                counts["skipped"] += 1
                continue
            lines = "\n".join(f"{f.location}: {f.code} {f.severity}: {f.message}" for f in found)
            if any(at_or_above(fail_on, f.severity) for f in found):
                failure = ET.SubElement(case, "failure", type=rule.severity,
                                        message=f"{len(found)} x {rule.summary}")
                failure.text = lines
                counts["failures"] += 1
            elif found:
                ET.SubElement(case, "system-out").text = lines
        for key, value in counts.items():
            suite.set(key, str(value))
        suite.set("errors", "0")
        total += counts["tests"]
        failed += counts["failures"]
        skipped += counts["skipped"]
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("skipped", str(skipped))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"

