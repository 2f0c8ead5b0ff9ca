"""Stage ``segment`` and the profiles: words → cues, on Alignments built by hand (no audio)."""

from __future__ import annotations

import dataclasses
import math

import pytest

from captionkit.errors import UsageError
from captionkit.model import Alignment, Cue, Transcript, Turn, Word, split_words
from captionkit.profiles import PROFILES, Profile, get_profile
from captionkit.segment import layout, segment

PODCAST = get_profile("podcast")


def timed(
    turns: list[tuple[str, str]],
    *,
    ms_per_char: int = 60,
    gap: int = 40,
    turn_gap: int = 700,
    start: int = 0,
) -> Alignment:
    """An Alignment of these ``(speaker, text)`` turns, spoken at an even pace."""
    words, t = [], start
    for index, (speaker, text) in enumerate(turns):
        t += turn_gap if index else 0
        for w in split_words(text):
            length = ms_per_char * len(w) + 40
            words.append(Word(w, speaker, t, t + length, turn=index, confidence=0.9))
            t += length + gap
    transcript = Transcript(turns=[Turn(s, text) for s, text in turns])
    return Alignment(words=words, transcript=transcript, duration=t + 3000)


def at(*items: tuple[str, int, int], speaker: str = "Ann", duration: int = 60_000) -> Alignment:
    """An Alignment of words at exactly these ``(text, start, end)`` times."""
    words = [Word(text, speaker, s, e) for text, s, e in items]
    transcript = Transcript(turns=[Turn(speaker, " ".join(text for text, _, _ in items))])
    return Alignment(words=words, transcript=transcript, duration=duration)


def assert_cue_invariants(cues: list[Cue], alignment: Alignment, profile: Profile) -> None:
    """Every word once, in order, verbatim; one speaker per cue; layout and timing sane."""
    words = alignment.words
    assert [w for cue in cues for w in split_words(cue.text)] == [w.text for w in words]
    position = 0
    for cue in cues:
        assert cue.first_word == position
        own = words[position : position + cue.word_count]
        assert split_words(cue.text) == [w.text for w in own]
        assert [w.speaker for w in own] == [  # one speaker a line; two only in a dash cue
            speaker
            for line, speaker in zip(cue.lines, cue.line_speakers, strict=True)
            for _ in split_words(line)
        ]
        assert 1 <= len(cue.lines) <= profile.max_lines
        for line in cue.lines:
            assert line == " ".join(split_words(line))  # single spaces, nothing empty
            assert len(line) <= profile.max_chars_per_line or " " not in line
        assert cue.end > cue.start
        speech_end = max(w.end for w in own)
        assert cue.end - cue.start <= max(profile.max_duration_ms, speech_end - cue.start)
        position += cue.word_count
    assert position == len(words)
    for cue, after in zip(cues, cues[1:], strict=False):
        assert after.start > cue.start
        assert cue.end <= after.start
        if after.start - cue.start > profile.min_gap_ms:
            assert after.start - cue.end >= profile.min_gap_ms
        gap = after.start - cue.end
        if gap < profile.chain_threshold_ms:  # chained, unless the cue hit its longest duration
            # (the maximum, or its own speech where a lead-in made that run longer)
            own = words[cue.first_word : cue.first_word + cue.word_count]
            longest = max(profile.max_duration_ms, max(w.end for w in own) - cue.start)
            assert gap <= profile.min_gap_ms or cue.end - cue.start == longest


LONG_TEXT = (
    "So — welcome, everybody! Today we're talking about the history of the printing press and "
    "why it still matters for the way we read the news. I went to the book store on Main Street "
    "with my friend Sarah Connor, and we found a first edition of the book. It was incredible. "
    "Nobody really knows how many copies were printed in 1455, but most historians think it was "
    "around 180 copies, of which 49 survive today, though some of them are incomplete."
)


# --- profiles ---------------------------------------------------------------------------------


