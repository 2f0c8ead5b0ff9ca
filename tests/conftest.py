"""Shared test fixtures: paths, the bundled episode, and one loaded aligner per session."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples on every run, so a red build always means a change broke
# something; local runs keep drawing new examples and so keep finding new cases.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
EPISODE_AUDIO = FIXTURES / "episode.wav"
EPISODE_TEXT = FIXTURES / "episode.txt"
EPISODE_TRUTH = FIXTURES / "episode.truth.json"
SHARED = ROOT.parent / "shared"

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg not installed")


@pytest.fixture(scope="session")
def truth() -> list[dict]:
    return json.loads(EPISODE_TRUTH.read_text())["words"]


@pytest.fixture(scope="session")
def aligner():
    from captionkit.align import WhisperAligner

    return WhisperAligner()


@pytest.fixture(scope="session")
def episode_audio():
    from captionkit.audio import load_audio

    return load_audio(EPISODE_AUDIO)


@pytest.fixture(scope="session")
def episode_transcript():
    from captionkit.transcript import read_transcript

    return read_transcript(EPISODE_TEXT)


@pytest.fixture(scope="session")
def episode_alignment(episode_transcript, episode_audio, aligner):
    from captionkit.align import align

    return align(episode_transcript, episode_audio, aligner)
