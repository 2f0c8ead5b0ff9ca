"""Word timing on synthesized episodes with exact truth: clean, and edited the hard way.

Episodes (built by ``bench/episodes.py``, cached in ``bench/.cache``):

* **clean**: about 5 minutes, three speakers, espeak-ng speech as synthesized;
* **hard**: the same conversation plus a 6-minute single turn, then edited with numpy: a
  30 s music intro, eight "um"/"uh" fillers the transcript lacks, one sentence cut from the
  audio but kept in the transcript, a 60 s ad break the transcript never mentions, and pink
  noise 20 dB below the speech. Aligned three times: turn timestamps accurate (truncated to the
  second), wrong by a seeded ±10 s, and absent;
* **long** (``--long``): about 45 minutes, for speed and memory.

captionkit is scored through the library (``captionkit.align.align``), and timed as a real
``captionkit align`` subprocess (model load included; median of ``--runs``; peak memory is that
run's whole process tree, see ``bench/cli_run.py``). Peers on the same audio, each a subprocess
(``bench/peers.py``):
faster-whisper's own word timestamps, and stable-ts ``align()`` with the same model when a
Python with stable-ts is found (``--peers-python``, default ``/work/venv-peers/bin/python``).
Usage: ``python bench/hard_audio.py [--runs 3] [--peer-runs 1] [--long]``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import episodes as eps
from cli_run import timed_align
from report import markdown_table, update_section
from rich.console import Console
from rich.table import Table

from captionkit.align import SphinxAligner, WhisperAligner, align
from captionkit.align.whisper import default_model_path
from captionkit.audio import load_audio
from captionkit.model import Alignment
from captionkit.transcript import read_transcript

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PEERS_PYTHON = Path("/work/venv-peers/bin/python")


@dataclass
class Case:
    """One alignment job: an episode and which turn timestamps its transcript carries."""

    label: str
    episode: eps.Episode
    stamps: str  # "accurate", "wrong", "absent"
    peers: bool = False  # peers ignore turn timestamps: run them once per episode


@dataclass
class Row:
    """Everything measured for one engine on one case (``None``: not measured/applicable)."""

    case: str
    engine: str
    n: int = 0
    median: float = float("nan")
    mean: float = float("nan")
    w20: float = float("nan")
    w50: float = float("nan")
    over_1s: int = 0
    no_time: int = 0
    interpolated: int | None = None
    cut: str = "—"
    ad: str = "—"
    music: str = "—"
    fillers: str = "—"
    false_cut: int | None = None
    confidence: str = "—"
    speed: str = "—"
    memory: str = "—"
    notes: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------------------
# Scoring


def start_errors(ep: eps.Episode, starts: list[float | None]) -> tuple[dict[int, float], int]:
    """Start error (ms) of every transcript word that is in the audio and has a time, and
    how many in-audio words have no time at all."""
    errors, missing = {}, 0
    for i, (w, s) in enumerate(zip(ep.words, starts, strict=True)):
        if w.start is None:
            continue
        if s is None:
            missing += 1
        else:
            errors[i] = abs(s - w.start) * 1000
    return errors, missing


def fill_accuracy(row: Row, errors: dict[int, float], missing: int) -> None:
    e = list(errors.values())
    row.n, row.no_time = len(e), missing
    if e:
        row.median, row.mean = statistics.median(e), statistics.fmean(e)
        row.w20 = 100 * sum(x <= 20 for x in e) / len(e)
        row.w50 = 100 * sum(x <= 50 for x in e) / len(e)
        row.over_1s = sum(x > 1000 for x in e)


def confidence_split(errors: dict[int, float], confidence: dict[int, float]) -> str:
    """Mean error of the lowest-confidence tenth of words vs the other nine tenths."""
    ranked = sorted(errors, key=lambda i: confidence[i])
    k = max(1, len(ranked) // 10)
    if len(ranked) <= k:
        return "—"
    low = statistics.fmean(errors[i] for i in ranked[:k])
    rest = statistics.fmean(errors[i] for i in ranked[k:])
    return f"{low:.0f} vs {rest:.0f}"


def overlap(span: tuple[float, float], spans: list[tuple[float, float]]) -> float:
    """Fraction of ``span`` covered by the union of ``spans`` (all in seconds)."""
    a, b = span
    covered, reach = 0.0, a
    for s, e in sorted(spans):
        s, e = max(s, reach), min(e, b)
        if e > s:
            covered += e - s
            reach = e
    return covered / (b - a) if b > a else 0.0


def score_captionkit(row: Row, ep: eps.Episode, al: Alignment) -> None:
    """Accuracy, what was reported about the edits, and confidence usefulness."""
    errors, missing = start_errors(ep, [w.start / 1000 for w in al.words])
    fill_accuracy(row, errors, missing)
    row.interpolated = sum(not al.words[i].aligned for i in errors)
    flagged = set()
    for d in al.discrepancies:
        if d.kind == "not_in_audio" and d.first_word is not None:
            flagged.update(range(d.first_word, d.first_word + d.word_count))
    cut = ep.cut
    if cut:
        shown = sum(i in flagged or not al.words[i].aligned for i in cut)
        screen = sum(al.words[i].end - al.words[i].start for i in cut)
        row.cut = f"{shown}/{len(cut)}"
        row.notes.append(f"cut words' screen time {screen} ms")
    row.false_cut = sum(i in flagged for i in errors)
    heard = [(d.start / 1000, d.end / 1000) for d in al.discrepancies
             if d.kind == "not_in_transcript"]
    found = {label: [overlap((s.start, s.end), heard) >= 0.5 for s in ep.extras
                     if s.label == label] for label in ("ad", "music", "filler")}
    row.ad = _yes_no(found["ad"])
    row.music = _yes_no(found["music"])
    if found["filler"]:
        row.fillers = f"{sum(found['filler'])}/{len(found['filler'])}"
    n = len(al.discrepancies)
    row.notes.append(f"{n} discrepanc{'y' if n == 1 else 'ies'} reported")
    row.confidence = confidence_split(errors, {i: al.words[i].confidence for i in errors})


def _yes_no(hits: list[bool]) -> str:
    return "—" if not hits else ("yes" if all(hits) else "no")


def _norm(word: str) -> str:
    return re.sub(r"[^a-z0-9']", "", word.lower().replace("’", "'"))


def match_by_text(ref: list[str], hyp: list[list]) -> list[list | None]:
    """For each reference word, the hypothesis word difflib pairs it with (normalised text)."""
    sm = difflib.SequenceMatcher(a=[_norm(w) for w in ref], b=[_norm(h[0]) for h in hyp],
                                 autojunk=False)
    out: list[list | None] = [None] * len(ref)
    for a, b, size in sm.get_matching_blocks():
        for k in range(size):
            out[a + k] = hyp[b + k]
    return out


def score_peer(row: Row, ep: eps.Episode, hyp: list[list]) -> None:
    matched = match_by_text([w.text for w in ep.words], hyp)
    errors, missing = start_errors(ep, [m[1] if m else None for m in matched])
    fill_accuracy(row, errors, missing)
    row.confidence = confidence_split(errors, {i: matched[i][3] for i in errors})


# ----------------------------------------------------------------------------------------
# Processes


def run_measured(cmd: list[str]) -> tuple[float, str]:
    """Run ``cmd``; its wall seconds and its stderr."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=err)
        wall = time.perf_counter() - t0
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])}… failed ({proc.returncode}):\n{stderr[-2000:]}")
    return wall, stderr


