"""Stage ``write``: cues/alignment → WebVTT, SRT, Podcasting 2.0 JSON and word JSON text.

Outputs are read back with webvtt-py (its WebVTT and SRT parsers) and ``json``; a hypothesis
property checks that every word survives, exactly once and in order, in every format.
"""

from __future__ import annotations

import html
import io
import json
import re

import pytest
import webvtt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from captionkit import formats
from captionkit.errors import UsageError
from captionkit.formats import html as html_writer
from captionkit.formats import podcast_json, srt, vtt, words_json
from captionkit.model import Alignment, Cue, Transcript, Turn, Word, split_words
from captionkit.profiles import PROFILES, get_profile
from captionkit.segment import segment

try:  # tests/ may or may not be a package
    from .test_segment import assert_cue_invariants
except ImportError:
    from test_segment import assert_cue_invariants

PODCAST = get_profile("podcast")
VOICE = re.compile(r"^<v ([^>]*)>")


def alignment_of(turns: list[tuple[str, list[str]]], times=None) -> Alignment:
    """Words of these ``(speaker, words)`` turns, 400 ms each with 100 ms gaps (or ``times``)."""
    words, t = [], 0
    for index, (speaker, texts) in enumerate(turns):
        for text in texts:
            start, end = next(times) if times else (t, t + 400)
            words.append(Word(text, speaker, start, end, turn=index, confidence=0.87654))
            t = end + 100
    transcript = Transcript(turns=[Turn(s, " ".join(texts)) for s, texts in turns])
    return Alignment(words=words, transcript=transcript, duration=t + 5000)


def captions_and_alignment(turns):
    alignment = alignment_of(turns)
    return segment(alignment, PODCAST), alignment


def read_vtt(text: str) -> list[webvtt.Caption]:
    return list(webvtt.from_buffer(io.StringIO(text)).captions)


def read_srt(text: str, tmp_path) -> list[webvtt.Caption]:
    path = tmp_path / "captions.srt"
    path.write_bytes(text.encode("utf-8"))
    return list(webvtt.from_srt(str(path)).captions)


def vtt_words(caption: webvtt.Caption) -> tuple[str | None, list[str]]:
    """(speaker, words) of a WebVTT cue: voice span stripped, entities decoded."""
    raw = caption.raw_text
    match = VOICE.match(raw)
    speaker = html.unescape(match.group(1)) if match else None
    body = raw[match.end() :] if match else raw
    assert "<" not in body  # nothing in the text can open a tag
    return speaker, [html.unescape(w) for w in split_words(body)]


def dash_vtt_words(caption: webvtt.Caption, cue) -> list[str]:
    """Words of a two-speaker WebVTT cue: each line its voice span and a "-"."""
    found = []
    for line, speaker in zip(caption.raw_text.split("\n"), cue.line_speakers, strict=True):
        match = VOICE.match(line)
        assert match and html.unescape(match.group(1)) == shown_voice(speaker)
        assert line[match.end() :].startswith("-")
        found += [html.unescape(w) for w in split_words(line[match.end() + 1 :])]
    return found


def srt_words(caption: webvtt.Caption, speaker: str | None) -> list[str]:
    """Words of an SRT cue, with the ``Name: `` label stripped when one is expected."""
    return srt_line_words(caption.raw_text, speaker)


def srt_line_words(raw: str, speaker: str | None) -> list[str]:
    """Words of SRT text, with the ``Name: `` label stripped when one is expected."""
    if speaker is not None:
        prefix = srt.neutralise(speaker) + ": "
        assert raw.startswith(prefix)
        raw = raw[len(prefix) :]
    return split_words(raw)


VTT_TIMING = re.compile(r"\d\d+:\d\d:\d\d\.\d{3} --> \d\d+:\d\d:\d\d\.\d{3}")
SRT_TIMING = re.compile(r"\d\d+:\d\d:\d\d,\d{3} --> \d\d+:\d\d:\d\d,\d{3}")


def assert_only_timing_lines_hold_arrows(text: str, n_cues: int, timing: re.Pattern) -> None:
    """No cue text or name can be taken for a timing line: "-->" only in the n timing lines."""
    arrows = [line for line in text.split("\n") if "-->" in line]
    assert len(arrows) == n_cues
    assert all(timing.fullmatch(line) for line in arrows)
    assert "\n\n\n" not in text and "\r" not in text


def ms(timestamp: webvtt.models.Timestamp) -> int:
    return timestamp.in_milliseconds()


# --- WebVTT -----------------------------------------------------------------------------------


