"""Timing rules (CK4xx): how long cues stay up, how fast they read, the gaps between them."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Hit, pairs, rule, seconds


@rule("CK401", "too-short", "error", "timing",
      summary="A cue stays up at least the profile's minimum (podcast: 0.833 s, 20 frames).")
def too_short(ctx: Context) -> Iterator[Hit]:
    limit = ctx.profile.min_duration_ms
    for cue in ctx.cues:
        if 0 < cue.duration < limit:
            yield Hit(cue.index, f"on screen for {seconds(cue.duration)} "
                                 f"(minimum {seconds(limit)})")


@rule("CK402", "too-long", "warning", "timing",
      summary="A cue stays up at most the profile's maximum (podcast: 7 s).")
def too_long(ctx: Context) -> Iterator[Hit]:
    limit = ctx.profile.max_duration_ms
    for cue in ctx.cues:
        if cue.duration > limit:
            yield Hit(cue.index, f"on screen for {seconds(cue.duration)} "
                                 f"(maximum {seconds(limit)})")


def _cps(ctx: Context) -> Iterator[tuple[int, float]]:
    for cue in ctx.cues:
        if cue.duration > 0 and cue.chars:
            yield cue.index, cue.chars * 1000 / cue.duration


@rule("CK403", "reading-speed", "error", "timing",
      summary="Reading speed is at most the profile's limit (podcast: 20 characters a second; "
              "spaces and punctuation count, tags and labels do not).")
def reading_speed(ctx: Context) -> Iterator[Hit]:
    for index, cps in _cps(ctx):
        if cps > ctx.profile.max_cps:
            yield Hit(index, f"{cps:.2f} characters a second (limit {ctx.profile.max_cps:g})")


@rule("CK404", "reading-speed-warn", "warning", "timing",
      summary="Reading speed is at most the profile's comfortable rate (podcast: 17 cps).")
def reading_speed_warn(ctx: Context) -> Iterator[Hit]:
    for index, cps in _cps(ctx):
        if ctx.profile.warn_cps < cps <= ctx.profile.max_cps:
            yield Hit(index, f"{cps:.2f} characters a second (comfortable: "
                             f"{ctx.profile.warn_cps:g})")


@rule("CK405", "gap-too-small", "error", "timing",
      summary="Consecutive cues are at least the profile's minimum gap apart (podcast: 83 ms, "
              "2 frames), so the eye sees a new cue.")
def gap_too_small(ctx: Context) -> Iterator[Hit]:
    limit = ctx.profile.min_gap_ms
    for prev, cue in pairs(ctx.cues):
        gap = cue.start - prev.end
        if 0 <= gap < limit and prev.end > prev.start:
            yield Hit(cue.index, f"{gap} ms after the previous cue (minimum {limit} ms)")


@rule("CK406", "gap-not-chained", "warning", "timing",
      summary="A short gap is closed to the minimum (chained) or opened to the chaining "
              "threshold (podcast: 83 ms, 500 ms): a brief flash of empty screen distracts.")
def gap_not_chained(ctx: Context) -> Iterator[Hit]:
    low, high = ctx.profile.min_gap_ms, ctx.profile.chain_threshold_ms
    for prev, cue in pairs(ctx.cues):
        gap = cue.start - prev.end
        if low < gap < high:
            yield Hit(cue.index, f"{gap} ms gap: chain it ({low} ms) or open it to "
                                 f"{high} ms")
