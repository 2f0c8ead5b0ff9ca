"""Structure rules (CK2xx): cues that cannot be shown as written."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Hit, pairs, rule, seconds


@rule("CK201", "end-not-after-start", "error", "structure",
      summary="A cue ends after it starts.")
def end_not_after_start(ctx: Context) -> Iterator[Hit]:
    for cue in ctx.cues:
        if cue.end <= cue.start:
            yield Hit(cue.index, f"cue ends ({seconds(cue.end)}) at or before its start "
                                 f"({seconds(cue.start)})")


@rule("CK202", "start-backwards", "error", "structure",
      summary="Cues are in time order: no cue starts before the previous one.")
def start_backwards(ctx: Context) -> Iterator[Hit]:
    for prev, cue in pairs(ctx.cues):
        if cue.start < prev.start:
            yield Hit(cue.index, f"starts at {seconds(cue.start)}, before the previous cue's "
                                 f"start ({seconds(prev.start)})")


@rule("CK203", "overlap", "error", "structure",
      summary="A cue does not start before the previous one ends (two speakers' cues "
              "overlapping show both at once).")
def overlap(ctx: Context) -> Iterator[Hit]:
    for prev, cue in pairs(ctx.cues):
        if prev.start <= cue.start < prev.end and prev.end > prev.start:
            who = ""
            if prev.speakers and cue.speakers and prev.speakers[-1] != cue.speakers[0]:
                who = f" ({prev.speakers[-1]}, then {cue.speakers[0]})"
            yield Hit(cue.index, f"starts {seconds(prev.end - cue.start)} before the previous "
                                 f"cue ends{who}")


@rule("CK204", "past-audio-end", "error", "structure", needs="audio",
      summary="No cue runs past the end of the audio (2 frames of tolerance).")
def past_audio_end(ctx: Context) -> Iterator[Hit]:
    assert ctx.audio_ms is not None
    for cue in ctx.cues:
        if cue.end > ctx.audio_ms + ctx.profile.min_gap_ms:
            yield Hit(cue.index, f"ends at {seconds(cue.end)}, after the audio ends "
                                 f"({seconds(ctx.audio_ms)})")


@rule("CK205", "empty-cue", "error", "structure",
      summary="Every cue has text.")
def empty_cue(ctx: Context) -> Iterator[Hit]:
    for cue in ctx.cues:
        if not cue.speech:
            yield Hit(cue.index, "cue has no text")