def test_vtt_reads_back_with_the_same_cues(tmp_path):
    cues, alignment = captions_and_alignment(
        [("Ann Lee", split_words("Hello there, and welcome to the show.")), ("Bob", ["Thanks!"])]
    )
    text = vtt.render(cues, alignment)
    assert text.startswith("WEBVTT\n\n") and text.endswith("\n")
    path = tmp_path / "captions.vtt"
    path.write_text(text, encoding="utf-8")
    captions = list(webvtt.read(str(path)).captions)
    assert len(captions) == len(cues)
    for caption, cue in zip(captions, cues, strict=True):
        assert (ms(caption.start_time), ms(caption.end_time)) == (cue.start, cue.end)
        assert caption.voice == cue.speaker
        assert caption.text == cue.text  # line breaks kept, voice tag stripped
        assert caption.raw_text == f"<v {cue.speaker}>{cue.text}"


def test_vtt_timestamps_are_hh_mm_ss_mmm():
    cue = Cue(start=3_723_004, end=3_724_500, speaker="A", lines=("x",))
    text = vtt.render([cue], alignment_of([]))
    assert "01:02:03.004 --> 01:02:04.500" in text


def test_vtt_escapes_script_ampersand_and_arrow():
    words = ["<script>alert(1)</script>", "Tom", "&", "Jerry", "-->", "a-->b", "&amp;", "<v", "x>"]
    cues, alignment = captions_and_alignment([("Ann", words)])
    text = vtt.render(cues, alignment)
    body = text.split("\n", 1)[1]
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert " &amp; " in text.replace("\n", " ") and "&amp;amp;" in text
    assert "-->" not in "".join(line for line in body.splitlines() if " --> " not in line)
    assert body.count("-->") == len(cues)  # only the timing lines
    captions = read_vtt(text)
    assert len(captions) == len(cues)
    assert [w for c in captions for w in vtt_words(c)[1]] == words


def test_vtt_escapes_the_voice_annotation():
    cues, alignment = captions_and_alignment([("Dr. <Evil> & Sons", ["Hi."])])
    text = vtt.render(cues, alignment)
    assert "<v Dr. &lt;Evil&gt; &amp; Sons>Hi." in text
    (caption,) = read_vtt(text)
    assert html.unescape(caption.voice) == "Dr. <Evil> & Sons"
    assert vtt_words(caption) == ("Dr. <Evil> & Sons", ["Hi."])


def test_vtt_speaker_whitespace_is_collapsed_and_an_empty_speaker_has_no_voice():
    cues = [Cue(0, 900, "Ann\n  Lee", ("Hi.",)), Cue(1000, 1900, "", ("Yo.",))]
    text = vtt.render(cues, alignment_of([]))
    assert "<v Ann Lee>Hi." in text and "\nYo.\n" in text


# --- SRT --------------------------------------------------------------------------------------


def test_srt_reads_back_with_the_same_cues(tmp_path):
    turns = [
        (
            "Ann Lee",
            split_words("Hello there, and welcome to the show. Today we talk about captions."),
        ),
        ("Bob", ["Thanks!"]),
        ("Ann Lee", ["Sure."]),
    ]
    cues, alignment = captions_and_alignment(turns)
    text = srt.render(cues, alignment)
    assert text.startswith("1\n00:00:00,000 --> ") and text.endswith("\n")
    assert not text.endswith("\n\n")
    captions = read_srt(text, tmp_path)
    assert len(captions) == len(cues)
    previous = None
    for caption, cue in zip(captions, cues, strict=True):
        assert (ms(caption.start_time), ms(caption.end_time)) == (cue.start, cue.end)
        label = cue.speaker if cue.speaker != previous else None
        assert srt_words(caption, label) == split_words(cue.text)
        previous = cue.speaker
    numbers = re.findall(r"^(\d+)\n\d\d:", text, flags=re.MULTILINE)
    assert numbers == [str(n) for n in range(1, len(cues) + 1)]


def test_srt_labels_the_first_cue_of_each_turn_only():
    cues = [
        Cue(0, 900, "Ann", ("One.",)),
        Cue(1000, 1900, "Ann", ("Two.",)),
        Cue(2000, 2900, "Bob", ("Three.",)),
        Cue(3000, 3900, "Ann", ("Four", "lines.")),
    ]
    text = srt.render(cues, alignment_of([]))
    assert text == (
        "1\n00:00:00,000 --> 00:00:00,900\nAnn: One.\n\n"
        "2\n00:00:01,000 --> 00:00:01,900\nTwo.\n\n"
        "3\n00:00:02,000 --> 00:00:02,900\nBob: Three.\n\n"
        "4\n00:00:03,000 --> 00:00:03,900\nAnn: Four\nlines.\n"
    )


