"""Decode any common audio or video file into the mono 16 kHz samples the aligners need.

wav, mp3, m4a/aac, ogg/opus, flac and the audio track of mp4/mkv/webm all work: pydub finds
ffmpeg and reads the file's streams, and ffmpeg decodes straight to mono 16 kHz into a
temporary file. The aligners then read the audio a window at a time, so memory stays the same
for a ten-minute and a three-hour episode (pydub's own decoding would hold the whole file, at
its original rate and channels, in memory twice). Every failure is an ``AudioError`` that
names the file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import numpy as np

from .errors import AudioError

SAMPLE_RATE = 16000
BYTES_PER_SAMPLE = 2


class Audio:
    """Mono 16 kHz speech, read as float32 in [-1, 1].

    Built from samples in memory (``Audio(samples)``), or by :func:`load_audio`, which keeps
    the decoded audio in a temporary file and reads only the windows asked for.
    """

    def __init__(self, samples: np.ndarray, source: str = "<audio>"):
        self._samples = np.asarray(samples, dtype=np.float32)
        self.source = source
        self._length = len(self._samples)

    def __len__(self) -> int:
        return self._length

    @property
    def duration_ms(self) -> int:
        return self._length * 1000 // SAMPLE_RATE

    @property
    def samples(self) -> np.ndarray:
        """All samples at once (for short audio; long audio is better read by :meth:`slice`)."""
        return self._read(0, self._length)

    def slice(self, start_ms: int, end_ms: int) -> np.ndarray:
        """Samples between two times, clamped to the audio."""
        a = min(self._length, max(0, start_ms * SAMPLE_RATE // 1000))
        b = max(a, min(self._length, end_ms * SAMPLE_RATE // 1000))
        return self._read(a, b)

    def blocks(self, seconds: int = 60) -> Iterator[np.ndarray]:
        """The whole audio in consecutive blocks, for one pass with little memory."""
        step = seconds * SAMPLE_RATE
        for a in range(0, self._length, step):
            yield self._read(a, min(self._length, a + step))

    def _read(self, a: int, b: int) -> np.ndarray:
        return self._samples[a:b]


class _DecodedAudio(Audio):
    """Audio decoded into an anonymous temporary file (gone when closed, even if killed)."""

    def __init__(self, raw: IO[bytes], source: str):
        self._raw = raw
        self.source = source
        self._length = os.fstat(raw.fileno()).st_size // BYTES_PER_SAMPLE
        self._finalizer = weakref.finalize(self, raw.close)

    def _read(self, a: int, b: int) -> np.ndarray:
        if b <= a:
            return np.zeros(0, dtype=np.float32)
        data = os.pread(self._raw.fileno(), (b - a) * BYTES_PER_SAMPLE, a * BYTES_PER_SAMPLE)
        return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0


def load_audio(path: str | os.PathLike[str]) -> Audio:
    """Read an audio or video file and mix it to mono 16 kHz.

    >>> load_audio("no/such/file.wav")
    Traceback (most recent call last):
    ...
    captionkit.errors.AudioError: no/such/file.wav: audio file not found
    """
    name = str(path)
    p = Path(path)
    if not p.is_file():
        raise AudioError("audio file not found", path=name)
    if p.stat().st_size == 0:
        raise AudioError("audio file is empty (0 bytes)", path=name)
    _require_audio_stream(p, name)
    # Closed by the returned object when it goes away (or below, on failure).
    raw = tempfile.TemporaryFile(prefix="captionkit-")  # noqa: SIM115
    try:
        _decode(p, raw, name)
    except BaseException:
        raw.close()
        raise
    audio = _DecodedAudio(raw, name)
    if len(audio) == 0:
        raise AudioError("audio has zero length (no samples could be decoded)", path=name)
    return audio


def _require_audio_stream(p: Path, name: str) -> None:
    """Fail early, by name, on files with no audio stream (a silent video, a text file)."""
    from pydub.utils import mediainfo_json

    try:
        info = mediainfo_json(str(p))
    except Exception as exc:  # pydub surfaces ffprobe failures as assorted errors
        raise AudioError(f"cannot read the file's streams: {exc}", path=name) from None
    streams = info.get("streams", []) if isinstance(info, dict) else []
    if not any(s.get("codec_type") == "audio" for s in streams):
        if streams:
            raise AudioError("the file has no audio track", path=name)
        raise AudioError("cannot decode audio: not an audio or video file ffmpeg knows", path=name)


def _decode(p: Path, raw: IO[bytes], name: str) -> None:
    """ffmpeg decodes to mono 16 kHz 16-bit samples, streamed into ``raw``."""
    from pydub import AudioSegment

    cmd = [
        AudioSegment.converter, "-nostdin", "-v", "error", "-i", str(p),
        "-vn", "-map", "0:a:0", "-ac", "1", "-ar", str(SAMPLE_RATE),
        "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1",
    ]
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors)
        except OSError as exc:
            reason = f"cannot run ffmpeg ({exc.strerror}); is it installed?"
            raise AudioError(reason, path=name) from None
        try:
            shutil.copyfileobj(proc.stdout, raw, 1 << 20)
        finally:
            proc.stdout.close()
            returncode = proc.wait()
        if returncode != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace")
            raise AudioError(f"cannot decode audio: {_ffmpeg_reason(message)}", path=name)
    raw.flush()


def _ffmpeg_reason(message: str) -> str:
    """The last meaningful line of ffmpeg's complaint, instead of its whole banner."""
    lines = [ln.strip() for ln in message.splitlines() if ln.strip()]
    useful = [ln for ln in lines if "Error" in ln or "Invalid" in ln or "invalid" in ln]
    return (useful or lines or ["unknown error"])[-1][:200]


SOUND_ABOVE_FLOOR_DB = 12.0


def frame_levels(audio: Audio, frame_ms: int = 10) -> np.ndarray:
    """Level (dBFS) of every ``frame_ms`` frame, read a block at a time."""
    hop = SAMPLE_RATE * frame_ms // 1000
    levels = []
    for block in audio.blocks():
        n = len(block) // hop
        frames = block[: n * hop].reshape(n, hop).astype(np.float64)
        levels.append(10 * np.log10(np.mean(frames**2, axis=1) + 1e-10))
    return np.concatenate(levels) if levels else np.zeros(0)


def sound_frames(
    audio: Audio, frame_ms: int = 10, levels: np.ndarray | None = None
) -> np.ndarray:
    """One boolean per frame: is there any sound well above the recording's noise floor?

    Unlike :func:`speech_frames` this keeps steady sound too (a music bed, applause), which
    has no speech-like rise and fall but still needs a caption or a mention. ``levels``:
    :func:`frame_levels` already computed for the same frames.
    """
    db = frame_levels(audio, frame_ms) if levels is None else levels
    if len(db) == 0:
        return np.zeros(0, dtype=bool)
    return db > np.percentile(db, 10) + SOUND_ABOVE_FLOOR_DB


def speech_frames(
    audio: Audio, frame_ms: int = 10, levels: np.ndarray | None = None
) -> np.ndarray:
    """One boolean per ``frame_ms`` frame: is there speech-like energy?

    The threshold follows the local noise floor and peak level (6 s neighbourhoods) instead of
    one global level, because loudness can differ by 35-40 dB across one recording.
    ``levels``: :func:`frame_levels` already computed for the same frames.
    """
    db = frame_levels(audio, frame_ms) if levels is None else levels
    n = len(db)
    if n == 0:
        return np.zeros(0, dtype=bool)
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
