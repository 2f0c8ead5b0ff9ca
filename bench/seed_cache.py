"""Synthesize the seed transcript once and keep the audio and exact word times in bench/.cache/.

Synthesis of the whole seed (~45 minutes of speech, 27 turns, three espeak-ng voices) takes
minutes, so the benchmark reuses the cached files; delete the folder to synthesize again.
The output is deterministic (see ``fixtures/synth.py``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache"
SEED = ROOT.parent / "shared" / "seeds" / "000_121c4bd23d44c64d.txt"


def seed_paths() -> tuple[Path, Path]:
    """(audio, truth) of the synthesized seed, synthesizing them when not cached."""
    audio, truth = CACHE / "seed.wav", CACHE / "seed.truth.json"
    if audio.exists() and truth.exists():
        return audio, truth
    sys.path.insert(0, str(ROOT))
    from captionkit.transcript import read_transcript
    from fixtures.synth import synthesize, write_wav

    transcript = read_transcript(SEED)
    turns = [(turn.speaker, turn.text) for turn in transcript.turns]
    result = synthesize(turns)
    CACHE.mkdir(parents=True, exist_ok=True)
    write_wav(audio, result.audio, result.sample_rate)
    rows = [
        {"text": w.text, "speaker": w.speaker, "turn": w.turn, "start": w.start, "end": w.end}
        for w in result.words
    ]
    truth.write_text(json.dumps({"duration": result.duration, "words": rows}, ensure_ascii=False))
    return audio, truth


if __name__ == "__main__":
    print(*seed_paths())
