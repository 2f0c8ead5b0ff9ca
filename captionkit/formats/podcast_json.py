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


def _segment(cue: Cue) -> dict[str, object]:
    return {
        "speaker": cue.speaker,
        "startTime": round(cue.start / 1000, 3),
        "endTime": round(cue.end / 1000, 3),
        "body": " ".join(split_words(cue.text)),
    }


def render(cues: list[Cue], alignment: Alignment) -> str:
    """The JSON text (UTF-8, not ASCII-escaped, indent 2, trailing newline)."""
    document = {"version": VERSION, "segments": [_segment(cue) for cue in cues]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