def test_srt_neutralises_the_arrow_but_keeps_other_text(tmp_path):
    words = ["1", "-->", "2", "a--->b", "<i>x</i>", "&", "Zoë"]
    cues, alignment = captions_and_alignment([("Host --> Guest", words)])
    text = srt.render(cues, alignment)
    assert_only_timing_lines_hold_arrows(text, len(cues), SRT_TIMING)
    assert "Host –> Guest: " in text and " –> " in text and "a-–>b" in text
    assert "<i>x</i>" in text and " & " in text and "Zoë" in text
    (caption,) = read_srt(text, tmp_path)
    assert srt_words(caption, "Host --> Guest") == [srt.neutralise(w) for w in words]


def test_srt_and_vtt_of_no_cues():
    empty = alignment_of([])
    assert srt.render([], empty) == ""
    assert vtt.render([], empty) == "WEBVTT\n"


# --- JSON -------------------------------------------------------------------------------------


def test_podcast_json_has_one_segment_per_cue():
    cues, alignment = captions_and_alignment(
        [("Zoë", split_words("Ça va? Oui, très bien — merci.")), ("Bob", ["Good."])]
    )
    text = podcast_json.render(cues, alignment)
    assert text.endswith("}\n") and "Zoë" in text and "\\u" not in text
    document = json.loads(text)
    assert document["version"] == "1.0.0"
    assert document["segments"] == [
        {
            "speaker": cue.speaker,
            "startTime": round(cue.start / 1000, 3),
            "endTime": round(cue.end / 1000, 3),
            "body": " ".join(split_words(cue.text)),
        }
        for cue in cues
    ]
    assert "\n" not in "".join(s["body"] for s in document["segments"])
    assert text.startswith('{\n  "version": "1.0.0",\n  "segments": [\n    {\n      "speaker"')


def test_words_json_keeps_every_word_as_written():
    alignment = alignment_of([("Ann", ["-->", "<b>", "Zoë's"]), ("Bob", ["ok."])])
    text = words_json.render([], alignment)
    assert text.endswith("}\n") and "Zoë's" in text
    assert json.loads(text) == {
        "words": [
            {"text": "-->", "start": 0.0, "end": 0.4, "speaker": "Ann", "confidence": 0.877,
             "aligned": True},
            {"text": "<b>", "start": 0.5, "end": 0.9, "speaker": "Ann", "confidence": 0.877,
             "aligned": True},
            {"text": "Zoë's", "start": 1.0, "end": 1.4, "speaker": "Ann", "confidence": 0.877,
             "aligned": True},
            {"text": "ok.", "start": 1.5, "end": 1.9, "speaker": "Bob", "confidence": 0.877,
             "aligned": True},
        ]
    }  # fmt: skip


def test_words_json_writes_a_missing_confidence_as_null():
    alignment = Alignment([Word("x", "A", 0, 5, confidence=float("nan"), aligned=False)],
                          Transcript(turns=[]), 10)  # fmt: skip
    (word,) = json.loads(words_json.render([], alignment))["words"]
    assert word["confidence"] is None and word["aligned"] is False


# --- registry ---------------------------------------------------------------------------------


def test_registry_and_extensions():
    expected = {
        "vtt": vtt, "srt": srt, "json": podcast_json, "words": words_json, "html": html_writer
    }
    assert expected == formats.WRITERS
    assert {name: w.EXTENSION for name, w in formats.WRITERS.items()} == {
        "vtt": ".vtt",
        "srt": ".srt",
        "json": ".json",
        "words": ".words.json",
        "html": ".html",
    }
    cues, alignment = captions_and_alignment([("Ann", ["Hi."])])
    for name, writer in formats.WRITERS.items():
        assert formats.render(name, cues, alignment) == writer.render(cues, alignment)


def test_unknown_format_is_a_usage_error_naming_the_valid_ones():
    with pytest.raises(UsageError) as info:
        formats.render("docx", [], alignment_of([]))
    assert "docx" in str(info.value)
    for name in formats.WRITERS:
        assert name in str(info.value)


def test_output_is_deterministic():
    turns = [("Ann", split_words("One two three, four five six. Seven!")), ("Bob", ["Eight."])]
    first = {n: formats.render(n, *captions_and_alignment(turns)) for n in formats.WRITERS}
    second = {n: formats.render(n, *captions_and_alignment(turns)) for n in formats.WRITERS}
    assert first == second


