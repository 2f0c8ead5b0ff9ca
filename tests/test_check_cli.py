"""captionkit check / rules as a user runs them: real subprocesses, exit codes, every format."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from captionkit.check import RULES

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "data" / "check"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "captionkit", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture()
def captions(tmp_path: Path) -> Path:
    """A folder with a clean file, a file with an error and one with a warning."""
    folder = tmp_path / "captions"
    folder.mkdir()
    for name in ("clean.vtt", "CK405-gap-too-small.vtt", "CK406-gap-not-chained.vtt"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


def test_exit_codes_and_compiler_style_text(captions):
    clean = run("check", str(captions / "clean.vtt"))
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout == "0 errors, 0 warnings, 0 info in 1 file\n"
    error = run("check", str(captions / "CK405-gap-too-small.vtt"))
    assert error.returncode == 1
    assert error.stdout.splitlines()[0] == (
        f"{captions / 'CK405-gap-too-small.vtt'}:6: CK405 error: 40 ms after the previous cue "
        "(minimum 83 ms)")
    warning = captions / "CK406-gap-not-chained.vtt"
    assert run("check", str(warning)).returncode == 0
    assert run("check", str(warning), "--fail-on", "warning").returncode == 1


def test_folders_and_globs(captions):
    folder = run("check", str(captions))
    assert folder.returncode == 1
    assert folder.stdout.splitlines()[-1] == "1 error, 1 warning, 0 info in 3 files"
    glob = run("check", str(captions / "CK40*.vtt"))
    assert glob.stdout.splitlines()[-1] == "1 error, 1 warning, 0 info in 2 files"
    hidden = captions / ".git"
    hidden.mkdir()
    shutil.copy(CORPUS / "CK302-three-lines.vtt", hidden / "x.vtt")
    assert run("check", str(captions)).stdout.splitlines()[-1].endswith("in 3 files")


@pytest.mark.parametrize("args, message", [
    (["missing.vtt"], "no such file or folder: missing.vtt"),
    (["nothing/*.vtt"], "no .vtt or .srt files match nothing/*.vtt"),
    (["{clean}", "--select", "CK999"], "unknown rule code 'CK999'"),
    (["{clean}", "{clean406}", "--audio", "x.wav"], "--audio goes with one caption file, not 2"),
    (["{clean}", "--audio", "no.wav"], "no.wav: audio file not found"),
    (["{binary}"], "binary.srt:1: binary data"),
    (["{clean}", "--profile", "tv"], "unknown profile 'tv'"),
])
def test_bad_input_is_one_line_and_exit_2(captions, args, message):
    binary = captions / "binary.srt"
    binary.write_bytes(b"\x00\x01\x02\x03")
    names = {"clean": captions / "clean.vtt", "clean406": captions / "CK406-gap-not-chained.vtt",
             "binary": binary}
    result = run("check", *[a.format(**names) for a in args], cwd=captions)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_json_report(captions):
    result = run("check", str(captions), "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["summary"] == {"error": 1, "warning": 1, "info": 0, "files": 3}
    assert doc["failed"] is True and doc["fail_on"] == "error"
    finding = next(f for file in doc["files"] for f in file["findings"] if f["code"] == "CK405")
    assert finding == {"code": "CK405", "severity": "error", "cue": 1, "start_ms": 3040,
                       "line": 6, "message": "40 ms after the previous cue (minimum 83 ms)",
                       "path": str(captions / "CK405-gap-too-small.vtt")}


def test_junit_one_testcase_per_rule_per_file(captions, tmp_path):
    out = tmp_path / "reports" / "junit.xml"
    result = run("check", str(captions), "--format", "junit", "--output", str(out))
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "1 error, 1 warning, 0 info in 3 files"
    root = ET.parse(out).getroot()
    suites = root.findall("testsuite")
    assert len(suites) == 3
    for suite in suites:
        cases = suite.findall("testcase")
        assert [c.get("name").split()[0] for c in cases] == sorted(RULES)
        # Without audio, the sync rules and the past-the-audio check are skipped.
        skipped = {c.get("name").split()[0] for c in cases if c.find("skipped") is not None}
        assert skipped == {c for c, r in RULES.items() if r.needs in ("audio", "sync")}
    failures = [(s.get("name"), c.get("name")) for s in suites for c in s.iter("testcase")
                if c.find("failure") is not None]
    assert failures == [(str(captions / "CK405-gap-too-small.vtt"), "CK405 gap-too-small")]
    assert root.get("failures") == "1" and int(root.get("tests")) == 3 * len(RULES)


def test_github_annotations(captions):
    result = run("check", str(captions), "--format", "github")
    lines = result.stdout.splitlines()
    assert f"::error file={captions / 'CK405-gap-too-small.vtt'},line=6,title=CK405::CK405 40 ms " \
           "after the previous cue (minimum 83 ms)" in lines
    assert any(line.startswith("::warning ") and "title=CK406" in line for line in lines)


def test_sarif_report(captions):
    doc = json.loads(run("check", str(captions), "--format", "sarif").stdout)
    assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
    (sarif_run,) = doc["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(RULES)
    results = sarif_run["results"]
    assert sorted(r["ruleId"] for r in results) == ["CK405", "CK406"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note") and r["message"]["text"]
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith(".vtt")
        assert location["region"]["startLine"] == 6


def test_project_config_ignores_and_fail_on(captions):
    config = captions / "captionkit.toml"
    config.write_text('[check]\nignore = ["CK405"]\nfail-on = "warning"\n'
                      '[check.per-file-ignores]\n"CK406-*.vtt" = ["CK406"]\n')
    result = run("check", ".", cwd=captions)
    assert result.returncode == 0, result.stdout
    summary = result.stdout.splitlines()[-1]
    assert summary == "0 errors, 0 warnings, 0 info in 3 files (1 suppressed)"
    config.write_text('[check]\nfail-on = "warning"\n')
    assert run("check", "CK406-gap-not-chained.vtt", cwd=captions).returncode == 1
    config.write_text('[check]\nignor = ["CK405"]\n')
    bad = run("check", ".", cwd=captions)
    assert bad.returncode == 2 and "unknown key 'ignor' in [check]" in bad.stderr


def test_rules_lists_every_rule_and_matches_the_docs():
    listing = run("rules")
    assert listing.returncode == 0
    assert [line.split()[0] for line in listing.stdout.splitlines()] == sorted(RULES)
    table = run("rules", "--format", "markdown").stdout
    docs = (ROOT / "docs" / "ci.md").read_text()
    assert table in docs, "docs/ci.md's rule table is out of date: paste `captionkit rules " \
                          "--format markdown`"
    assert len(re.findall(r"^\| CK\d{3} ", table, re.M)) == len(RULES)
