"""The aligner's section of a run's report: how well the words were placed, and where the
transcript and the audio disagree (for ``captionkit align --report`` and the words file).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

from ..model import Alignment

LOW_CONFIDENCE = 0.5


def _clock(ms: int) -> str:
    s, ms = divmod(ms, 1000)
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.{ms:03d}"


@dataclass(frozen=True)
class AlignmentReport:
    """Counts and discrepancies of one alignment."""

    alignment: Alignment
    title: str = "Alignment"

    def to_dict(self) -> dict[str, Any]:
        words = self.alignment.words
        return {
            "words": len(words),
            "interpolated": sum(not w.aligned for w in words),
            "low_confidence": sum(w.confidence < LOW_CONFIDENCE for w in words),
            "discrepancies_checked": self.alignment.discrepancies_checked,
            "discrepancies": [
                {
                    "kind": d.kind,
                    "start": round(d.start / 1000, 3),
                    "end": round(d.end / 1000, 3),
                    "text": d.text,
                    **(
                        {"first_word": d.first_word, "word_count": d.word_count}
                        if d.first_word is not None
                        else {}
                    ),
                }
                for d in self.alignment.discrepancies
            ],
            "warnings": list(self.alignment.warnings),
        }

    def render(self, console: Console) -> None:
        data = self.to_dict()
        console.print(
            f"{data['words']} words, {data['interpolated']} interpolated (aligned: false),"
            f" {data['low_confidence']} with confidence below {LOW_CONFIDENCE}"
        )
        if not data["discrepancies_checked"]:
            console.print("Cut or added speech was not looked for (--boundaries whisper).")
            return
        if not data["discrepancies"]:
            console.print("The transcript and the audio agree everywhere.")
            return
        table = Table(title="Where the transcript and the audio disagree")
        for column in ("at", "what", "text"):
            table.add_column(column)
        for d in self.alignment.discrepancies:
            what = (
                "in the transcript, not in the audio (no screen time)"
                if d.kind == "not_in_audio"
                else "speech the transcript lacks (what Whisper heard)"
            )
            at = _clock(d.start) if d.start == d.end else f"{_clock(d.start)}–{_clock(d.end)}"
            table.add_row(at, what, d.text)
        console.print(table)