def test_profiles_hold_the_numbers_from_the_caption_rules():
    p = PROFILES["podcast"]
    assert (p.max_chars_per_line, p.max_lines, p.max_cps, p.warn_cps) == (42, 2, 20, 17)
    assert (p.min_duration_ms, p.max_duration_ms, p.min_gap_ms) == (833, 7000, 83)
    assert (p.chain_threshold_ms, p.max_lead_out_ms) == (500, 500)
    assert get_profile() is p
    bbc = get_profile("bbc")
    assert bbc.max_chars_per_line == 37 and bbc.chain_threshold_ms == 1000
    assert (bbc.warn_cps, bbc.max_cps) == pytest.approx((180 * 5 / 60, 200 * 5 / 60), abs=0.01)
    dcmp = get_profile("dcmp")
    assert (dcmp.max_chars_per_line, dcmp.min_duration_ms) == (32, 2000)
    assert dcmp.warn_cps == pytest.approx(160 * 5 / 60, abs=0.01)  # adult rate
    assert dcmp.max_cps == pytest.approx(235 * 5 / 60, abs=0.01)  # near-verbatim ceiling
    assert get_profile("cea608").max_chars_per_line == 32
    assert set(PROFILES) == {"podcast", "netflix", "bbc", "dcmp", "cea608"}


def test_unknown_profile_names_the_valid_ones():
    with pytest.raises(UsageError) as info:
        get_profile("youtube")
    message = str(info.value)
    assert "youtube" in message
    for name in PROFILES:
        assert name in message


def test_profile_overrides_are_validated():
    assert dataclasses.replace(PODCAST, max_chars_per_line=32).max_chars_per_line == 32
    with pytest.raises(UsageError):
        dataclasses.replace(PODCAST, max_lines=0)
    with pytest.raises(UsageError):
        dataclasses.replace(PODCAST, min_duration_ms=8000)
    with pytest.raises(UsageError):
        dataclasses.replace(PODCAST, min_gap_ms=-1)


# --- words and layout -------------------------------------------------------------------------


def test_no_words_no_cues():
    assert segment(Alignment([], Transcript(turns=[]), 0), PODCAST) == []


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_every_word_once_in_order_within_the_layout_limits(name):
    profile = get_profile(name)
    alignment = timed([("Ann Lee", LONG_TEXT), ("Bob", "Yes."), ("Ann Lee", LONG_TEXT)])
    cues = segment(alignment, profile)
    assert_cue_invariants(cues, alignment, profile)
    assert max(len(line) for cue in cues for line in cue.lines) <= profile.max_chars_per_line


def test_a_word_longer_than_a_line_stays_whole_on_its_own_line():
    long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis-related"  # 53 characters
    alignment = timed([("Ann", f"It is called {long_word} in the papers, they said.")])
    cues = segment(alignment, PODCAST)
    assert_cue_invariants(cues, alignment, PODCAST)
    assert any(cue_line == long_word for cue in cues for cue_line in cue.lines)


def test_one_line_when_it_fits():
    alignment = timed([("Ann", "This fits on one line easily.")])
    assert [cue.lines for cue in segment(alignment, PODCAST)] == [
        ("This fits on one line easily.",)
    ]


def test_line_break_after_the_comma():
    words = [
        Word(w, "A", 0, 0)
        for w in split_words("When we got there, the shop had already closed for the day.")
    ]
    assert layout(words, PODCAST) == (
        "When we got there,",
        "the shop had already closed for the day.",
    )


def test_an_article_stays_with_its_noun():
    # Greedy filling would end the first line with "the" (39 characters with it).
    text = "We walked for a very long time around the old harbour at night"
    words = [Word(w, "A", 0, 0) for w in split_words(text)]
    lines = layout(words, PODCAST)
    assert len(lines) == 2
    assert not lines[0].endswith(" the")
    assert " ".join(lines) == text


def test_the_book_is_never_split_across_lines_or_cues():
    text = " ".join(["I read the book"] * 30)
    for name in ("podcast", "bbc", "dcmp", "cea608"):
        profile = get_profile(name)
        cues = segment(timed([("Ann", text)]), profile)
        for cue in cues:
            for line in cue.lines:
                assert not line.endswith(" the") and line != "the", (name, cue.lines)
                assert not line.startswith("book"), (name, cue.lines)


