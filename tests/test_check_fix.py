"""captionkit fix: mechanical repairs that leave every word as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from captionkit.check import check_file
from captionkit.check.display import check_cues_of
from captionkit.check.fix import fix_file
from captionkit.check.reader import parse_caption_text, read_caption_file
from captionkit.check.sync import cue_words
from captionkit.profiles import get_profile

CORPUS = Path(__file__).parent / "data" / "check"
PODCAST = get_profile("podcast")
FIXABLE = ["CK101", "CK102", "CK103", "CK104", "CK106", "CK107", "CK108", "CK109", "CK401",
           "CK405", "CK406"]


def words(path_or_text, name: str = "x.vtt") -> list[str]:
    file = (read_caption_file(path_or_text) if isinstance(path_or_text, Path)
            else parse_caption_text(path_or_text, name))
    return [w for cue in check_cues_of(file) for w in cue_words(cue)]


@pytest.mark.parametrize("code", FIXABLE)
def test_fix_repairs_the_broken_file_and_keeps_its_words(code, tmp_path):
    (source,) = CORPUS.glob(f"{code}-*")
    target = tmp_path / source.name
    shutil.copy(source, target)
    before = words(target)
    result = subprocess.run([sys.executable, "-m", "captionkit", "fix", str(target)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{target}: ") and "repairs" in result.stdout
    assert [f.code for f in check_file(target, PODCAST).findings] == []
    assert words(target) == before
    assert not fix_file(read_caption_file(target), PODCAST).changed  # nothing left to fix
    assert target.read_bytes().decode("utf-8")  # written as UTF-8 (no BOM, no cp1252)
    assert list(tmp_path.iterdir()) == [target]  # atomic: no temp file left behind


def test_fix_examples():
    srt = ("3\n0:0:1.5 --> 00:00:02,000\nFish & chips\n\n"
           "00:00:02,100 --> 00:00:05,000\nANN: <i>more</i> --> here\n")
    result = fix_file(parse_caption_text(srt, "a.srt"), PODCAST)
    # The short cue grows into the silence up to the minimum gap before the next one.
    assert result.text == ("1\n00:00:01,500 --> 00:00:02,017\nFish & chips\n\n"
                           "2\n00:00:02,100 --> 00:00:05,000\nANN: <i>more</i> --> here\n")
    vtt = "WEBVTT\n\n00:01.000 --> 00:04.000 line:0\nFish & chips <3 --> x &amp; y\n"
    result = fix_file(parse_caption_text(vtt, "a.vtt"), PODCAST)
    assert result.text == ("WEBVTT\n\n00:00:01.000 --> 00:00:04.000 line:0\n"
                           "Fish &amp; chips &lt;3 --&gt; x &amp; y\n")


def test_fix_keeps_crlf_and_leaves_what_it_cannot_repair():
    text = (CORPUS / "CK203-overlap.vtt").read_text().replace("\n", "\r\n")
    result = fix_file(parse_caption_text(text, "o.vtt"), PODCAST)
    # The overlap is opened to the minimum gap by ending the earlier cue sooner.
    assert result.text == text.replace("00:00:06.800", "00:00:06.417")
    assert result.changes == [
        "line 6: 00:00:03.083 --> 00:00:06.800 → 00:00:03.083 --> 00:00:06.417"]
    # Opening this one would cut the earlier cue to 0.334 s: left to a person.
    deep = text.replace("00:00:06.500 --> 00:00:09.000", "00:00:03.500 --> 00:00:09.000")
    assert not fix_file(parse_caption_text(deep, "o.vtt"), PODCAST).changed


def test_diff_writes_nothing(tmp_path):
    target = tmp_path / "n.srt"
    shutil.copy(CORPUS / "CK106-numbering.srt", target)
    before = target.read_bytes()
    result = subprocess.run([sys.executable, "-m", "captionkit", "fix", "--diff", str(target)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "-3\n+2\n" in result.stdout and "-4\n+3\n" in result.stdout
    assert target.read_bytes() == before


def test_unreadable_file_exits_2_and_writes_nothing(tmp_path):
    good = tmp_path / "good.srt"
    shutil.copy(CORPUS / "CK106-numbering.srt", good)
    bad = tmp_path / "bad.srt"
    bad.write_bytes(b"\x00\x00binary")
    result = subprocess.run([sys.executable, "-m", "captionkit", "fix", str(good), str(bad)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "bad.srt:1: binary data" in result.stderr
    assert good.read_bytes() == (CORPUS / "CK106-numbering.srt").read_bytes()


def test_fix_keeps_the_words_of_captionkits_own_output(tmp_path):
    own = Path(__file__).resolve().parents[1] / "tests" / "data" / "transcripts" / "captions.vtt"
    result = fix_file(read_caption_file(own), PODCAST)
    assert words(result.text, "c.vtt") == words(own)


_TEXT = st.text(alphabet=st.sampled_from(list("ab &<>-;#1 ")), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(cues=st.lists(st.tuples(st.integers(0, 20_000), st.integers(1, 4_000),
                               st.lists(_TEXT, min_size=1, max_size=3)), min_size=1, max_size=6),
       kind=st.sampled_from(["vtt", "srt"]))
def test_fix_never_changes_words(cues, kind):
    sep = "." if kind == "vtt" else ","
    blocks = []
    for n, (start, length, lines) in enumerate(sorted(cues), start=1):
        lines = [line for line in lines if line.strip() and "-->" not in line] or ["word"]
        t0 = f"00:00:{start // 1000:02d}{sep}{start % 1000:03d}"
        end = start + length
        t1 = f"00:{end // 60_000:02d}:{end // 1000 % 60:02d}{sep}{end % 1000:03d}"
        blocks.append("\n".join([str(n + 5), f"{t0} --> {t1}", *lines]))
    text = ("WEBVTT\n\n" if kind == "vtt" else "") + "\n\n".join(blocks) + "\n"
    name = f"p.{kind}"
    fixed = fix_file(parse_caption_text(text, name), PODCAST)
    assert words(fixed.text, name) == words(text, name)
    again = fix_file(parse_caption_text(fixed.text, name), PODCAST)
    assert words(again.text, name) == words(text, name)
