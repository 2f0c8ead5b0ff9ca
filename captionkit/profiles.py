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

import dataclasses
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from .config import Config
from .errors import UsageError

WORDS_PER_MINUTE_TO_CPS = 5 / 60
"""Characters per second for one word per minute (5 characters a word, space included: the
usual convention; conversational English runs nearer 5.5, so a limit in words a minute is
held a little strictly)."""


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
    max_reading_lead_out_ms: int = 1000
    """Most display after the last word when the text is still above ``max_cps`` after
    ``max_lead_out_ms``: reading speed is met by showing the text longer, never by dropping
    words (BBC: no more than 1.5 s after speech stops)."""
    max_lead_in_ms: int = 500
    """Most a cue may appear before its first word, used only where silence before it is the
    only way to reach ``min_duration_ms`` or ``max_cps`` (BBC: never more than 1.5 s early;
    DCMP: about 15 frames)."""
    max_late_start_ms: int = 250
    """Last resort for a cue that cannot reach ``min_duration_ms`` or ``max_cps`` otherwise:
    the next cue may start this much after its speech (a sync warning, not an error)."""
    start_early_error_ms: int = 1500
    """Lead-in limit: a cue starting more than this before its speech is an error (BBC)."""
    start_late_error_ms: int = 500
    """A cue starting more than this after its speech onset is an error."""
    start_warn_ms: int = 83
    """A start off by more than this either way is a warning (Netflix: 1-2 frames)."""
    end_lag_error_ms: int = 1500
    """Lead-out limit: a cue ending more than this after its speech is an error (BBC).
    (Ending more than ``max_lead_out_ms`` after it is a warning: ``end_lag_warn_ms``.)"""
    drift_error_ms: int = 150
    """Whole file: a median start offset beyond this is a systematic shift, an error."""
    drift_warn_ms: int = 83
    """Whole file: a median start offset beyond this is a warning."""
    dash_cues: bool = False
    """Allow a two-speaker cue for a very short exchange: one line each, starting with "-"
    (Netflix). Off where every cue must name one speaker."""
    pause_ms: int = 300
    """A silence between words at least this long is a good place to break a cue."""
    description: str = ""

    @property
    def end_lag_warn_ms(self) -> int:
        """The lead-out warning limit is the reading time the segmenter may add."""
        return self.max_lead_out_ms

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
        if not isinstance(self.dash_cues, bool):
            raise UsageError(f"profile {self.name!r}: dash_cues must be true or false")
        if self.max_lead_in_ms > self.start_early_error_ms:
            raise UsageError(
                f"profile {self.name!r}: max_lead_in_ms ({self.max_lead_in_ms}) is above "
                f"start_early_error_ms ({self.start_early_error_ms})"
            )
        if self.max_late_start_ms > self.start_late_error_ms:
            raise UsageError(
                f"profile {self.name!r}: max_late_start_ms ({self.max_late_start_ms}) is above "
                f"start_late_error_ms ({self.start_late_error_ms})"
            )
        if max(self.max_lead_out_ms, self.max_reading_lead_out_ms) > self.end_lag_error_ms:
            raise UsageError(
                f"profile {self.name!r}: max_lead_out_ms and max_reading_lead_out_ms must not "
                f"be above end_lag_error_ms ({self.end_lag_error_ms})"
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
        dash_cues=True,  # Netflix: two speakers in one event, each line starting with "-"
        description="Netflix Timed Text Style Guide, English (USA), adult programmes "
        "(20 cps; 17 cps, the children's limit, as the warning); dash cues for short exchanges.",
    ),
    "bbc": Profile(
        name="bbc",
        max_chars_per_line=37,
        # CAPTION-RULES.md gives the BBC's standard rate, 160-180 wpm: its top is the warning.
        # The error is the BBC's own floor, above that table: the Subtitle Guidelines' "target
        # minimum timing" of about 0.3 s a word (200 wpm; "do not go below it unless
        # absolutely necessary", https://www.bbc.co.uk/accessibility/forproducts/guides/
        # subtitles/), the rate Ofcom also names as hard for many viewers (quoted in BBC R&D,
        # "How fast should subtitles be?", 2015). The BBC edits text to stay under 180 wpm;
        # captionkit never edits words ("prefer verbatim"), so between the two it warns, and
        # only speech faster than the BBC's floor is an error. ``--max-cps 15`` holds 180 wpm.
        max_cps=round(200 * WORDS_PER_MINUTE_TO_CPS, 2),  # 200 wpm = 16.67 cps
        warn_cps=round(180 * WORDS_PER_MINUTE_TO_CPS, 2),  # 180 wpm = 15 cps
        chain_threshold_ms=1000,  # "if a gap is left, at least 1 s"
        description="BBC Subtitle Guidelines (verbatim): 37 characters, 180 wpm (warning) to "
        "200 wpm (error), gaps under 1 s closed.",
    ),
    "dcmp": Profile(
        name="dcmp",
        max_chars_per_line=32,
        # DCMP (both numbers in CAPTION-RULES.md): adults 150-160 wpm for edited captions,
        # near-verbatim captions up to 235 wpm. captionkit is verbatim, so the near-verbatim
        # ceiling is the error and the adult rate the warning. ``--max-cps 13.33`` holds
        # 160 wpm.
        max_cps=round(235 * WORDS_PER_MINUTE_TO_CPS, 2),  # 235 wpm = 19.58 cps
        warn_cps=round(160 * WORDS_PER_MINUTE_TO_CPS, 2),  # 160 wpm = 13.33 cps
        min_duration_ms=2000,
        max_late_start_ms=500,  # "may borrow about 15 frames either side, occasionally"
        description="DCMP Captioning Key (near-verbatim): 32 characters, 2 lines, 160 wpm "
        "(warning) to 235 wpm (error), 2 s minimum.",
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
    16.67
    """
    try:
        return PROFILES[name]
    except KeyError:
        valid = ", ".join(sorted(PROFILES))
        raise UsageError(f"unknown profile {name!r}; valid profiles: {valid}") from None


# --- overrides: CLI options and config keys -------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """One profile number a user can override, by CLI option (``--KEY``) or config key."""

    key: str
    field: str
    kind: str
    """``count`` (a whole number), ``cps`` (a number), ``duration`` (seconds, or "250ms"),
    ``switch`` (true/false)."""
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max-chars", "max_chars_per_line", "count", "Most characters on a line."),
    Setting("max-lines", "max_lines", "count", "Most lines in a cue."),
    Setting("max-cps", "max_cps", "cps", "Reading speed above this is an error."),
    Setting("warn-cps", "warn_cps", "cps", "Reading speed above this is a warning."),
    Setting("min-duration", "min_duration_ms", "duration", "Shortest cue."),
    Setting("max-duration", "max_duration_ms", "duration", "Longest cue."),
    Setting("min-gap", "min_gap_ms", "duration", "Smallest gap between cues."),
    Setting("chain-threshold", "chain_threshold_ms", "duration", "Gaps under this are closed."),
    Setting("max-lead-in", "max_lead_in_ms", "duration", "Most a cue may start early."),
    Setting("max-lead-out", "max_lead_out_ms", "duration", "Reading time after the speech."),
    Setting("max-late-start", "max_late_start_ms", "duration", "Most a cue may start late."),
    Setting(
        "max-reading-lead-out",
        "max_reading_lead_out_ms",
        "duration",
        "Most time after the speech to meet --max-cps.",
    ),
    Setting("pause", "pause_ms", "duration", "A silence this long is a good cue break."),
    Setting("early-start-error", "start_early_error_ms", "duration", "Lead-in error limit."),
    Setting("late-start-error", "start_late_error_ms", "duration", "Late-start error limit."),
    Setting("start-warn", "start_warn_ms", "duration", "Start offset warning limit."),
    Setting("lag-error", "end_lag_error_ms", "duration", "Lead-out error limit."),
    Setting("dash-cues", "dash_cues", "switch", "Two-speaker '-' cues for short exchanges."),
)
SETTINGS_BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
CONFIG_KEYS = frozenset({"profile", *SETTINGS_BY_KEY})
"""Top-level keys of the settings file this module reads; sub-tables (``[check]``, ...)
belong to their commands."""

_DURATION = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(ms|s)?\s*$")


def parse_setting(key: str, raw: Any) -> Any:
    """The profile value for setting ``key`` given as text (CLI) or a TOML value.

    Durations are seconds unless they end in ``ms``; ``UsageError`` on anything else.

    >>> parse_setting("max-chars", "32"), parse_setting("min-duration", "1.5")
    (32, 1500)
    >>> parse_setting("min-gap", "83ms"), parse_setting("max-cps", 17)
    (83, 17.0)
    >>> parse_setting("dash-cues", "on"), parse_setting("dash-cues", False)
    (True, False)
    >>> parse_setting("max-lines", "two")
    Traceback (most recent call last):
    ...
    captionkit.errors.UsageError: max-lines: expected a whole number, got 'two'
    """
    setting = SETTINGS_BY_KEY[key]
    kind = setting.kind
    if kind == "switch":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"true", "yes", "on", "1"}:
            return True
        if text in {"false", "no", "off", "0"}:
            return False
        raise UsageError(f"{key}: expected true or false, got {raw!r}")
    if isinstance(raw, bool):
        raise UsageError(f"{key}: expected a number, got {raw!r}")
    if kind == "count":
        if isinstance(raw, int) or (isinstance(raw, str) and raw.strip().isdigit()):
            return int(raw)
        raise UsageError(f"{key}: expected a whole number, got {raw!r}")
    if kind == "cps":
        try:
            value = float(raw)
        except (TypeError, ValueError):
            raise UsageError(f"{key}: expected characters a second, got {raw!r}") from None
        if not math.isfinite(value):
            raise UsageError(f"{key}: expected a finite number, got {raw!r}")
        return value
    if isinstance(raw, int | float) and math.isfinite(raw) and raw >= 0:
        return round(raw * 1000)
    match = _DURATION.match(raw) if isinstance(raw, str) else None
    if not match:
        raise UsageError(f"{key}: expected a duration such as 1.5 (seconds) or 250ms, got {raw!r}")
    number, unit = float(match.group(1)), match.group(2) or "s"
    return round(number if unit == "ms" else number * 1000)


def resolve_profile(
    name: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    config: Config | None = None,
) -> Profile:
    """The profile a run uses: CLI beats the settings file, which beats the named profile.

    ``name`` and ``overrides`` (``{"max-chars": "32"}``) come from the command line (``None``
    or absent: not given); ``config`` from :func:`captionkit.config.find_config`. Unknown keys
    and bad values raise ``UsageError`` naming the settings file or the option.

    >>> resolve_profile("dcmp", {"max-chars": "30"}).max_chars_per_line
    30
    >>> cfg = Config({"profile": "bbc", "max-lines": 1, "check": {}}, None)
    >>> p = resolve_profile(None, {"max-chars": 40}, cfg)
    >>> (p.name, p.max_chars_per_line, p.max_lines)
    ('bbc', 40, 1)
    >>> resolve_profile(config=Config({"max_chars": 3}, None))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    captionkit.errors.UsageError: <settings>: unknown setting 'max_chars'; valid: chain-thresh...
    """
    config = config or Config()
    where = str(config.path) if config.path else "<settings>"
    from_file = _config_settings(config, where)
    chosen = name or from_file.pop("profile", None) or DEFAULT_PROFILE
    from_file.pop("profile", None)
    profile = get_profile(chosen)
    if from_file:
        profile = _replace(profile, from_file, where)
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    cli = {}
    for key, raw in given.items():
        if key not in SETTINGS_BY_KEY:
            valid = ", ".join(sorted(SETTINGS_BY_KEY))
            raise UsageError(f"unknown setting {key!r}; valid: {valid}")
        try:
            cli[key] = parse_setting(key, raw)
        except UsageError as exc:
            raise UsageError(f"--{exc.message}") from None
    if cli:
        profile = _replace(profile, cli, None)
    return profile


def _config_settings(config: Config, where: str) -> dict[str, Any]:
    """The profile name and parsed settings of a settings table, checked key by key."""
    values: dict[str, Any] = {}
    for key, raw in config.values.items():
        if isinstance(raw, dict):
            continue  # a command's own sub-table, such as [check]
        if key not in CONFIG_KEYS:
            valid = ", ".join(sorted(CONFIG_KEYS))
            raise UsageError(f"unknown setting {key!r}; valid: {valid}", path=where)
        if key == "profile":
            if not isinstance(raw, str):
                raise UsageError(f"profile must be a name, got {raw!r}", path=where)
            values[key] = raw
            continue
        try:
            values[key] = parse_setting(key, raw)
        except UsageError as exc:
            raise UsageError(exc.message, path=where) from None
    return values


def _replace(profile: Profile, values: Mapping[str, Any], where: str | None) -> Profile:
    """``profile`` with these settings (by key) applied and validated again."""
    changes = {SETTINGS_BY_KEY[key].field: value for key, value in values.items()}
    try:
        return dataclasses.replace(profile, **changes)
    except UsageError as exc:
        if where is None:
            raise
        raise UsageError(exc.message, path=where) from None
