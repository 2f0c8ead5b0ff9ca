"""Every bad-input case through the real `captionkit align`, with the outcome the tests expect.

The cases and their expected outcomes are not typed here: they come from the bad-input
corpus (every file in ``tests/bad/``) and the case tables of ``tests/test_bad_input.py``
(unusable transcripts and audio: exit 2 with one line holding given parts; usable odd input:
exit 0, every word, and a given warning). Each case is run as a subprocess against the same
6.4 s clip the tests use; the section in BENCHMARKS.md lists what each one printed. Usage:
``python bench/bad_input.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from report import update_section  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from captionkit.transcript import read_transcript  # noqa: E402
from tests import test_bad_input as cases  # noqa: E402


@dataclass
class Case:
    """One input, what the tests expect of it, and (once run) what the command did."""

    kind: str
    name: str
    audio: Path
    transcript: Path
    rejected: bool
    parts: list[str]
    """Rejected: what the one error line must hold. Kept: what one warning line must hold."""
    no_warning: bool = False
    ok: bool = False
    got: str = ""


def corpus_cases(media: Path) -> list[Case]:
    """Every file under tests/bad/, with its row from the tests' tables."""
    rejected = {name: parts for name, parts in cases.REJECTED_TRANSCRIPTS.values()}
    kept = {name: parts for name, parts in cases.KEPT_TRANSCRIPTS.values()}
    found = []
    for path in sorted(cases.BAD.iterdir()):
        if path.name not in rejected and path.name not in kept:
            raise SystemExit(f"{path} has no row in tests/test_bad_input.py's case tables")
        found.append(Case("transcript (tests/bad)", path.name, media / "clip.wav", path,
                          path.name in rejected, rejected.get(path.name) or kept[path.name]))
    return found


def audio_cases(media: Path, folder: Path) -> list[Case]:
    text = folder / "clip-transcript.txt"
    text.write_text(cases.CLIP_TEXT, encoding="utf-8")
    return [Case("audio", name, media / name, text, True, parts)
            for name, parts in sorted(cases.REJECTED_AUDIO.values())]


def encoding_cases(media: Path, folder: Path) -> list[Case]:
    found = []
    for label, encode, warning in cases.ENCODINGS:
        path = folder / f"{label.replace(' ', '-')}.txt"
        path.write_bytes(encode(cases.CLIP_TEXT))
        found.append(Case("transcript encoding", label, media / "clip.wav", path, False,
                          [warning] if warning else [], no_warning=warning is None))
    return found


def run(case: Case, out: Path, shorten) -> None:
    """Run the command on the case; set ``ok`` (as the tests expect) and ``got`` (its output)."""
    proc = subprocess.run(
        [sys.executable, "-m", "captionkit", "align", str(case.audio), str(case.transcript),
         "-o", str(out), "--quiet"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "CI": "1"},
    )
    lines = [shorten(line) for line in proc.stderr.splitlines() if line.strip()]
    written = sorted(p.name for p in out.iterdir()) if out.exists() else []
    if case.rejected:
        case.ok = (proc.returncode == 2 and len(lines) == 1 and not written
                   and all(part in proc.stderr for part in case.parts))
        case.got = f"exit {proc.returncode}: " + " / ".join(lines)
        return
    stem = case.audio.stem
    words_file = out / f"{stem}.words.json"
    listed = json.loads(words_file.read_text())["words"] if words_file.exists() else []
    words = read_transcript(case.transcript).words
    complete = [w["text"] for w in listed] == words and len(written) == len(cases.OUTPUTS)
    warnings = [line for line in lines if line.startswith("warning: ")]
    warned = any(all(part in w for part in case.parts) for w in warnings) if case.parts else True
    case.ok = (proc.returncode == 0 and complete and warned and len(warnings) == len(lines)
               and not (case.no_warning and warnings))
    state = f"all {len(words)} words" if complete else f"{len(listed)} of {len(words)} words"
    case.got = f"exit {proc.returncode}, {state}" + "".join(f" / {w}" for w in warnings)


def expected(case: Case) -> str:
    quoted = ", ".join(f"“{p}”" for p in case.parts)
    if case.rejected:
        return f"exit 2, one line with {quoted}, no file"
    if case.parts:
        return f"exit 0, every word, a warning with {quoted}"
    return "exit 0, every word, no warning" if case.no_warning else "exit 0, every word"


def main() -> None:
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        media = folder / "media"
        media.mkdir()
        cases.make_media(media)

        def shorten(line: str) -> str:
            return line.replace(f"{folder}/media/", "").replace(f"{folder}/", "").replace(
                f"{ROOT}/", "")

        todo = corpus_cases(media) + audio_cases(media, folder) + encoding_cases(media, folder)
        for number, case in enumerate(todo):
            run(case, folder / f"out{number}", shorten)
    seconds = time.monotonic() - began
    as_expected = sum(c.ok for c in todo)
    corpus = sum(c.kind.endswith("(tests/bad)") for c in todo)

    table = Table(title=f"Bad input: {as_expected} of {len(todo)} cases as the tests expect")
    for column in ("kind", "case", "expected", "got", "ok"):
        table.add_column(column, overflow="fold")
    for c in todo:
        table.add_row(c.kind, c.name, expected(c), c.got, "yes" if c.ok else "NO")
    Console().print(table)

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    update_section("bad-input", "\n".join([
        "## Bad input through the real CLI (`bench/bad_input.py`)",
        "",
        f"{len(todo)} cases: the {corpus} files of the corpus in `tests/bad/`, plus the broken"
        " audio and the transcript encodings that `tests/test_bad_input.py` builds, each run"
        " through `captionkit align` against a 6.4 s clip of the example. The expected outcome"
        " is the tests' own case table; \"got\" is what the command printed (paths shortened).",
        "",
        f"**{as_expected} of {len(todo)} as expected** ({seconds:.0f} s).",
        "",
        "| kind | case | expected | got | as expected |",
        "|---|---|---|---|---|",
        *[f"| {c.kind} | `{c.name}` | {cell(expected(c))} | {cell(c.got)} |"
          f" {'yes' if c.ok else '**no**'} |" for c in todo],
    ]))
    sys.exit(0 if as_expected == len(todo) else 1)


if __name__ == "__main__":
    main()
