"""Stopping `captionkit batch` with real signals, as a user does: Ctrl-C in a terminal (SIGINT
to the whole process group, pressed once or impatiently three times), SIGINT or SIGTERM to the
command alone (``kill``, a CI runner or a service manager), with one worker or two, and on a
Dask ``LocalCluster``.

Each run is a real subprocess in its own session, signalled while one episode's outputs exist
and the next is being aligned. After it exits: code 130, no temporary file anywhere in the
output tree, every file there complete (VTT and SRT parse, the words file holds every word of
the transcript), no episode marked done without its outputs, no process of the run left
alive; and a second run redoes exactly the episodes that had not finished.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from captionkit.transcript import read_transcript
from fixtures.series import make_series

from .conftest import needs_ffmpeg
from .test_batch_cli import ROOT, batch, report_of, statuses
from .test_formats import read_srt, read_vtt, vtt_words

pytestmark = needs_ffmpeg

# Four short episodes, one speaker turn each: about a second of work apiece on two cores.
GROUPS = ((0,), (1,), (2,), (3,))
ENDINGS = (".vtt", ".srt", ".json", ".words.json", ".html")


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("signals") / "series"
    make_series(folder, groups=GROUPS)
    return folder


def start(series: Path, out: Path, jobs: int) -> subprocess.Popen[str]:
    """``captionkit batch`` in a session of its own, as a terminal would run it."""
    return subprocess.Popen(
        [sys.executable, "-m", "captionkit", "batch", str(series), "-o", str(out),
         "--jobs", str(jobs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "CI": "1"}, start_new_session=True,
    )


def read_until(proc: subprocess.Popen[str], marker: str) -> list[str]:
    """Progress lines up to and including the first that contains ``marker``."""
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if marker in line:
            return lines
    raise AssertionError(f"the batch ended before {marker!r}:\n{''.join(lines)}")


def session_processes(sid: int) -> list[str]:
    """Every live process of session ``sid`` (workers, their ffmpeg, helpers), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue  # it exited while being looked at
        if int(fields[3]) == sid and fields[0] != "Z":  # a zombie has already exited
            found.append(f"{entry.name} {command[:120]}")
    return found


