"""Sync rules (CK6xx): each cue against the real speech times of its words (needs audio).

Offsets come from :mod:`captionkit.check.sync`; limits from :class:`~captionkit.check.limits.
SyncLimits` (the profile's, or CAPTION-RULES.md's podcast table).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..cues import CheckCue
from .base import Context, Hit, rule, seconds


def _starts(ctx: Context) -> Iterator[tuple[int, int]]:
    assert ctx.sync
    for c in ctx.sync.cues:
        if c.start_offset is not None:
            yield c.cue, c.start_offset


@rule("CK601", "start-early", "error", "sync", needs="sync",
      summary="A cue appears at most 1.5 s before its first word is spoken (BBC).")
def start_early(ctx: Context) -> Iterator[Hit]:
    limit = ctx.limits.start_early_error_ms
    for index, offset in _starts(ctx):
        if offset < -limit:
            yield Hit(index, f"appears {seconds(-offset)} before its speech starts "
                             f"(limit {seconds(limit)})")


@rule("CK602", "start-late", "error", "sync", needs="sync",
      summary="A cue appears at most 0.5 s after its first word is spoken.")
def start_late(ctx: Context) -> Iterator[Hit]:
    limit = ctx.limits.start_late_error_ms
    for index, offset in _starts(ctx):
        if offset > limit:
            yield Hit(index, f"appears {seconds(offset)} after its speech starts "
                             f"(limit {seconds(limit)})")


@rule("CK603", "start-off", "warning", "sync", needs="sync",
      summary="A cue appears within 83 ms (2 frames) of its first word, or early by at most the "
              "profile's lead-in where the cue needs the time (minimum duration, reading speed). "
              "When the whole file drifts (CK606/CK607), cues are measured after that shift.")
def start_off(ctx: Context) -> Iterator[Hit]:
    lim = ctx.limits
    drift = _drift(ctx)
    cues = {cue.index: cue for cue in ctx.cues}
    for index, offset in _starts(ctx):
        if not -lim.start_early_error_ms <= offset <= lim.start_late_error_ms:
            continue  # an error (CK601/CK602) already
        residual = offset - drift
        if abs(residual) <= lim.start_warn_ms:
            continue
        if residual < 0 and -residual <= getattr(ctx.profile, "max_lead_in_ms", 0):
            cue = cues[index]
            # The segmenter may start a cue early when the speech alone is too short to read.
            if cue.end + residual - cue.start < _needed_ms(ctx, cue):
                continue
        side = "after" if offset > 0 else "before"
        beyond = f"; {residual:+d} ms beyond the file's drift" if drift else ""
        yield Hit(index, f"appears {seconds(abs(offset))} {side} its speech starts "
                         f"(within {lim.start_warn_ms} ms is in sync{beyond})")


def _drift(ctx: Context) -> int:
    """The whole file's shift when it is reported (CK606/CK607), else 0."""
    assert ctx.sync
    median = ctx.sync.median_start_ms
    return median if median is not None and abs(median) > ctx.limits.drift_warn_ms else 0


def _needed_ms(ctx: Context, cue: CheckCue) -> int:
    """How long the cue must stay up: the minimum duration, and the time to read it."""
    reading = math.ceil(cue.chars * 1000 / ctx.profile.max_cps)
    return max(ctx.profile.min_duration_ms, reading)


def _end_lags(ctx: Context, limit: int, reading: bool) -> Iterator[tuple[int, int]]:
    """Cues that stay up more than ``limit`` after their last word, beyond the time they need.

    Staying up to reach the minimum duration is never lag; with ``reading`` (the warning),
    neither is staying up (at most the profile's reading lead-out) to bring the reading speed
    under the limit, nor the whole file's drift, which CK606/CK607 report once.
    """
    assert ctx.sync
    cues = {cue.index: cue for cue in ctx.cues}
    reading_cap = getattr(ctx.profile, "max_reading_lead_out_ms", limit)
    for c in ctx.sync.cues:
        cue = cues.get(c.cue)
        if c.end_offset is None or c.speech_end is None or cue is None:
            continue
        allowed = max(c.speech_end + limit, cue.start + ctx.profile.min_duration_ms)
        if reading:
            allowed = max(allowed, min(cue.start + _needed_ms(ctx, cue),
                                       c.speech_end + reading_cap)) + max(0, _drift(ctx))
        if cue.end > allowed:
            yield c.cue, c.end_offset


@rule("CK604", "end-lag", "error", "sync", needs="sync",
      summary="A cue leaves the screen at most 1.5 s after its last word ends (BBC).")
def end_lag(ctx: Context) -> Iterator[Hit]:
    limit = ctx.limits.end_lag_error_ms
    for index, offset in _end_lags(ctx, limit, reading=False):
        yield Hit(index, f"stays up {seconds(offset)} after its speech ends "
                         f"(limit {seconds(limit)})")


@rule("CK605", "end-lag-warn", "warning", "sync", needs="sync",
      summary="A cue leaves the screen at most 0.5 s after its last word ends (Netflix), unless "
              "it needs the time for the minimum duration or the reading speed.")
def end_lag_warn(ctx: Context) -> Iterator[Hit]:
    limit, error = ctx.limits.end_lag_warn_ms, ctx.limits.end_lag_error_ms
    errors = {index for index, _ in _end_lags(ctx, error, reading=False)}
    for index, offset in _end_lags(ctx, limit, reading=True):
        if index not in errors:
            yield Hit(index, f"stays up {seconds(offset)} after its speech ends "
                             f"(comfortable: {seconds(limit)})")


@rule("CK606", "drift", "error", "sync", needs="sync",
      summary="The whole file is not shifted: the median start offset is within 150 ms.")
def drift(ctx: Context) -> Iterator[Hit]:
    assert ctx.sync
    median = ctx.sync.median_start_ms
    if median is not None and abs(median) > ctx.limits.drift_error_ms:
        yield Hit(None, _drift_message(median, ctx.sync.p95_start_ms, ctx.limits.drift_error_ms))


@rule("CK607", "drift-warn", "warning", "sync", needs="sync",
      summary="The median start offset of the file is within 83 ms.")
def drift_warn(ctx: Context) -> Iterator[Hit]:
    assert ctx.sync
    median = ctx.sync.median_start_ms
    lim = ctx.limits
    if median is not None and lim.drift_warn_ms < abs(median) <= lim.drift_error_ms:
        yield Hit(None, _drift_message(median, ctx.sync.p95_start_ms, lim.drift_warn_ms))


def _drift_message(median: int, p95: int | None, limit: int) -> str:
    side = "late" if median > 0 else "early"
    return (f"the whole file is {abs(median)} ms {side} (median start offset; p95 {p95} ms; "
            f"limit {limit} ms): shift it by {-median:+d} ms")


@rule("CK608", "not-measured", "info", "sync", needs="sync",
      summary="A cue whose first word the aligner could not find in the audio is not measured.")
def not_measured(ctx: Context) -> Iterator[Hit]:
    assert ctx.sync
    for c in ctx.sync.cues:
        if c.start_offset is None:
            yield Hit(c.cue, "its first word was not found in the audio; start not measured")
