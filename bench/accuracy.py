"""Word-timing accuracy and speed of `captionkit align`, printed as a table and written to
BENCHMARKS.md.

Runs the real CLI (a subprocess, like a user) on the bundled example, scores its words file
against the fixture's exact espeak-ng word times, and repeats the run to quote a median speed.
Usage: ``python bench/accuracy.py [--runs 3]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from cli_run import timed_align
from report import update_section
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_AUDIO = ROOT / "fixtures" / "episode.wav"
FIXTURE_TEXT = ROOT / "fixtures" / "episode.txt"
FIXTURE_TRUTH = ROOT / "fixtures" / "episode.truth.json"


def score(words: list[dict], truth: list[dict]) -> dict[str, float]:
    """Start-time errors of aligned words against the truth (same words, same order)."""
    if [w["text"] for w in words] != [t["text"] for t in truth]:
        raise SystemExit("words file and truth disagree on the words: a word was lost or moved")
    errors = [abs(w["start"] - t["start"]) * 1000 for w, t in zip(words, truth, strict=True)]
    signed = [(w["start"] - t["start"]) * 1000 for w, t in zip(words, truth, strict=True)]
    return {
        "words": len(errors),
        "median_ms": statistics.median(errors),
        "mean_ms": statistics.fmean(errors),
        "bias_ms": statistics.median(signed),
        "p95_ms": sorted(errors)[int(0.95 * (len(errors) - 1))],
        "within_50": 100 * sum(e <= 50 for e in errors) / len(errors),
        "within_100": 100 * sum(e <= 100 for e in errors) / len(errors),
        "interpolated": sum(not w["aligned"] for w in words),
    }


def run_cli(outdir: Path) -> tuple[float, int]:
    """One real `captionkit align` run: wall seconds and peak memory (MiB) of the process."""
    return timed_align(str(FIXTURE_AUDIO), str(FIXTURE_TEXT), "-o", str(outdir), "--quiet")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="repeat runs for the median speed")
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args()

    truth = json.loads(FIXTURE_TRUTH.read_text())["words"]
    audio_s = truth[-1]["end"]
    walls, rss = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            wall, peak = run_cli(Path(tmp))
            walls.append(wall)
            rss.append(peak)
        words = json.loads((Path(tmp) / f"{FIXTURE_AUDIO.stem}.words.json").read_text())["words"]
    s = score(words, truth)
    wall = statistics.median(walls)

    table = Table(title="captionkit align on the bundled example (espeak-ng truth)")
    for col in ("metric", "value"):
        table.add_column(col)
    rows = [
        ("words scored", f"{s['words']}"),
        ("median word-start error", f"{s['median_ms']:.0f} ms"),
        ("mean word-start error", f"{s['mean_ms']:.0f} ms"),
        ("p95 word-start error", f"{s['p95_ms']:.0f} ms"),
        ("median signed error (late > 0)", f"{s['bias_ms']:+.0f} ms"),
        ("starts within 50 ms", f"{s['within_50']:.0f} %"),
        ("starts within 100 ms", f"{s['within_100']:.0f} %"),
        ("words interpolated (aligned: false)", f"{s['interpolated']}"),
        (f"wall time, median of {args.runs} CLI runs", f"{wall:.1f} s"),
        ("speed", f"{audio_s / wall:.0f}× real time"),
        ("peak memory (process tree)", f"{max(rss)} MiB"),
    ]
    for row in rows:
        table.add_row(*row)
    Console().print(table)

    md = [
        "## `captionkit align` on the bundled example (`bench/accuracy.py`)",
        "",
        f"{audio_s:.1f} s of synthesized three-speaker speech (`fixtures/episode.wav`), scored"
        " against the exact word starts espeak-ng reported while synthesizing"
        " (`fixtures/episode.truth.json`). Default model (Whisper tiny.en, int8, CPU).",
        "",
        "| metric | value |",
        "|---|---|",
        *[f"| {a} | {b} |" for a, b in rows],
    ]
    update_section("align-fixture", "\n".join(md), Path(args.output))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
