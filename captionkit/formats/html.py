"""Accessible HTML transcript: one self-contained page rendered from a Jinja2 template.

The page follows "Accessible HTML transcript" in CAPTION-RULES.md: ``<main>`` › ``<article>`` ›
``<h1>``, the player with its caption ``<track>`` and download links, a skip link, a speaker
list, each turn a paragraph with the speaker in ``<strong>`` and a ``<time datetime="PT…">``
start, and "End of transcript" with a link back to the player. Without JavaScript it is
complete; its inline script adds seek buttons, the highlighted current segment
(``aria-current``), auto-scroll, search and keyboard shortcuts.

Everything from the transcript goes through Jinja2's autoescaping; the CSS and JS are static
files inserted verbatim, and the Content-Security-Policy allows exactly those two by their
SHA-256 hashes, so even a missed escape could not run a script.

Segments (what ``aria-current`` marks) are the caption cues, cut at turn boundaries: each word
lands in exactly one segment, so every transcript word is on the page once, in order.

>>> from captionkit.model import Alignment, Transcript, Turn, Word
>>> words = [Word("Hi", "Ann <b>", 1000, 1400), Word("[laughs]", "Ann <b>", 1500, 2000)]
>>> page = render([], Alignment(words, Transcript([Turn("Ann <b>", "Hi [laughs]")]), 3000))
>>> '<strong class="speaker">Ann &lt;b&gt;</strong>' in page
True
>>> '<time datetime="PT1S">0:01</time>' in page
True
>>> '<span class="sound">[laughs]</span>' in page
True
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..model import Alignment, Cue, Word
from ..sounds import sound_end
from .context import OutputContext

EXTENSION = ".html"
USES_CONTEXT = True
"""Tells :func:`captionkit.formats.render` to pass the run's :class:`OutputContext`."""

DEFAULT_LANGUAGE = "en"

# Download links after the player, in this order: (format, link text, MIME type).
LINKS = (
    ("vtt", "captions (WebVTT)", "text/vtt"),
    ("srt", "subtitles (SRT)", "application/x-subrip"),
    ("json", "transcript (Podcasting 2.0 JSON)", "application/json"),
)


@dataclass(frozen=True)
class Piece:
    """A run of words inside a segment; ``sound`` marks a bracketed sound such as ``[laughs]``."""

    text: str
    sound: bool = False


@dataclass(frozen=True)
class Segment:
    """Words heard together (one cue, or the part of a cue inside one turn)."""

    start: str
    end: str
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class TurnView:
    """One speaker turn as the template shows it."""

    id: str
    speaker: str
    start: str
    """Seconds, for ``data-start`` (the seek target)."""
    datetime: str
    """ISO 8601 duration for ``<time datetime>``."""
    label: str
    """The visible time, ``M:SS`` or ``H:MM:SS``."""
    segments: tuple[Segment, ...]


def seconds(ms: int) -> str:
    """Milliseconds as seconds for a data attribute.

    >>> seconds(61_005)
    '61.005'
    """
    return f"{max(ms, 0) / 1000:.3f}"


