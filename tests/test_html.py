"""The HTML transcript as markup: structure, every word once, escaping, CSP, and the CLI options.

The page is parsed with the standard library's HTML parser into a small tree, so these run
without a browser; tests/test_html_browser.py checks the same page in real Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from captionkit import formats
from captionkit.errors import UsageError
from captionkit.formats.context import OutputContext
from captionkit.model import Alignment, Transcript, Turn, Word, split_words
from captionkit.profiles import get_profile
from captionkit.segment import segment
from captionkit.transcript import read_transcript

from .browser.pages import INJECTIONS, injection_transcript, synthetic_alignment
from .conftest import EPISODE_AUDIO, EPISODE_TEXT

VOID = {"meta", "link", "br", "hr", "img", "input", "source", "track", "wbr", "area", "col"}


@dataclass
class Node:
    """An element of the parsed page: tag, attributes, children (nodes and text) in order."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in (n.attrs.get("class") or "").split())
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]

    def by_id(self, ident: str) -> Node:
        return next(n for n in self.iter() if n.attrs.get("id") == ident)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]


class TreeBuilder(HTMLParser):
    """Builds :class:`Node` trees; text arrives unescaped (``convert_charrefs``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def episode() -> Alignment:
    transcript = Transcript(
        turns=[
            Turn("Ann Lee", "Hello and welcome. [music fades]", 0),
            Turn("Bob Stone", "Thanks, Ann. Glad to be here.", 3000),
            Turn("Ann Lee", "Let's begin.", 6000),
        ],
        title="Episode 1 – Starting out",
        description="Ann talks with Bob.",
    )
    return synthetic_alignment(transcript)


def page_of(alignment: Alignment, context: OutputContext | None = None) -> str:
    cues = segment(alignment, get_profile("podcast"))
    return formats.render("html", cues, alignment, context=context)


CONTEXT = OutputContext.for_run("media/ep.mp3", "site", ["vtt", "srt", "json", "html"])


def words_on_page(doc: Node) -> list[str]:
    return [w for text in doc.find_all("span", "text") for w in split_words(text.text)]


def test_page_structure_follows_the_caption_rules():
    doc = parse(page_of(episode(), CONTEXT))
    root = doc.find("html")
    assert root.attrs["lang"] == "en"
    body = doc.find("body")
    skip = body.elements[0]
    assert (skip.tag, skip.attrs["href"], skip.text) == ("a", "#transcript", "Skip to transcript")
    article = body.find("main").elements[0]
    assert article.tag == "article"
    assert article.find("h1").text == "Episode 1 – Starting out"
    assert doc.find("title").text == "Episode 1 – Starting out – transcript"
    assert article.find("p", "description").text == "Ann talks with Bob."

    player = doc.by_id("player")
    assert (player.tag, player.attrs["src"]) == ("audio", "../media/ep.mp3")
    assert "controls" in player.attrs
    track = player.find("track")
    assert (track.attrs["kind"], track.attrs["src"], track.attrs["srclang"]) == (
        "captions", "ep.vtt", "en"
    )
    downloads = player.parent.elements[player.parent.elements.index(player) + 1]
    hrefs = [a.attrs["href"] for a in downloads.find_all("a")]
    assert hrefs == ["ep.vtt", "ep.srt", "ep.json"]

    section = doc.by_id("transcript")
    assert (section.tag, section.attrs["lang"]) == ("section", "en")
    assert section.find("h2").text == "Transcript"
    speakers = section.find("ul", "speakers").find_all("li")
    assert [li.text for li in speakers] == ["Ann Lee", "Bob Stone"]

    turns = section.find_all("p", "turn")
    assert [t.find("strong", "speaker").text for t in turns] == ["Ann Lee", "Bob Stone", "Ann Lee"]
    assert [t.find("time").attrs["datetime"] for t in turns] == ["PT0S", "PT3S", "PT6S"]
    assert [t.find("time").text for t in turns] == ["0:00", "0:03", "0:06"]
    assert [t.attrs["data-start"] for t in turns] == ["0.000", "3.000", "6.000"]
    assert turns[0].find("span", "sound").text == "[music fades]"

    end = section.find("p", "end")
    assert end.text.startswith("End of transcript.")
    assert end.find("a").attrs["href"] == "#player"
    # The enhancement tools are hidden until the script shows them (they need JavaScript).
    assert "hidden" in doc.by_id("tools").attrs
    assert not doc.find_all("button")


def test_video_input_uses_a_video_element():
    context = OutputContext.for_run("talk.mp4", ".", ["vtt", "html"])
    player = parse(page_of(episode(), context)).by_id("player")
    assert (player.tag, player.attrs["src"]) == ("video", "talk.mp4")
    assert player.find("track").attrs["src"] == "talk.vtt"


def test_only_files_written_in_the_same_run_are_linked():
    context = OutputContext.for_run("ep.mp3", ".", ["html"])
    doc = parse(page_of(episode(), context))
    assert not doc.find_all("track")
    assert not doc.find_all("p", "downloads")
    assert doc.by_id("player").attrs["src"] == "ep.mp3"


def test_without_media_there_is_no_player_and_no_dangling_link():
    doc = parse(page_of(episode()))
    assert not doc.find_all("audio") and not doc.find_all("video")
    assert not [a for a in doc.find_all("a") if a.attrs["href"] == "#player"]
    assert words_on_page(doc) == episode().transcript.words


def test_language_comes_from_the_option_then_the_transcript_then_english():
    alignment = episode()
    alignment.transcript.language = "fr"
    assert parse(page_of(alignment, CONTEXT)).find("html").attrs["lang"] == "fr"
    chosen = OutputContext.for_run("ep.mp3", ".", ["vtt", "html"], language="en-GB")
    doc = parse(page_of(alignment, chosen))
    assert doc.find("html").attrs["lang"] == "en-GB"
    assert doc.by_id("transcript").attrs["lang"] == "en-GB"
    assert doc.find("track").attrs["srclang"] == "en-GB"


def test_media_url_is_used_and_its_origin_allowed_by_the_csp():
    context = OutputContext.for_run(
        "ep.mp3", ".", ["html"], media_url="https://cdn.example.org:8443/shows/ep 1.mp3"
    )
    doc = parse(page_of(episode(), context))
    assert doc.by_id("player").attrs["src"] == "https://cdn.example.org:8443/shows/ep%201.mp3"
    policy = next(m.attrs["content"] for m in doc.find_all("meta")
                  if m.attrs.get("http-equiv") == "Content-Security-Policy")
    assert "media-src 'self' https://cdn.example.org:8443;" in policy


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:audio/mp3;base64,AAAA", "//cdn.example.org/ep.mp3",
     "https://x.org/a\"onerror=b", "ftp://x.org/ep.mp3", "https://bad host/ep.mp3"],
)
def test_unsafe_media_urls_are_refused(url):
    with pytest.raises(UsageError, match="--media-url"):
        OutputContext.for_run("ep.mp3", ".", ["html"], media_url=url)


def test_csp_allows_exactly_the_inline_script_and_style():
    doc = parse(page_of(episode(), CONTEXT))
    policy = next(m.attrs["content"] for m in doc.find_all("meta")
                  if m.attrs.get("http-equiv") == "Content-Security-Policy")
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    scripts, styles = doc.find_all("script"), doc.find_all("style")
    assert len(scripts) == 1 and len(styles) == 1

    def source(node: Node) -> str:
        digest = hashlib.sha256(node.text.encode("utf-8")).digest()
        return f"'sha256-{base64.b64encode(digest).decode()}'"

    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == source(scripts[0])
    assert directives["style-src"] == source(styles[0])
    assert directives["media-src"] == "'self'"
    assert "unsafe" not in policy
    # Nothing inline that a hash does not cover: no handler or style attributes anywhere.
    for node in doc.iter():
        assert not [a for a in node.attrs if a.startswith("on") or a == "style"], node.tag
    # No external reference: every URL on the page is relative to it.
    urls = [n.attrs.get(a) for n in doc.iter() for a in ("src", "href") if n.attrs.get(a)]
    assert urls and all("//" not in u and ":" not in u for u in urls), urls


def test_injected_markup_and_script_stay_text():
    transcript = injection_transcript()
    alignment = synthetic_alignment(transcript)
    page = page_of(alignment, OutputContext.for_run("attack <x>.wav", ".", ["vtt", "html"]))
    doc = parse(page)
    assert len(doc.find_all("script")) == 1  # only the page's own
    assert not doc.find_all("img") and not doc.find_all("svg") and not doc.find_all("b")
    assert doc.find("h1").text == transcript.title
    assert doc.find("p", "description").text == transcript.description
    names = [s.text for s in doc.find_all("strong", "speaker")]
    assert names == [" ".join(t.speaker.split()) for t in transcript.turns]
    assert words_on_page(doc) == transcript.words
    assert doc.by_id("player").attrs["src"] == "attack%20%3Cx%3E.wav"
    for attack in INJECTIONS:
        if any(c in attack for c in "<>&\""):
            assert attack not in page  # markup characters are always escaped…
        assert attack in doc.find("body").text  # …and every attack is shown literally as text
    links = [n.attrs.get(a) or "" for n in doc.iter() for a in ("href", "src")]
    assert not [u for u in links if "javascript" in u.lower()]


WORD = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1,
    max_size=12,
).filter(lambda w: w.split() == [w])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Ann", "Bob <b>", "Zoë & co"]),
                          st.lists(WORD, min_size=1, max_size=25)), min_size=1, max_size=6))
def test_every_word_appears_once_in_order(turns):
    transcript = Transcript(turns=[Turn(s, " ".join(ws)) for s, ws in turns])
    alignment = synthetic_alignment(transcript)
    doc = parse(page_of(alignment, CONTEXT))
    assert words_on_page(doc) == transcript.words
    segments = doc.find_all("span", "seg")
    starts = [float(s.attrs["data-start"]) for s in segments]
    assert starts == sorted(starts)


def test_hour_long_episodes_show_hours():
    words = [Word("Early", "Ann", 5_000, 5_400, 0), Word("late.", "Ann", 3_725_000, 3_725_400, 1)]
    transcript = Transcript(turns=[Turn("Ann", "Early", 5000), Turn("Ann", "late.", 3_725_000)])
    doc = parse(page_of(Alignment(words, transcript, 3_726_000), CONTEXT))
    times = [(t.attrs["datetime"], t.text) for t in doc.find_all("time")]
    assert times == [("PT5S", "0:00:05"), ("PT1H2M5S", "1:02:05")]


def test_rendering_is_deterministic_and_other_writers_ignore_the_context():
    alignment = episode()
    assert page_of(alignment, CONTEXT) == page_of(alignment, CONTEXT)
    cues = segment(alignment, get_profile("podcast"))
    for name in ("vtt", "srt", "json", "words"):
        assert formats.render(name, cues, alignment, context=CONTEXT) == formats.render(
            name, cues, alignment
        )


def captionkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "captionkit", *args], capture_output=True, text=True, cwd=cwd,
        env={**os.environ, "CI": "1"}, timeout=600,
    )


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [("--media-url", "javascript:alert(1)", "--media-url must be http(s)"),
     ("--language", "not a tag", "--language must be a BCP 47 tag")],
)
def test_bad_page_options_exit_2_with_one_line_and_no_output(tmp_path, option, value, message):
    out = tmp_path / "out"
    proc = captionkit("align", str(EPISODE_AUDIO), str(EPISODE_TEXT), "-o", str(out),
                      option, value, cwd=tmp_path)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and message in proc.stderr
    assert not out.exists()


def test_cli_writes_the_page_with_media_url_and_language(tmp_path):
    url = "https://media.example.org/field-notes/episode.wav"
    proc = captionkit("align", str(EPISODE_AUDIO), str(EPISODE_TEXT), "-o", "out",
                      "--formats", "vtt,html", "--media-url", url, "--language", "en-IE",
                      cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["episode.html", "episode.vtt"]
    page = (tmp_path / "out" / "episode.html").read_text(encoding="utf-8")
    doc = parse(page)
    assert doc.find("html").attrs["lang"] == "en-IE"
    assert doc.by_id("player").attrs["src"] == url
    assert doc.find("track").attrs["src"] == "episode.vtt"
    assert "media-src 'self' https://media.example.org" in html.unescape(page)
    assert words_on_page(doc) == read_transcript(EPISODE_TEXT).words
