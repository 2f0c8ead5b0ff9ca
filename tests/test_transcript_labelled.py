"""The labelled format: 'Name: text', or a 'Name (00:01:04):' line above paragraphs."""

from pathlib import Path

import pytest

from captionkit.transcript import parse_transcript, read_transcript

DATA = Path(__file__).parent / "data" / "transcripts"


def test_colon_labels_with_continuation_lines():
    t = read_transcript(DATA / "labelled_colon.txt")
    assert [(turn.speaker, turn.text, turn.start, turn.line) for turn in t.turns] == [
        ("Ann Lee", "Good morning. It's 9:30 and we're live.", None, 1),
        ("Bob", "Morning, Ann. Note that this line continues Bob's turn.", None, 2),
        ("Ann Lee", "Let's begin.", None, 4),
    ]


def test_label_lines_above_paragraphs_in_three_styles():
    t = read_transcript(DATA / "labelled_headers.txt")
    assert t.title == "Weekly sync"
    assert [(turn.speaker, turn.start, turn.line) for turn in t.turns] == [
        ("Ann Lee", 4000, 3), ("Bob Ó Briain", 70000, 8), ("Ann Lee", 135000, 11),
    ]
    assert t.turns[0].text == "Good morning, everyone. Second paragraph of Ann."


@pytest.mark.parametrize(
    "label",
    ["Ann (00:01:04):", "Ann (00:01:04)", "Ann [01:04]", "Ann [01:04]:", "Ann  01:04",
     "Ann\t01:04", "Ann \t 00:01:04"],
)
def test_each_timestamped_label_style(label):
    t = parse_transcript(f"{label}\nHello.\n\nBob (00:02:00): Bye.")
    assert [(turn.speaker, turn.start, turn.text) for turn in t.turns] == [
        ("Ann", 64000, "Hello."), ("Bob", 120000, "Bye."),
    ]


def test_inline_timestamped_label():
    t = parse_transcript("Ann (00:00:03): Hi.\nBob [00:00:05]: Hello.", input_format="labelled")
    assert [(turn.speaker, turn.start, turn.text) for turn in t.turns] == [
        ("Ann", 3000, "Hi."), ("Bob", 5000, "Hello."),
    ]


def test_url_and_times_in_text_are_not_labels():
    t = parse_transcript("Ann: See https://example.org at 10:30.\nBob: OK.")
    assert t.turns[0].text == "See https://example.org at 10:30."
    assert len(t.turns) == 2


def test_text_that_itself_contains_a_colon_label_stays_in_the_turn():
    t = parse_transcript("Ann: Note: this matters.\nBob: OK [laughs] (00:01) 10:30.")
    assert [(turn.speaker, turn.text) for turn in t.turns] == [
        ("Ann", "Note: this matters."), ("Bob", "OK [laughs] (00:01) 10:30."),
    ]
