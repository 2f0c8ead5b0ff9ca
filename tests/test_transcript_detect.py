"""Detection of each format from its content, and the input_format override."""

from pathlib import Path

import pytest

from captionkit.errors import UsageError
from captionkit.transcript import FORMATS, detect_format, parse_transcript, read_transcript

DATA = Path(__file__).parent / "data" / "transcripts"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("podcast.txt", "podcast"),
        ("backwards.txt", "podcast"),
        ("title_only.txt", "podcast"),
        ("labelled_colon.txt", "labelled"),
        ("labelled_headers.txt", "labelled"),
        ("plain.txt", "plain"),
        ("note_prose.txt", "plain"),
        ("captions.vtt", "captions"),
        ("captions.srt", "captions"),
    ],
)
def test_detects_each_fixture(name, expected):
    assert detect_format((DATA / name).read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ann: Hi.\nBob: Hello.", "labelled"),
        ("Ann: Hi.\n\nBob: Hello.\n\nAnn: Bye.", "labelled"),
        ("Intro.\n\nNote: one.\n\nMiddle.\n\nWarning: two.", "plain"),
        ("Note: one.\nmore prose\nNote: two.\nmore prose\nmore", "plain"),
        ("Note: this matters", "plain"),
        ("the thing is: it works\nand so: it goes", "plain"),
        ("Ann [00:00:01]\nHello.", "labelled"),
        ("WEBVTT\n", "captions"),
        ("\ufeffWEBVTT\n\n00:01.000 --> 00:02.000\nHi", "captions"),
        ("", "plain"),
    ],
)
def test_detects_small_texts(text, expected):
    assert detect_format(text) == expected


def test_registry_lists_every_format_with_plain_last():
    assert list(FORMATS) == ["captions", "podcast", "labelled", "plain"]
    assert all(hasattr(reader, "read") and hasattr(reader, "sniff") for reader in FORMATS.values())


def test_input_format_overrides_detection():
    path = DATA / "labelled_colon.txt"
    t = read_transcript(path, input_format="plain", speaker="Host")
    assert t.speakers == ["Host"]
    assert t.words == path.read_text(encoding="utf-8").split()


def test_input_format_labelled_reads_a_single_label_that_detection_leaves_plain():
    assert parse_transcript("Ann: Hello.").speakers == ["Speaker"]
    assert parse_transcript("Ann: Hello.", input_format="labelled").speakers == ["Ann"]
    assert parse_transcript("Ann: Hello.", input_format="auto").speakers == ["Speaker"]


def test_unknown_input_format_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown input format 'docx'; choose one of: captions"):
        parse_transcript("Hello.", input_format="docx")
