"""``captionkit check``: caption files (and their audio) → findings a CI understands.

Rules have stable codes and severities (``captionkit rules`` lists them). The segmentation
report reuses the cue rules through :func:`check_cues`::

    from captionkit.check import Finding, check_cues
    findings = check_cues(cues, get_profile("podcast"))
"""

from __future__ import annotations

from .engine import CheckRun, FileReport, check_cues, check_file
from .finding import SEVERITIES, Finding, at_or_above
from .rules import RULES, Rule
from .selection import Selection

__all__ = ["RULES", "SEVERITIES", "CheckRun", "FileReport", "Finding", "Rule", "Selection",
           "at_or_above", "check_cues", "check_file"]
