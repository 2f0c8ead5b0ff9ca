"""Every rule, one function each, registered by code (importing a group registers it).

>>> sorted(RULES)[:3]
['CK101', 'CK102', 'CK103']
>>> RULES["CK301"].severity, RULES["CK301"].group
('error', 'layout')
"""

from __future__ import annotations

from . import layout, speakers, structure, sync, syntax, timing  # noqa: F401 - registers rules
from .base import GROUPS, RULES, Context, Hit, Rule

__all__ = ["GROUPS", "RULES", "Context", "Hit", "Rule"]
