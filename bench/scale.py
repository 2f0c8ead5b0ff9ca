"""Peak memory and speed of `captionkit align` as episodes get longer.

Builds 30-minute, 1-hour (and, with ``--full``, 3-hour) episodes by looping the bundled
example's audio and repeating its words as a plain transcript, runs the real CLI on each, and
reads the run's peak resident memory (its process tree, see ``cli_run``). Usage:
``python bench/scale.py [--full] [--minutes 30 60]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import wave
from pathlib import Path

from cli_run import timed_align
from report import update_section
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_AUDIO = ROOT / "fixtures" / "episode.wav"
EXAMPLE_TEXT = ROOT / "fixtures" / "episode.txt"
EXAMPLE_TRUTH = ROOT / "fixtures" / "episode.truth.json"
EDGE_S = 600  # drift: the first and the last ten minutes are compared

def build(minutes: int, folder: Path) -> tuple[Path, Path, float]:
    """A looped episode of about ``minutes`` and its plain transcript; returns its seconds."""
    from captionkit.transcript import read_transcript

    words = read_transcript(EXAMPLE_TEXT).words
    example_s = example_seconds()
    loops = max(1, round(minutes * 60 / example_s))
    audio = folder / f"loop-{minutes}min.wav"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-stream_loop", str(loops - 1), "-i", str(EXAMPLE_AUDIO),
         str(audio)],
        check=True,
    )
    text = folder / f"loop-{minutes}min.txt"
    text.write_text("\n\n".join(" ".join(words) for _ in range(loops)) + "\n")
    return audio, text, loops * example_s


def example_seconds() -> float:
    with wave.open(str(EXAMPLE_AUDIO)) as wav:
        return wav.getnframes() / wav.getframerate()


def accuracy(words_file: Path, seconds: float) -> dict[str, float]:
    """Start errors against the looped example's exact times (the synthesizer's), over the whole
    episode and in its first and last ten minutes: drift would show as the last growing."""
    truth = json.loads(EXAMPLE_TRUTH.read_text(encoding="utf-8"))["words"]
    got = json.loads(words_file.read_text(encoding="utf-8"))["words"]
    loop = example_seconds()
    expected = [loop * k + t["start"] for k in range(round(seconds / loop)) for t in truth]
    if [w["text"] for w in got] != [t["text"] for t in truth] * round(seconds / loop):
        raise SystemExit(f"{words_file}: the words differ from the transcript's")
    errors = [(e, abs(w["start"] - e) * 1000) for w, e in zip(got, expected, strict=True)]
    first = [ms for at, ms in errors if at < EDGE_S]
    last = [ms for at, ms in errors if at >= seconds - EDGE_S]
    return {
        "median": statistics.median(ms for _, ms in errors),
        "first": statistics.median(first),
        "last": statistics.median(last),
        "over_1s": sum(ms > 1000 for _, ms in errors),
        "words": len(errors),
    }


def run(audio: Path, text: Path, outdir: Path) -> tuple[float, int]:
    return timed_align(str(audio), str(text), "-o", str(outdir), "--quiet",
                       "--formats", "vtt,srt,words")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=int, nargs="+", default=[30, 60])
    parser.add_argument("--full", action="store_true", help="add the 3-hour episode")
    args = parser.parse_args()
    lengths = sorted(set(args.minutes + ([180] if args.full else [])))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for minutes in lengths:
            audio, text, seconds = build(minutes, folder)
            wall, peak = run(audio, text, folder / "out")
            acc = accuracy(folder / "out" / f"{audio.stem}.words.json", seconds)
            rows.append((f"{seconds / 60:.0f} min", f"{acc['words']}", f"{peak} MiB",
                         f"{wall:.0f} s", f"{seconds / wall:.1f}×", f"{acc['median']:.1f}",
                         f"{acc['first']:.1f}", f"{acc['last']:.1f}", f"{acc['over_1s']}"))
    columns = ("audio", "words", "peak memory", "wall time", "speed", "median start error ms",
               "first 10 min", "last 10 min", "words > 1 s off")
    table = Table(title="captionkit align on long episodes")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    update_section("scale", "\n".join([
        "## Long episodes (`bench/scale.py`)",
        "",
        "The bundled example looped to each length (audio by ffmpeg, its words repeated as a"
        " plain transcript), aligned by the real CLI (vtt, srt, words). Peak memory is the"
        " whole run's (the process and its worker processes, `bench/cli_run.py`); one run each,"
        " 2-core CPU. Start errors are against the synthesizer's exact word times, looped with"
        " the audio; drift would show as the last ten minutes' median growing past the"
        " first's.",
        "",
        f"| {' | '.join(columns)} |",
        "|" + "---|" * len(columns),
        *[f"| {' | '.join(r)} |" for r in rows],
    ]))


if __name__ == "__main__":
    main()
