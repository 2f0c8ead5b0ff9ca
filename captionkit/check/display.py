"""Raw cue text → what a viewer sees and who speaks (``CheckCue``).

WebVTT: markup is removed and entities decoded; speakers come from ``<v Name>`` voice spans
(which players do not display). A leading dialogue dash ("-") is displayed but is not speech.
SRT: there is no escaping; a ``NAME:`` (or ``Name:`` used on
two or more cues) at the start of a line is a speaker label: it is displayed, so it counts for
line length, but not for reading speed. A speaker label carries forward to later SRT cues, as
SRT writes a label only at each change.

>>> from captionkit.check.reader import parse_caption_text
>>> f = parse_caption_text("1\\n00:00:01,000 --> 00:00:03,000\\nANN: Fish &amp; <i>chips</i>\\n\\n"
...                        "2\\n00:00:03,100 --> 00:00:05,000\\nYes.\\n", "a.srt")
>>> [(c.lines, c.speech, c.speakers) for c in check_cues_of(f)]
[(('ANN: Fish &amp; chips',), 'Fish &amp; chips', ('ANN',)), (('Yes.',), 'Yes.', ('ANN',))]
"""

from __future__ import annotations

import html
import re
from collections import Counter

from ..transcript.speakers import clean_name, is_name_like, name_pattern
from .cues import CheckCue
from .reader import CaptionFile, RawCue

VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>")
VTT_TAG = re.compile(r"</?(?:[A-Za-z][\w.-]*(?:[ \t][^>]*)?|\d[\d:.]*)>")
SRT_TAG = re.compile(r"</?[A-Za-z][^>]*>|\{\\[^}]*\}")
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#[xX][0-9A-Fa-f]+);")
"""A complete character reference; a bare ``&`` (even ``&#1`` with no ``;``) is not one."""
_DASH = re.compile(r"^\s*[-–]")
_LABEL = re.compile(rf"^(?P<dash>\s*[-–]\s*)?(?P<name>{name_pattern(4)}):\s+(?P<rest>\S.*)$")


def check_cues_of(file: CaptionFile) -> list[CheckCue]:
    """The file's cues whose times could be read, as the rules see them."""
    timed = [cue for cue in file.cues if cue.start is not None and cue.end is not None]
    if file.kind == "vtt":
        return [_vtt_cue(cue) for cue in timed]
    return _srt_cues(timed)


def unescape_vtt(text: str) -> str:
    """Decode complete character references only, as CK104 and ``fix`` define them.

    >>> unescape_vtt("Fish &amp; chips &#1 &lt;3")
    'Fish & chips &#1 <3'
    """
    return ENTITY.sub(lambda m: html.unescape(m.group()), text)


def _vtt_cue(cue: RawCue) -> CheckCue:
    voices = [clean_name(unescape_vtt(v or "")) for v in VOICE.findall("\n".join(cue.text))]
    lines = tuple(" ".join(unescape_vtt(VTT_TAG.sub("", line)).split()) for line in cue.text)
    return _make(cue, lines, tuple(_DASH.sub("", line) for line in lines), voices)


def _labels(cues: list[RawCue]) -> Counter[str]:
    """How many cues use each candidate ``Name:`` label."""
    counts: Counter[str] = Counter()
    for cue in cues:
        names = {m["name"] for line in cue.text if (m := _LABEL.match(SRT_TAG.sub("", line)))}
        counts.update(names)
    return counts


def _srt_cues(cues: list[RawCue]) -> list[CheckCue]:
    counts = _labels(cues)
    current: str | None = None
    out = []
    for cue in cues:
        lines = tuple(" ".join(SRT_TAG.sub("", line).split()) for line in cue.text)
        speech_lines = []
        named: list[str] = []
        for line in lines:
            match = _LABEL.match(line)
            name = match["name"] if match else ""
            # "Note: this" once is text; "ANN:" or a label on two cues is a speaker.
            if match and is_name_like(name) and (name.isupper() or counts[name] >= 2):
                named.append(clean_name(name))
                speech_lines.append(match["rest"])
            else:
                speech_lines.append(_DASH.sub("", line))
        if named:
            current = named[-1]
        out.append(_make(cue, lines, tuple(speech_lines), named or ([current] if current else [])))
    return out


def _make(cue: RawCue, lines: tuple[str, ...], speech: tuple[str, ...], speakers: list[str]
          ) -> CheckCue:
    assert cue.start is not None and cue.end is not None
    return CheckCue(
        index=cue.index,
        start=cue.start,
        end=cue.end,
        lines=tuple(line for line in lines if line),
        speech=" ".join(" ".join(speech).split()),
        speakers=tuple(dict.fromkeys(s for s in speakers if s)),
        dialogue_lines=sum(bool(_DASH.match(line)) for line in lines if line),
        line=cue.timing_line,
    )
