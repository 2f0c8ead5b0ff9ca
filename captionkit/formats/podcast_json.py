"""Podcasting 2.0 JSON transcript: one segment per cue, times in seconds.

>>> from captionkit.model import Alignment, Cue, Transcript
>>> cues = [Cue(0, 1500, "Zoë", ("Hello", "there."))]
>>> print(render(cues, Alignment([], Transcript(turns=[]), 2000)), end="")
{
  "version": "1.0.0",
  "segments": [
    {
      "speaker": "Zoë",
      "startTime": 0.0,
      "endTime": 1.5,
      "body": "Hello there."
    }
  ]
}
"""

from __future__ import annotations

import json

from ..model import Alignment, Cue, split_words

EXTENSION = ".json"
VERSION = "1.0.0"


def _segment(speaker: str, start: int, end: int, text: str) -> dict[str, object]:
    return {
        "speaker": speaker,
        "startTime": round(start / 1000, 3),
        "endTime": round(end / 1000, 3),
        "body": " ".join(split_words(text)),
    }


def _segments(cue: Cue, alignment: Alignment | None) -> list[dict[str, object]]:
    """One segment per speaker: a two-speaker dash cue is split where the second speaks."""
    if cue.second_speaker is None:
        return [_segment(cue.speaker, cue.start, cue.end, cue.text)]
    first, second = cue.lines
    index = cue.first_word + len(split_words(first))
    words = alignment.words if alignment is not None else []
    middle = words[index].start if index < len(words) else (cue.start + cue.end) // 2
    middle = min(max(middle, cue.start), cue.end)
    return [
        _segment(cue.speaker, cue.start, middle, first),
        _segment(cue.second_speaker, middle, cue.end, second),
    ]


def render(cues: list[Cue], alignment: Alignment) -> str:
    """The JSON text (UTF-8, not ASCII-escaped, indent 2, trailing newline)."""
    segments = [segment for cue in cues for segment in _segments(cue, alignment)]
    document = {"version": VERSION, "segments": segments}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
