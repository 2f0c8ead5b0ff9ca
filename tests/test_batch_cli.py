"""`captionkit batch` end to end, as a user runs it: real subprocesses on a small series cut
from the bundled episode (four good episodes, one corrupt audio, one transcript with a bad
line). Every assertion reads what the user gets: exit codes, stderr lines, the files on disk,
batch-report.json and index.html.
Stopping a batch with signals is in test_batch_signals.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from captionkit.transcript import read_transcript
from fixtures.series import make_series

ROOT = Path(__file__).resolve().parents[1]
GOOD = ["ep01", "ep02", "ep03", "ep04"]
OUTPUT_ENDINGS = (".vtt", ".srt", ".json", ".words.json")


def batch(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "captionkit", "batch", *args],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT,
        env={**os.environ, "CI": "1"},
    )


def report_of(outdir: Path) -> dict:
    return json.loads((outdir / "batch-report.json").read_text(encoding="utf-8"))


def statuses(report: dict) -> dict[str, str]:
    return {e["key"]: e["status"] for e in report["episodes"]}


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every file a batch wrote except its report (which holds timings), by relative name."""
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name != "batch-report.json"
    }


def break_timestamp(text: str) -> str:
    """The transcript with its second turn's timestamp made impossible (61 minutes)."""
    lines = text.splitlines()
    lines[3] = re.sub(r"\[00:00:(\d\d)\]", r"[00:61:\1]", lines[3])
    assert "[00:61:" in lines[3]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "series"
    make_series(folder)
    # A corrupt audio file with a good transcript, and good audio with a bad transcript line.
    (folder / "ep05.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really audio" * 50)
    shutil.copy(folder / "ep01.txt", folder / "ep05.txt")
    shutil.copy(folder / "ep02.wav", folder / "ep06.wav")
    (folder / "ep06.txt").write_text(break_timestamp((folder / "ep02.txt").read_text()))
    return folder


@pytest.fixture(scope="module")
def first_run(series) -> tuple[subprocess.CompletedProcess, Path]:
    outdir = series.parent / "out"
    return batch(str(series), "-o", str(outdir), "--jobs", "2"), outdir


def test_good_episodes_complete_and_bad_ones_are_reported(series, first_run):
    proc, outdir = first_run
    assert proc.returncode == 1, proc.stderr
    report = report_of(outdir)
    assert statuses(report) == {**dict.fromkeys(GOOD, "done"), "ep05": "failed",
                                "ep06": "failed"}
    assert report["counts"] == {"episodes": 6, "done": 4, "skipped": 0, "failed": 2,
                                "not_run": 0}
    errors = {e["key"]: e["error"] for e in report["episodes"]}
    assert errors["ep05"].startswith(f"{series / 'ep05.wav'}: cannot decode audio")
    assert errors["ep06"].startswith(f"{series / 'ep06.txt'}:4: timestamp [00:61:")
    # Plain progress lines in CI, one per episode, failures with their one-line error.
    assert f"FAILED ep06: {errors['ep06']}" in proc.stderr
    assert len(re.findall(r"^\[\d/6\] done ep0\d", proc.stderr, re.M)) == 4
    assert "4 done, 0 skipped (unchanged), 2 failed" in proc.stdout
    # Failed episodes leave no output at all.
    assert not list(outdir.glob("ep05*")) and not list(outdir.glob("ep06*"))
    assert not list(outdir.rglob("*.part"))


def test_every_transcript_word_is_in_each_episode_outputs(series, first_run):
    _, outdir = first_run
    for stem in GOOD:
        words = read_transcript(series / f"{stem}.txt").words
        timed = json.loads((outdir / f"{stem}.words.json").read_text())["words"]
        assert [w["text"] for w in timed] == words
        for ending in OUTPUT_ENDINGS:
            assert (outdir / f"{stem}{ending}").stat().st_size > 0
        vtt = (outdir / f"{stem}.vtt").read_text()
        cue_text = " ".join(
            re.sub(r"<v [^>]+>", "", line) for line in vtt.splitlines()
            if line and "-->" not in line and line != "WEBVTT" and not line.isdigit()
        )
        assert cue_text.split() == words


