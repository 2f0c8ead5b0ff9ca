"""The plain format: one speaker, one turn per paragraph, no times."""

from pathlib import Path

from captionkit.transcript import parse_transcript, read_transcript

DATA = Path(__file__).parent / "data" / "transcripts"


def test_one_turn_per_paragraph_by_the_default_speaker():
    t = read_transcript(DATA / "plain.txt")
    assert [(turn.speaker, turn.text, turn.start, turn.line) for turn in t.turns] == [
        ("Speaker", "Welcome to the show. This is one paragraph.", None, 1),
        ("Speaker", "And this is another, with 3 numbers: 1, 2, 3.", None, 4),
    ]
    assert t.title is None


def test_speaker_option_names_the_one_speaker():
    t = read_transcript(DATA / "plain.txt", speaker="Host")
    assert t.speakers == ["Host"]


def test_prose_with_a_note_colon_stays_plain_and_keeps_every_word():
    path = DATA / "note_prose.txt"
    t = read_transcript(path)
    assert t.speakers == ["Speaker"]
    assert t.turns[1].text == "Note: this matters more than you think."
    assert t.words == path.read_text(encoding="utf-8").split()


def test_many_blank_lines_and_indentation():
    t = parse_transcript("\n\n   First.\n\n\n\n  Second\n  part.\n\n")
    assert [(turn.text, turn.line) for turn in t.turns] == [("First.", 3), ("Second part.", 7)]
