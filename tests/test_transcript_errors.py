"""Every bad input is one TranscriptError that names the file and line, never a traceback."""

import os
from pathlib import Path

import pytest

from captionkit.errors import TranscriptError
from captionkit.transcript import parse_transcript, read_transcript

DATA = Path(__file__).parent / "data" / "transcripts"


def error_of(path, **options):
    with pytest.raises(TranscriptError) as info:
        read_transcript(path, **options)
    return str(info.value)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t \r\n", b"\xef\xbb\xbf\n"])
def test_empty_or_blank_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert error_of(path) == f"{path}:1: no transcript text found (the file is empty)"


def test_title_but_no_turns():
    path = DATA / "title_only.txt"
    assert error_of(path) == (
        f"{path}:1: found a title ('My Show – Episode 1') but no turns; "
        "expected turn lines like 'Speaker Name [00:01:04] text'"
    )


def test_forced_format_without_any_of_its_turns(tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text("\nJust some prose.\n", encoding="utf-8")
    message = error_of(path, input_format="labelled")
    assert message.startswith(f"{path}:2: found a title ('Just some prose.') but no turns")
    assert "'Name: text'" in message


def test_malformed_timestamp_names_it_and_its_line():
    path = DATA / "bad_timestamp.txt"
    assert error_of(path) == f"{path}:3: timestamp [00:61:00]: minutes must be 0-59"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("Ann [00:00:75] Hi.", 1, "timestamp [00:00:75]: seconds must be 0-59"),
        ("Ann [1:2:3:4] Hi.", 1, "timestamp [1:2:3:4]: too many fields"),
        ("Ann (00:01:00.1234):\nHi.", 1, "timestamp (00:01:00.1234): fractions of a second"),
        ("Ann: Hi.\nBob  00:99\nHello.", 2, "timestamp 00:99: seconds must be 0-59"),
    ],
)
def test_other_malformed_timestamps(text, line, reason):
    with pytest.raises(TranscriptError) as info:
        parse_transcript(text, source="t.txt")
    assert str(info.value).startswith(f"t.txt:{line}: {reason}")
    assert info.value.line == line and info.value.path == "t.txt"


def test_speaker_line_with_no_text_is_an_error_not_a_dropped_turn():
    path = DATA / "empty_turn.txt"
    message = error_of(path)
    assert message.startswith(f"{path}:2: the turn of Bob has no text before the next turn")
    assert "at line 3;" in message
    assert "'Speaker Name [00:01:04] text'" in message


def test_empty_last_turn_and_empty_labelled_turn():
    with pytest.raises(TranscriptError, match=r"^t.txt:2: the turn of Bob has no text and nothing"):
        parse_transcript("Ann [00:00:01] Hi.\nBob [00:00:05]\n\n", source="t.txt")
    with pytest.raises(TranscriptError, match=r"^t.txt:1: the turn of Ann has no text"):
        parse_transcript("Ann:\nBob: Hi.\nAnn: Yo.", source="t.txt")


def test_nul_bytes_are_binary_data(tmp_path):
    path = tmp_path / "audio.txt"
    path.write_bytes(b"Ann [00:00:01] Hi\nBob\x00\x01\x02\xff\xfe")
    message = error_of(path)
    assert message.startswith(f"{path}:2: binary data (control byte 0x00, column 4)")
    assert "not a text transcript" in message


def test_undecodable_bytes_are_named(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Hello\nthere \x81\x8d")
    assert error_of(path) == (
        f"{path}:2: cannot decode byte 0x81: the file is not UTF-8, UTF-16 or cp1252 text "
        "(is it a binary file?)"
    )


def test_missing_file_and_directory(tmp_path):
    missing = tmp_path / "nope.txt"
    assert error_of(missing) == f"{missing}: file not found"
    assert error_of(tmp_path) == f"{tmp_path}: is a directory, not a transcript file"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Hello.", encoding="utf-8")
    path.chmod(0)
    try:
        assert error_of(path) == f"{path}: permission denied; cannot read the file"
    finally:
        path.chmod(0o600)


def test_backwards_timestamp_is_a_warning_and_not_an_anchor():
    path = DATA / "backwards.txt"
    t = read_transcript(path)
    assert t.warnings == [
        f"{path}:2: timestamp 00:03:10 is earlier than the previous turn's 00:04:02; "
        "not used as an anchor"
    ]
    assert [turn.start for turn in t.turns] == [242000, None, 300000]
    assert t.words == ["First", "we", "talk.", "Then", "a", "typo.", "And", "we", "go", "on."]


def test_backwards_is_judged_against_the_last_trusted_time():
    t = parse_transcript("A [00:05:00] a\nB [00:01:00] b\nC [00:02:00] c\nD [00:06:00] d",
                         source="transcript.txt")
    assert [turn.start for turn in t.turns] == [300000, None, None, 360000]
    assert t.warnings[1] == (
        "transcript.txt:3: timestamp 00:02:00 is earlier than the previous turn's 00:05:00; "
        "not used as an anchor"
    )