def test_bottom_heavy_when_two_lines_differ():
    text = "I really think that we should go now, before it gets dark outside."
    lines = layout([Word(w, "A", 0, 0) for w in split_words(text)], PODCAST)
    assert lines == ("I really think that we should go now,", "before it gets dark outside.") or (
        len(lines[0]) <= len(lines[1])
    )
    text = "So we went down to the river and then we sat there for hours"
    lines = layout([Word(w, "A", 0, 0) for w in split_words(text)], PODCAST)
    assert len(lines) == 2 and len(lines[0]) <= len(lines[1])


def test_cues_break_after_sentences_when_they_can():
    sentences = [
        "This is the first sentence of three.",  # fits one line with the "Ann: " label
        "And this is the second one, a little longer than that.",
        "The third one closes the short paragraph here.",
    ]
    cues = segment(timed([("Ann", " ".join(sentences))]), PODCAST)
    assert [cue.text.replace("\n", " ") for cue in cues] == sentences


def test_cues_break_at_a_long_pause():
    words = "we were walking along the quiet river path and then suddenly there was a loud noise"
    items, t = [], 0
    for w in split_words(words):
        items.append((w, t, t + 250))
        t += 270 + (1500 if w == "path" else 0)
    cues = segment(at(*items), PODCAST)
    assert any(cue.lines[-1].endswith("path") for cue in cues)


# --- speakers ---------------------------------------------------------------------------------


def test_speaker_change_starts_a_cue_even_mid_sentence_and_without_a_gap():
    alignment = timed(
        [("Ann", "I think that"), ("Bob", "we agree"), ("Ann", "mostly.")], turn_gap=0
    )
    cues = segment(alignment, PODCAST)
    assert [(cue.speaker, cue.text) for cue in cues] == [
        ("Ann", "I think that"),
        ("Bob", "we agree"),
        ("Ann", "mostly."),
    ]
    assert_cue_invariants(cues, alignment, PODCAST)


# --- timing -----------------------------------------------------------------------------------


def test_cue_starts_at_its_first_word():
    alignment = timed([("Ann", LONG_TEXT)], start=1234)
    cues = segment(alignment, PODCAST)
    for cue in cues:
        assert cue.start == alignment.words[cue.first_word].start


def test_min_gap_and_chaining():
    # Two speakers 300 ms apart: the gap is closed to exactly 83 ms.
    alignment = Alignment(
        [Word("Hello", "Ann", 0, 1000), Word("Hi", "Bob", 1300, 2300)], Transcript(turns=[]), 9000
    )
    first, second = segment(alignment, PODCAST)
    assert second.start == 1300
    assert first.end == 1300 - 83


def test_gaps_never_closer_than_min_gap_even_when_words_touch():
    alignment = Alignment(
        [Word("Hello.", "Ann", 0, 1000), Word("Hi.", "Bob", 1000, 2000)], Transcript(turns=[]), 9000
    )
    first, second = segment(alignment, PODCAST)
    assert second.start == 1000 and first.end == 1000 - 83


def test_a_real_gap_stays_at_least_the_chaining_threshold():
    # Speech ends at 2000, the next speaker starts at 2800: no chaining to 2717 (a 717 ms tail),
    # no 300 ms gap either: the cue ends 500 ms before the next.
    text = "This sentence has lots of characters to read."  # 45 chars: wants 500 ms more
    alignment = Alignment(
        [Word(w, "Ann", 250 * i, 250 * i + 230) for i, w in enumerate(split_words(text))]
        + [Word("Yes.", "Bob", 2800, 3300)],
        Transcript(turns=[]),
        9000,
    )
    first, _ = segment(alignment, PODCAST)
    assert first.end == 2800 - 500


def test_a_cue_longer_than_the_maximum_with_its_lead_in_is_not_lengthened_to_chain():
    # Found by Hypothesis (test_formats): a fast cue starts 500 ms early to be readable, so
    # with its 6.5 s of speech it runs 7001 ms, and the next cue follows 150 ms later. Closing
    # that gap would lengthen a cue already past the 7 s maximum: the gap stays.
    long_words = [("0" * 43, 4000, 4000), ("0" * 43, 4300, 5402), ("0" * 53, 9402, 10501)]
    items = [("the", 0, 0)] * 18 + [("the", 4000, 4000)] * 3 + long_words
    items += [("the", 10651, 10651)] * 2
    words = [Word(t, "Ann", s, e, turn=0 if k < 2 else 1) for k, (t, s, e) in enumerate(items)]
    alignment = Alignment(words, Transcript(turns=[]), 15751)
    profile = get_profile("cea608")
    cues = segment(alignment, profile)
    assert_cue_invariants(cues, alignment, profile)
    long_cue = next(c for c in cues if "0" * 53 in c.text)
    assert long_cue.end - long_cue.start > profile.max_duration_ms


