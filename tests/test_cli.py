"""The command line as a user runs it: real subprocesses, real files, real exit codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import webvtt

from captionkit import __version__

from .conftest import EPISODE_AUDIO, EPISODE_TEXT


def captionkit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "1"}
    return subprocess.run(
        [sys.executable, "-m", "captionkit", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=600,
    )


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    proc = captionkit("align", str(EPISODE_AUDIO), str(EPISODE_TEXT), "-o", str(out))
    return proc, out


def test_align_writes_every_format(demo_run, episode_transcript):
    proc, out = demo_run
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "episode.html", "episode.json", "episode.srt", "episode.vtt", "episode.words.json"
    ]
    for name in names:
        assert f"wrote {out / name}" in proc.stdout

    vtt = webvtt.read(str(out / "episode.vtt"))
    srt = webvtt.from_srt(str(out / "episode.srt"))
    assert len(vtt) == len(srt) > 0
    assert {c.voice for c in vtt} == set(episode_transcript.speakers)

    words = json.loads((out / "episode.words.json").read_text())["words"]
    assert [w["text"] for w in words] == episode_transcript.words
    assert set(words[0]) == {"text", "start", "end", "speaker", "confidence", "aligned"}

    segments = json.loads((out / "episode.json").read_text())
    assert segments["version"] == "1.0.0"
    body = " ".join(s["body"] for s in segments["segments"]).split()
    assert body == episode_transcript.words


def test_formats_option_limits_outputs(tmp_path):
    proc = captionkit("align", str(EPISODE_AUDIO), str(EPISODE_TEXT), "-o", str(tmp_path),
                      "--formats", "srt", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert [p.name for p in tmp_path.iterdir()] == ["episode.srt"]


def _median_start_error_ms(words: list[dict], truth: list[dict]) -> float:
    errors = sorted(abs(w["start"] - t["start"]) * 1000 for w, t in zip(words, truth, strict=True))
    return errors[len(errors) // 2]


def test_boundaries_option_picks_the_second_stage(demo_run, tmp_path, episode_transcript, truth):
    """``--boundaries whisper`` keeps Whisper's own times: every word, coarser, and it says so."""
    proc = captionkit("align", str(EPISODE_AUDIO), str(EPISODE_TEXT), "-o", str(tmp_path),
                      "--formats", "words", "--boundaries", "whisper", "--report")
    assert proc.returncode == 0, proc.stderr
    assert "word boundaries from Whisper alone" in proc.stderr
    assert "Cut or added speech was not looked for" in proc.stdout
    coarse = json.loads((tmp_path / "episode.words.json").read_text())
    exact = json.loads((demo_run[1] / "episode.words.json").read_text())
    assert [w["text"] for w in coarse["words"]] == episode_transcript.words
    assert coarse["metadata"]["alignment"]["discrepancies_checked"] is False
    assert exact["metadata"]["alignment"]["discrepancies_checked"] is True
    # Whisper's times are real (within a few tenths of a second), the exact stage's far finer.
    whisper_ms = _median_start_error_ms(coarse["words"], truth)
    exact_ms = _median_start_error_ms(exact["words"], truth)
    assert whisper_ms < 300
    assert exact_ms < 25 and exact_ms * 2 < whisper_ms


def test_version_and_help():
    assert captionkit("--version").stdout.strip().endswith(__version__)
    helptext = captionkit("align", "--help").stdout
    assert "Example:" in helptext and "captionkit align episode.mp3 episode.txt" in helptext
    for option in ("--formats", "--profile", "--model", "--device", "--input-format", "--quiet"):
        assert option in helptext


def bad_input_cases(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    """name → (arguments, text the one-line error must contain)."""
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    bad_time = tmp_path / "bad-time.txt"
    bad_time.write_text("Ann Lee [00:00:01] Hello there.\nBob Ray [00:61:00] Hi.\n")
    no_text = tmp_path / "no-text.txt"
    no_text.write_text("Ann Lee [00:00:01] Hello there.\nBob Ray [00:00:03]\n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    garbage_audio = tmp_path / "noise.mp3"
    garbage_audio.write_bytes(b"ID3 not really an mp3" * 50)
    audio, text = str(EPISODE_AUDIO), str(EPISODE_TEXT)
    return {
        "missing transcript": ([audio, str(tmp_path / "nope.txt")], "nope.txt"),
        "empty transcript": ([audio, str(empty)], "empty.txt"),
        "malformed timestamp": ([audio, str(bad_time)], "bad-time.txt:2"),
        "turn with no text": ([audio, str(no_text)], "no-text.txt:2"),
        "binary transcript": ([audio, str(binary)], "binary.txt"),
        "missing audio": ([str(tmp_path / "nope.wav"), text], "nope.wav"),
        "undecodable audio": ([str(garbage_audio), text], "noise.mp3"),
        "unknown format": ([audio, text, "--formats", "vtt,docx"], "docx"),
        "unknown profile": ([audio, text, "--profile", "cinema"], "cinema"),
    }


@pytest.mark.parametrize(
    "case",
    ["missing transcript", "empty transcript", "malformed timestamp", "turn with no text",
     "binary transcript", "missing audio", "undecodable audio", "unknown format",
     "unknown profile"],
)
def test_bad_input_exits_2_with_one_line_and_no_output(tmp_path, case):
    args, expected = bad_input_cases(tmp_path)[case]
    out = tmp_path / "out"
    proc = captionkit("align", *args, "-o", str(out))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert expected in lines[0]
    assert not out.exists() or list(out.iterdir()) == []


def test_sigterm_mid_run_leaves_no_output(tmp_path, episode_transcript):
    # Six times the episode, so the run is surely still aligning when the signal comes.
    audio = tmp_path / "long.wav"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-stream_loop", "5", "-i", str(EPISODE_AUDIO),
                    str(audio)], check=True)
    text = tmp_path / "long.txt"
    text.write_text("\n\n".join([" ".join(episode_transcript.words)] * 6))
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "captionkit", "align", str(audio), str(text), "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(4)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not out.exists() or list(out.iterdir()) == []