def iso_duration(ms: int) -> str:
    """The whole seconds of ``ms`` as an HTML duration string.

    >>> iso_duration(0), iso_duration(102_900), iso_duration(3_723_000)
    ('PT0S', 'PT1M42S', 'PT1H2M3S')
    """
    minutes, secs = divmod(max(ms, 0) // 1000, 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else "", f"{secs}S"]
    if (hours or minutes) and not secs:
        parts[2] = ""
    return "PT" + "".join(parts)


def clock(ms: int, long: bool = False) -> str:
    """``M:SS``, or ``H:MM:SS`` when ``long`` (the episode lasts an hour or more).

    >>> clock(102_900), clock(102_900, long=True)
    ('1:42', '0:01:42')
    """
    minutes, secs = divmod(max(ms, 0) // 1000, 60)
    if long:
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def pieces(words: list[str]) -> tuple[Piece, ...]:
    """Group words into plain text and sound descriptions (``[music]``, ``[door slams]``,
    ``<cough>``: :mod:`captionkit.sounds`).

    >>> [(p.text, p.sound) for p in pieces("Well [both laugh] yes".split())]
    [('Well', False), ('[both laugh]', True), ('yes', False)]
    >>> [(p.text, p.sound) for p in pieces(["[unclosed", "bracket"])]
    [('[unclosed bracket', False)]
    """
    out: list[Piece] = []
    plain: list[str] = []
    i = 0
    while i < len(words):
        end = sound_end(words, i)
        if end is None:
            plain.append(words[i])
            i += 1
            continue
        if plain:
            out.append(Piece(" ".join(plain)))
            plain = []
        out.append(Piece(" ".join(words[i : end + 1]), sound=True))
        i = end + 1
    if plain:
        out.append(Piece(" ".join(plain)))
    return tuple(out)


def _cue_of_word(cues: list[Cue], count: int) -> list[int]:
    """For each word index, the cue holding it (-1 where cues do not cover the words)."""
    owner = [-1] * count
    for index, cue in enumerate(cues):
        for w in range(cue.first_word, min(count, cue.first_word + cue.word_count)):
            owner[w] = index
    return owner


def _turns(alignment: Alignment, cues: list[Cue]) -> list[TurnView]:
    words = alignment.words
    owner = _cue_of_word(cues, len(words))
    long = max(alignment.duration, words[-1].end if words else 0) >= 3_600_000
    indexed = list(enumerate(words))
    views = []
    for number, (_, group) in enumerate(itertools.groupby(indexed, key=lambda iw: iw[1].turn)):
        members = list(group)
        first: Word = members[0][1]
        segments = []
        for _, seg in itertools.groupby(members, key=lambda iw: owner[iw[0]]):
            seg_words = [w for _, w in seg]
            segments.append(
                Segment(
                    start=seconds(seg_words[0].start),
                    end=seconds(max(w.end for w in seg_words)),
                    pieces=pieces([w.text for w in seg_words]),
                )
            )
        views.append(
            TurnView(
                id=f"turn-{number + 1}",
                speaker=" ".join(first.speaker.split()),
                start=seconds(first.start),
                datetime=iso_duration(first.start),
                label=clock(first.start, long),
                segments=tuple(segments),
            )
        )
    return views


def csp_hash(code: str) -> str:
    """The CSP source expression that allows exactly this inline script or style.

    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script: str, style: str, media_origin: str | None) -> str:
    """Nothing is allowed but the page's own inline code (by hash) and its media and captions.

    >>> content_security_policy("", "", None).split("; ")[:2]
    ["default-src 'none'", "script-src 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"]
    """
    media = "'self'" + (f" {media_origin}" if media_origin else "")
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {csp_hash(script)}",
            f"style-src {csp_hash(style)}",
            f"media-src {media}",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("captionkit", "templates"),
        autoescape=True,  # every value from a transcript is escaped, whatever the file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _static(name: str) -> str:
    """A static template file (the page's CSS or JS), exactly as it will be inlined."""
    source, _, _ = _environment().loader.get_source(_environment(), name)  # type: ignore[union-attr]
    return source.strip() + "\n"


def _speakers(alignment: Alignment) -> list[str]:
    """Full names in order of first appearance (the speaker list gives each once)."""
    names = dict.fromkeys(" ".join(w.speaker.split()) for w in alignment.words)
    return [name for name in names if name]


def _title(alignment: Alignment) -> str:
    transcript = alignment.transcript
    if transcript.title:
        return transcript.title
    if transcript.source and not transcript.source.startswith("<"):
        return Path(transcript.source).stem
    return "Transcript"


def render(cues: list[Cue], alignment: Alignment, context: OutputContext | None = None) -> str:
    """The HTML page for these cues and words; ``context`` says where the media and files are."""
    context = context or OutputContext()
    transcript = alignment.transcript
    script, style = _static("transcript.js"), _static("transcript.css")
    files = context.files
    page = _environment().get_template("transcript.html.j2").render(
        lang=context.language or transcript.language or DEFAULT_LANGUAGE,
        title=_title(alignment),
        description=transcript.description,
        media=context.media_href,
        video=context.video,
        track=files.get("vtt"),
        links=[(files[name], text, mime) for name, text, mime in LINKS if name in files],
        speakers=_speakers(alignment),
        turns=_turns(alignment, cues),
        csp=content_security_policy(script, style, context.media_origin),
        script=Markup(script),
        style=Markup(style),
    )
    return page
