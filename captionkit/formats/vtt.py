"""WebVTT writer, through webvtt-py: one cue per caption, each with a ``<v Full Name>`` voice span.

Cue text and voice annotations are escaped as the WebVTT spec asks (``&`` → ``&amp;``,
``<`` → ``&lt;``, ``>`` → ``&gt;``), so no word can open a tag or end a cue, and "-->" can never
appear in a cue. webvtt-py builds the whole file (header, timings, blocks) and refuses text that
could not be read back; it has no notion of escaping or voice spans, so those two are added to
each line of cue text here before it is handed over.

>>> from captionkit.model import Alignment, Cue, Transcript
>>> cue = Cue(start=0, end=1500, speaker="Ann <Host>", lines=("Tom & Jerry", "<b>-->"))
>>> print(render([cue], Alignment([], Transcript(turns=[]), 2000)), end="")
WEBVTT
<BLANKLINE>
00:00:00.000 --> 00:00:01.500
<v Ann &lt;Host&gt;>Tom &amp; Jerry
&lt;b&gt;--&gt;

A two-speaker dash cue gives each line its "-" and its voice:

>>> dash = Cue(0, 900, "Ann", ("Yes.", "No."), second_speaker="Bob")
>>> print(render([dash], Alignment([], Transcript(turns=[]), 2000)), end="")
WEBVTT
<BLANKLINE>
00:00:00.000 --> 00:00:00.900
<v Ann>-Yes.
<v Bob>-No.
"""

from __future__ import annotations

import webvtt

from ..model import Alignment, Cue

EXTENSION = ".vtt"


def escape(text: str) -> str:
    """Escape cue text or a voice annotation for WebVTT.

    >>> escape("a<b> & c-->")
    'a&lt;b&gt; &amp; c--&gt;'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def timestamp(ms: int) -> str:
    """``HH:MM:SS.mmm`` (hours grow past two digits when needed).

    >>> timestamp(3_723_004)
    '01:02:03.004'
    """
    seconds, millis = divmod(max(ms, 0), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _voice(speaker: str) -> str:
    """The voice span that opens every cue ('' for an unnamed speaker).

    A name ending in "--" would make "-->" with the tag's closing ">", which ends a cue's text
    for every WebVTT parser; its last hyphen becomes U+2010, the hyphen that looks the same.

    >>> _voice("--")
    '<v -‐>'
    """
    name = " ".join(speaker.split())
    if name.endswith("--"):
        name = name[:-1] + "\u2010"
    return f"<v {escape(name)}>" if name else ""


def _caption(cue: Cue) -> webvtt.Caption:
    if cue.second_speaker is not None:
        # A two-speaker dash cue: each line "-" and its own voice span (one voice per line).
        lines = [
            _voice(speaker) + "-" + escape(" ".join(line.split()))
            for line, speaker in zip(cue.lines, cue.line_speakers, strict=True)
        ]
        return webvtt.Caption(start=timestamp(cue.start), end=timestamp(cue.end), text=lines)
    lines = [escape(" ".join(line.split())) for line in cue.lines]
    lines = [line for line in lines if line] or [""]
    lines[0] = _voice(cue.speaker) + lines[0]
    return webvtt.Caption(start=timestamp(cue.start), end=timestamp(cue.end), text=lines)


def render(cues: list[Cue], alignment: Alignment) -> str:
    """The WebVTT file for these cues (``alignment`` is not needed here)."""
    return webvtt.WebVTT(captions=[_caption(cue) for cue in cues]).content
