"""Run one peer word-timing engine on one episode, in its own process, and report as JSON.

Usage: ``python bench/peers.py ENGINE AUDIO.wav TEXT.txt MODEL_DIR OUT.json`` where ENGINE is

* ``faster-whisper``: faster-whisper's own transcription with ``word_timestamps=True``
  (default decoding settings) — run with the project's Python;
* ``stable-ts``: stable-ts ``align()`` of the known text with the same faster-whisper model
  (``stable_whisper.load_faster_whisper``) — run with a Python that has stable-ts (it needs
  torch, so it lives outside the project's environment).

OUT.json holds ``words`` (``[text, start_s, end_s, probability]`` in the engine's own
tokenisation), ``load_s``, ``run_s`` and ``peak_mib``. Only the standard library, numpy and
the engine are imported, so the script runs in either environment; the caller times the whole
process for the speed it reports.
"""

from __future__ import annotations

import json
import os
import sys
import time
import wave
from pathlib import Path

import numpy as np


def peak_mib() -> int:
    """This process's peak resident memory (VmHWM). Unlike ``ru_maxrss``, which after
    fork+exec still holds the parent's peak, it counts only this program's own memory."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return -1


def read_wav(path: str) -> np.ndarray:
    """Mono 16-bit 16 kHz WAV as float32 in [-1, 1]."""
    with wave.open(path, "rb") as f:
        if (f.getnchannels(), f.getsampwidth(), f.getframerate()) != (1, 2, 16000):
            raise SystemExit(f"{path}: expected mono 16-bit 16 kHz audio")
        return np.frombuffer(f.readframes(f.getnframes()), "<i2").astype(np.float32) / 32768


def faster_whisper_words(samples: np.ndarray, text: str, model_dir: str):
    from faster_whisper import WhisperModel

    t0 = time.perf_counter()
    model = WhisperModel(model_dir, device="cpu", compute_type="int8",
                         cpu_threads=os.cpu_count() or 1)
    load = time.perf_counter() - t0
    segments, _ = model.transcribe(samples, language="en", word_timestamps=True)
    words = [[w.word.strip(), w.start, w.end, w.probability]
             for s in segments for w in (s.words or [])]
    return words, load


def stable_ts_words(samples: np.ndarray, text: str, model_dir: str):
    import stable_whisper

    t0 = time.perf_counter()
    model = stable_whisper.load_faster_whisper(model_dir, device="cpu", compute_type="int8",
                                               cpu_threads=os.cpu_count() or 1)
    load = time.perf_counter() - t0
    result = model.align(samples, text, language="en", verbose=None)
    if result is None:  # stable-ts gives up when too much of the text fails to align
        return [], load
    words = [[w.word.strip(), w.start, w.end, w.probability] for w in result.all_words()]
    return words, load


ENGINES = {"faster-whisper": faster_whisper_words, "stable-ts": stable_ts_words}


def main(argv: list[str]) -> None:
    if len(argv) != 5 or argv[0] not in ENGINES:
        raise SystemExit(__doc__)
    engine, audio, text_file, model_dir, out = argv
    samples = read_wav(audio)
    text = Path(text_file).read_text()
    t0 = time.perf_counter()
    words, load = ENGINES[engine](samples, text, model_dir)
    run = time.perf_counter() - t0 - load
    peak = peak_mib()
    Path(out).write_text(json.dumps(
        {"words": words, "load_s": load, "run_s": run, "peak_mib": peak}))


if __name__ == "__main__":
    main(sys.argv[1:])
