"""Caption quality of the segmenter on two episodes, every profile, next to faster-whisper's cues.

Episodes: the bundled example (``fixtures/episode.wav``, 73 s, 3 voices) and a synthesized
rendition of the seed transcript (all 27 turns, 3 voices, ~41 min; made once by
``bench/seed_cache.py`` and cached in ``bench/.cache/``). The alignment is the synthesizer's
exact word times, so the numbers measure segmentation, not alignment; the bundled example is
also run on the real aligner's output.

For each profile: error and warning findings from ``captionkit.check`` (on the cues, and on the
SRT file as written, speaker labels included), the share of line breaks and cue breaks at a
forbidden position (counted by :func:`forbidden`, a deliberately simple checker with its own
word lists that shares nothing with the segmenter), median and p95 reading speed, and mean
line fill. The baseline row is what faster-whisper's own segments give as captions (tiny.en,
one cue per segment, wrapped at the profile's line length), scored the same way.

Usage: ``python bench/segmentation.py [--runs 3] [--no-real-alignment]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import textwrap
import time
import wave
from pathlib import Path

from report import update_section
from rich.console import Console
from rich.table import Table
from seed_cache import CACHE, seed_paths

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from captionkit.check import check_cues, check_file  # noqa: E402
from captionkit.formats import srt  # noqa: E402
from captionkit.model import Alignment, Cue, Transcript, Word  # noqa: E402
from captionkit.profiles import PROFILES, Profile  # noqa: E402
from captionkit.segment import segment  # noqa: E402

FIXTURE_AUDIO = ROOT / "fixtures" / "episode.wav"
FIXTURE_TRUTH = ROOT / "fixtures" / "episode.truth.json"
FIXTURE_TEXT = ROOT / "fixtures" / "episode.txt"

# --- the independent forbidden-break checker (its own lists; no captionkit import) ----------

_NOUN_MARKERS = {"a", "an", "the", "my", "your", "his", "its", "our", "their"}
_SUBJECTS = {"i", "we", "they", "he", "she"}
_VERB_PARTNERS = {
    "will", "would", "can", "could", "should", "must", "might", "may", "shall", "not", "never",
    "don't", "doesn't", "didn't", "won't", "can't", "isn't", "aren't", "wasn't", "weren't",
    "haven't", "hasn't", "couldn't", "wouldn't", "shouldn't", "i'm", "we're", "they're",
    "i've", "we've", "they've", "i'll", "we'll", "they'll", "i'd", "we'd",
}
_ADJECTIVES = {
    "new", "old", "good", "great", "big", "small", "little", "long", "short", "young",
    "different", "important", "real", "whole", "same", "own", "local", "national", "social",
    "public", "main", "best", "better", "large", "high", "low", "early", "free", "full",
    "single", "difficult", "hard",
}
_NOT_NOUNS = {
    # conjunctions, prepositions, pronouns and verbs of being: after an adjective they end
    # its phrase ("really important | because"), they are no noun it could be split from
    "and", "or", "but", "nor", "so", "yet", "because", "when", "if", "while", "where", "though",
    "although", "since", "until", "unless", "whether", "once", "as", "than", "that", "which",
    "who", "of", "to", "in", "on", "at", "for", "with", "by", "from", "about", "into", "through",
    "over", "under", "after", "before", "around", "between", "within", "without", "during",
    "across", "against", "along", "among", "towards", "toward", "up", "down", "out", "off",
    "is", "are", "was", "were", "be", "been", "it", "i", "you", "we", "they", "he", "she",
    "enough", "too", "very", "now", "then", "here", "there",
}
_PHRASAL = {
    "pick", "picked", "give", "gave", "given", "get", "got", "come", "came", "go", "went", "set",
    "turn", "turned", "carry", "carried", "find", "found", "figure", "figured", "look", "looked",
    "take", "took", "put", "bring", "brought", "hold", "held", "wrap", "level",
}
_PARTICLES = {"up", "out", "off", "down", "back", "away"}
_UNITS = {
    "percent", "per", "%", "years", "year", "months", "month", "days", "day", "hours", "hour",
    "minutes", "minute", "seconds", "people", "km", "miles", "pounds", "dollars", "thousand",
    "million", "hundred", "billion",
}
_NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
    "thirty", "forty", "fifty", "hundred", "thousand", "million",
}


def _plain(word: str) -> str:
    return word.lower().replace("’", "'").strip("\"'“”‘’()[]")


def forbidden(before: str, after: str) -> bool:
    """Whether a break between these two words splits what caption guides say never to split."""
    if not before or before[-1] in ",.;:!?…—–-\"”’)":
        return False  # punctuation closes the phrase
    a, b = _plain(before), _plain(after)
    if not b or not b[0].isalnum():
        return False
    if a in _NOUN_MARKERS or a in _VERB_PARTNERS:
        return True
    if a in _SUBJECTS:  # a subject and its verb (not "are they | the right people")
        verbs_of_being = {"is", "are", "was", "were", "been", "be"}
        return (b not in _NOT_NOUNS and b not in _NOUN_MARKERS) or b in verbs_of_being
    if a in _ADJECTIVES:
        return b.isalpha() and b not in _NOT_NOUNS and after[0].islower()
    if a in _PHRASAL and b in _PARTICLES:
        return True
    if (a.replace(",", "").isdigit() or a in _NUMBER_WORDS) and b in _UNITS:
        return True
    names = before[0].isupper() and after[0].isupper() and a != "i" and b != "i"
    return names and a not in _NOT_NOUNS and b not in _NOT_NOUNS


def break_stats(cues: list[Cue]) -> tuple[int, int]:
    """(forbidden, all) breaks: line breaks in a cue, and boundaries between one speaker's cues."""
    bad = total = 0
    previous: Cue | None = None
    for cue in cues:
        for upper, lower in zip(cue.lines, cue.lines[1:], strict=False):
            if cue.second_speaker is None:
                total += 1
                bad += forbidden(upper.split()[-1], lower.split()[0])
        if previous is not None and previous.line_speakers[-1] == cue.speaker:
            total += 1
            bad += forbidden(previous.lines[-1].split()[-1], cue.lines[0].split()[0])
        previous = cue
    return bad, total


