"""Fuzz the transcript readers and the caption checker's VTT/SRT reader with random input.

Any exception other than ``CaptionkitError`` (our one-line error) is a bug. Inputs are random
bytes and random text built from the pieces these formats are made of (timestamps, arrows,
``WEBVTT``, ``NOTE``, speaker labels, BOMs, odd newlines), so the readers' deeper paths are
reached, not only their first check. ``tests/test_fuzz.py`` runs a few hundred inputs in CI;
this script runs many more and writes the counts to BENCHMARKS.md::

    .venv/bin/python bench/fuzz.py            # 20,000 inputs per target
    .venv/bin/python bench/fuzz.py --examples 2000
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from captionkit.check.decoding import decode_caption  # noqa: E402
from captionkit.check.reader import parse_caption_text  # noqa: E402
from captionkit.errors import CaptionkitError  # noqa: E402
from captionkit.transcript import FORMATS, parse_transcript  # noqa: E402
from captionkit.transcript.decoding import decode  # noqa: E402

PIECES = [
    "WEBVTT", "WEBVTT\n\n", "NOTE ", "STYLE", "REGION", "-->", " --> ", "\n", "\n\n", "\r\n",
    "\r", "\ufeff", "\u2028", "\u2029", "\x85", "1\n", "00:00:01.000", "00:00:02,500",
    "00:01.000 --> 00:02.000\n", "00:00:01,000 --> 00:00:02,000\n", "99:99:99.999", "[00:61:00]",
    "[00:00:05]", "[1:02:03]", "(00:01:04)", " 01:04", "Ann Lee", "Siobhán O’Hara", "BOB:",
    "Ann: ", "<v Ann>", "<v>", "</v>", "<i>", "<c.x>", "<00:00:01.500>", "&amp;", "&", "<",
    "{\\an8}", "- ", "Transcript\n", "Hello there.", "eels,", "’", "\t", " ", "\x00",
]
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join),
)
DATA = st.one_of(st.binary(max_size=400), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
TRANSCRIPT_FORMATS = [None, *FORMATS]


def read_transcript_bytes(data: bytes, input_format: str | None) -> None:
    """What ``read_transcript`` does with a file's bytes, minus the file."""
    text, _ = decode(data, "fuzz.txt")
    parse_transcript(text, source="fuzz.txt", input_format=input_format)


def check_caption_bytes(data: bytes, suffix: str) -> None:
    """What ``captionkit check`` does with a caption file's bytes."""
    decoded = decode_caption(data, f"fuzz{suffix}")
    parse_caption_text(decoded.text, f"fuzz{suffix}", decoded=decoded)


def only_our_errors(target: Callable[..., None], *args) -> BaseException | None:
    """None when ``target`` succeeds or raises our own error; the exception otherwise."""
    try:
        target(*args)
    except CaptionkitError:
        return None
    except Exception as error:  # anything else is a bug to report
        return error
    return None


def run(examples: int) -> tuple[int, list[tuple[bytes, str]]]:
    """Fuzz both readers with ``examples`` inputs each; returns (executions, failures)."""
    executions = 0
    failures: list[tuple[bytes, str]] = []

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=DATA, input_format=st.sampled_from(TRANSCRIPT_FORMATS),
           suffix=st.sampled_from([".vtt", ".srt"]))
    def fuzz(data: bytes, input_format: str | None, suffix: str) -> None:
        nonlocal executions
        for target, arg in ((read_transcript_bytes, input_format), (check_caption_bytes, suffix)):
            executions += 1
            error = only_our_errors(target, data, arg)
            if error is not None:
                where = traceback.format_exception(error)[-2].strip().splitlines()[0]
                failures.append((data, f"{target.__name__}: {type(error).__name__}: {where}"))

    fuzz()
    return executions, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=20_000)
    args = parser.parse_args()
    began = time.monotonic()
    executions, failures = run(args.examples)
    seconds = time.monotonic() - began

    from rich.console import Console
    from rich.table import Table

    table = Table(title="Fuzzing the readers")
    for column in ("inputs", "executions", "failures", "seconds"):
        table.add_column(column, justify="right")
    table.add_row(str(args.examples), str(executions), str(len(failures)), f"{seconds:.0f}")
    Console().print(table)
    for data, what in failures[:10]:
        print(f"FAIL {what}: {data[:80]!r}")

    from report import update_section

    update_section("fuzz", "\n".join([
        "## Fuzzing the readers (`bench/fuzz.py`)",
        "",
        "Random bytes and text made of transcript/caption pieces, fed to `parse_transcript` (auto",
        "and every format) and to `captionkit check`'s VTT/SRT reader. A failure is any exception",
        "other than `CaptionkitError`. CI runs 300 inputs (`tests/test_fuzz.py`).",
        "",
        "| inputs | reader executions | failures | seconds |",
        "|---:|---:|---:|---:|",
        f"| {args.examples} | {executions} | {len(failures)} | {seconds:.0f} |",
    ]))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
