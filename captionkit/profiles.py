"""Caption profiles: the numbers the segmenter meets and ``check`` enforces, as plain data.

Every number comes from /work/shared/CAPTION-RULES.md. A profile is frozen; override a number with
``dataclasses.replace`` (the result is validated again).

>>> p = get_profile("podcast")
>>> (p.max_chars_per_line, p.max_lines, p.max_cps, p.min_gap_ms)
(42, 2, 20.0, 83)
>>> import dataclasses
>>> dataclasses.replace(p, max_lines=1).max_lines
1
>>> get_profile("tv")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
captionkit.errors.UsageError: unknown profile 'tv'; valid profiles: bbc, cea608, dcmp, ...
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .errors import UsageError

WORDS_PER_MINUTE_TO_CPS = 5 / 60
"""Characters per second for one word per minute (5 characters a word, space included)."""


@dataclass(frozen=True)
class Profile:
    """Layout, reading-speed and timing limits for one captioning style. Times in ms."""

    name: str
    max_chars_per_line: int = 42
    max_lines: int = 2
    max_cps: float = 20.0
    """Reading speed above this is an error (spaces and punctuation count, tags do not)."""
    warn_cps: float = 17.0
    """Reading speed above this is a warning; the segmenter adds reading time toward it."""
    min_duration_ms: int = 833
    max_duration_ms: int = 7000
    min_gap_ms: int = 83
    """Smallest gap between consecutive cues (2 frames at 24 fps)."""
    chain_threshold_ms: int = 500
    """Gaps shorter than this are closed to exactly ``min_gap_ms`` ("chaining")."""
    max_lead_out_ms: int = 500
    """Most reading time added after the last word (more only to reach ``min_duration_ms``)."""
    pause_ms: int = 300
    """A silence between words at least this long is a good place to break a cue."""
    description: str = ""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
                raise UsageError(f"profile {self.name!r}: {f.name} must not be negative ({value})")
        if self.max_chars_per_line < 1 or self.max_lines < 1:
            raise UsageError(
                f"profile {self.name!r}: max_chars_per_line and max_lines must be at least 1"
            )
        if self.max_cps <= 0 or self.warn_cps <= 0:
            raise UsageError(f"profile {self.name!r}: max_cps and warn_cps must be above 0")
        if self.min_duration_ms > self.max_duration_ms:
            raise UsageError(
                f"profile {self.name!r}: min_duration_ms ({self.min_duration_ms}) is above "
                f"max_duration_ms ({self.max_duration_ms})"
            )
        if self.chain_threshold_ms < self.min_gap_ms:
            raise UsageError(
                f"profile {self.name!r}: chain_threshold_ms ({self.chain_threshold_ms}) is below "
                f"min_gap_ms ({self.min_gap_ms})"
            )


PROFILES: dict[str, Profile] = {
    "podcast": Profile(
        name="podcast",
        description="Default for podcasts (English): Netflix layout and timing, 17 cps warning.",
    ),
    "netflix": Profile(
        name="netflix",
        description="Netflix Timed Text Style Guide, English (USA), adult programmes "
        "(20 cps; 17 cps, the children's limit, as the warning).",
    ),
    "bbc": Profile(
        name="bbc",
        max_chars_per_line=37,
        max_cps=round(180 * WORDS_PER_MINUTE_TO_CPS, 2),  # 180 wpm = 15 cps
        warn_cps=round(160 * WORDS_PER_MINUTE_TO_CPS, 2),  # 160 wpm = 13.33 cps
        chain_threshold_ms=1000,  # "if a gap is left, at least 1 s"
        description="BBC Subtitle Guidelines: 37 characters, 160-180 wpm, gaps under 1 s closed.",
    ),
    "dcmp": Profile(
        name="dcmp",
        max_chars_per_line=32,
        max_cps=round(160 * WORDS_PER_MINUTE_TO_CPS, 2),  # 160 wpm = 13.33 cps
        warn_cps=round(150 * WORDS_PER_MINUTE_TO_CPS, 2),  # 150 wpm = 12.5 cps
        min_duration_ms=2000,
        description="DCMP Captioning Key: 32 characters, 2 lines, 150-160 wpm, 2 s minimum.",
    ),
    "cea608": Profile(
        name="cea608",
        max_chars_per_line=32,
        max_lines=4,
        description="CEA-608 line-21 broadcast captions: 32 columns, up to 4 rows.",
    ),
}

DEFAULT_PROFILE = "podcast"


def get_profile(name: str = DEFAULT_PROFILE) -> Profile:
    """The profile called ``name``; ``UsageError`` naming the valid ones otherwise.

    >>> get_profile("bbc").max_cps
    15.0
    """
    try:
        return PROFILES[name]
    except KeyError:
        valid = ", ".join(sorted(PROFILES))
        raise UsageError(f"unknown profile {name!r}; valid profiles: {valid}") from None