# --- episodes --------------------------------------------------------------------------------


def _duration_ms(path: Path) -> int:
    with wave.open(str(path)) as wav:
        return round(wav.getnframes() * 1000 / wav.getframerate())


def truth_alignment(truth_path: Path, audio: Path) -> Alignment:
    rows = json.loads(truth_path.read_text(encoding="utf-8"))["words"]
    words = [
        Word(r["text"], r["speaker"], round(r["start"] * 1000), round(r["end"] * 1000), r["turn"])
        for r in rows
    ]
    return Alignment(words, Transcript(turns=[]), _duration_ms(audio))


def real_alignment() -> Alignment:
    from captionkit.align import WhisperAligner, align
    from captionkit.audio import load_audio
    from captionkit.transcript import read_transcript

    transcript = read_transcript(FIXTURE_TEXT)
    return align(transcript, load_audio(FIXTURE_AUDIO), WhisperAligner())


def whisper_segments(audio: Path) -> list[tuple[int, int, str]]:
    """faster-whisper tiny.en's own segments for the audio (cached: transcription is slow)."""
    cache = CACHE / f"whisper-{audio.stem}.json"
    if cache.exists():
        return [tuple(s) for s in json.loads(cache.read_text())]
    from faster_whisper import WhisperModel

    from captionkit.align.whisper import default_model_path

    model = WhisperModel(str(default_model_path()), compute_type="int8", cpu_threads=2)
    segments, _ = model.transcribe(str(audio), language="en")
    found = [(round(s.start * 1000), round(s.end * 1000), s.text.strip()) for s in segments]
    CACHE.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(found))
    return found


def whisper_cues(segments: list[tuple[int, int, str]], profile: Profile) -> list[Cue]:
    """One cue per segment, wrapped at the profile's line length (what character-count
    segmenters do); no speaker is known."""
    cues = []
    for start, end, text in segments:
        if text:
            lines = tuple(textwrap.wrap(text, profile.max_chars_per_line)) or (text,)
            cues.append(Cue(start, max(end, start + 1), "", lines, 0, len(text.split())))
    return cues


# --- scoring ---------------------------------------------------------------------------------


