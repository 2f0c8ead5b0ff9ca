"""Faults and hostile input through the real command line: signals, a full disk, two runs into
one folder, no network, and transcript text that tries to break the caption files.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from captionkit import formats
from captionkit.errors import OutputError
from captionkit.model import split_words
from captionkit.output import write_all
from captionkit.segment import segment

from .conftest import EPISODE_AUDIO, needs_ffmpeg
from .test_formats import PODCAST, alignment_of, read_srt, read_vtt

CLIP_TEXT = (
    "Siobhán O’Hara [00:00:00] Welcome back to Field Notes from the Estuary. "
    "I’m Siobhán O’Hara, and today we are talking about eels,\n"
)
OTHER_TEXT = "Welcome back to Field Notes from the Estuary. I’m Siobhán O’Hara, and today.\n"


def command(audio: Path, text: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "captionkit", "align", str(audio), str(text), "-o", str(out),
            "--quiet", *extra]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=300,
                          env={**os.environ, "CI": "1", **(env or {})})


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> tuple[Path, Path, Path]:
    """A 6.4 s clip of the episode, its transcript and a second, different transcript."""
    d = tmp_path_factory.mktemp("clip")
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(EPISODE_AUDIO), "-t", "6.4",
                    str(d / "clip.wav")], check=True)
    (d / "clip.txt").write_text(CLIP_TEXT, encoding="utf-8")
    (d / "other.txt").write_text(OTHER_TEXT, encoding="utf-8")
    return d / "clip.wav", d / "clip.txt", d / "other.txt"


# --- signals ---------------------------------------------------------------------------------


@needs_ffmpeg
def test_sigint_mid_run_leaves_no_output(tmp_path):
    # Like Ctrl-C in a terminal (SIGTERM is tested in test_cli.py). Six times the episode, so
    # the run is surely still aligning when the signal comes.
    audio = tmp_path / "long.wav"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-stream_loop", "5", "-i",
                    str(EPISODE_AUDIO), str(audio)], check=True)
    text = tmp_path / "long.txt"
    words = " ".join(CLIP_TEXT.split("] ", 1)[1].split())
    text.write_text("\n\n".join([words] * 60))
    out = tmp_path / "out"
    proc = subprocess.Popen(command(audio, text, out), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip() == "captionkit: interrupted; no output was written"
    assert not out.exists() or list(out.iterdir()) == []


# --- a full disk -------------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KiB tmpfs (needs root and mount rights; skipped where the machine forbids it)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; the in-process test below covers ENOSPC")
    yield folder
    subprocess.run(["umount", str(folder)], check=False)


@needs_ffmpeg
def test_full_disk_is_one_clear_error_and_keeps_earlier_outputs(clip, tiny_disk):
    audio, text, _ = clip
    earlier = {"clip.vtt": "WEBVTT\n\nlast week's captions\n", "other.srt": "1\nkept\n"}
    for name, content in earlier.items():
        (tiny_disk / name).write_text(content)
    filler = tiny_disk / "filler"
    with open(filler, "wb") as fh:  # leave ~8 KiB: less than the HTML page needs
        while os.statvfs(tiny_disk).f_bavail * os.statvfs(tiny_disk).f_frsize > 8192:
            fh.write(b"\0" * 4096)
            fh.flush()
    proc = run(*command(audio, text, tiny_disk))
    assert proc.returncode == 2, proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith(f"captionkit: error: {tiny_disk}/") and "No space left" in line
    assert sorted(p.name for p in tiny_disk.iterdir()) == sorted([*earlier, "filler"])
    for name, content in earlier.items():
        assert (tiny_disk / name).read_text() == content


def test_no_space_while_writing_keeps_earlier_files(tmp_path, monkeypatch):
    # The same guarantee without a real tmpfs: the third file's fsync fails with ENOSPC.
    (tmp_path / "a.vtt").write_text("old a")
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    files = {tmp_path / n: "new" for n in ("a.vtt", "a.srt", "a.json")}
    with pytest.raises(OutputError, match="No space left on device"):
        write_all(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.vtt"]
    assert (tmp_path / "a.vtt").read_text() == "old a"


# --- two runs, one folder ----------------------------------------------------------------------


@needs_ffmpeg
def test_two_runs_into_one_folder_never_interleave_a_file(clip, tmp_path):
    audio, text, other = clip
    alone = {}
    for t in (text, other):
        out = tmp_path / f"alone-{t.stem}"
        proc = run(*command(audio, t, out))
        assert proc.returncode == 0, proc.stderr
        alone[t.stem] = {p.name: p.read_bytes() for p in out.iterdir()}
    assert alone["clip"]["clip.words.json"] != alone["other"]["clip.words.json"]

    shared = tmp_path / "shared"
    # The two HTML pages link the media relative to their folder: the same from here.
    procs = [subprocess.Popen(command(audio, t, shared), stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "CI": "1"}) for t in (text, other)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    found = {p.name: p.read_bytes() for p in shared.iterdir()}
    assert set(found) == set(alone["clip"])  # and no .part file left
    for name, data in found.items():
        assert data in (alone["clip"][name], alone["other"][name]), f"{name} mixes two runs"


# --- the network ---------------------------------------------------------------------------------


@needs_ffmpeg
def test_align_with_the_default_model_opens_no_connection(clip, tmp_path):
    audio, text, _ = clip
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(textwrap.dedent("""
        import socket

        def _refuse(self, *args, **kwargs):
            raise OSError("test: captionkit tried to open a network connection")

        socket.socket.connect = _refuse
        socket.socket.connect_ex = _refuse
        socket.create_connection = _refuse
        socket.getaddrinfo = _refuse
    """))
    path = os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))
    proc = run(*command(audio, text, tmp_path / "out"), env={"PYTHONPATH": path})
    assert proc.returncode == 0, proc.stderr
    assert "network connection" not in proc.stderr
    assert len(list((tmp_path / "out").iterdir())) == 5
    # The hook really is active in that interpreter.
    probe = run(sys.executable, "-c", "import socket; socket.create_connection(('x', 1))",
                env={"PYTHONPATH": path})
    assert "tried to open a network connection" in probe.stderr


@needs_ffmpeg
def test_offline_refuses_a_hub_model_at_once(clip, tmp_path):
    audio, text, _ = clip
    began = time.monotonic()
    proc = run(*command(audio, text, tmp_path / "out", "--offline", "--model", "small.en"),
               env={"HF_HOME": str(tmp_path / "empty-cache")})
    assert time.monotonic() - began < 60
    assert proc.returncode == 2, proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert "model 'small.en' is not available offline" in line
    assert not (tmp_path / "out").exists()


@needs_ffmpeg
def test_offline_with_the_bundled_model_works(clip, tmp_path):
    audio, text, _ = clip
    proc = run(*command(audio, text, tmp_path / "out", "--offline", "--formats", "vtt"))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "clip.vtt").exists()


# --- transcript text cannot forge caption structure --------------------------------------------

HOSTILE = ["-->", "00:00:01.000", "-->", "00:00:02.000", "WEBVTT", "NOTE", "STYLE", "1",
           "a\u2028b", "c\u2029d", "e\rf", "g\x85h", "<v", "Evil>", "&lt;b&gt;", "x-->y"]


def test_vtt_and_srt_writers_cannot_be_made_to_emit_a_cue_or_header(tmp_path):
    words = [w for w in HOSTILE if split_words(w) == [w]]
    alignment = alignment_of([("WEBVTT\n\nNOTE -->", words), ("Bob\r\n\r\n2", ["ok"])])
    cues = segment(alignment, PODCAST)
    vtt_text = formats.render("vtt", cues, alignment)
    srt_text = formats.render("srt", cues, alignment)
    for text in (vtt_text, srt_text):
        assert "\r" not in text and "\u2028" not in text and "\u2029" not in text
        assert "\x85" not in text and "\n\n\n" not in text
        arrows = [line for line in text.split("\n") if "-->" in line]
        assert len(arrows) == len(cues), "cue text produced a timing line"
    assert not any(line.startswith(("NOTE", "STYLE", "WEBVTT"))
                   for line in vtt_text.split("\n")[1:]), "text began a block"
    assert len(read_vtt(vtt_text)) == len(cues)
    assert len(read_srt(srt_text, tmp_path)) == len(cues)
