"""Audio decoding: every common container comes out as mono 16 kHz; bad files fail clearly."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from captionkit.audio import SAMPLE_RATE, load_audio, speech_frames
from captionkit.errors import AudioError

from .conftest import EPISODE_AUDIO, needs_ffmpeg

pytestmark = needs_ffmpeg


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-y", "-loglevel", "error", *args], check=True)


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    """The first 4 s of the bundled episode, as stereo 44.1 kHz wav."""
    path = tmp_path_factory.mktemp("audio") / "clip.wav"
    ffmpeg("-i", str(EPISODE_AUDIO), "-t", "4", "-ac", "2", "-ar", "44100", str(path))
    return path


@pytest.mark.parametrize(
    "name, extra",
    [
        ("clip.mp3", []),
        ("clip.m4a", ["-c:a", "aac"]),
        ("clip.ogg", ["-c:a", "libvorbis"]),
        ("clip.opus", ["-c:a", "libopus"]),
        ("clip.flac", []),
        ("clip.webm", ["-c:a", "libopus"]),
        ("clip.mkv", ["-c:a", "flac"]),
    ],
)
def test_common_formats_decode_to_mono_16k(clip, tmp_path, name, extra):
    path = tmp_path / name
    ffmpeg("-i", str(clip), *extra, str(path))
    audio = load_audio(path)
    assert audio.samples.ndim == 1 and audio.samples.dtype == np.float32
    assert abs(audio.duration_ms - 4000) <= 80
    # The speech survives decoding: not silence, not clipped garbage.
    assert 0.05 < float(np.abs(audio.samples).max()) <= 1.0


def test_video_file_gives_its_audio_track(clip, tmp_path):
    video = tmp_path / "clip.mp4"
    ffmpeg("-f", "lavfi", "-i", "color=c=black:s=64x64:d=4", "-i", str(clip),
           "-c:v", "libx264", "-c:a", "aac", "-shortest", str(video))
    audio = load_audio(video)
    assert abs(audio.duration_ms - 4000) <= 120


def test_stereo_is_mixed_to_mono_at_16k(clip):
    audio = load_audio(clip)
    assert len(audio.samples) == pytest.approx(4 * SAMPLE_RATE, abs=SAMPLE_RATE // 50)


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "audio file not found"),
        (b"", "empty"),
        (b"\x00\x01garbage" * 200, "cannot decode audio"),
    ],
)
def test_bad_audio_names_the_file(tmp_path, content, message):
    path = tmp_path / "broken.mp3"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(AudioError) as err:
        load_audio(path)
    assert str(path) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_video_without_audio_track_is_an_audio_error(tmp_path):
    video = tmp_path / "silent-film.mp4"
    ffmpeg("-f", "lavfi", "-i", "color=c=black:s=64x64:d=1", "-c:v", "libx264", str(video))
    with pytest.raises(AudioError, match="no audio track"):
        load_audio(video)


def test_speech_frames_find_speech_and_pauses(episode_audio, truth):
    speech = speech_frames(episode_audio)
    # Inside words there is sound; in the gaps between turns there is none.
    long_words = [w for w in truth if w["end"] - w["start"] > 0.15]
    inside = [speech[int((w["start"] + w["end"]) / 2 * 100)] for w in long_words]
    assert np.mean(inside) > 0.9
    gaps = [
        (a["end"], b["start"]) for a, b in zip(truth, truth[1:], strict=False)
        if b["turn"] != a["turn"] and b["start"] - a["end"] > 0.4
    ]
    assert gaps
    for a, b in gaps:
        mid = int((a + b) / 2 * 100)
        assert not speech[mid - 5 : mid + 5].any()
