"""``--offline`` on `captionkit batch` and `captionkit check`, through the real command line
(align's own offline tests are in test_faults.py).

Network use is watched from inside every Python process of a run, the batch's worker
processes included: a ``sitecustomize`` hook on ``PYTHONPATH`` refuses and logs every
connection attempt, so a library that swallowed the refusal would still be caught.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from captionkit.transcript import read_transcript
from fixtures.series import make_series

from .conftest import ROOT, needs_ffmpeg

pytestmark = needs_ffmpeg

NOT_OFFLINE = (
    "captionkit: error: model 'small.en' is not available offline: --offline forbids"
    " downloading it; pass a local CTranslate2 folder, or run once without --offline to cache it"
)


def captionkit(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k != "HF_HUB_OFFLINE"}  # the flag sets it
    return subprocess.run([sys.executable, "-m", "captionkit", *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT, env={**clean, "CI": "1", **env})


@pytest.fixture(scope="module")
def episode(tmp_path_factory) -> Path:
    """A series of one 4-second episode (ep01.wav, ep01.txt)."""
    folder = tmp_path_factory.mktemp("offline") / "series"
    make_series(folder, groups=((3,),))
    return folder


@pytest.fixture(scope="module")
def watched(tmp_path_factory) -> tuple[dict[str, str], Path]:
    """Environment whose Python processes log their start and refuse (and log) any connection."""
    hook = tmp_path_factory.mktemp("hook")
    log = hook / "log"
    (hook / "sitecustomize.py").write_text(textwrap.dedent(f"""
        import os
        import socket

        def _log(what):
            with open({str(log)!r}, "a") as fh:
                fh.write(f"{{os.getpid()}} {{what}}\\n")

        def _refuse(*args, **kwargs):
            _log(f"connect {{args[1:] or args}}")
            raise OSError("test: captionkit tried to open a network connection")

        socket.socket.connect = _refuse
        socket.socket.connect_ex = _refuse
        socket.create_connection = _refuse
        socket.getaddrinfo = _refuse
        _log("started")
    """))
    path = os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))
    return {"PYTHONPATH": path}, log


def network_log(log: Path) -> tuple[set[str], list[str]]:
    """(pids of the processes that ran, connection attempts) since the log was last cleared."""
    lines = log.read_text().splitlines() if log.exists() else []
    log.unlink(missing_ok=True)
    started = {line.split()[0] for line in lines if line.endswith(" started")}
    return started, [line for line in lines if " connect " in line]


@pytest.fixture(scope="module")
def hub_cache(tmp_path_factory) -> Path:
    """An ``HF_HOME`` whose hub cache holds ``tiny.en`` as a download leaves it (refs/main and a
    snapshot of links), made from the bundled model's files: no download needed to build it."""
    from captionkit.align.whisper import default_model_path

    home = tmp_path_factory.mktemp("hf-home")
    repo = home / "hub" / "models--Systran--faster-whisper-tiny.en"
    revision = "0" * 40
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(revision)
    snapshot = repo / "snapshots" / revision
    snapshot.mkdir(parents=True)
    for item in Path(default_model_path()).iterdir():
        (snapshot / item.name).symlink_to(item)
    return home


def assert_episode_captioned(episode: Path, out: Path) -> None:
    report = json.loads((out / "batch-report.json").read_text())
    assert [e["status"] for e in report["episodes"]] == ["done"]
    words = json.loads((out / "ep01.words.json").read_text())["words"]
    assert [w["text"] for w in words] == read_transcript(episode / "ep01.txt").words
    assert (out / "ep01.vtt").read_text().startswith("WEBVTT")


@pytest.fixture(scope="module")
def bundled_offline_batch(episode, watched, tmp_path_factory):
    env, log = watched
    network_log(log)
    out = tmp_path_factory.mktemp("bundled") / "out"
    proc = captionkit("batch", str(episode), "-o", str(out), "--jobs", "1", "--offline", env=env)
    return proc, out, network_log(log)


def test_batch_offline_with_the_bundled_model_opens_no_connection(episode, bundled_offline_batch):
    proc, out, (started, attempts) = bundled_offline_batch
    assert proc.returncode == 0, proc.stderr
    assert_episode_captioned(episode, out)
    assert len(started) >= 2, "the hook did not reach the worker process"
    assert attempts == []


def test_batch_offline_uses_a_model_name_from_the_local_cache(episode, watched, hub_cache,
                                                              tmp_path):
    env, log = watched
    network_log(log)
    out = tmp_path / "out"
    proc = captionkit("batch", str(episode), "-o", str(out), "--jobs", "1", "--offline",
                      "--model", "tiny.en", env={**env, "HF_HOME": str(hub_cache)})
    started, attempts = network_log(log)
    assert proc.returncode == 0, proc.stderr
    assert_episode_captioned(episode, out)
    assert len(started) >= 2 and attempts == []
    report = json.loads((out / "batch-report.json").read_text())
    assert report["options"]["model"] == "tiny.en"


def test_batch_offline_refuses_a_model_name_not_in_the_cache_at_once(episode, tmp_path):
    began = time.monotonic()
    proc = captionkit("batch", str(episode), "-o", str(tmp_path / "out"), "--offline",
                      "--model", "small.en", env={"HF_HOME": str(tmp_path / "empty-cache")})
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().splitlines() == [NOT_OFFLINE]
    assert time.monotonic() - began < 30  # before any worker starts
    assert not (tmp_path / "out").exists()


def test_check_offline_refuses_a_model_name_not_in_the_cache(episode, bundled_offline_batch,
                                                             tmp_path):
    _, out, _ = bundled_offline_batch
    proc = captionkit("check", str(out / "ep01.vtt"), "--audio", str(episode / "ep01.wav"),
                      "--offline", "--model", "small.en",
                      env={"HF_HOME": str(tmp_path / "empty-cache")})
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().splitlines() == [NOT_OFFLINE]
    assert proc.stdout == ""


def test_check_offline_measures_sync_with_the_bundled_model(episode, watched,
                                                            bundled_offline_batch):
    env, log = watched
    _, out, _ = bundled_offline_batch
    network_log(log)
    proc = captionkit("check", str(out / "ep01.vtt"), "--audio", str(episode / "ep01.wav"),
                      "--offline", "--select", "CK6", env=env)
    started, attempts = network_log(log)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"sync against {episode / 'ep01.wav'}: " in proc.stdout
    assert "cues measured" in proc.stdout
    assert started and attempts == []
