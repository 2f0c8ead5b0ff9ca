"""Syntax rules (CK1xx): what a player or parser would misread. They need the file itself."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..display import ENTITY, VTT_TAG
from .base import RULES, Context, Hit, rule

VTT_STAMP = re.compile(r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}")
SRT_STAMP = re.compile(r"\d{2,}:[0-5]\d:[0-5]\d[,.]\d{3}")
_SPACED_ARROW = re.compile(r"\S+[ \t]+-->[ \t]+\S+")


@rule("CK101", "vtt-header", "error", "syntax", needs="file",
      summary="A WebVTT file starts with the line `WEBVTT`.")
def vtt_header(ctx: Context) -> Iterator[Hit]:
    f = ctx.file
    if f and f.kind == "vtt" and not f.header_ok:
        found = f.lines[0].strip()[:30] if f.lines else ""
        yield Hit(None, f"first line must be 'WEBVTT' (found {found!r})", line=1)


@rule("CK102", "timestamp-format", "error", "syntax", needs="file",
      summary="Timestamps are `HH:MM:SS.mmm` (WebVTT, hours optional) or `HH:MM:SS,mmm` (SRT), "
              "with spaces around `-->`.")
def timestamp_format(ctx: Context) -> Iterator[Hit]:
    assert ctx.file
    vtt = ctx.file.kind == "vtt"
    pattern, shape = (VTT_STAMP, "HH:MM:SS.mmm") if vtt else (SRT_STAMP, "HH:MM:SS,mmm")
    for cue in ctx.file.cues:
        bad = [t for t in (cue.start_text, cue.end_text) if not pattern.fullmatch(t)]
        if bad:
            unreadable = " (unreadable: cue skipped)" if None in (cue.start, cue.end) else ""
            yield Hit(cue.index, f"timestamp {bad[0]!r} is not {shape}{unreadable}",
                      line=cue.timing_line)
        elif vtt and not _SPACED_ARROW.match(ctx.file.lines[cue.timing_line - 1].strip()):
            yield Hit(cue.index, "the timing line needs a space on each side of '-->'",
                      line=cue.timing_line)


@rule("CK103", "arrow-in-text", "error", "syntax", needs="file",
      summary="`-->` never appears in cue text (it ends the cue in some players).")
def arrow_in_text(ctx: Context) -> Iterator[Hit]:
    assert ctx.file
    for cue in ctx.file.cues:
        for k, line in enumerate(cue.text):
            if "-->" in line:
                fix = "write '--&gt;'" if ctx.file.kind == "vtt" else "reword it"
                yield Hit(cue.index, f"'-->' in cue text; {fix}", line=cue.text_line + k)


@rule("CK104", "unescaped-text", "error", "syntax", needs="file",
      summary="WebVTT cue text escapes `&` as `&amp;` and `<` as `&lt;` unless they start an "
              "entity or a tag.")
def unescaped_text(ctx: Context) -> Iterator[Hit]:
    assert ctx.file
    if ctx.file.kind != "vtt":
        return
    for cue in ctx.file.cues:
        for k, line in enumerate(cue.text):
            for i, char in enumerate(line):
                if char == "&" and not ENTITY.match(line, i):
                    yield Hit(cue.index, f"unescaped '&' at column {i + 1}; write '&amp;'",
                              line=cue.text_line + k)
                elif char == "<" and not VTT_TAG.match(line, i):
                    yield Hit(cue.index, f"unescaped '<' at column {i + 1}; write '&lt;'",
                              line=cue.text_line + k)


@rule("CK105", "duplicate-cue-id", "error", "syntax", needs="file",
      summary="WebVTT cue identifiers are unique.")
def duplicate_cue_id(ctx: Context) -> Iterator[Hit]:
    assert ctx.file
    if ctx.file.kind != "vtt":
        return
    seen: dict[str, int] = {}
    for cue in ctx.file.cues:
        if cue.ident is None:
            continue
        if cue.ident in seen:
            yield Hit(cue.index, f"cue id {cue.ident!r} already used on line {seen[cue.ident]}",
                      line=cue.ident_line)
        else:
            seen[cue.ident] = cue.ident_line or 0


@rule("CK106", "srt-numbering", "error", "syntax", needs="file",
      summary="SRT cues are numbered 1, 2, 3, … in order, each above its timing line.")
def srt_numbering(ctx: Context) -> Iterator[Hit]:
    assert ctx.file
    if ctx.file.kind != "srt":
        return
    expected = 1
    for cue in ctx.file.cues:
        if cue.ident is None:
            yield Hit(cue.index, f"cue has no number (expected {expected})", line=cue.timing_line)
        elif not cue.ident.isdigit():
            yield Hit(cue.index, f"cue number {cue.ident!r} is not a number", line=cue.ident_line)
        elif int(cue.ident) != expected:
            yield Hit(cue.index, f"cue number {cue.ident}, expected {expected}",
                      line=cue.ident_line)
        # Expect the next number after the one written, so one slip is reported once.
        expected = int(cue.ident) + 1 if cue.ident and cue.ident.isdigit() else expected + 1


@rule("CK107", "srt-decimal-comma", "error", "syntax", needs="file",
      summary="SRT writes a comma before the milliseconds (`00:00:01,500`), not a dot.")
def srt_decimal_comma(ctx: Context) -> Iterator[Hit]:
    assert ctx.file
    if ctx.file.kind != "srt":
        return
    for cue in ctx.file.cues:
        dotted = [t for t in (cue.start_text, cue.end_text) if SRT_STAMP.fullmatch(t) and "." in t]
        if dotted:
            yield Hit(cue.index, f"timestamp {dotted[0]!r} uses '.'; SRT needs ','",
                      line=cue.timing_line)


@rule("CK108", "encoding", "error", "syntax", needs="file",
      summary="The file is UTF-8.")
def encoding(ctx: Context) -> Iterator[Hit]:
    assert ctx.file
    if ctx.file.decoded.problem:
        yield Hit(None, ctx.file.decoded.problem, line=ctx.file.decoded.problem_line)


@rule("CK109", "srt-bom", "warning", "syntax", needs="file",
      summary="An SRT file has no byte-order mark (some players show it as a character).")
def srt_bom(ctx: Context) -> Iterator[Hit]:
    assert ctx.file
    if ctx.file.kind == "srt" and ctx.file.decoded.bom:
        yield Hit(None, "the file starts with a UTF-8 byte-order mark", line=1)


@rule("CK110", "text-outside-cue", "error", "syntax", needs="file",
      summary="No text outside a cue: players drop it (often a blank line inside a cue, or a "
              "missing timing line).")
def text_outside_cue(ctx: Context) -> Iterator[Hit]:
    assert ctx.file
    for line, text in ctx.file.stray:
        yield Hit(None, f"text outside any cue, players drop it: {text.strip()[:40]!r}", line=line)


@rule("CK111", "unknown-suppression", "warning", "syntax", needs="file",
      summary="A `NOTE captionkit: ignore …` comment names existing rule codes.")
def unknown_suppression(ctx: Context) -> Iterator[Hit]:
    assert ctx.file
    for line, codes in ctx.file.suppressions:
        for code in codes:
            if not any(known.startswith(code) for known in RULES):
                yield Hit(None, f"suppression names unknown rule code {code!r}", line=line)
