"""Speed of `captionkit check`: a one-hour caption file without audio, and the sync check
against the cost of aligning the same audio. Prints a table and writes BENCHMARKS.md.

Without audio: a generated one-hour WebVTT file (about 1,000 cues, three speakers), checked in
process (`check_file`) and through the real CLI (a subprocess, Python start-up included).
With audio: the bundled episode. `captionkit align` writes its VTT, then `captionkit check` runs
on that VTT with the audio; both through the CLI, on the same machine, alternating runs.
Usage: ``python bench/check_speed.py [--runs 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import update_section
from rich.console import Console
from rich.table import Table

from captionkit.check import check_file
from captionkit.check.fix import stamp
from captionkit.profiles import get_profile

ROOT = Path(__file__).resolve().parents[1]
AUDIO = ROOT / "fixtures" / "episode.wav"
TEXT = ROOT / "fixtures" / "episode.txt"
SPEAKERS = ("Siobhán O’Hara", "Jean-Luc Moreau", "Amara Okafor-Lind")
SENTENCES = (
    ("We counted more than three thousand", "glass eels in a single night."),
    ("Each team checks the traps at dusk", "and writes the count on a card."),
    ("Most of the catchment had been blocked", "for about fifty years."),
    ("That seems like a good place to stop.",),
)


def one_hour_vtt(path: Path) -> int:
    """Write a realistic one-hour WebVTT file; returns the number of cues."""
    blocks = ["WEBVTT"]
    t, n = 0, 0
    while t < 3_600_000:
        lines = SENTENCES[n % len(SENTENCES)]
        duration = 2_400 + 350 * len(" ".join(lines)) // 10
        speaker = SPEAKERS[(n // 3) % len(SPEAKERS)]
        blocks.append(f"{stamp(t, 'vtt')} --> {stamp(t + duration, 'vtt')}\n"
                      f"<v {speaker}>" + "\n".join(lines))
        t += duration + (83 if n % 5 else 700)
        n += 1
    path.write_text("\n\n".join(blocks) + "\n")
    return n


def cli(*args: str) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "captionkit", *args], capture_output=True,
                          text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"captionkit {args[0]} failed:\n{proc.stderr}")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="repeat runs for the medians")
    args = parser.parse_args()
    profile = get_profile("podcast")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "hour.vtt"
        cues = one_hour_vtt(big)
        check_file(big, profile)  # warm imports
        in_process = []
        for _ in range(max(args.runs, 5)):
            t0 = time.perf_counter()
            findings = check_file(big, profile).findings
            in_process.append(time.perf_counter() - t0)
        hour_cli = [cli("check", str(big), "--no-audio") for _ in range(args.runs)]
        startup = [cli("--version") for _ in range(args.runs)]
        out = Path(tmp) / "out"
        align_s, check_s = [], []
        for _ in range(args.runs):
            align_s.append(cli("align", str(AUDIO), str(TEXT), "-o", str(out), "--formats", "vtt",
                               "--quiet"))
            check_s.append(cli("check", str(out / "episode.vtt"), "--audio", str(AUDIO)))
    audio_s = 73.7
    rows = [
        ("one-hour VTT, no audio, in process (`check_file`)", f"{cues} cues",
         statistics.median(in_process)),
        ("one-hour VTT, no audio, CLI (`captionkit check --no-audio`)", f"{cues} cues",
         statistics.median(hour_cli)),
        ("CLI start-up alone (`captionkit --version`), for scale", "-",
         statistics.median(startup)),
        ("`captionkit align` of the episode (vtt only)", f"{audio_s:.0f} s audio",
         statistics.median(align_s)),
        ("`captionkit check` of its VTT with the audio (sync)", f"{audio_s:.0f} s audio",
         statistics.median(check_s)),
    ]
    table = Table(title="captionkit check speed (median seconds)")
    for column in ("what", "input", "seconds"):
        table.add_column(column)
    for what, size, seconds in rows:
        table.add_row(what, size, f"{seconds:.2f}")
    Console().print(table)
    ratio = statistics.median(check_s) / statistics.median(align_s)
    markdown = "\n".join([
        "## captionkit check speed",
        "",
        f"`bench/check_speed.py`, medians of {args.runs}+ runs on a 2-core CPU, no GPU. The "
        "one-hour file is generated (the script writes it); the sync check is timed on the "
        "bundled episode against `captionkit align` of the same audio, alternating runs.",
        "",
        "| what | input | seconds |",
        "|---|---|---|",
        *[f"| {what} | {size} | {seconds:.2f} |" for what, size, seconds in rows],
        "",
        f"Checking the one-hour file takes {statistics.median(in_process):.2f} s in process "
        f"({len(findings)} findings; goal: under 1 s); through the CLI most of the time is "
        "Python start-up and importing the whole command line (the start-up row). With audio, "
        f"check costs {ratio:.2f}× an align run of the same audio: the sync check *is* an "
        "alignment of the caption text, without segmenting or writing files.",
    ])
    update_section("check", markdown)


if __name__ == "__main__":
    main()
