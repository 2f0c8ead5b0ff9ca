"""The pages the HTML tests look at, each written into a folder the way a user would get it.

- ``example``: the bundled episode through the real CLI (``captionkit align … --formats …``) in
  a subprocess, with the audio in a sibling folder so the page reaches it by a relative path.
- ``seed``: the real podcast transcript in ../shared/seeds. It has no audio, so its words get
  plausible times between the turn timestamps and it plays a silent WAV of the same length.
- ``injection``: names, title and text full of markup and script, which must show as text.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

from captionkit import formats
from captionkit.formats.context import OutputContext
from captionkit.model import Alignment, Transcript, Turn, Word, split_words
from captionkit.output import write_all
from captionkit.profiles import get_profile
from captionkit.segment import segment
from captionkit.transcript import read_transcript

from ..conftest import EPISODE_AUDIO, EPISODE_TEXT, SHARED

SEED = SHARED / "seeds" / "000_121c4bd23d44c64d.txt"
PAGE_FORMATS = ("vtt", "srt", "json", "html")

# Markup and script where a transcript may carry text: speaker names, title, description, words.
INJECTIONS = (
    "<script>alert('script')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.domain)",
    "</textarea><svg onload=alert(2)>",
    "</style></script><b>bold?</b>",
    "{{ 7*7 }} ${7*7} &amp; &lt;",
)


@dataclass(frozen=True)
class Site:
    """A folder of outputs: ``page`` is the HTML file; ``words`` what the page must show and
    ``turn_starts`` (seconds) where each turn's seek button must take the player."""

    root: Path
    page: Path
    words: list[str]
    turn_starts: list[float]

    @property
    def path(self) -> str:
        """The page's URL path below the served root."""
        return self.page.relative_to(self.root).as_posix()


def example_site(root: Path) -> Site:
    """The bundled episode aligned by the real command line (a subprocess)."""
    media = root / "media" / EPISODE_AUDIO.name
    media.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EPISODE_AUDIO, media)
    out = root / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "captionkit", "align", str(media), str(EPISODE_TEXT),
         "-o", str(out), "--formats", ",".join((*PAGE_FORMATS, "words")), "--quiet"],
        capture_output=True, text=True, env={**os.environ, "CI": "1"}, timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"captionkit align failed: {proc.stderr}")
    # Each turn starts at its first word, as the words file of the same run has it.
    transcript = read_transcript(EPISODE_TEXT)
    timed = json.loads((out / "episode.words.json").read_text(encoding="utf-8"))["words"]
    firsts = itertools.accumulate([0] + [len(split_words(t.text)) for t in transcript.turns])
    starts = [timed[i]["start"] for i in list(firsts)[:-1]]
    return Site(root, out / "episode.html", transcript.words, starts)


def synthetic_alignment(transcript: Transcript, seconds_per_word: float = 0.35) -> Alignment:
    """Plausible word times for a transcript with no audio: each turn's words evenly fill the
    time from its timestamp to the next one (or ``seconds_per_word`` each when untimed)."""
    words: list[Word] = []
    clock = 0
    turns = transcript.turns
    for index, turn in enumerate(turns):
        texts = split_words(turn.text)
        start = max(turn.start if turn.start is not None else clock, clock)
        following = next((t.start for t in turns[index + 1 :] if t.start is not None), None)
        natural = round(len(texts) * seconds_per_word * 1000)
        end = following if following is not None and following > start else start + natural
        step = (end - start) / max(len(texts), 1)
        for k, text in enumerate(texts):
            w_start = round(start + k * step)
            words.append(Word(text, turn.speaker, w_start, round(w_start + step * 0.85), index))
        clock = end
    return Alignment(words, transcript, duration=clock + 2000)


def silent_wav(path: Path, duration_ms: int, rate: int = 8000) -> Path:
    """A silent 8-bit mono WAV as long as the transcript (the player needs real media)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * (rate * duration_ms // 1000))
    return path


def write_site(root: Path, media: Path, alignment: Alignment, **context: str) -> Site:
    """Write the caption files and the page for ``alignment`` as ``align_files`` would."""
    out = root / "site"
    ctx = OutputContext.for_run(media, out, PAGE_FORMATS, **context)
    cues = segment(alignment, get_profile("podcast"))
    files = {
        out / f"{media.stem}{formats.extension(name)}": formats.render(
            name, cues, alignment, context=ctx
        )
        for name in PAGE_FORMATS
    }
    write_all(files)
    starts: dict[int, float] = {}
    for word in alignment.words:
        starts.setdefault(word.turn, word.start / 1000)
    return Site(root, out / f"{media.stem}.html", alignment.transcript.words, list(starts.values()))


def seed_site(root: Path) -> Site:
    """The seed transcript's page, with a silent WAV as long as the episode."""
    alignment = synthetic_alignment(read_transcript(SEED))
    media = silent_wav(root / "media" / "leadership-listens-4.wav", alignment.duration)
    return write_site(root, media, alignment)


def injection_transcript() -> Transcript:
    """A transcript whose title, description, speaker names and words are all attacks."""
    names = [f"Eve {INJECTIONS[0]}", f"Mallory {INJECTIONS[1]}", INJECTIONS[3]]
    turns = [
        Turn(names[i % len(names)], f"Turn {i} says {attack} and [laughs {attack}] too.", i * 4000)
        for i, attack in enumerate(INJECTIONS)
    ]
    return Transcript(
        turns=turns,
        title=f"Title {INJECTIONS[0]}{INJECTIONS[3]}",
        description=f"About {INJECTIONS[1]} {INJECTIONS[2]}",
        language="en",
    )


def injection_site(root: Path) -> Site:
    alignment = synthetic_alignment(injection_transcript())
    media = silent_wav(root / "media" / "attack <x>.wav", alignment.duration)
    return write_site(root, media, alignment)