def assert_no_process_left(sid: int) -> None:
    # multiprocessing's resource tracker exits a moment after the coordinator.
    deadline = time.monotonic() + 10
    while session_processes(sid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert session_processes(sid) == [], "processes of the batch outlived it"


def assert_tree_complete(series: Path, out: Path, tmp_path: Path) -> set[str]:
    """No temp file, every file complete; returns the episodes that carry a fingerprint."""
    names = [p.relative_to(out).as_posix() for p in out.rglob("*")]
    assert not [n for n in names if n.endswith(".part") or "/." in f"/{n}"], names
    for vtt in out.glob("*.vtt"):
        words = read_transcript(series / f"{vtt.stem}.txt").words
        cues = read_vtt(vtt.read_text(encoding="utf-8"))
        assert [w for cue in cues for w in vtt_words(cue)[1]] == words, vtt.name
    for srt in out.glob("*.srt"):
        assert read_srt(srt.read_text(encoding="utf-8"), tmp_path), srt.name
    for timed in out.glob("*.words.json"):
        stem = timed.name.removesuffix(".words.json")
        listed = json.loads(timed.read_text(encoding="utf-8"))["words"]
        assert [w["text"] for w in listed] == read_transcript(series / f"{stem}.txt").words
    for page in out.glob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page.name
    for data in out.glob("*.json"):
        json.loads(data.read_text(encoding="utf-8"))
    fingerprinted = {p.name.removesuffix(".fingerprint.json")
                     for p in out.glob("*.fingerprint.json")}
    for stem in fingerprinted:  # a finished episode has every output
        assert all((out / f"{stem}{e}").is_file() for e in ENDINGS), stem
    return fingerprinted


@pytest.mark.parametrize(
    ("signum", "to_group", "jobs", "presses"),
    [
        pytest.param(signal.SIGINT, True, 1, 1, id="ctrl-c"),
        pytest.param(signal.SIGINT, True, 2, 3, id="ctrl-c-three-times-2-jobs"),
        pytest.param(signal.SIGTERM, False, 2, 1, id="sigterm-to-the-command-2-jobs"),
    ],
)
def test_a_stopped_batch_leaves_complete_files_and_the_next_run_finishes(
    series, tmp_path, signum, to_group, jobs, presses
):
    out = tmp_path / "out"
    proc = start(series, out, jobs)
    lines = read_until(proc, " done ep01 ")  # ep01 is written; ep02 is being aligned
    assert len(session_processes(proc.pid)) >= 1 + jobs  # the coordinator and its workers
    stopped = time.monotonic()
    for _ in range(presses):
        if to_group:
            os.killpg(proc.pid, signum)  # what a terminal does on Ctrl-C
        else:
            proc.send_signal(signum)
        time.sleep(0.02)
    _, rest = proc.communicate(timeout=60)
    err = "".join(lines) + rest
    assert proc.returncode == 130, err
    assert time.monotonic() - stopped < 15  # it stops; it does not finish the series first
    assert "Traceback" not in err
    *progress, last = [line for line in rest.splitlines() if line.strip()]
    # Episodes that finished before the signal arrived are still reported, one line each.
    assert all(re.match(r"\[\d/\d\] done ep0\d ", line) for line in progress), rest
    assert last.startswith("captionkit: interrupted; ") and "run the same command again" in last
    assert_no_process_left(proc.pid)

    fingerprinted = assert_tree_complete(series, out, tmp_path)
    report = report_of(out)
    assert report["interrupted"] is True
    done = {key for key, status in statuses(report).items() if status == "done"}
    assert "ep01" in done and len(done) < len(GROUPS)
    assert done == fingerprinted  # nothing unfinished marked done, nothing finished left out
    assert f"; {len(done)} of {len(GROUPS)} episodes have complete outputs" in last

    again = batch(str(series), "-o", str(out), "--jobs", "2")
    assert again.returncode == 0, again.stderr
    final = statuses(report_of(out))
    assert {key for key, status in final.items() if status == "skipped"} == done
    assert {key for key, status in final.items() if status == "done"} == set(final) - done
    assert assert_tree_complete(series, out, tmp_path) == set(final)


def worker_processes(coordinator: int) -> set[int]:
    """The pool's worker processes: children of the coordinator started by multiprocessing."""
    tasks = Path(f"/proc/{coordinator}/task")
    found = set()
    for task in tasks.iterdir() if tasks.exists() else ():
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for pid in map(int, children):
            try:
                if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    found.add(pid)
            except OSError:
                pass
    return found


def alive(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) != "Z"
    except OSError:
        return False


def test_ctrl_c_while_the_workers_start_stops_quietly(series, tmp_path):
    # Ctrl-C reaches every process of the terminal's group, workers still importing included.
    # They must leave it to the coordinator (one line, code 130), never die of it with a
    # traceback. Each worker is hit from the moment it appears, then the whole group.
    out = tmp_path / "out"
    proc = start(series, out, 2)
    lines = read_until(proc, "episodes to caption")  # the worker processes start now
    first_seen: dict[int, float] = {}
    deadline = time.monotonic() + 30
    # Half a second of Ctrl-C from each worker's first moment: its imports take longer.
    while time.monotonic() < deadline and (
        len(first_seen) < 2 or time.monotonic() - max(first_seen.values()) < 0.5
    ):
        for pid in worker_processes(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGINT)
                first_seen.setdefault(pid, time.monotonic())
        time.sleep(0.005)
    hit = set(first_seen)
    assert len(hit) == 2 and all(alive(pid) for pid in hit), "a starting worker died of Ctrl-C"
    os.killpg(proc.pid, signal.SIGINT)
    _, rest = proc.communicate(timeout=60)
    err = "".join(lines) + rest
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert_no_process_left(proc.pid)
    fingerprinted = assert_tree_complete(series, out, tmp_path)
    report = report_of(out)
    assert report["interrupted"] is True
    assert {k for k, s in statuses(report).items() if s == "done"} == fingerprinted


def test_sigterm_stops_a_dask_local_cluster_and_reports_what_it_finished(series, tmp_path):
    # Dask runs a task on until its cluster closes: episodes that finish while the batch is
    # stopping are complete on disk and must be reported done, as the next run will skip them.
    pytest.importorskip("distributed")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "captionkit", "batch", str(series), "-o", str(out),
         "--jobs", "2", "--scheduler", "local"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "CI": "1"}, start_new_session=True,
    )
    lines = read_until(proc, " done ep01 ")
    proc.send_signal(signal.SIGTERM)
    _, rest = proc.communicate(timeout=120)
    err = "".join(lines) + rest
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert_no_process_left(proc.pid)
    fingerprinted = assert_tree_complete(series, out, tmp_path)
    report = report_of(out)
    assert report["interrupted"] is True
    assert {k for k, s in statuses(report).items() if s == "done"} == fingerprinted
