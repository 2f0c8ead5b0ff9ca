"""The sync check against the bundled episode: it passes the captions captionkit wrote for the
audio, and catches the same captions shifted by +400 ms and with a single cue 2 s late."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from captionkit.check import Selection, check_file
from captionkit.check.fix import stamp
from captionkit.profiles import get_profile

from .conftest import EPISODE_AUDIO, EPISODE_TEXT, ROOT

PODCAST = get_profile("podcast")
SYNC_ONLY = Selection.build(select=["CK6", "CK204"])
_TIMING = re.compile(r"^(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})$", re.M)


def _ms(written: str) -> int:
    h, m, s = written.split(":")
    return (int(h) * 60 + int(m)) * 60_000 + round(float(s) * 1000)


def shifted(text: str, ms: int, only: int | None = None) -> str:
    """The VTT with every cue (or only cue number ``only``) moved by ``ms``."""
    count = -1

    def move(match: re.Match) -> str:
        nonlocal count
        count += 1
        if only is not None and count != only:
            return match.group(0)
        return f"{stamp(_ms(match[1]) + ms, 'vtt')} --> {stamp(_ms(match[2]) + ms, 'vtt')}"

    return _TIMING.sub(move, text)


@pytest.fixture(scope="module")
def own_vtt(tmp_path_factory, aligner) -> Path:
    """The captions captionkit itself writes for the episode."""
    from captionkit.pipeline import align_files

    out = tmp_path_factory.mktemp("own")
    result = align_files(EPISODE_AUDIO, EPISODE_TEXT, out, output_formats=("vtt",),
                         aligner=aligner)
    (path,) = result.paths
    return path


def sync_check(path: Path, aligner):
    return check_file(path, PODCAST, selection=SYNC_ONLY, audio_path=EPISODE_AUDIO,
                      aligner=aligner)


def test_passes_the_captions_captionkit_wrote(own_vtt, aligner):
    report = sync_check(own_vtt, aligner)
    assert [f for f in report.findings if f.severity != "info"] == []
    sync = report.sync
    assert sync.median_start_ms is not None and abs(sync.median_start_ms) <= 83
    assert len(sync.start_offsets) >= 0.9 * len(sync.cues)


def test_catches_a_single_cue_two_seconds_late(own_vtt, aligner, tmp_path):
    text = own_vtt.read_text()
    late = tmp_path / "late.vtt"
    late.write_text(shifted(text, 2000, only=10))
    report = sync_check(late, aligner)
    errors = [(f.code, f.cue) for f in report.findings if f.severity == "error"]
    assert ("CK602", 10) in errors
    assert [cue for code, cue in errors if code in ("CK601", "CK602")] == [10]
    assert "CK606" not in {code for code, _ in errors}  # one cue is not a whole-file drift
    (offset,) = [c.start_offset for c in report.sync.cues if c.cue == 10]
    assert 1800 <= offset <= 2200


def test_cli_catches_a_file_shifted_by_400_ms_with_audio_paired_by_stem(own_vtt, tmp_path):
    folder = tmp_path / "captions"
    folder.mkdir()
    (folder / "episode.vtt").write_text(shifted(own_vtt.read_text(), 400))
    shutil.copy(EPISODE_AUDIO, folder / "episode.wav")
    result = subprocess.run(
        [sys.executable, "-m", "captionkit", "check", str(folder), "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    (file,) = json.loads(result.stdout)["files"]
    assert file["audio"] == str(folder / "episode.wav")
    drift = [f for f in file["findings"] if f["code"] == "CK606"]
    assert len(drift) == 1 and drift[0]["severity"] == "error" and drift[0]["cue"] is None
    sync = file["sync"]
    assert 350 <= sync["median_start_offset_ms"] <= 450
    assert sync["p95_abs_start_offset_ms"] >= sync["median_start_offset_ms"]
    assert len(sync["worst"]) == 5 and all(w["start_offset"] >= 350 for w in sync["worst"])


def test_cue_past_the_audio_end(own_vtt, tmp_path):
    lines = own_vtt.read_text().rstrip("\n").split("\n")
    last = max(i for i, line in enumerate(lines) if "-->" in line)
    start = lines[last].split(" --> ")[0]
    lines[last] = f"{start} --> 00:01:30.000"  # the episode is 74 s long
    past = tmp_path / "past.vtt"
    past.write_text("\n".join(lines) + "\n")
    report = check_file(past, PODCAST, selection=Selection.build(select=["CK204"]),
                        audio_path=EPISODE_AUDIO)
    assert [(f.code, f.line) for f in report.findings] == [("CK204", last + 1)]
    assert report.sync is None  # no sync rule selected: the audio is not aligned
