"""Sound descriptions in a transcript ("[laughs]", "[applause]", "[inaudible]"): kept, not said.

Synthesized speech (espeak-ng, exact word times) with a transcript that describes sounds in
brackets. In two cases a second of pink noise at 70 % of the speech's level is inserted where
each description stands (a laugh, a room, music); in the third nothing is (a description of
something too quiet to hear). For each case: the start error of every spoken word, and for
each description whether its time covers at least half of its noise.
Usage: ``python bench/sounds.py``.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import numpy as np
from report import markdown_table, update_section
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from captionkit.align import WhisperAligner, align  # noqa: E402
from captionkit.audio import Audio  # noqa: E402
from captionkit.model import Transcript, Turn  # noqa: E402
from captionkit.sounds import sound_words  # noqa: E402
from fixtures.synth import pink_noise, synthesize  # noqa: E402

CASES = [
    ("noise at each description",
     "So I told her the grant was gone for good this year. [laughs] And she just stared at me"
     " for a long while without a word. [applause] Then we all went home and tried again the"
     " next morning with a new plan. [coughs] It worked, in the end, mostly.", True),
    ("noise at each description",
     "We met at the harbour at six, as we always do. [laughs] Nobody else had turned up yet,"
     " so we started on our own. [inaudible] By eight the tide had turned and the counts were"
     " done. [music] That was the last survey of the season.", True),
    ("nothing to hear",
     "We met at the harbour at six, as we always do. [laughs] Nobody else had turned up yet,"
     " so we started on our own. [inaudible] By eight the tide had turned and the counts were"
     " done.", False),
]
COLUMNS = ["case", "descriptions", "spoken words", "median ms", "mean ms", "max ms",
           "descriptions on their noise", "warnings"]


def run(text: str, with_noise: bool, whisper: WhisperAligner) -> list[str]:
    words = text.split()
    sound = sound_words(words)
    spoken = synthesize([("Ann", " ".join(w for w, s in zip(words, sound, strict=True)
                                          if not s))])
    audio = spoken.audio.astype(np.float32) / 32768
    truth = [t.start * 1000 for t in spoken.words]
    bursts: list[float] = []
    if with_noise:
        level = float(np.sqrt(np.mean(audio[np.abs(audio) > 1e-3] ** 2)))
        pieces, last, k = [], 0, 0
        for i, is_sound in enumerate(sound):
            if not is_sound:
                k += 1
                continue
            at = int((spoken.words[k - 1].end + spoken.words[k].start) / 2 * 16000)
            pieces += [audio[last:at], pink_noise(16000, i).astype(np.float32) * 0.7 * level]
            bursts.append(at / 16 + 1000 * len(bursts))
            last = at
            truth[k:] = [t + 1000 for t in truth[k:]]
        audio = np.concatenate([*pieces, audio[last:]])
    result = align(Transcript([Turn("Ann", text)]), Audio(audio), whisper)
    said = [w for w, s in zip(result.words, sound, strict=True) if not s]
    errors = [abs(w.start - t) for w, t in zip(said, truth, strict=True)]
    described = [w for w, s in zip(result.words, sound, strict=True) if s]
    on_noise = sum(min(w.end, b + 1000) - max(w.start, b) >= 500
                   for w, b in zip(described, bursts, strict=False))
    return [str(len(described)), str(len(said)), f"{statistics.median(errors):.0f}",
            f"{statistics.fmean(errors):.0f}", f"{max(errors):.0f}",
            f"{on_noise}/{len(bursts)}" if bursts else "—", str(len(result.warnings))]


def main() -> None:
    whisper = WhisperAligner()
    rows = [[label, *run(text, noise, whisper)] for label, text, noise in CASES]
    table = Table(*COLUMNS, title="Sound descriptions")
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    update_section("sounds", "\n".join([
        "## Sound descriptions in the transcript (`bench/sounds.py`)",
        "",
        "espeak-ng speech with a transcript that describes sounds in brackets (\"[laughs]\","
        " \"[applause]\", \"[inaudible]\", \"[music]\"). \"noise at each description\": a second"
        " of pink noise at 70 % of the speech's level inserted where each description stands;"
        " \"nothing to hear\": none inserted. Errors are word-start errors of the spoken"
        " words against the synthesizer's times. A description is on its noise when its time"
        " covers at least half of that noise's second."
        " Descriptions have no phones; the exact aligner may give one the model's noise phone"
        " or nothing, and otherwise it is placed between its neighbours (`aligned: false`).",
        "",
        *markdown_table(COLUMNS, rows),
    ]))


if __name__ == "__main__":
    main()
