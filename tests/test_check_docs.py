"""docs/ci.md: the CI jobs parse, and every captionkit command in them does what the job needs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "data" / "check"
DOC = (ROOT / "docs" / "ci.md").read_text()


def yaml_after(heading: str) -> dict | list:
    """The first ```yaml block after ``heading``."""
    section = DOC[DOC.index(heading):]
    return yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A repository with a captions/ folder: one clean file and one with an error."""
    (tmp_path / "captions").mkdir()
    shutil.copy(CORPUS / "clean.vtt", tmp_path / "captions" / "ep1.vtt")
    shutil.copy(CORPUS / "CK405-gap-too-small.vtt", tmp_path / "captions" / "ep2.vtt")
    return tmp_path


def captionkit_commands(commands: list[str]) -> list[str]:
    found = [c for c in commands if c.startswith("captionkit ")]
    assert found, "the job runs no captionkit command"
    return found


def test_github_actions_job(project):
    workflow = yaml_after("## GitHub Actions")
    steps = workflow["jobs"]["captions"]["steps"]
    assert workflow["jobs"]["captions"]["runs-on"] == "ubuntu-latest"
    runs = [step["run"] for step in steps if "run" in step]
    check, sarif = captionkit_commands(runs)
    result = shell(check, project)
    assert result.returncode == 1  # the broken file fails the job
    assert "::error file=captions/ep2.vtt,line=6,title=CK405::" in result.stdout
    result = shell(sarif, project)
    assert result.returncode == 1 and result.stdout == ""
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload"))
    report = json.loads((project / upload["with"]["sarif_file"]).read_text())
    assert [r["ruleId"] for r in report["runs"][0]["results"]] == ["CK405"]
    assert all(s.get("if") == "always()" for s in steps[steps.index(upload) - 1:])


def test_gitlab_ci_job(project):
    job = yaml_after("## GitLab CI")["captions"]
    (command,) = captionkit_commands(job["script"])
    result = shell(command, project)
    assert result.returncode == 1
    report = project / job["artifacts"]["reports"]["junit"]
    assert job["artifacts"]["when"] == "always"
    failures = [c.get("name") for c in ET.parse(report).getroot().iter("testcase")
                if c.find("failure") is not None]
    assert failures == ["CK405 gap-too-small"]


def test_documented_commands_and_settings_work(project):
    block = re.search(r"```toml\n(.*?)```", DOC, re.S).group(1)
    (project / "captionkit.toml").write_text(block)
    legacy = project / "legacy"
    legacy.mkdir()
    shutil.copy(CORPUS / "CK106-numbering.srt", legacy / "old.srt")
    # The documented settings fail on warnings; the legacy file's numbering is ignored.
    result = shell("captionkit check legacy captions/ep1.vtt", project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 suppressed" in result.stdout
