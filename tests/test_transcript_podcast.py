"""The podcast format: show notes, then 'Speaker Name [HH:MM:SS] text' turns."""

from pathlib import Path

from captionkit.transcript import parse_transcript, read_transcript

DATA = Path(__file__).parent / "data" / "transcripts"


def test_podcast_fixture_reads_title_description_and_turns():
    t = read_transcript(DATA / "podcast.txt")
    assert t.title == "Kitchen Table 12 – Bread, salt & São Paulo"
    assert t.description == (
        "A conversation about baking with Zoë D’Arcy-Lund.\n\nRecorded in March."
    )
    assert t.speakers == ["Zoë D’Arcy-Lund", "José María O'Brien Jr."]
    assert [(turn.start, turn.line) for turn in t.turns] == [
        (3000, 6), (9000, 7), (65000, 10), (3723000, 11),
    ]
    assert t.source == str(DATA / "podcast.txt")


def test_continuation_lines_join_the_turn_with_a_space():
    t = read_transcript(DATA / "podcast.txt")
    assert t.turns[1].text == "Thanks, Zoë. It's good to be here — really."
    assert t.turns[0].text == "Hello and welcome, everyone. Today: bread!"


def test_single_word_turns_and_short_timestamp_forms():
    t = parse_transcript("A [00:01] Yes.\nB [1:00:00] No.\nC [01:00:00.250] Maybe")
    assert [(turn.speaker, turn.text, turn.start) for turn in t.turns] == [
        ("A", "Yes.", 1000), ("B", "No.", 3_600_000), ("C", "Maybe", 3_600_250),
    ]
    assert (t.title, t.description) == (None, None)


def test_a_turn_may_start_with_its_words_on_the_next_line():
    t = parse_transcript("Ann [00:00:01]\nHello there.\n\nStill Ann.\nBob [00:00:04] Hi.")
    assert [(turn.speaker, turn.text) for turn in t.turns] == [
        ("Ann", "Hello there. Still Ann."), ("Bob", "Hi."),
    ]


def test_lowercase_sentence_with_a_timestamp_continues_the_turn():
    t = parse_transcript("Ann [00:00:01] We met\nand then [00:02:26] we talked.")
    assert len(t.turns) == 1
    assert t.words == ["We", "met", "and", "then", "[00:02:26]", "we", "talked."]
