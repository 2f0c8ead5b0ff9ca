"""captionkit check rules: the corpus of broken files, clean files, the in-memory API,
suppressions and selection."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from captionkit.check import RULES, Finding, Selection, check_cues, check_file
from captionkit.check.rules import GROUPS
from captionkit.errors import CaptionkitError, UsageError
from captionkit.model import Cue
from captionkit.profiles import get_profile

CORPUS = Path(__file__).parent / "data" / "check"
BROKEN = sorted(p for p in CORPUS.iterdir() if re.match(r"CK\d{3}-", p.name))
CLEAN = sorted(CORPUS.glob("clean.*"))
PODCAST = get_profile("podcast")


def codes_of(path: Path, **kwargs) -> list[str]:
    return [f.code for f in check_file(path, PODCAST, **kwargs).findings]


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_each_broken_file_breaks_exactly_its_rule(path):
    expected = path.name[:5]
    codes = codes_of(path)
    assert codes, f"{path.name}: rule {expected} did not fire"
    assert set(codes) == {expected}


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_files_produce_nothing(path):
    assert codes_of(path) == []


def test_corpus_covers_every_rule_that_needs_no_audio():
    covered = {p.name[:5] for p in BROKEN}
    without_audio = {c for c, r in RULES.items() if r.needs in ("cues", "file")}
    assert without_audio == covered


def test_findings_carry_file_line_cue_and_time():
    (finding,) = check_file(CORPUS / "CK405-gap-too-small.vtt", PODCAST).findings
    assert finding == Finding(
        code="CK405", severity="error", message="40 ms after the previous cue (minimum 83 ms)",
        cue=1, start_ms=3040, line=6, path=str(CORPUS / "CK405-gap-too-small.vtt"),
    )


def test_every_rule_has_a_stable_code_severity_group_and_summary():
    for code, r in RULES.items():
        assert re.fullmatch(r"CK[1-6]\d\d", code) and r.code == code
        assert r.severity in ("error", "warning", "info")
        assert GROUPS[int(code[2]) - 1] == r.group
        assert r.summary.endswith(".") and r.name == r.name.lower()


def test_check_cues_runs_cue_rules_on_segmenter_cues(episode_alignment):
    from captionkit.segment import segment

    cues = segment(episode_alignment, PODCAST)
    findings = check_cues(cues, PODCAST)
    assert all(isinstance(f, Finding) for f in findings)
    assert {f.code[:3] for f in findings} <= {"CK2", "CK3", "CK4", "CK5"}
    # The segmenter keeps cues in order, never overlapping, within the layout limits.
    assert not [f for f in findings if f.code[:3] in ("CK2", "CK3")]
    for f in findings:
        assert f.line is None and f.path is None and f.start_ms == cues[f.cue].start


def test_check_cues_reports_what_a_user_would_fix():
    cues = [
        Cue(0, 2000, "Ann", ("A line that is much longer than forty-two characters",)),
        Cue(1900, 4000, "Bob", ("Overlap.",)),
        Cue(4083, 4400, "Bob", ("Short.",)),
    ]
    found = [(f.code, f.cue) for f in check_cues(cues, PODCAST)]
    assert found == [("CK301", 0), ("CK403", 0), ("CK203", 1), ("CK401", 2), ("CK404", 2)]
    assert [f.code for f in check_cues(cues, PODCAST, audio_ms=3000)].count("CK204") == 2


def test_a_dash_cue_of_two_speakers_is_allowed_and_its_dashes_count_for_layout():
    exchange = Cue(0, 2000, "Ann", ("Tea?", "Yes, please, with milk and two sugars, thanks."),
                   second_speaker="Bob")
    found = check_cues([exchange], PODCAST)
    assert [(f.code, f.message) for f in found] == [
        ("CK301", "line 2 has 47 characters (limit 42)"),
        ("CK403", "25.50 characters a second (limit 20)")]


def test_profile_numbers_drive_the_rules():
    cue = [Cue(0, 3000, "Ann", ("Thirty-six characters on this line..",))]
    assert check_cues(cue, PODCAST) == []
    assert [f.code for f in check_cues(cue, get_profile("dcmp"))] == ["CK301"]
    brief = [Cue(0, 1800, "Ann", ("Hello there.",))]
    assert check_cues(brief, PODCAST) == []
    assert [f.code for f in check_cues(brief, get_profile("dcmp"))] == ["CK401"]
    narrow = dataclasses.replace(PODCAST, max_chars_per_line=20)
    assert [f.code for f in check_cues(cue, narrow)] == ["CK301"]


def test_note_suppresses_the_next_cue_only(tmp_path):
    text = (CORPUS / "CK405-gap-too-small.vtt").read_text()
    target = tmp_path / "s.vtt"
    target.write_text(text.replace("00:00:03.040", "NOTE captionkit: ignore CK405\n\n00:00:03.040"))
    report = check_file(target, PODCAST)
    assert report.findings == [] and report.suppressed == 1
    target.write_text(text.replace("00:00:01.000", "NOTE captionkit: ignore CK405\n\n00:00:01.000"))
    assert codes_of(target) == ["CK405"]


def test_ignore_file_note_and_prefixes(tmp_path):
    text = (CORPUS / "CK406-gap-not-chained.vtt").read_text()
    target = tmp_path / "s.vtt"
    target.write_text(text.replace("WEBVTT\n", "WEBVTT\n\nNOTE\ncaptionkit: ignore-file CK4\n", 1))
    assert codes_of(target) == []


def test_selection_and_per_file_ignores(tmp_path):
    path = CORPUS / "CK301-line-too-long.vtt"
    assert codes_of(path, selection=Selection.build(ignore=["CK3"])) == []
    assert codes_of(path, selection=Selection.build(select=["CK4"])) == []
    per_file = Selection.build(per_file={"CK301-*.vtt": ["CK301"]}, root=CORPUS)
    assert codes_of(path, selection=per_file) == []
    assert codes_of(CORPUS / "CK302-three-lines.vtt", selection=per_file) == ["CK302"]
    with pytest.raises(UsageError, match="unknown rule code 'CK7'"):
        Selection.build(select=["CK7"])


def test_unreadable_files_are_our_errors(tmp_path):
    binary = tmp_path / "b.vtt"
    binary.write_bytes(b"WEBVTT\n\n\x00\x01\x02")
    with pytest.raises(CaptionkitError, match=r"b\.vtt:3: binary data"):
        check_file(binary, PODCAST)
    with pytest.raises(CaptionkitError, match="file not found"):
        check_file(tmp_path / "missing.srt", PODCAST)


def test_srt_labels_carry_forward_and_count_for_layout_not_reading_speed(tmp_path):
    srt = tmp_path / "l.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:02,000\nMARGARET THATCHER-SMITH: Hello everyone, and"
                   "\n\n2\n00:00:02,083 --> 00:00:04,000\nwelcome to the show.\n")
    findings = check_file(srt, PODCAST).findings
    # 45 characters with the label (a line too long); 20 characters of speech in 2 s.
    assert [(f.code, f.line) for f in findings] == [("CK301", 3)]