class _Page(HTMLParser):
    """Collects what an accessibility review of the index looks at."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            self._open.remove(tag)

    def handle_data(self, data):
        for tag in self._open:
            self.text[tag] = self.text.get(tag, "") + data


def test_index_page_is_accessible_and_links_every_output(series, first_run):
    _, outdir = first_run
    page = _Page()
    page.feed((outdir / "index.html").read_text(encoding="utf-8"))
    tags = [t for t, _ in page.tags]
    assert page.tags[0] == ("html", {"lang": "en"})
    assert tags.count("main") == 1 and tags.count("h1") == 1
    assert page.text["h1"].strip() == "series"
    assert "Episodes" in page.text["caption"]
    headers = [a for t, a in page.tags if t == "th"]
    assert {a.get("scope") for a in headers} == {"col", "row"}
    assert sum(a.get("scope") == "row" for a in headers) == 6  # one row header per episode
    links = {a["href"] for t, a in page.tags if t == "a"}
    report = report_of(outdir)
    for episode in report["episodes"]:
        for name in episode["files"]:
            assert name in links and (outdir / name).is_file()
    # Duration, speakers and findings are in the page, as text.
    assert "0:20" in page.text["td"] and "Jean-Luc Moreau" in page.text["li"]
    assert "minutes must be 0-59" in page.text["li"]


def test_dask_local_cluster_gives_identical_outputs(series, first_run):
    pytest.importorskip("distributed")
    _, outdir = first_run
    dask_out = series.parent / "out-dask"
    proc = batch(str(series), "-o", str(dask_out), "--jobs", "2", "--scheduler", "local")
    assert proc.returncode == 1, proc.stderr
    report = report_of(dask_out)
    assert report["scheduler"] == "dask local"
    assert statuses(report) == statuses(report_of(outdir))
    assert output_files(dask_out) == output_files(outdir)


def test_rerun_skips_done_episodes_and_redoes_only_what_changed(series, first_run):
    _, outdir = first_run
    # Work on a copy (series and outputs moved together) so other tests keep the first run.
    work = series.parent / "rerun"
    shutil.copytree(series, work / "series")
    shutil.copytree(outdir, work / "out")
    src, out = work / "series", work / "out"
    # The producer fixes the two bad episodes...
    shutil.copy(src / "ep03.wav", src / "ep05.wav")
    shutil.copy(src / "ep03.txt", src / "ep05.txt")
    shutil.copy(src / "ep02.txt", src / "ep06.txt")
    proc = batch(str(src), "-o", str(out), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert statuses(report_of(out)) == {**dict.fromkeys(GOOD, "skipped"), "ep05": "done",
                                        "ep06": "done"}
    assert "4 episodes unchanged since the last run: skipped" in proc.stderr
    before = output_files(out)

    # ...a run with nothing changed does nothing and changes no episode's file...
    proc = batch(str(src), "-o", str(out), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert set(statuses(report_of(out)).values()) == {"skipped"}
    assert "0 episodes to caption" in proc.stderr
    index = output_files(out).pop("index.html")
    assert "0 captioned in this run, 6 unchanged since an earlier run" in index.decode()
    assert {k: v for k, v in output_files(out).items() if k != "index.html"} == {
        k: v for k, v in before.items() if k != "index.html"
    }

    # ...and editing one transcript redoes that episode only.
    text = (src / "ep03.txt").read_text()
    assert "It is." not in text and "nowhere to go" not in text
    edited = text.replace("And the counting", "So the counting")
    assert edited != text
    (src / "ep03.txt").write_text(edited)
    proc = batch(str(src), "-o", str(out), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert statuses(report_of(out)) == {**dict.fromkeys(["ep01", "ep02", "ep04", "ep05", "ep06"],
                                                        "skipped"), "ep03": "done"}
    after = output_files(out)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed and all(name.startswith("ep03.") or name == "index.html" for name in changed)
    words = json.loads((out / "ep03.words.json").read_text())["words"]
    assert [w["text"] for w in words[:3]] == ["So", "the", "counting"]


def test_scheduler_without_dask_installed_is_a_clear_usage_error(series, tmp_path):
    code = (
        "import sys; sys.modules['distributed'] = None\n"  # as if the extra were not installed
        "from captionkit.cli import main; main(prog_name='captionkit')"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "batch", str(series), "-o", str(tmp_path / "o"),
         "--scheduler", "local"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "captionkit: error: --scheduler needs Dask: install it with"
        " pip install 'captionkit[dask]'"
    ]
    assert not (tmp_path / "o").exists()


def test_manifest_aliases_give_one_name_across_the_series(tmp_path):
    show = tmp_path / "show"
    (wav, txt), _ = make_series(show / "audio", groups=((0, 1), (2,)))
    # The transcriber typed the host's name without its accents in this episode's labels.
    text = txt.read_text()
    txt.write_text(re.sub(r"^Siobhán O’Hara \[", "Siobhan O'Hara [", text, flags=re.M))
    assert txt.read_text().count("Siobhan O'Hara [") == 1
    (show / "series.toml").write_text(
        'title = "Field Notes from the Estuary"\n'
        "[aliases]\n"
        "\"Siobhan O'Hara\" = \"Siobhán O’Hara\"\n"
        "[[episodes]]\n"
        'audio = "audio/ep01.wav"\n'
        'transcript = "audio/ep01.txt"\n'
        'title = "Counting glass eels"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    proc = batch(str(show / "series.toml"), "-o", str(out), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    vtt = (out / "audio" / "ep01.vtt").read_text()
    assert "<v Siobhán O’Hara>" in vtt and "<v Siobhan O'Hara>" not in vtt
    timed = json.loads((out / "audio" / "ep01.words.json").read_text())["words"]
    assert [w["text"] for w in timed] == read_transcript(txt).words  # the words are untouched
    assert {w["speaker"] for w in timed} == {"Siobhán O’Hara", "Jean-Luc Moreau"}
    report = report_of(out)
    assert report["episodes"][0]["speakers"] == ["Siobhán O’Hara", "Jean-Luc Moreau"]
    index = (out / "index.html").read_text()
    assert "<h1>Field Notes from the Estuary</h1>" in index and "Counting glass eels" in index


def test_manifest_path_outside_its_folder_is_refused(tmp_path):
    show = tmp_path / "show"
    make_series(tmp_path / "elsewhere", groups=((0,),))
    show.mkdir()
    manifest = show / "series.toml"
    manifest.write_text(
        '[[episodes]]\naudio = "../elsewhere/ep01.wav"\ntranscript = "../elsewhere/ep01.txt"\n'
    )
    proc = batch(str(manifest), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"captionkit: error: {manifest}: '../elsewhere/ep01.wav' is outside the manifest's"
        " folder; pass --allow-outside to read it"
    ]
    assert not (tmp_path / "out").exists()
