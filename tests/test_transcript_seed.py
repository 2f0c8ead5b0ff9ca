"""The real podcast transcript in ../shared/seeds reads as its 27 turns by 3 speakers."""

import re
from pathlib import Path

import pytest

from captionkit.transcript import detect_format, read_transcript

SEED = Path(__file__).parents[2] / "shared" / "seeds" / "000_121c4bd23d44c64d.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="seed transcript not present")

TURN_LINE = re.compile(r"^.+? \[\d\d:\d\d:\d\d\] (.*)$")


@pytest.fixture(scope="module")
def seed():
    return read_transcript(SEED)


def test_seed_is_detected_as_podcast():
    assert detect_format(SEED.read_text(encoding="utf-8")) == "podcast"


def test_seed_has_27_turns_by_3_speakers(seed):
    assert len(seed.turns) == 27
    assert seed.speakers == ["Paul O’Neil", "Michael West", "Fatima Khan-Shah"]
    assert seed.warnings == []


def test_seed_keeps_title_and_description(seed):
    assert seed.title.startswith("Leadership Listens 4 – Compassionate")
    assert seed.title.endswith("systems of health and care")
    assert seed.description.startswith("This recording is a conversation between Michael and")
    assert "Transcript" not in seed.description.split()


def test_seed_turn_times_and_lines(seed):
    first = seed.turns[0]
    assert (first.speaker, first.start, first.line) == ("Paul O’Neil", 2000, 4)
    assert first.text.startswith("Hello and welcome to Leadership Listens")
    at_7_31 = [turn for turn in seed.turns if turn.start == 451000]
    assert [turn.speaker for turn in at_7_31] == ["Michael West"]
    assert seed.turns[-1].speaker == "Paul O’Neil"
    assert seed.turns[-1].start == 44 * 60_000 + 50_000
    single_word = [turn for turn in seed.turns if turn.text == "Absolutely."]
    assert single_word and single_word[0].start == 24 * 60_000 + 41_000


def test_seed_words_are_exactly_the_words_of_the_turn_lines(seed):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    expected = [word for line in lines if (m := TURN_LINE.match(line)) for word in m[1].split()]
    assert seed.words == expected
    assert len(seed.words) > 8000