# --- every word, once, in order, in every format ----------------------------------------------

NAME_CHARS = st.characters(
    codec="utf-8", categories=("L", "N", "P", "S"), exclude_characters="\x85\u2028\u2029"
)
SPEAKERS = st.one_of(
    st.sampled_from(["Ann Lee", "Zoë O'Brien", "D’Arcy", "李小龙", "<Host>", "A & B", "x->y"]),
    st.text(NAME_CHARS, min_size=1, max_size=12).map(lambda s: s.strip()).filter(bool),
)
WORD_CHARS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp"))
WORDS = st.one_of(
    st.sampled_from(
        ["the", "a", "and", "of", "book", "Hello,", "end.", "Why?", "—", "&", "&amp;", "<", ">",
         "<script>", "<v", "-->", "a-->b", "1,000", "42", "don't", "’tis", "naïve", "Zoë.", "…"]
    ),
    st.text(WORD_CHARS, min_size=1, max_size=15),
    st.text(WORD_CHARS, min_size=43, max_size=90),  # longer than any line
).filter(lambda w: split_words(w) == [w])  # fmt: skip
TURNS = st.lists(
    st.tuples(SPEAKERS, st.lists(WORDS, min_size=1, max_size=60)), min_size=1, max_size=5
)


@st.composite
def alignments(draw) -> Alignment:
    turns = draw(TURNS)
    n_words = sum(len(texts) for _, texts in turns)
    times, t = [], draw(st.integers(0, 5000))
    for _ in range(n_words):
        t += draw(st.sampled_from([0, 10, 40, 80, 150, 300, 700, 1500, 4000]))
        length = draw(st.integers(0, 1200))
        times.append((t, t + length))
        t += length
    return alignment_of(turns, iter(times))


def shown_voice(speaker: str) -> str:
    """The voice name as written: a trailing "--" would close the tag as "-->"."""
    name = " ".join(speaker.split())
    return name[:-1] + "\u2010" if name.endswith("--") else name


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alignment=alignments(), profile=st.sampled_from(sorted(PROFILES)))
def test_every_word_once_and_in_order_in_every_format(alignment, profile, tmp_path_factory):
    prof = get_profile(profile)
    words = [w.text for w in alignment.words]
    cues = segment(alignment, prof)
    assert_cue_invariants(cues, alignment, prof)

    text = vtt.render(cues, alignment)
    assert_only_timing_lines_hold_arrows(text, len(cues), VTT_TIMING)
    captions = read_vtt(text)
    assert len(captions) == len(cues)
    seen = []
    for caption, cue in zip(captions, cues, strict=True):
        if cue.second_speaker is not None:  # a dash cue: "<v A>-line" / "<v B>-line"
            seen += dash_vtt_words(caption, cue)
            continue
        speaker, cue_words = vtt_words(caption)
        assert speaker == shown_voice(cue.speaker)
        assert (ms(caption.start_time), ms(caption.end_time)) == (cue.start, cue.end)
        seen += cue_words
    assert seen == words

    text = srt.render(cues, alignment)
    assert_only_timing_lines_hold_arrows(text, len(cues), SRT_TIMING)
    captions = read_srt(text, tmp_path_factory.mktemp("srt"))
    assert len(captions) == len(cues)
    seen, previous = [], None
    for caption, cue in zip(captions, cues, strict=True):
        if cue.second_speaker is not None:  # a dash cue: "-[A: ]line" / "-B: line"
            lines = caption.raw_text.split("\n")
            for line, speaker in zip(lines, cue.line_speakers, strict=True):
                assert line.startswith("-")
                seen += srt_line_words(line[1:], speaker if speaker != previous else None)
                previous = speaker
            continue
        seen += srt_words(caption, cue.speaker if cue.speaker != previous else None)
        assert (ms(caption.start_time), ms(caption.end_time)) == (cue.start, cue.end)
        previous = cue.speaker
    assert seen == [w.replace("-->", "\u2013>") for w in words]

    segments = json.loads(podcast_json.render(cues, alignment))["segments"]
    speakers = [s for cue in cues for s in dict.fromkeys(cue.line_speakers)]
    assert [s["speaker"] for s in segments] == speakers
    assert [w for s in segments for w in s["body"].split(" ")] == words

    listed = json.loads(words_json.render(cues, alignment))["words"]
    assert [w["text"] for w in listed] == words
    assert [w["speaker"] for w in listed] == [w.speaker for w in alignment.words]
