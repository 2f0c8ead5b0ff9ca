"""The pre-commit hooks, run by the real pre-commit tool against temporary git repositories."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "data" / "check"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid",
                    "-c", "commit.gpgsign=false", *args],
                   cwd=cwd, check=True, capture_output=True)


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PRE_COMMIT_HOME=str(home),
               PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    env.pop("GIT_DIR", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    repo = tmp_path / "project"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    shutil.copy(CORPUS / "clean.vtt", repo / "good.vtt")
    shutil.copy(CORPUS / "CK405-gap-too-small.vtt", repo / "bad.vtt")
    (repo / "notes.txt").write_text("not a caption\n")
    git("add", "-A", cwd=repo)
    return repo


@pytest.fixture()
def hook_repo(tmp_path: Path) -> Path:
    """A git repository holding this project's hook definitions, as pre-commit clones it."""
    repo = tmp_path / "hooks"
    repo.mkdir()
    shutil.copy(HOOKS, repo / ".pre-commit-hooks.yaml")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "hooks", cwd=repo)
    return repo


def test_hook_definitions_are_valid():
    hooks = {h["id"]: h for h in yaml.safe_load(HOOKS.read_text())}
    assert set(hooks) == {"captionkit-check", "captionkit-check-system"}
    for hook in hooks.values():
        assert hook["entry"] == "captionkit check"
        pattern = re.compile(hook["files"])
        assert pattern.search("a/b.vtt") and pattern.search("c.srt")
        assert not pattern.search("c.vtt.txt")
    assert hooks["captionkit-check"]["language"] == "python"
    assert hooks["captionkit-check-system"]["language"] == "system"


def test_try_repo_system_hook_fails_on_a_broken_caption(project, hook_repo, tmp_path):
    result = pre_commit("try-repo", str(hook_repo), "captionkit-check-system", "--all-files",
                        "--verbose", cwd=project, home=tmp_path / "home")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.vtt:6: CK405 error: 40 ms after the previous cue" in result.stdout
    assert "1 error, 0 warnings, 0 info in 2 files" in result.stdout  # notes.txt not passed
    os.remove(project / "bad.vtt")
    git("add", "-A", cwd=project)
    result = pre_commit("try-repo", str(hook_repo), "captionkit-check-system", "--all-files",
                        cwd=project, home=tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr


def test_documented_local_hook_blocks_a_commit(project, tmp_path):
    doc = (ROOT / "docs" / "ci.md").read_text()
    config = next(block for block in re.findall(r"```yaml\n(.*?)```", doc, re.S)
                  if "repo: local" in block)
    (project / ".pre-commit-config.yaml").write_text(config)
    git("add", "-A", cwd=project)
    result = pre_commit("run", "--all-files", cwd=project, home=tmp_path / "home")
    assert result.returncode == 1
    assert "bad.vtt:6: CK405 error" in result.stdout


@pytest.mark.skipif(not os.environ.get("CAPTIONKIT_NETWORK_TESTS"),
                    reason="builds a virtualenv from PyPI (~90 s); set CAPTIONKIT_NETWORK_TESTS=1")
def test_python_hook_installs_captionkit_from_the_repository(project, tmp_path):
    source = tmp_path / "captionkit-src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "__pycache__", "out", "*.egg-info", ".pytest_cache", "tests", "data"))
    git("init", "-q", cwd=source)
    git("add", "-A", cwd=source)
    git("commit", "-q", "-m", "src", cwd=source)
    result = pre_commit("try-repo", str(source), "captionkit-check", "--all-files", cwd=project,
                        home=tmp_path / "home")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bad.vtt:6: CK405 error" in result.stdout