def score(cues: list[Cue], alignment: Alignment, profile: Profile) -> dict[str, float]:
    findings = check_cues(cues, profile, audio_ms=alignment.duration)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cues.srt"
        path.write_text(srt.render(cues, alignment), encoding="utf-8")
        file_findings = check_file(path, profile).findings
    cps = sorted(len(" ".join(c.lines)) * 1000 / max(c.end - c.start, 1) for c in cues)
    lines = [len(line) for cue in cues for line in cue.lines]
    bad, total = break_stats(cues)
    return {
        "cues": len(cues),
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
        "srt_errors": sum(f.severity == "error" for f in file_findings),
        "forbidden": 100 * bad / total if total else 0.0,
        "median_cps": statistics.median(cps),
        "p95_cps": cps[min(len(cps) - 1, round(0.95 * (len(cps) - 1)))],
        "fill": 100 * statistics.fmean(lines) / profile.max_chars_per_line,
    }


def timed_segment(alignment: Alignment, profile: Profile, runs: int) -> tuple[list[Cue], float]:
    times, cues = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        cues = segment(alignment, profile)
        times.append(time.perf_counter() - t0)
    return cues, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="repeat segmenting for the median")
    parser.add_argument("--no-real-alignment", action="store_true")
    args = parser.parse_args()

    seed_audio, seed_truth = seed_paths()
    exact = truth_alignment(FIXTURE_TRUTH, FIXTURE_AUDIO)
    episodes = [("example (exact times)", exact, FIXTURE_AUDIO)]
    if not args.no_real_alignment:
        episodes.append(("example (aligned)", real_alignment(), FIXTURE_AUDIO))
    episodes.append(("seed (exact times)", truth_alignment(seed_truth, seed_audio), seed_audio))

    columns = ["episode", "profile", "cues", "errors", "warnings", "SRT file errors",
               "forbidden breaks", "median cps", "p95 cps", "line fill", "segment time"]
    rows = []
    for label, alignment, audio in episodes:
        segments = whisper_segments(audio)
        for name, profile in PROFILES.items():
            cues, seconds = timed_segment(alignment, profile, args.runs)
            ours = [label, name, *_cells(score(cues, alignment, profile)), f"{seconds:.2f} s"]
            assert [w for c in cues for w in c.text.split()] == [w.text for w in alignment.words]
            base = whisper_cues(segments, profile)
            theirs = [label, f"{name}: faster-whisper segments",
                      *_cells(score(base, alignment, profile)), "—"]
            rows += [ours, theirs]

    table = Table(*columns, title="Segmentation quality")
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    minutes = _duration_ms(seed_audio) / 60000
    md = [
        "## Caption segmentation (`bench/segmentation.py`)",
        "",
        "Every profile on the bundled example (73 s, 3 voices) and on the seed transcript "
        f"synthesized with espeak-ng ({minutes:.0f} min, 27 turns, 3 voices). \"exact times\": "
        "the synthesizer's word times as the alignment, so only segmentation is measured; "
        "\"aligned\": the real aligner's output. Errors and warnings are `captionkit.check` "
        "findings on the cues; \"SRT file errors\" checks the written SRT, speaker labels "
        "included. Forbidden breaks: line and cue breaks inside an article/possessive/adjective"
        " + noun, a name, pronoun/auxiliary/negation + verb, phrasal verb + particle or number "
        "+ unit, counted by the bench's own word lists. Each \"faster-whisper segments\" row is "
        "tiny.en's own transcription segments of the same audio as cues (one per segment, "
        "wrapped at the line length), scored the same way. Segment time: median of "
        f"{args.runs} runs on a 2-core CPU.",
        "",
        "| " + " | ".join(columns) + " |",
        "|" + "---|" * len(columns),
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    update_section("segmentation", "\n".join(md))


def _cells(s: dict[str, float]) -> list[str]:
    return [
        str(s["cues"]), str(s["errors"]), str(s["warnings"]), str(s["srt_errors"]),
        f"{s['forbidden']:.1f} %", f"{s['median_cps']:.1f}", f"{s['p95_cps']:.1f}",
        f"{s['fill']:.0f} %",
    ]


if __name__ == "__main__":
    main()
