"""Layout rules (CK3xx): how much text a cue puts on screen."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Hit, rule


@rule("CK301", "line-too-long", "error", "layout",
      summary="A line has at most the profile's characters (podcast: 42; SRT labels count).")
def line_too_long(ctx: Context) -> Iterator[Hit]:
    limit = ctx.profile.max_chars_per_line
    for cue in ctx.cues:
        for k, line in enumerate(cue.lines):
            if len(line) > limit:
                where = cue.line + 1 + k if cue.line else None
                yield Hit(cue.index, f"line {k + 1} has {len(line)} characters "
                                     f"(limit {limit})", line=where)


@rule("CK302", "too-many-lines", "error", "layout",
      summary="A cue has at most the profile's lines (podcast: 2).")
def too_many_lines(ctx: Context) -> Iterator[Hit]:
    limit = ctx.profile.max_lines
    for cue in ctx.cues:
        if len(cue.lines) > limit:
            yield Hit(cue.index, f"cue has {len(cue.lines)} lines (limit {limit})")
