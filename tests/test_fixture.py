"""The bundled example episode (fixtures/) is self-consistent, and its word times are real."""

from __future__ import annotations

import json
import re
import wave
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from fixtures.synth import espeak_available

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
TURN_LINE = re.compile(
    r"^(?P<speaker>\S.*?) \[(?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2})\] (?P<text>\S.*)$"
)

# A word "follows a pause" when at least this much silence precedes it.
PAUSE_S = 0.1


@cache
def _lines() -> tuple[str, ...]:
    return tuple((FIXTURES / "episode.txt").read_text(encoding="utf-8").splitlines())


@cache
def _turns() -> tuple[tuple[str, int, str], ...]:
    """(speaker, written timestamp in seconds, text) of every turn line."""
    turns = []
    for line in _lines()[3:]:
        match = TURN_LINE.match(line)
        assert match, f"not a turn line: {line!r}"
        seconds = int(match["h"]) * 3600 + int(match["m"]) * 60 + int(match["s"])
        turns.append((match["speaker"], seconds, match["text"]))
    return tuple(turns)


@cache
def _truth() -> dict:
    return json.loads((FIXTURES / "episode.truth.json").read_text(encoding="utf-8"))


@cache
def _audio() -> tuple[np.ndarray, int]:
    with wave.open(str(FIXTURES / "episode.wav"), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        rate = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    return samples, rate


def _rms(audio: np.ndarray, rate: int, start_s: float, end_s: float) -> float:
    chunk = audio[max(0, round(start_s * rate)) : round(end_s * rate)].astype(np.float64)
    return float(np.sqrt(np.mean(chunk**2)))


def _assert_onsets_are_real(audio: np.ndarray, rate: int, words: list[tuple[float, float]]) -> int:
    """For each word after a pause: quiet just before its start, loud just after. Returns count.

    ``words`` are (start, end) pairs in order. The loud window is 150 ms so that a stop
    closure at the word start (30–50 ms of silence before the burst) still counts as real.
    """
    checked = 0
    for (_, previous_end), (start, _) in zip(words, words[1:], strict=False):
        if start - previous_end < PAUSE_S:
            continue
        before = _rms(audio, rate, start - 0.08, start - 0.005)
        after = _rms(audio, rate, start, start + 0.15)
        assert after > 10 * before, f"no onset at {start:.3f} s ({before:.0f} → {after:.0f})"
        checked += 1
    return checked


def test_header_lines() -> None:
    title, description, marker = _lines()[:3]
    assert title.strip() and not TURN_LINE.match(title)
    assert len(description.split()) >= 10
    assert marker == "Transcript"


def test_audio_is_16k_mono_and_long_enough() -> None:
    audio, rate = _audio()
    assert rate == 16000 == _truth()["sample_rate"]
    assert len(audio) / rate >= 60.0
    # A noise floor, never exact digital silence (pocketsphinx rejects it).
    assert np.count_nonzero(audio == 0) < 0.01 * len(audio)


def test_speakers_and_turns() -> None:
    turns = _turns()
    assert len(turns) >= 8
    assert len({speaker for speaker, _, _ in turns}) >= 3
    assert any(len(text.split()) == 1 for _, _, text in turns)


def test_truth_words_are_the_transcript_words_in_order() -> None:
    expected = [
        (token, speaker, index)
        for index, (speaker, _, text) in enumerate(_turns())
        for token in text.split()
    ]
    actual = [(w["text"], w["speaker"], w["turn"]) for w in _truth()["words"]]
    assert actual == expected
    assert _truth()["source"].startswith("espeak-ng ")


def test_word_times_are_ordered_and_inside_the_audio() -> None:
    words = _truth()["words"]
    audio, rate = _audio()
    starts = [w["start"] for w in words]
    assert all(a < b for a, b in zip(starts, starts[1:], strict=False))
    assert all(w["start"] < w["end"] for w in words)
    assert all(w["end"] <= n["start"] for w, n in zip(words, words[1:], strict=False))
    assert words[-1]["end"] <= len(audio) / rate


def test_turn_timestamps_are_rough_truncations() -> None:
    first_start: dict[int, float] = {}
    for w in _truth()["words"]:
        first_start.setdefault(w["turn"], w["start"])
    for index, (_, written, _) in enumerate(_turns()):
        assert 0.0 <= first_start[index] - written <= 1.0


def test_fixture_word_starts_are_real_onsets() -> None:
    audio, rate = _audio()
    words = [(w["start"], w["end"]) for w in _truth()["words"]]
    assert _assert_onsets_are_real(audio, rate, words) >= 10


@pytest.mark.skipif(not espeak_available(), reason="libespeak-ng.so.1 not installed")
def test_synthesize_times_every_word_of_joined_entries() -> None:
    from fixtures.synth import synthesize

    turns = [
        ("Ann Lee", "Most of the team has been here, and the rest of the day was quiet."),
        ("Bob O’Neil", "Nothing has been lost, in 2019 or since."),
    ]
    result = synthesize(turns, gap_s=0.5)
    tokens = [(t, s, i) for i, (s, text) in enumerate(turns) for t in text.split()]
    assert [(w.text, w.speaker, w.turn) for w in result.words] == tokens
    starts = [w.start for w in result.words]
    assert all(a < b for a, b in zip(starts, starts[1:], strict=False))
    assert all(w.start < w.end for w in result.words)
    first_of_second = len(turns[0][1].split())
    assert result.turn_starts == [result.words[0].start, result.words[first_of_second].start]
    assert result.sample_rate == 16000 and result.audio.dtype == np.int16
    assert len(result.voices) == 2 and len(set(result.voices.values())) == 2

    # espeak speaks "has been" (and "of the" after "rest") under one word event: the second
    # word's start comes from the phoneme events, and each word keeps a real stretch of speech.
    assert {w.method for w in result.words if w.text == "been"} == {"phoneme"}
    for w in result.words:
        if w.text in {"of", "the", "has", "been"}:
            assert w.end - w.start >= 0.04, w

    pairs = [(w.start, w.end) for w in result.words]
    assert _assert_onsets_are_real(result.audio, result.sample_rate, pairs) >= 2

    again = synthesize(turns, gap_s=0.5)
    assert again.audio.tobytes() == result.audio.tobytes()
    assert again.words == result.words
