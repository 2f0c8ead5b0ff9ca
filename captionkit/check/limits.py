"""Sync limits (lead and lag of a cue against its speech), read from the profile.

Profiles may not name these numbers yet; the defaults are the ``podcast`` table of
CAPTION-RULES.md (BBC and Netflix), and a profile that defines a field of the same name
overrides it, so a profile can tighten or loosen sync without any change here.

>>> from captionkit.profiles import get_profile
>>> SyncLimits.from_profile(get_profile("podcast")).start_late_error_ms
500
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..profiles import Profile


@dataclass(frozen=True)
class SyncLimits:
    """Milliseconds; "early"/"late" compare a cue's start with its first word's onset."""

    start_early_error_ms: int = 1500
    """BBC: never more than 1.5 s early."""
    start_late_error_ms: int = 500
    start_warn_ms: int = 83
    """2 frames at 24 fps: Netflix accepts 1-2 frames off."""
    end_lag_error_ms: int = 1500
    """BBC: no more than 1.5 s after speech stops."""
    end_lag_warn_ms: int = 500
    """Netflix: may run up to 0.5 s past the speech, for reading time."""
    drift_error_ms: int = 150
    """Median start offset of the whole file: a systematic shift."""
    drift_warn_ms: int = 83

    @classmethod
    def from_profile(cls, profile: Profile) -> SyncLimits:
        return cls(**{f.name: int(getattr(profile, f.name, f.default)) for f in fields(cls)})
