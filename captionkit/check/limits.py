"""Sync limits (lead and lag of a cue against its speech), read from the profile.

The numbers live in :class:`captionkit.profiles.Profile` (CAPTION-RULES.md's podcast table by
default), so a profile or an override tightens or loosens sync with no change here.

>>> from captionkit.profiles import get_profile
>>> SyncLimits.from_profile(get_profile("podcast")).start_late_error_ms
500
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..profiles import Profile


@dataclass(frozen=True)
class SyncLimits:
    """Milliseconds; "early"/"late" compare a cue's start with its first word's onset.

    The profile's fields of the same names; see their documentation in ``profiles.py``.
    """

    start_early_error_ms: int
    start_late_error_ms: int
    start_warn_ms: int
    end_lag_error_ms: int
    end_lag_warn_ms: int
    drift_error_ms: int
    drift_warn_ms: int

    @classmethod
    def from_profile(cls, profile: Profile) -> SyncLimits:
        return cls(**{f.name: int(getattr(profile, f.name)) for f in fields(cls)})
