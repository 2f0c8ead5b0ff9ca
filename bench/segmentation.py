"""Caption quality of the segmenter on two episodes, every profile, next to faster-whisper's cues.

Episodes: the bundled example (``fixtures/episode.wav``, 73 s, 3 voices) and a synthesized
rendition of the seed transcript (all 27 turns, 3 voices, ~41 min; made once by
``bench/seed_cache.py`` and cached in ``bench/.cache/``). espeak-ng speaks the seed faster than
the people in the recording did, so a second rendition at the recording's pace (each voice's
rate scaled by its speaker's words a minute in the recording over those in the first rendition,
from the transcript's turn timestamps) is made and cached here too; both are reported, with the
speaking rates. The alignment is the synthesizer's exact word times, so the numbers measure
segmentation, not alignment; the bundled example is also run on the real aligner's output.

For each profile: error and warning findings from ``captionkit.check`` (on the cues, and on the
SRT file as written, speaker labels included); the fewest errors any segmentation can reach
(``captionkit.segment.fewest_errors``: the speech is faster than any cue can show); the share
of line breaks and cue breaks at a forbidden position (counted by :func:`forbidden`, a
deliberately simple checker with its own word lists that shares nothing with the segmenter),
apart from the breaks no layout avoids (inside a run of words that belong together that is
longer than a line); the share of cue breaks after a clause's punctuation, and the breaks that
strand one word of a clause (:func:`clause_stats`); median and p95 reading speed, and mean
line fill. The baseline row is
what faster-whisper's own segments give as captions (tiny.en, one cue per segment, wrapped at
the profile's line length), scored the same way.

Usage: ``python bench/segmentation.py [--runs 3] [--exact-only]`` (``--exact-only``: skip the
aligner, only the rows on exact word times).
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

from report import markdown_table, update_section
from rich.console import Console
from rich.table import Table
from seed_cache import CACHE, SEED, seed_paths

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from captionkit.check import check_cues, check_file  # noqa: E402
from captionkit.formats import srt  # noqa: E402
from captionkit.model import Alignment, Cue, Transcript, Word  # noqa: E402
from captionkit.profiles import PROFILES, WORDS_PER_MINUTE_TO_CPS, Profile  # noqa: E402
from captionkit.segment import fewest_errors, segment  # noqa: E402

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
    possessive = before[-1:] in "’'" and before[-2:-1] == "s"  # "Listeners’ Collection"
    if not before or (before[-1] in ",.;:!?…—–-\"”’)" and not possessive):
        return False  # punctuation closes the phrase
    a, b = _plain(before), _plain(after)
    if not b or not b[0].isalnum():
        return False
    if a in _NOUN_MARKERS or a in _VERB_PARTNERS:
        return True
    if a in _SUBJECTS:  # a subject and its verb (not "are they | the right people")
        verbs_of_being = {"is", "are", "was", "were", "been", "be"}
        return (b not in _NOT_NOUNS and b not in _NOUN_MARKERS) or b in verbs_of_being
    if a in _ADJECTIVES and after[0].islower():
        return b.isalpha() and b not in _NOT_NOUNS
    if a in _PHRASAL and b in _PARTICLES:
        return True
    if (a.replace(",", "").isdigit() or a in _NUMBER_WORDS) and b in _UNITS:
        return True
    names = before[0].isupper() and after[0].isupper() and a != "i" and b != "i"
    return names and a not in _NOT_NOUNS and b not in _NOT_NOUNS


def _breaks(cues: list[Cue]) -> tuple[list[tuple[str, str]], list[tuple[int, bool]]]:
    """Every cue's words ``(word, speaker)`` in order, and the breaks ``(k, between cues)``
    between ``words[k - 1]`` and ``words[k]``: line breaks in a cue, and boundaries between one
    speaker's cues."""
    words: list[tuple[str, str]] = []
    at_break: list[tuple[int, bool]] = []
    previous: Cue | None = None
    for cue in cues:
        for index, (line, speaker) in enumerate(zip(cue.lines, cue.line_speakers, strict=True)):
            line_break = index > 0 and cue.second_speaker is None
            same_speaker = previous is not None and previous.line_speakers[-1] == speaker
            if line_break or (index == 0 and same_speaker):
                at_break.append((len(words), index == 0))
            words += [(w, speaker) for w in line.split()]
        previous = cue
    return words, at_break