def test_lead_out_adds_reading_time_toward_the_warning_speed_up_to_the_limit():
    # 38 characters spoken in 1.98 s (19.2 cps): reading time toward 17 cps, 256 ms.
    text = "Some words here, and quite a few more."
    words = [Word(w, "Ann", 250 * i, 250 * i + 230) for i, w in enumerate(split_words(text))]
    (cue,) = segment(Alignment(words, Transcript(turns=[]), 60_000), PODCAST)
    assert cue.end == math.ceil(len(text) * 1000 / PODCAST.warn_cps) == words[-1].end + 256
    # 59 characters in 1.09 s (54 cps): the lead-out stops at max_reading_lead_out_ms; verbatim.
    text = "A fast sentence with many characters in it, spoken quickly."
    words = [Word(w, "Ann", 100 * i, 100 * i + 90) for i, w in enumerate(split_words(text))]
    (cue,) = segment(Alignment(words, Transcript(turns=[]), 60_000), PODCAST)
    assert cue.end == words[-1].end + PODCAST.max_reading_lead_out_ms
    assert cue.text.replace("\n", " ") == text


def test_lead_out_only_as_much_as_reading_needs():
    words = [Word("Hi", "Ann", 0, 700), Word("there.", "Ann", 750, 1400)]
    (cue,) = segment(Alignment(words, Transcript(turns=[]), 60_000), PODCAST)
    assert cue.end == 1400  # 9 characters in 1.4 s is slow enough; 1.4 s is long enough


def test_min_duration_when_silence_allows():
    alignment = at(("Yes.", 1000, 1300))
    (cue,) = segment(alignment, PODCAST)
    assert (cue.start, cue.end) == (1000, 1000 + 833)
    (cue,) = segment(alignment, get_profile("dcmp"))
    assert cue.end - cue.start == 2000


def test_min_gap_beats_min_duration():
    alignment = Alignment(
        [Word("Yes.", "Ann", 1000, 1300), Word("No.", "Bob", 1500, 1800)],
        Transcript(turns=[]),
        9000,
    )
    first, second = segment(alignment, PODCAST)
    assert first.end == second.start - 83
    assert second.end - second.start == 833


def test_last_cue_does_not_run_past_the_audio():
    alignment = at(("Yes.", 1000, 1300), duration=1500)
    (cue,) = segment(alignment, PODCAST)
    assert cue.end == 1500


def test_long_speech_is_split_within_max_duration():
    # 30 s of slow, unpunctuated speech on very wide lines: only the duration limit binds.
    wide = dataclasses.replace(PODCAST, max_chars_per_line=500)
    items = [(f"word{i}", 600 * i, 600 * i + 500) for i in range(50)]
    alignment = at(*items)
    cues = segment(alignment, wide)
    assert len(cues) >= 5
    for cue in cues:
        assert cue.end - cue.start <= wide.max_duration_ms
    assert_cue_invariants(cues, alignment, wide)


def test_times_strictly_increase_even_when_input_times_tie():
    items = [(w, 5000, 5000) for w in ["one.", "two.", "three."]]
    alignment = Alignment(
        [Word(t, s, a, b) for (t, a, b), s in zip(items, ["A", "B", "C"], strict=True)],
        Transcript(turns=[]),
        0,
    )
    cues = segment(alignment, PODCAST)
    assert [cue.speaker for cue in cues] == ["A", "B", "C"]
    assert_cue_invariants(cues, alignment, PODCAST)


def test_segmenting_is_deterministic():
    alignment = timed([("Ann Lee", LONG_TEXT), ("Bob", LONG_TEXT)])
    assert segment(alignment, PODCAST) == segment(alignment, PODCAST)