def time_cli(row: Row, ep: eps.Episode, wav: Path, text: Path, runs: int) -> None:
    """Median wall time of real `captionkit align` runs, and a check of what the user gets."""
    walls, peaks = [], []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            wall, peak = timed_align(str(wav), str(text), "-o", out, "--formats", "words",
                                     "--quiet")
            walls.append(wall)
            peaks.append(peak)
        words = json.loads((Path(out) / f"{wav.stem}.words.json").read_text())["words"]
    if [w["text"] for w in words] != [w.text for w in ep.words]:
        row.notes.append("CLI words file LOST OR REORDERED transcript words")
    row.speed = f"{ep.duration / statistics.median(walls):.0f}×"
    row.memory = f"{max(peaks)}"


def run_peer(engine: str, python: Path, ep: eps.Episode, wav: Path, runs: int) -> Row:
    """Run a peer ``runs`` times on ``wav`` (median wall time) and score its words."""
    row = Row("", engine)
    text = wav.with_suffix(".plain.txt")
    text.write_text(" ".join(w.text for w in ep.words) + "\n")
    out = wav.with_suffix(f".{engine}.json")
    walls, peaks = [], []
    for _ in range(runs):
        wall, _ = run_measured([str(python), str(BENCH / "peers.py"), engine, str(wav),
                                str(text), default_model_path(), str(out)])
        walls.append(wall)
        peaks.append(json.loads(out.read_text())["peak_mib"])
    result = json.loads(out.read_text())
    score_peer(row, ep, result["words"])
    row.speed = f"{ep.duration / statistics.median(walls):.0f}×"
    row.memory = f"{max(peaks)}"
    if not result["words"]:
        row.notes.append("align() returned no result")
    return row