def break_stats(cues: list[Cue], limit: int) -> tuple[int, int, int]:
    """(forbidden, unavoidable, all) breaks: line breaks in a cue, and boundaries between one
    speaker's cues. A forbidden break is unavoidable when it falls inside a run of words that
    the checker ties together and that is longer than a ``limit``-character line: some break
    must fall inside such a run (as many as its lines, less one); any more are counted."""
    words, breaks = _breaks(cues)
    tied = [
        a[1] == b[1] and forbidden(a[0], b[0]) for a, b in zip(words, words[1:], strict=False)
    ]
    bad = unavoidable = 0
    run_start, allowed = -1, 0
    for k, _ in breaks:
        if not tied[k - 1]:
            continue
        start = k - 1
        while start > 0 and tied[start - 1]:
            start -= 1
        if start != run_start:  # a new run: how many breaks it needs
            end = k
            while end < len(tied) and tied[end]:
                end += 1
            run = [w for w, _ in words[start : end + 1]]
            run_start, allowed = start, _lines_needed(run, limit) - 1
        if allowed > 0:
            allowed -= 1
            unavoidable += 1
        else:
            bad += 1
    return bad, unavoidable, len(breaks)


def _closes(word: str) -> bool:
    """Whether a word ends a clause: punctuation after it (closing quotes aside)."""
    return word.rstrip("\"'”’)]")[-1:] in ",.;:!?…—–"


def clause_stats(cues: list[Cue]) -> tuple[float, int]:
    """(share of the breaks between one speaker's cues that fall after a clause's punctuation,
    breaks that strand one word of a clause): a line or cue that ends with the only word of a
    clause that goes on after it ("cruel: Thou | that art"), or opens with the only word of one
    that began before it ("currently | in, which is")."""
    words, breaks = _breaks(cues)
    cue_breaks = [k for k, between_cues in breaks if between_cues]
    at_clause = sum(_closes(words[k - 1][0]) for k in cue_breaks)
    stranded = 0
    for k, _ in breaks:
        if _closes(words[k - 1][0]):
            continue
        opens = k >= 2 and words[k - 2][1] == words[k - 1][1] and _closes(words[k - 2][0])
        if opens or _closes(words[k][0]):
            stranded += 1
    return (100 * at_clause / len(cue_breaks) if cue_breaks else 100.0), stranded


def _lines_needed(run: list[str], limit: int) -> int:
    """Fewest lines of ``limit`` characters that hold these words (greedy filling)."""
    lines, length = 1, len(run[0])
    for word in run[1:]:
        if length + 1 + len(word) <= limit:
            length += 1 + len(word)
        else:
            lines, length = lines + 1, len(word)
    return lines


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


def _turn_starts(truth_path: Path) -> list[int]:
    """Each turn's first word start (ms) in a synthesized rendition."""
    starts: dict[int, int] = {}
    for row in json.loads(truth_path.read_text(encoding="utf-8"))["words"]:
        starts.setdefault(row["turn"], round(row["start"] * 1000))
    return [starts[k] for k in sorted(starts)]


def speaking_rates(turn_starts: list[int]) -> dict[str, float]:
    """Words a minute of each seed speaker, turn start to next turn start (the pause before
    the next speaker included, as the recording's timestamps include it); the last turn has
    no end and is left out."""
    from captionkit.transcript import read_transcript

    turns = read_transcript(SEED).turns
    words: dict[str, int] = {}
    minutes: dict[str, float] = {}
    for turn, start, end in zip(turns, turn_starts, turn_starts[1:], strict=False):
        words[turn.speaker] = words.get(turn.speaker, 0) + len(turn.text.split())
        minutes[turn.speaker] = minutes.get(turn.speaker, 0.0) + (end - start) / 60000
    return {speaker: words[speaker] / minutes[speaker] for speaker in words}


def recording_turn_starts() -> list[int]:
    """The seed transcript's own timestamps: when each turn starts in the real recording."""
    from captionkit.transcript import read_transcript

    return [turn.start for turn in read_transcript(SEED).turns]


