"""Word-level JSON: every transcript word with its times, speaker and confidence, in order.

Words are written exactly as in the transcript (no neutralising: JSON escapes what it must).
A confidence that is not a finite number is written as ``null``.

>>> from captionkit.model import Alignment, Transcript, Word
>>> words = [Word("-->", "Ann", 0, 250, confidence=0.98765, aligned=False)]
>>> print(render([], Alignment(words, Transcript(turns=[]), 1000)), end="")
{
  "words": [
    {
      "text": "-->",
      "start": 0.0,
      "end": 0.25,
      "speaker": "Ann",
      "confidence": 0.988,
      "aligned": false
    }
  ]
}
"""

from __future__ import annotations

import json
import math
from typing import Any

from ..model import Alignment, Cue, Word

EXTENSION = ".words.json"


def _word(word: Word) -> dict[str, object]:
    confidence = float(word.confidence)
    return {
        "text": word.text,
        "start": round(word.start / 1000, 3),
        "end": round(word.end / 1000, 3),
        "speaker": word.speaker,
        "confidence": round(confidence, 3) if math.isfinite(confidence) else None,
        "aligned": bool(word.aligned),
    }


def render(
    cues: list[Cue], alignment: Alignment, metadata: dict[str, Any] | None = None
) -> str:
    """The JSON text (UTF-8, not ASCII-escaped, indent 2, trailing newline); ``cues`` unused.

    ``metadata`` (the run's report, by section: ``{"segmentation": {...}}``) is written under
    ``"metadata"`` after the words, when given.
    """
    document: dict[str, Any] = {"words": [_word(word) for word in alignment.words]}
    if metadata is not None:
        document["metadata"] = metadata
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
