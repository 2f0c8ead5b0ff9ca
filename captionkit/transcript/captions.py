"""The captions format: an existing WebVTT or SRT file, read so it can be re-timed.

Each cue becomes one turn with the cue's start and end. The speaker comes from a
``<v Name>`` voice tag or a ``NAME:`` prefix, and carries forward to later cues without
one. Markup (``<i>``, ``<c.x>``, timestamp tags, ``{\\an8}``), entities and the "- "
dialogue dash are removed so the turn text is what is spoken. webvtt-py parses the cues;
this module finds each cue's line, and refuses a cue webvtt-py would silently drop.

>>> t = read(["WEBVTT", "", "00:01.000 --> 00:02.500", "<v Ann>Fish &amp; <i>chips</i>"],
...          source="t.vtt", speaker="Speaker")
>>> [(turn.speaker, turn.text, turn.start, turn.end, turn.line) for turn in t.turns]
[('Ann', 'Fish & chips', 1000, 2500, 3)]
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from captionkit.errors import TranscriptError
from captionkit.model import Transcript, Turn
from captionkit.transcript.speakers import clean_name, is_name_like, name_pattern
from captionkit.transcript.timecodes import TIMESTAMP, TimestampError, parse_timestamp

NAME = "captions"

_TIMING = re.compile(rf"\s*(?P<start>{TIMESTAMP})\s*-->\s*(?P<end>{TIMESTAMP})(?:\s.*)?")
_VOICE = re.compile(r"<v(?:\.[\w.-]*)*(?:[ \t]+([^>]*))?>")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")
_DASH = re.compile(r"^[-–]\s+")
_TIGHT_DASH = re.compile(r"^[-–]\s*")
_PREFIX = re.compile(rf"(?P<name>{name_pattern(4)}):\s+(?P<text>.*)", re.DOTALL)
# Stands in for "-->" in cue text while webvtt-py parses (it drops a WebVTT cue holding one).
_ARROW_MASK = "\ue000"
_BLOCKS = ("NOTE", "STYLE", "REGION")


@dataclass(frozen=True)
class _Timing:
    line: int
    start: int
    end: int
    has_text: bool


def sniff(lines: Sequence[str]) -> bool:
    """A ``WEBVTT`` header, or a cue timing line (``00:00:01,000 --> 00:00:02,000``)."""
    first = next((line for line in lines if line.strip()), "")
    return first.lstrip("\ufeff").startswith("WEBVTT") or any(map(_TIMING.fullmatch, lines))


def _webvtt_ms(written: str, srt: bool) -> int:
    """The time webvtt-py gives a cue, so our timing lines can be matched to its cues."""
    whole, _, fraction = written.replace(",", ".").partition(".")
    seconds = 0
    for field in whole.split(":"):
        seconds = seconds * 60 + int(field)
    # webvtt-py reads an SRT fraction as a count of milliseconds, a WebVTT one as decimals.
    millis = int(fraction or 0) if srt else int(fraction.ljust(3, "0") or 0)
    return seconds * 1000 + millis


def _timings(lines: Sequence[str], source: str, srt: bool) -> list[_Timing]:
    """Every cue timing line, validated, outside ``NOTE`` comment blocks."""
    found: list[_Timing] = []
    in_note = False
    for index, line in enumerate(lines):
        if not line.strip():
            in_note = False
            continue
        if not srt and (index == 0 or not lines[index - 1].strip()) and line.startswith("NOTE"):
            in_note = True
        match = None if in_note else _TIMING.fullmatch(line)
        if not match:
            continue
        for written in (match["start"], match["end"]):
            try:
                parse_timestamp(written)
            except TimestampError as error:
                raise TranscriptError(
                    f"cue timing {written}: {error}", path=source, line=index + 1
                ) from None
        has_text = index + 1 < len(lines) and bool(lines[index + 1].strip())
        found.append(_Timing(index + 1, _webvtt_ms(match["start"], srt),
                             _webvtt_ms(match["end"], srt), has_text))
    return found


def _maskable(lines: Sequence[str]) -> bool:
    """Whether the arrow mask is free to use (a file holding its character is left as it is)."""
    return not any(_ARROW_MASK in line for line in lines)


def _mend(lines: Sequence[str], srt: bool) -> list[str]:
    """The lines with what webvtt-py would silently lose made safe, keeping every word.

    Hand-edited files put a blank line inside a cue's text, or an arrow in it; webvtt-py
    ends the cue at the blank line (dropping the rest) and drops a WebVTT cue holding "-->".
    A blank line followed by more text that does not start a new cue or block is removed
    (the text stays in its cue), and "-->" in cue text is masked until the text is read.

    >>> _mend(["WEBVTT", "", "00:01.000 --> 00:02.000", "a --> b", "", "c", "", "1",
    ...        "00:03.000 --> 00:04.000", "d"], srt=False)[3:]
    ['a \ue000 b', 'c', '', '1', '00:03.000 --> 00:04.000', 'd']
    """
    def starts_cue_or_block(j: int) -> bool:
        line = lines[j]
        if _TIMING.fullmatch(line) or (j + 1 < len(lines) and _TIMING.fullmatch(lines[j + 1])):
            return True
        return not srt and line.startswith(_BLOCKS)

    mended: list[str] = []
    in_cue, mask = False, _maskable(lines)
    for index, line in enumerate(lines):
        if _TIMING.fullmatch(line):
            in_cue = True
        elif not line.strip():
            if in_cue:
                after = next((j for j in range(index + 1, len(lines)) if lines[j].strip()), None)
                if after is not None and not starts_cue_or_block(after):
                    continue  # the cue's text goes on after this blank line
            in_cue = False
        elif in_cue and mask:
            line = line.replace("-->", _ARROW_MASK)
        mended.append(line)
    return mended


def _parse(lines: Sequence[str], source: str, srt: bool) -> list[webvtt.Caption]:
    # webvtt-py wants an SRT file to start with its first cue number.
    body = list(lines)
    while srt and body and not body[0].strip():
        body.pop(0)
    try:
        return webvtt.from_buffer(body, format="srt" if srt else "vtt").captions
    except (MalformedFileError, MalformedCaptionError) as error:
        expected = ("a cue number, then a line like '00:00:01,000 --> 00:00:02,000'" if srt
                    else "a first line 'WEBVTT'")
        raise TranscriptError(
            f"not a readable {'SRT' if srt else 'WebVTT'} file ({error}); expected {expected}",
            path=source, line=1,
        ) from None


def _clean(text: str, dash_cue: bool = False) -> str:
    """Spoken words only: no markup, no entities, no leading dialogue dash.

    In a two-speaker cue every line opens with a dash, written with or without a space
    ("- Yes." or Netflix's "-Yes."); elsewhere only "- " counts, so "-5" stays a word.
    """
    dash = _TIGHT_DASH if dash_cue else _DASH
    lines = [html.unescape(_TAG.sub("", line)).strip() for line in text.split("\n")]
    return " ".join(" ".join(dash.sub("", line, count=1) for line in lines).split())


def _voices(raw: str) -> list[tuple[str | None, str]]:
    """``(voice or None, cleaned text)`` for each voice span of a cue, empty spans dropped."""
    pieces = _VOICE.split(raw)
    spans: list[tuple[str | None, str]] = [(None, pieces[0])]
    spans += [(clean_name(voice or "") or None, body)
              for voice, body in zip(pieces[1::2], pieces[2::2], strict=True)]
    lines = [ln for ln in (_TAG.sub("", raw_line).strip() for raw_line in raw.split("\n")) if ln]
    dash_cue = len(lines) >= 2 and all(ln.startswith(("-", "–")) for ln in lines)
    return [(voice, text) for voice, raw_text in spans if (text := _clean(raw_text, dash_cue))]


def _prefixed(text: str) -> tuple[str, str] | None:
    match = _PREFIX.fullmatch(text)
    if match and is_name_like(match["name"]):
        return clean_name(match["name"]), match["text"]
    return None


def read(lines: Sequence[str], *, source: str, speaker: str) -> Transcript:
    """Read the cues of a WebVTT (``WEBVTT`` header) or SRT file as turns."""
    first = next((line for line in lines if line.strip()), "")
    srt = not first.lstrip("\ufeff").startswith("WEBVTT")
    timings = _timings(lines, source, srt)
    captions = _parse(_mend(lines, srt), source, srt)

    cues: list[tuple[_Timing | None, webvtt.Caption]] = []
    position = 0
    for caption in captions:
        times = (caption.start_time.in_milliseconds(), caption.end_time.in_milliseconds())
        timing = None
        for index in range(position, len(timings)):
            if (timings[index].start, timings[index].end) == times:
                timing, position = timings[index], index + 1
                break
        cues.append((timing, caption))
    matched = {timing.line for timing, _ in cues if timing}
    for timing in timings:
        if timing.has_text and timing.line not in matched:
            raise TranscriptError("this cue cannot be read, so its words would be lost; "
                                  "check its timing line and number", path=source, line=timing.line)

    unmask = _maskable(lines)
    spoken = [(timing, caption, _voices(
        caption.raw_text.replace(_ARROW_MASK, "-->") if unmask else caption.raw_text))
        for timing, caption in cues]
    # "Note: ..." in one cue is text; a prefix in capitals or on several cues is a speaker.
    prefixes = Counter(
        prefix[0] for *_, spans in spoken for voice, text in spans
        if not voice and (prefix := _prefixed(text))
    )

    turns: list[Turn] = []
    current = speaker
    for timing, caption, spans in spoken:
        for index, (voice, text) in enumerate(spans):
            prefix = None if voice else _prefixed(text)
            if voice:
                current = voice
            elif prefix and (prefix[0].isupper() or prefixes[prefix[0]] >= 2):
                current, text = prefix
            turns.append(Turn(
                speaker=current, text=text,
                # A second voice inside one cue has no start of its own.
                start=caption.start_time.in_milliseconds() if index == 0 else None,
                end=caption.end_time.in_milliseconds(),
                line=timing.line if timing else 0,
            ))
    return Transcript(turns=turns, source=source)