def natural_seed_paths(seed_truth: Path) -> tuple[Path, Path]:
    """(audio, truth) of the seed spoken at the recording's pace, synthesized once and cached:
    each speaker's espeak-ng rate times their words a minute in the recording over those in
    the first rendition."""
    audio, truth = CACHE / "seed-recorded-pace.wav", CACHE / "seed-recorded-pace.truth.json"
    if audio.exists() and truth.exists():
        return audio, truth
    from captionkit.transcript import read_transcript
    from fixtures.synth import DEFAULT_VOICES, Voice, synthesize, write_wav

    recorded = speaking_rates(recording_turn_starts())
    rendered = speaking_rates(_turn_starts(seed_truth))
    transcript = read_transcript(SEED)
    voices: dict[str, Voice] = {}
    for turn in transcript.turns:  # voices in order of first appearance, as synthesize() does
        if turn.speaker not in voices:
            base = DEFAULT_VOICES[len(voices) % len(DEFAULT_VOICES)]
            scale = recorded[turn.speaker] / rendered[turn.speaker]
            voices[turn.speaker] = Voice(base.name, round(base.rate * scale), base.pitch,
                                         base.pitch_range)
    result = synthesize([(t.speaker, t.text) for t in transcript.turns], voices)
    CACHE.mkdir(parents=True, exist_ok=True)
    write_wav(audio, result.audio, result.sample_rate)
    rows = [
        {"text": w.text, "speaker": w.speaker, "turn": w.turn, "start": w.start, "end": w.end}
        for w in result.words
    ]
    rates = {speaker: voice.rate for speaker, voice in voices.items()}
    truth.write_text(json.dumps({"duration": result.duration, "espeak_rates": rates,
                                 "words": rows}, ensure_ascii=False))
    return audio, truth


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
    bad, unavoidable, total = break_stats(cues, profile.max_chars_per_line)
    at_clause, stranded = clause_stats(cues)
    return {
        "cues": len(cues),
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
        "srt_errors": sum(f.severity == "error" for f in file_findings),
        "forbidden": 100 * bad / total if total else 0.0,
        "forbidden_unavoidable": unavoidable,
        "at_clause": at_clause,
        "stranded": stranded,
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


COLUMNS = ["episode", "profile", "cues", "errors", "unavoidable errors", "warnings",
           "SRT file errors", "forbidden breaks", "unavoidable forbidden breaks",
           "cue ends at a clause end", "stranded words", "median cps",
           "p95 cps", "line fill", "segment time"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="repeat segmenting for the median")
    parser.add_argument("--exact-only", "--no-real-alignment", dest="exact_only",
                        action="store_true", help="skip the aligner: exact word times only")
    args = parser.parse_args()

    seed_audio, seed_truth = seed_paths()
    paced_audio, paced_truth = natural_seed_paths(seed_truth)
    exact = truth_alignment(FIXTURE_TRUTH, FIXTURE_AUDIO)
    episodes = [("example (exact times)", exact, FIXTURE_AUDIO, True)]
    if not args.exact_only:
        episodes.append(("example (aligned)", real_alignment(), FIXTURE_AUDIO, True))
    episodes.append(("seed (exact times)", truth_alignment(seed_truth, seed_audio), seed_audio,
                     True))
    # No faster-whisper baseline here: transcribing another 41 minutes adds nothing new.
    episodes.append(("seed at the recording's pace (exact times)",
                     truth_alignment(paced_truth, paced_audio), paced_audio, False))

    rows, results = [], []
    speeds = {label: fastest_speaker(alignment) for label, alignment, _, _ in episodes
              if label.startswith("seed")}
    for label, alignment, audio, baseline in episodes:
        for name, profile in PROFILES.items():
            cues, seconds = timed_segment(alignment, profile, args.runs)
            assert [w for c in cues for w in c.text.split()] == [w.text for w in alignment.words]
            floor = fewest_errors(alignment, profile)
            scores = score(cues, alignment, profile)
            results.append({"episode": label, "profile": name, "floor": floor, **scores})
            rows.append([label, name, *_cells(scores, str(floor)), f"{seconds:.2f} s"])
            if baseline:
                base = whisper_cues(whisper_segments(audio), profile)
                rows.append([label, f"{name}: faster-whisper segments",
                             *_cells(score(base, alignment, profile), "—"), "—"])

    table = Table(*COLUMNS, title="Segmentation quality")
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    rates = _rate_rows(seed_truth, paced_truth)
    rate_table = Table(*RATE_COLUMNS, title="Seed speaking rates (words a minute)")
    for row in rates[0]:
        rate_table.add_row(*row)
    Console().print(rate_table)
    summary = _summary(results, speeds, *rates[2])
    Console().print(*summary, sep="\n")
    update_section("segmentation", "\n".join(_markdown(rows, rates, summary, seed_audio,
                                                         paced_audio, args.runs)))


RATE_COLUMNS = ["speaker", "words", "recording", "rendition", "rendition at the recording's pace",
                "espeak-ng rate: rendition / at the recording's pace"]


def _rate_rows(
    seed_truth: Path, paced_truth: Path
) -> tuple[list[list[str]], list[list[str]], list[dict[str, float]]]:
    """Per speaker and per turn: words a minute in the recording and in both renditions (and
    each speaker's words a minute: recording, rendition, rendition at the recording's pace)."""
    from captionkit.transcript import read_transcript
    from fixtures.synth import DEFAULT_VOICES

    turns = read_transcript(SEED).turns
    starts = [recording_turn_starts(), _turn_starts(seed_truth), _turn_starts(paced_truth)]
    per_speaker = [speaking_rates(s) for s in starts]
    paced_rates = json.loads(paced_truth.read_text(encoding="utf-8"))["espeak_rates"]
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    first = {s: DEFAULT_VOICES[k % len(DEFAULT_VOICES)].rate for k, s in enumerate(speakers)}
    counts = {s: sum(len(t.text.split()) for t in turns if t.speaker == s) for s in speakers}
    by_speaker = [
        [s, str(counts[s]), *(f"{rates[s]:.0f}" for rates in per_speaker),
         f"{first[s]} / {paced_rates[s]}"]
        for s in speakers
    ]
    by_turn = []
    for k, turn in enumerate(turns[:-1]):
        cells = [f"{len(turn.text.split()) * 60000 / (s[k + 1] - s[k]):.0f}" for s in starts]
        by_turn.append([str(k + 1), turn.speaker, str(len(turn.text.split())), *cells])
    return by_speaker, by_turn, per_speaker


def _summary(results: list[dict], speeds: dict[str, tuple[str, float, float, float]],
             recorded: dict[str, float], rendered: dict[str, float],
             paced: dict[str, float]) -> list[str]:
    """What the table says, in a few lines computed from it."""
    ours = results
    avoidable = [r for r in ours if r["errors"] > r["floor"]]
    lines = []
    if avoidable:
        lines.append("- Errors above the unavoidable count: " + ", ".join(
            f"{r['episode']} / {r['profile']}: {r['errors'] - r['floor']}" for r in avoidable)
            + ".")
    else:
        lines.append("- Every error left is unavoidable: in every row the errors equal the "
                     "fewest any segmentation of that speech reaches under the profile.")
    bad = [r for r in ours if r["forbidden"] > 0]
    kept = sum(r["forbidden_unavoidable"] for r in ours)
    lines.append(
        "- Forbidden breaks: " + ("none that a layout could avoid" if not bad else ", ".join(
            f"{r['episode']} / {r['profile']}: {r['forbidden']:.1f} %" for r in bad))
        + f"; {kept} breaks in all fall inside a name or phrase longer than a line.")
    clause = [r["at_clause"] for r in ours]
    lines.append(
        f"- Cue ends at a clause end: {min(clause):.0f}–{max(clause):.0f} % of the breaks "
        f"between one speaker's cues; stranded words: {sum(r['stranded'] for r in ours)} in all "
        f"{len(ours)} rows (the faster-whisper rows are in the table).")
    faster = {s: 100 * (rendered[s] / recorded[s] - 1) for s in recorded}
    lines.append(
        "- espeak-ng speaks the seed faster than its speakers did: "
        + ", ".join(f"{s} {rendered[s]:.0f} wpm against {recorded[s]:.0f} (+{faster[s]:.0f} %)"
                    for s in recorded)
        + "; the paced rendition comes to "
        + ", ".join(f"{paced[s]:.0f}" for s in recorded) + " wpm.")
    for label, (speaker, cps, wpm, per_word) in speeds.items():
        with_errors = [r for r in ours if r["episode"] == label and r["errors"]]
        profiles = ", ".join(
            f"{r['profile']} {r['errors']} (limit {PROFILES[r['profile']].max_cps:.1f} cps)"
            for r in with_errors) or "none"
        lines.append(
            f"- {label}: errors under {profiles}. Its fastest speaker, {speaker}, says "
            f"{cps:.1f} characters a second while speaking ({wpm:.0f} wpm; this text has "
            f"{per_word:.1f} characters a word with its space, where profiles convert words a "
            f"minute at {WORDS_PER_MINUTE_TO_CPS * 60:.0f}).")
    return lines


def fastest_speaker(alignment: Alignment) -> tuple[str, float, float, float]:
    """(speaker, characters a second, words a minute) of the fastest speaker, counting only
    the time inside each turn (first word start to last word end), and the text's characters
    a word (its space included)."""
    turns: dict[int, list[Word]] = {}
    for word in alignment.words:
        turns.setdefault(word.turn, []).append(word)
    chars: dict[str, int] = {}
    count: dict[str, int] = {}
    seconds: dict[str, float] = {}
    for words in turns.values():
        who = words[0].speaker
        chars[who] = chars.get(who, 0) + len(" ".join(w.text for w in words))
        count[who] = count.get(who, 0) + len(words)
        seconds[who] = seconds.get(who, 0.0) + (words[-1].end - words[0].start) / 1000
    fastest = max(chars, key=lambda who: chars[who] / max(seconds[who], 1e-9))
    per_word = sum(len(w.text) + 1 for w in alignment.words) / len(alignment.words)
    return (fastest, chars[fastest] / seconds[fastest], 60 * count[fastest] / seconds[fastest],
            per_word)


def _markdown(rows: list[list[str]],
              rates: tuple[list[list[str]], list[list[str]], list[dict[str, float]]],
              summary: list[str], seed_audio: Path, paced_audio: Path, runs: int) -> list[str]:
    by_speaker, by_turn, _ = rates
    minutes = _duration_ms(seed_audio) / 60000
    paced_minutes = _duration_ms(paced_audio) / 60000
    return [
        "## Caption segmentation (`bench/segmentation.py`)",
        "",
        "Every profile on the bundled example (73 s, 3 voices) and on the seed transcript "
        f"synthesized with espeak-ng ({minutes:.0f} min, 27 turns, 3 voices), and again at the "
        f"pace of the real recording ({paced_minutes:.0f} min; rates below). \"exact times\": "
        "the synthesizer's word times as the alignment, so only segmentation is measured; "
        "\"aligned\": the real aligner's output. Errors and warnings are `captionkit.check` "
        "findings on the cues; \"SRT file errors\" checks the written SRT, speaker labels "
        "included. Unavoidable errors: the fewest any segmentation of the same words reaches "
        "under the profile's timing limits (lead-in, reading lead-out, late start) without a "
        "forbidden break (`captionkit.segment.fewest_errors`), so errors above it are the "
        "segmenter's and errors up to it are speech faster than any cue can show, kept "
        "verbatim and flagged in the run's report. Forbidden breaks: line and cue breaks inside"
        " an article/possessive/adjective + noun, a name, pronoun/auxiliary/negation + verb, "
        "phrasal verb + particle or number + unit, counted by the bench's own word lists; "
        "those inside such a run longer than a line (which must break somewhere) are counted "
        "apart as unavoidable. Cue ends at a clause end: the share of breaks between one "
        "speaker's cues that fall after a clause's punctuation. Stranded words: line and cue "
        "breaks that leave one word of a clause on its own, the first word of a clause that "
        "goes on in the next line or cue (\"cruel: Thou | that art\") or the last of one begun "
        "in the previous line or cue (\"currently | in, which\"); both counted by the bench's "
        "own punctuation check. Each \"faster-whisper segments\" row is tiny.en's own "
        "transcription segments of the same audio as cues (one per segment, wrapped at the "
        "line length), scored the same way. Segment time: median of "
        f"{runs} runs on a 2-core CPU shared with other jobs.",
        "",
        *markdown_table(COLUMNS, rows),
        "",
        *summary,
        "",
        "Speaking rates of the seed, turn start to next turn start (the pause before the next "
        "speaker included; the last turn left out): the real recording (the transcript's "
        "timestamps), the espeak-ng rendition, and the rendition at the recording's pace.",
        "",
        *markdown_table(RATE_COLUMNS, by_speaker),
        "",
        "<details><summary>Per turn</summary>",
        "",
        *markdown_table(["turn", "speaker", "words", "recording", "rendition",
                         "at the recording's pace"], by_turn),
        "",
        "</details>",
    ]


def _cells(s: dict[str, float], floor: str) -> list[str]:
    return [
        str(s["cues"]), str(s["errors"]), floor, str(s["warnings"]), str(s["srt_errors"]),
        f"{s['forbidden']:.1f} %", str(s["forbidden_unavoidable"]), f"{s['at_clause']:.0f} %",
        str(s["stranded"]), f"{s['median_cps']:.1f}",
        f"{s['p95_cps']:.1f}", f"{s['fill']:.0f} %",
    ]


if __name__ == "__main__":
    main()
