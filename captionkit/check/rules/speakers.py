"""Speaker rules (CK5xx): viewers can always tell who is speaking."""

from __future__ import annotations

from collections.abc import Iterator

from ..cues import CheckCue
from .base import Context, Hit, rule


@rule("CK501", "missing-speaker", "warning", "speakers",
      summary="In a file that names speakers, every cue has one (WebVTT: a `<v Name>` on every "
              "cue; SRT: a `Name:` label at each change, so from the first cue).")
def missing_speaker(ctx: Context) -> Iterator[Hit]:
    if not any(cue.speakers for cue in ctx.cues):
        return
    for cue in ctx.cues:
        if cue.speech and not cue.speakers:
            yield Hit(cue.index, "cue names no speaker (the file names them elsewhere)")


def _voices(cue: CheckCue) -> int:
    """Speakers in a cue: named voices, or dialogue lines when every line has a dash."""
    return max(len(cue.speakers), cue.dialogue_lines if cue.dashed else 0)


@rule("CK502", "too-many-speakers", "error", "speakers",
      summary="At most two speakers in one cue.")
def too_many_speakers(ctx: Context) -> Iterator[Hit]:
    for cue in ctx.cues:
        if _voices(cue) > 2:
            yield Hit(cue.index, f"{_voices(cue)} speakers in one cue (at most 2)")


@rule("CK503", "change-without-dash", "error", "speakers",
      summary="Two speakers share a cue only as dialogue: each on a line that starts with `-`.")
def change_without_dash(ctx: Context) -> Iterator[Hit]:
    for cue in ctx.cues:
        if len(cue.speakers) >= 2 and not cue.dashed:
            names = ", ".join(cue.speakers)
            yield Hit(cue.index, f"speaker changes inside the cue ({names}) without a "
                                 f"dialogue dash on each line")
