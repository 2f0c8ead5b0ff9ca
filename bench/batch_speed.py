"""Throughput of `captionkit batch`: episodes per minute with --jobs 1 and --jobs 2, the cost
of running the same jobs on a Dask LocalCluster instead of local worker processes, and the
time of a re-run where every episode is unchanged.

The series is the bundled example cut into short episodes (`fixtures/series.py`), written
twice under different names so each run has eight episodes. Every configuration runs the real
CLI in a subprocess, like a user, into a fresh output folder; the numbers are medians.
Usage: ``python bench/batch_speed.py [--runs 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import update_section
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fixtures.series import make_series  # noqa: E402 - needs the repository on sys.path


def run_batch(series: Path, outdir: Path, *extra: str) -> tuple[float, float, dict]:
    """One real `captionkit batch` run: wall seconds, CPU seconds of the whole process tree
    (workers included, as they are reaped), and its batch-report.json."""
    cmd = [sys.executable, "-m", "captionkit", "batch", str(series), "-o", str(outdir), "-q",
           *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "CI": "1"})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"captionkit batch {' '.join(extra)} failed:\n{proc.stderr}")
    return wall, cpu, json.loads((outdir / "batch-report.json").read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="repeat runs for the medians")
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args()

    try:
        import distributed  # noqa: F401 - only to know whether the Dask row can run
        configs = [("local processes", "1"), ("local processes", "2"), ("dask local", "2")]
    except ImportError:
        configs = [("local processes", "1"), ("local processes", "2")]
    with tempfile.TemporaryDirectory() as tmp:
        series = Path(tmp) / "series"
        make_series(series, prefix="a")
        make_series(series, prefix="b")
        episodes = len(list(series.glob("*.wav")))
        audio_s = sum(
            e["duration_ms"] for e in run_batch(series, Path(tmp) / "probe", "--jobs", "2")[2]
            ["episodes"]
        ) / 1000
        walls: dict[tuple[str, str], list[float]] = {c: [] for c in configs}
        cpus: dict[tuple[str, str], list[float]] = {c: [] for c in configs}
        load_before = os.getloadavg()[0]
        for run in range(args.runs):  # interleaved, so machine load drifts hit every config
            for kind, jobs in configs:
                extra = ["--jobs", jobs] + (["--scheduler", "local"] if kind != "local processes"
                                            else [])
                wall, cpu, report = run_batch(series, Path(tmp) / f"{kind}-{jobs}-{run}",
                                              *extra)
                assert report["counts"]["done"] == episodes, report["counts"]
                walls[(kind, jobs)].append(wall)
                cpus[(kind, jobs)].append(cpu)
        skip_walls = []
        for _ in range(args.runs):
            wall, _, report = run_batch(series, Path(tmp) / "probe", "--jobs", "2")
            assert report["counts"]["skipped"] == episodes, report["counts"]
            skip_walls.append(wall)

    medians = {c: statistics.median(w) for c, w in walls.items()}
    rows = []
    for (kind, jobs), wall in medians.items():
        cpu = statistics.median(cpus[(kind, jobs)])
        rows.append((kind, jobs, f"{wall:.1f} s", f"{episodes * 60 / wall:.1f}",
                     f"{audio_s / wall:.1f}×", f"{cpu:.1f} s"))
    rows.append(("re-run, all unchanged", "2", f"{statistics.median(skip_walls):.1f} s", "—",
                 "—", "—"))
    load = (load_before, os.getloadavg()[0])
    table = Table(title=f"captionkit batch: {episodes} episodes, {audio_s:.0f} s of audio")
    for col in ("executor", "jobs", f"wall (median of {args.runs})", "episodes / min",
                "speed (× real time)", "CPU time"):
        table.add_column(col)
    for row in rows:
        table.add_row(*row)
    Console().print(table)

    cores = os.cpu_count() or 1
    notes = [
        "Every run includes starting the workers and loading the model once per worker."
        f" Machine: {cores} CPU cores, no GPU. CPU time is the whole process tree's, workers"
        " included; unlike wall time it does not depend on what else the machine runs."
    ]
    if max(load) > cores:
        notes.append(
            f"The machine was busy during this run (load average {load[0]:.1f} before,"
            f" {load[1]:.1f} after, on {cores} cores): other processes held most of the CPU,"
            " so wall times are inflated and extra workers cannot show their gain."
        )
    local2 = medians.get(("local processes", "2"))
    dask2 = medians.get(("dask local", "2"))
    if local2 and dask2:
        cpu_local = statistics.median(cpus[("local processes", "2")])
        cpu_dask = statistics.median(cpus[("dask local", "2")])
        notes.append(
            f"Dask path overhead against local processes (both 2 workers):"
            f" {dask2 - local2:+.1f} s wall per batch ({100 * (dask2 - local2) / local2:+.0f} %),"
            f" {cpu_dask - cpu_local:+.1f} s CPU ({100 * (cpu_dask - cpu_local) / cpu_local:+.0f}"
            " %): starting a LocalCluster (scheduler, nannies) and shipping each job through the"
            " scheduler."
        )
    if ("local processes", "1") in medians and local2:
        notes.append(
            f"--jobs 2 against --jobs 1: {medians[('local processes', '1')] / local2:.2f}×"
            " the throughput."
        )
    md = [
        "## `captionkit batch` throughput (`bench/batch_speed.py`)",
        "",
        f"{episodes} short episodes ({audio_s:.0f} s of audio in all) cut from the bundled"
        " example (`fixtures/series.py`), captioned by the real CLI into a fresh folder each"
        " run (default formats, default model).",
        "",
        f"| executor | jobs | wall (median of {args.runs}) | episodes / min |"
        " speed (× real time) | CPU time |",
        "|---|---|---|---|---|---|",
        *[f"| {' | '.join(row)} |" for row in rows],
        "",
        *[f"- {note}" for note in notes],
    ]
    update_section("batch-speed", "\n".join(md), Path(args.output))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
