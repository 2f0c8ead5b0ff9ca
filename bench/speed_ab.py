"""Speed of `captionkit align` against an earlier commit, runs interleaved on the same machine.

The machines these benchmarks run on are shared and noisy: the same command can run 15 %
slower in one hour than in the next, so two speeds from two benchmark runs say little about
a change. This script checks the earlier commit out into a temporary git worktree and times
the real CLI of both, one run of each in turn, on the synthesized episodes of
``bench/episodes.py`` (the clean 5-minute one with and without timestamps, the hard 12.6-minute
one without timestamps, the 45-minute one), and reports the median of each and their ratio.
Both versions also write their outputs; the word files are compared, so a speed-up that
changes results is said to.

Usage: ``python bench/speed_ab.py --against REF [--runs 3] [--cases clean,clean-absent,long]``
(cases: clean, clean-absent, hard-absent, long).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import episodes as eps
from cli_run import RUNNER
from report import markdown_table, update_section
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
CASES = {  # name: (label, episode builder, timestamps)
    "clean": ("clean", eps.clean_episode, "accurate"),
    "clean-absent": ("clean, no timestamps", eps.clean_episode, "absent"),
    "hard-absent": ("hard, no timestamps", eps.hard_episode, "absent"),
    "long": ("long", eps.long_episode, "accurate"),
}
COLUMNS = ["case", "audio", "before (s)", "after (s)", "before ×", "after ×", "speed-up",
           "same word times"]


def run(source: Path, audio: Path, transcript: Path, out: Path) -> float:
    """Wall seconds of ``captionkit align`` from ``source``'s package (run outside any
    checkout, so that the current folder does not decide which captionkit is imported)."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    cmd = [sys.executable, "-c", RUNNER, "align", str(audio), str(transcript), "-o", str(out),
           "--formats", "words", "--quiet"]
    began = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=out.parent)
    if proc.returncode != 0:
        raise SystemExit(f"captionkit align failed ({source}):\n{proc.stderr}")
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", required=True, help="the earlier commit (any git ref)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each version")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    args = parser.parse_args()
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [c for c in cases if c not in CASES]
    if unknown:
        raise SystemExit(f"unknown case(s) {unknown}; choose from {list(CASES)}")
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.against],
                            capture_output=True, text=True, check=True).stdout.strip()
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "captionkit"],
                           capture_output=True, text=True, check=True).stdout.strip()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        before = work / "before"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                        str(before), commit], check=True)
        try:
            for case in cases:
                title, builder, stamps = CASES[case]
                ep = eps.cached(builder)
                audio, text = work / f"{ep.name}.wav", work / f"{ep.name}-{stamps}.txt"
                eps.write_wav(audio, ep.audio)
                text.write_text(eps.transcript_text(ep, stamps), encoding="utf-8")
                times: dict[str, list[float]] = {"before": [], "after": []}
                for k in range(args.runs):
                    for label, source in (("before", before), ("after", ROOT)):
                        Console().print(f"{title}: {label}, run {k + 1} of {args.runs} …")
                        times[label].append(run(source, audio, text, work / label))
                words = [(work / label / f"{audio.stem}.words.json").read_bytes()
                         for label in ("before", "after")]
                a, b = (statistics.median(times[label]) for label in ("before", "after"))
                rows.append([title, f"{ep.duration / 60:.1f} min", f"{a:.1f}", f"{b:.1f}",
                             f"{ep.duration / a:.0f}×", f"{ep.duration / b:.0f}×",
                             f"{a / b:.2f}×", "yes" if words[0] == words[1] else "no"])
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(before)], check=False)
    table = Table(*COLUMNS, title=f"captionkit align: {commit} (before) against {head} (after)")
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    after = f"`{head}`" + (" with uncommitted changes" if dirty else "")
    body = [
        "## Speed against an earlier commit (`bench/speed_ab.py`)",
        "",
        f"The real CLI (model load included, word file only) of `{commit}` (before) and "
        f"{after} (after), one run of each in turn, {args.runs} runs each, medians; 2-core "
        "CPU. Interleaving puts both versions under the same load, so the ratio holds where "
        "the machine's speed drifts between benchmark runs. \"Same word times\": the two "
        "word files are byte-identical.",
        "",
        *markdown_table(COLUMNS, rows),
    ]
    update_section("speed-ab", "\n".join(body))


if __name__ == "__main__":
    main()
