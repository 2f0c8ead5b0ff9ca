"""Existing WebVTT and SRT captions read as turns, so they can be re-timed."""

from pathlib import Path

import pytest

from captionkit.errors import TranscriptError
from captionkit.transcript import parse_transcript, read_transcript

DATA = Path(__file__).parent / "data" / "transcripts"


def test_vtt_voices_tags_and_entities():
    t = read_transcript(DATA / "captions.vtt")
    assert [(turn.speaker, turn.text, turn.start, turn.end, turn.line) for turn in t.turns] == [
        ("Ann Lee", "Hello & welcome, everyone.", 1000, 3000, 7),
        ("Ann Lee", "and thanks for coming.", 3500, 5000, 11),
        ("Bob", "Thanks, Ann <3", 5000, 7250, 14),
    ]
    assert t.title is None


def test_srt_name_prefixes_dashes_and_markup():
    t = read_transcript(DATA / "captions.srt")
    assert [(turn.speaker, turn.text, turn.start, turn.end, turn.line) for turn in t.turns] == [
        ("ANN", "Hello there.", 1000, 2500, 2),
        ("ANN", "How are you?", 2600, 4000, 6),
        ("BOB", "Fine, thanks & you?", 4100, 6000, 10),
    ]


def test_cues_without_speakers_use_the_speaker_option():
    srt = "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:02,000 --> 00:00:03,000\nAgain.\n"
    t = parse_transcript(srt, speaker="Narrator")
    assert [(turn.speaker, turn.text) for turn in t.turns] == [
        ("Narrator", "Hello."), ("Narrator", "Again."),
    ]


def test_a_one_off_note_prefix_is_text_not_a_speaker():
    srt = ("1\n00:00:01,000 --> 00:00:02,000\nNote: this matters.\n\n"
           "2\n00:00:02,000 --> 00:00:03,000\nYes.\n")
    t = parse_transcript(srt)
    assert t.words == ["Note:", "this", "matters.", "Yes."]
    assert t.speakers == ["Speaker"]


def test_two_voices_in_one_cue_become_two_turns():
    vtt = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ann>Hi.</v>\n<v Bob>Hello.</v>\n"
    t = parse_transcript(vtt)
    assert [(turn.speaker, turn.text, turn.start, turn.end) for turn in t.turns] == [
        ("Ann", "Hi.", 1000, 3000), ("Bob", "Hello.", None, 3000),
    ]


def test_consecutive_cues_of_one_speaker_stay_separate():
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>One.\n\n"
           "00:00:02.000 --> 00:00:03.000\n<v Ann>Two.\n")
    assert [turn.text for turn in parse_transcript(vtt).turns] == ["One.", "Two."]


def test_malformed_cue_timing_is_an_error_with_its_line(tmp_path):
    path = tmp_path / "bad.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n"
                    "2\n00:00:03,000 --> 00:00:75,000\nLost?\n", encoding="utf-8")
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert str(info.value) == f"{path}:6: cue timing 00:00:75,000: seconds must be 0-59"


def test_a_cue_webvtt_cannot_read_is_an_error_not_a_silent_loss(tmp_path):
    path = tmp_path / "short.srt"
    # SRT timings need hours; webvtt-py drops this cue, so we refuse instead of losing it.
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n2\n00:03,000 --> 00:04,000\n"
                    "Lost?\n", encoding="utf-8")
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert f"{path}:6:" in str(info.value)
    assert "words would be lost" in str(info.value)
