"""Profile overrides through the real CLI and the settings file; the report in the words file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from captionkit.config import Config
from captionkit.errors import UsageError
from captionkit.profiles import resolve_profile
from tests.conftest import EPISODE_AUDIO, EPISODE_TEXT, needs_ffmpeg


def run_align(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "captionkit", "align", str(EPISODE_AUDIO), str(EPISODE_TEXT)]
    return subprocess.run(
        [*cmd, "-o", str(cwd / "out"), *args], cwd=cwd, capture_output=True, text=True
    )


def srt_text_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and "-->" not in line and not line.isdigit()]


def transcript_words(root: Path) -> list[str]:
    from captionkit.transcript import read_transcript

    return read_transcript(EPISODE_TEXT).words


# --- resolution order, in process -------------------------------------------------------------


def test_cli_beats_config_beats_profile():
    config = Config({"profile": "bbc", "max-chars": 30, "min-duration": "1.2s"}, Path("x.toml"))
    p = resolve_profile(None, {"max-chars": "35"}, config)
    assert (p.name, p.max_chars_per_line, p.min_duration_ms) == ("bbc", 35, 1200)
    assert resolve_profile("dcmp", {}, config).name == "dcmp"  # --profile beats the file
    assert resolve_profile().name == "podcast"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"max_chars": 30}, "unknown setting 'max_chars'"),
        ({"max-lines": "two"}, "max-lines: expected a whole number"),
        ({"min-duration": "soon"}, "min-duration: expected a duration"),
        ({"profile": "tv"}, "unknown profile 'tv'"),
        ({"min-duration": 9}, "above max_duration_ms"),
    ],
)
def test_bad_settings_name_the_file(values, message):
    with pytest.raises(UsageError) as info:
        resolve_profile(None, None, Config(values, Path("/proj/captionkit.toml")))
    assert message in str(info.value)
    if "profile" not in values:
        assert str(info.value).startswith("/proj/captionkit.toml: ")


# --- the real command -------------------------------------------------------------------------


@needs_ffmpeg
def test_cli_override_limits_every_srt_line_and_the_report_is_in_the_words_file(tmp_path):
    proc = run_align(tmp_path, "--formats", "srt,words", "--max-chars", "32", "--report")
    assert proc.returncode == 0, proc.stderr
    lines = srt_text_lines(tmp_path / "out" / "episode.srt")
    assert max(len(line) for line in lines) <= 32  # speaker labels included
    assert any(line.startswith("Jean-Luc Moreau: ") for line in lines)
    document = json.loads((tmp_path / "out" / "episode.words.json").read_text())
    assert [w["text"] for w in document["words"]] == transcript_words(tmp_path)
    report = document["metadata"]["segmentation"]
    assert report["profile"] == "podcast" and report["error_count"] == 0
    assert report["cues"] == (tmp_path / "out" / "episode.srt").read_text().count(" --> ")
    assert "Segmentation" in proc.stdout and "Distributions" in proc.stdout


@needs_ffmpeg
def test_settings_file_found_upward_and_the_cli_still_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.captionkit]\nprofile = "dcmp"\nmax-lines = 1\nmax-chars = 30\n'
    )
    work = tmp_path / "episodes"
    work.mkdir()
    proc = run_align(work, "--formats", "srt,words", "--max-chars", "40", "--quiet")
    assert proc.returncode == 0, proc.stderr
    blocks = (work / "out" / "episode.srt").read_text(encoding="utf-8").strip().split("\n\n")
    assert all(len(block.splitlines()) == 3 for block in blocks)  # number, times, one line
    assert max(len(line) for line in srt_text_lines(work / "out" / "episode.srt")) <= 40
    assert any(len(line) > 30 for line in srt_text_lines(work / "out" / "episode.srt"))
    document = json.loads((work / "out" / "episode.words.json").read_text())
    assert document["metadata"]["segmentation"]["profile"] == "dcmp"


def test_unknown_setting_in_the_file_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "captionkit.toml").write_text("max_chars = 32\n")
    proc = run_align(tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert "captionkit.toml: unknown setting 'max_chars'" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_bad_cli_value_is_exit_2(tmp_path):
    proc = run_align(tmp_path, "--max-lines", "two")
    assert proc.returncode == 2
    assert "--max-lines: expected a whole number, got 'two'" in proc.stderr
