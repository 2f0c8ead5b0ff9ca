"""Nothing lost, proven over generated transcripts: the HTML page and re-read captions.

``test_formats.py`` proves every word survives once, in order, in VTT, SRT, JSON and the words
file. This adds the HTML transcript page (read back with an HTML parser), the VTT and SRT
re-read to the same cues as each other, and our own captions reader taking our VTT and SRT
back to the very same words: what a user re-timing last week's captions does.
"""

from __future__ import annotations

import io
from html.parser import HTMLParser

import webvtt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from captionkit import formats
from captionkit.model import split_words
from captionkit.profiles import PROFILES, get_profile
from captionkit.segment import segment
from captionkit.transcript import parse_transcript

from .test_formats import alignments


class _TurnText(HTMLParser):
    """(speaker, words) of each ``<p class="turn">`` of the transcript page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.turns: list[tuple[str | None, list[str]]] = []
        self._in: str | None = None  # "speaker" or "text" while inside one
        self._depth = 0
        self._speaker: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "p" and "turn" in classes:
            self._speaker, self._text = [], []
        elif self._in is None and tag == "strong" and "speaker" in classes:
            self._in, self._depth = "speaker", 0
        elif self._in is None and tag == "span" and "text" in classes:
            self._in, self._depth = "text", 0
        elif self._in:
            self._depth += 1

    def handle_endtag(self, tag):
        if self._in and self._depth:
            self._depth -= 1
        elif self._in == "text":
            self._in = None
            speaker = "".join(self._speaker) or None
            self.turns.append((speaker, split_words("".join(self._text))))
        elif self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "speaker":
            self._speaker.append(data)
        elif self._in == "text":
            self._text.append(data)


def page_words(page: str) -> list[tuple[str | None, list[str]]]:
    parser = _TurnText()
    parser.feed(page)
    parser.close()
    return parser.turns


def cue_tuples(captions) -> list[tuple[int, int, list[str]]]:
    return [(c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), c.raw_text)
            for c in captions]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alignment=alignments(), profile=st.sampled_from(sorted(PROFILES)))
def test_html_page_holds_every_word_once_in_order(alignment, profile):
    cues = segment(alignment, get_profile(profile))
    page = formats.render("html", cues, alignment, context=formats.OutputContext())
    turns = page_words(page)
    assert [w for _, ws in turns for w in ws] == [w.text for w in alignment.words]
    # Each turn under its own speaker, as written (markup and entities only escape it).
    by_turn: dict[int, str] = {w.turn: w.speaker for w in alignment.words}
    assert [s for s, _ in turns] == [" ".join(by_turn[i].split()) or None for i in sorted(by_turn)]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alignment=alignments(), profile=st.sampled_from(sorted(PROFILES)))
def test_vtt_and_srt_reread_to_the_same_cues_and_words(alignment, profile, tmp_path_factory):
    cues = segment(alignment, get_profile(profile))
    words = [w.text for w in alignment.words]
    vtt_text = formats.render("vtt", cues, alignment)
    srt_text = formats.render("srt", cues, alignment)

    vtt = webvtt.from_buffer(io.StringIO(vtt_text)).captions
    srt_path = tmp_path_factory.mktemp("srt") / "c.srt"
    srt_path.write_bytes(srt_text.encode("utf-8"))
    srt = webvtt.from_srt(str(srt_path)).captions
    assert [t[:2] for t in cue_tuples(vtt)] == [t[:2] for t in cue_tuples(srt)]
    assert [t[:2] for t in cue_tuples(vtt)] == [(c.start, c.end) for c in cues]
    # Writing what was read gives the same file again: nothing was lost or reinterpreted.
    assert webvtt.from_buffer(io.StringIO(vtt_text)).content.strip() == vtt_text.strip()

    # Our own captions reader (for re-timing) takes our VTT back to exactly these words.
    again = parse_transcript(vtt_text, source="out.vtt", input_format="captions")
    assert again.words == words
