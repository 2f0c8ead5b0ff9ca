"""Decode any common audio or video file into the mono 16 kHz samples the aligners need.

Decoding goes through pydub, which runs ffmpeg, so wav, mp3, m4a/aac, ogg/opus, flac and the
audio track of mp4/mkv/webm all work. Every failure becomes an ``AudioError`` naming the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import AudioError

SAMPLE_RATE = 16000


@dataclass(frozen=True)
class Audio:
    """Mono 16 kHz speech as float32 samples in [-1, 1]."""

    samples: np.ndarray
    source: str = "<audio>"

    @property
    def duration_ms(self) -> int:
        return len(self.samples) * 1000 // SAMPLE_RATE

    def slice(self, start_ms: int, end_ms: int) -> np.ndarray:
        """Samples between two times, clamped to the audio."""
        a = max(0, start_ms * SAMPLE_RATE // 1000)
        b = max(a, min(len(self.samples), end_ms * SAMPLE_RATE // 1000))
        return self.samples[a:b]

    def pcm16(self, start_ms: int = 0, end_ms: int | None = None) -> bytes:
        """Little-endian 16-bit PCM bytes of a stretch (what pocketsphinx reads)."""
        chunk = self.slice(start_ms, self.duration_ms if end_ms is None else end_ms)
        return (np.clip(chunk, -1.0, 1.0) * 32767).astype("<i2").tobytes()


def load_audio(path: str | os.PathLike[str]) -> Audio:
    """Read an audio or video file and mix it to mono 16 kHz.

    >>> load_audio("no/such/file.wav")
    Traceback (most recent call last):
    ...
    captionkit.errors.AudioError: no/such/file.wav: audio file not found
    """
    # pydub is imported here so that the transcript-only parts of captionkit start fast.
    from pydub import AudioSegment
    from pydub.exceptions import CouldntDecodeError

    name = str(path)
    p = Path(path)
    if not p.is_file():
        raise AudioError("audio file not found", path=name)
    if p.stat().st_size == 0:
        raise AudioError("audio file is empty (0 bytes)", path=name)
    try:
        segment = AudioSegment.from_file(p)
    except CouldntDecodeError as exc:
        raise AudioError(f"cannot decode audio: {_ffmpeg_reason(str(exc))}", path=name) from None
    except IndexError:
        # pydub indexes the file's audio streams; a video with none fails here.
        raise AudioError("the file has no audio track", path=name) from None
    except (KeyError, OSError, ValueError) as exc:
        raise AudioError(f"cannot decode audio: {exc}", path=name) from None
    if len(segment) == 0 or segment.frame_count() == 0:
        raise AudioError("audio has zero length", path=name)
    segment = segment.set_channels(1).set_frame_rate(SAMPLE_RATE).set_sample_width(2)
    samples = np.frombuffer(segment.raw_data, dtype="<i2").astype(np.float32) / 32768.0
    if samples.size == 0:
        raise AudioError("audio has zero length", path=name)
    return Audio(samples=samples, source=name)


def _ffmpeg_reason(message: str) -> str:
    """The last meaningful line of ffmpeg's complaint, instead of its whole banner."""
    lines = [ln.strip() for ln in message.splitlines() if ln.strip()]
    useful = [ln for ln in lines if "Error" in ln or "Invalid" in ln or "invalid" in ln]
    return (useful or lines or ["unknown error"])[-1][:200]


def speech_frames(audio: Audio, frame_ms: int = 10) -> np.ndarray:
    """One boolean per ``frame_ms`` frame: is there speech-like energy?

    The threshold follows the local noise floor and peak level (6 s neighbourhoods) instead of
    one global level, because loudness can differ by 35-40 dB across one recording.
    """
    hop = SAMPLE_RATE * frame_ms // 1000
    n = len(audio.samples) // hop
    if n == 0:
        return np.zeros(0, dtype=bool)
    frames = audio.samples[: n * hop].reshape(n, hop)
    db = 10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-10)
    block = max(1, 1000 // frame_ms)  # level statistics per 1 s block, smoothed over ±3 s
    nblocks = -(-n // block)
    floors = np.empty(nblocks)
    peaks = np.empty(nblocks)
    for b in range(nblocks):
        lo, hi = max(0, (b - 3) * block), min(n, (b + 4) * block)
        floors[b] = np.percentile(db[lo:hi], 10)
        peaks[b] = np.percentile(db[lo:hi], 97)
    floor = np.repeat(floors, block)[:n]
    peak = np.repeat(peaks, block)[:n]
    threshold = np.maximum(floor + 9.0, peak - 35.0)
    # A neighbourhood with no real dynamic range is silence (or steady noise), not speech.
    return (db > threshold) & (peak - floor > 12.0)