def stable_ts_python(given: str | None) -> tuple[Path | None, str]:
    """A Python that can import stable-ts, or why there is none."""
    python = Path(given) if given else PEERS_PYTHON
    if not python.exists():
        return None, f"no Python with stable-ts at {python}"
    probe = subprocess.run([str(python), "-c", "import stable_whisper, faster_whisper"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["import failed"])[-1]
        return None, f"stable-ts does not import in {python}: {last}"
    return python, ""


# ----------------------------------------------------------------------------------------
# Report


ACCURACY_COLS = ("case", "engine", "words", "median ms", "mean ms", "≤ 20 ms", "≤ 50 ms",
                 "> 1 s off", "no time", "interpolated")
ROBUST_COLS = ("case", "engine", "cut sentence flagged", "ad reported", "music reported",
               "fillers reported", "in-audio words flagged cut", "mean error ms: lowest-"
               "confidence 10 % vs rest", "speed (× real time)", "peak MiB")


def accuracy_cells(r: Row) -> list[str]:
    return [r.case, r.engine, str(r.n), f"{r.median:.1f}", f"{r.mean:.1f}", f"{r.w20:.0f} %",
            f"{r.w50:.0f} %", str(r.over_1s), str(r.no_time),
            "—" if r.interpolated is None else str(r.interpolated)]


def robust_cells(r: Row) -> list[str]:
    return [r.case, r.engine, r.cut, r.ad, r.music, r.fillers,
            "—" if r.false_cut is None else str(r.false_cut), r.confidence, r.speed, r.memory]


def table(title: str, cols: tuple[str, ...], rows: list[list[str]]) -> Table:
    t = Table(title=title)
    for c in cols:
        t.add_column(c)
    for r in rows:
        t.add_row(*r)
    return t


def describe(ep: eps.Episode) -> str:
    extras = {label: [s for s in ep.extras if s.label == label]
              for label in ("music", "ad", "filler")}
    parts = [f"**{ep.name}**: {ep.duration / 60:.1f} min, {len(ep.words)} transcript words,"
             f" {len(ep.turns)} turns, {len(set(s for s, _ in ep.turns))} speakers"]
    if ep.cut:
        parts.append(f"{len(ep.cut)} words cut from the audio (one sentence)")
    for label, spans in extras.items():
        if spans:
            length = sum(s.end - s.start for s in spans)
            parts.append(f"{len(spans)} × {label} ({length:.1f} s)")
    if "long_turn_s" in ep.info:
        parts.append(f"a single turn of {ep.info['long_turn_s']} s")
    if "snr_db" in ep.info:
        parts.append(f"pink noise {ep.info['snr_db']:.0f} dB below the speech")
    return "; ".join(parts)


# ----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3,
                        help="timed `captionkit align` runs per case (median)")
    parser.add_argument("--peer-runs", type=int, default=1, help="timed runs per peer (median)")
    parser.add_argument("--long", action="store_true", help="add the 45-minute episode")
    parser.add_argument("--peers-python", help="a Python with stable-ts installed")
    parser.add_argument("--no-peers", action="store_true", help="skip the peer engines")
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args()
    console = Console()
    started = time.perf_counter()

    console.print("building episodes (cached in bench/.cache) …")
    clean = eps.cached(eps.clean_episode, seed=11)
    hard = eps.cached(eps.hard_episode, seed=11)
    cases = [
        Case("clean", clean, "accurate", peers=True),
        Case("hard, timestamps accurate", hard, "accurate", peers=True),
        Case("hard, timestamps ±10 s", hard, "wrong"),
        Case("hard, no timestamps", hard, "absent"),
    ]
    episodes = [clean, hard]
    if args.long:
        long = eps.cached(eps.long_episode, seed=23)
        cases.append(Case("long", long, "accurate"))
        episodes.append(long)

    stable_python, stable_why = (None, "skipped (--no-peers)") if args.no_peers else \
        stable_ts_python(args.peers_python)
    whisper = WhisperAligner()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            ep = case.episode
            wav = Path(tmp) / f"{ep.name}.wav"
            if not wav.exists():
                eps.write_wav(wav, ep.audio)
            text = Path(tmp) / f"{ep.name}-{case.stamps}.txt"
            text.write_text(eps.transcript_text(ep, case.stamps, seed=1))
            transcript = read_transcript(text)
            if transcript.words != [w.text for w in ep.words]:
                raise SystemExit(f"{case.label}: the transcript does not read back word for word")
            console.print(f"{case.label}: aligning {ep.duration / 60:.1f} min …")
            row = Row(case.label, "captionkit")
            # A fresh exact aligner per recording, as `captionkit align` has.
            alignment = align(transcript, load_audio(wav), whisper, sphinx=SphinxAligner())
            score_captionkit(row, ep, alignment)
            time_cli(row, ep, wav, text, args.runs)
            rows.append(row)
            if not case.peers or args.no_peers:
                continue
            peers = [("faster-whisper", Path(sys.executable))]
            if stable_python is not None:
                peers.append(("stable-ts", stable_python))
            for engine, python in peers:
                console.print(f"{case.label}: {engine} …")
                peer = run_peer(engine, python, ep, wav, args.peer_runs)
                peer.case = case.label
                rows.append(peer)

    engines = {
        "faster-whisper": "faster-whisper word timestamps (`transcribe(word_timestamps=True)`,"
                          " default decoding), matched to transcript words by difflib",
        "stable-ts": "stable-ts `align()` of the transcript text with the same model"
                     " (`stable_whisper.load_faster_whisper`), matched by difflib",
    }
    acc = [accuracy_cells(r) for r in rows]
    rob = [robust_cells(r) for r in rows]
    console.print(table("Word-start accuracy on synthesized episodes", ACCURACY_COLS, acc))
    console.print(table("Robustness, confidence, speed", ROBUST_COLS, rob))
    notes = [f"{r.case} / {r.engine}: {'; '.join(r.notes)}" for r in rows if r.notes]
    for n in notes:
        console.print(n)
    elapsed = time.perf_counter() - started

    md = [
        "## Synthesized episodes with exact truth: clean, hard, edited (`bench/hard_audio.py`)",
        "",
        "espeak-ng speech (`fixtures/synth.py`, word starts from the synthesizer itself) from an"
        " original seeded dialogue generator (`bench/dialogue.py`), edited with numpy"
        " (`bench/episodes.py`), truth moved with every edit:",
        "",
        *[f"- {describe(ep)}." for ep in episodes],
        "",
        "The hard episode is aligned with its turn timestamps accurate (truncated to the"
        " second), off by a seeded uniform ±10 s, and absent. Errors are word-start errors over"
        " the transcript words that are in the audio; \"no time\" counts words an engine gave no"
        " time (peers: not matched to their output). Default model (Whisper tiny.en, int8, CPU),"
        " 2 cores. Peers see the same audio; they use no turn timestamps, so they run once per"
        " episode. Peers:",
        "",
        f"- {engines['faster-whisper']};",
        f"- {engines['stable-ts']}" + ("." if stable_python else f": **not run** — {stable_why}."),
        "",
        *markdown_table(ACCURACY_COLS, acc),
        "",
        "Edits reported (captionkit: a cut word counts as flagged when it is `aligned: false` or"
        " inside a `not_in_audio` discrepancy; a span counts as reported when `not_in_transcript`"
        " discrepancies cover ≥ 50 % of it). Speed and peak memory are of whole processes, model"
        f" load included (`captionkit align --formats words`: median of {args.runs} runs; peers:"
        f" median of {args.peer_runs}); captionkit's peak memory is its whole process tree's"
        " (the parent and the exact aligner's worker processes, `bench/cli_run.py`), peers'"
        " their process's own high-water mark (VmHWM):",
        "",
        *markdown_table(ROBUST_COLS, rob),
        "",
        *[f"- {n}" for n in notes],
        "",
        f"Whole benchmark run: {elapsed / 60:.1f} min.",
    ]
    update_section("hard-audio", "\n".join(md), Path(args.output))
    console.print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
