"""``captionkit check``, ``captionkit rules`` and ``captionkit fix``: a CI gate on captions.

Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 bad usage or unreadable input
(nothing is written then).
"""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import click

from ..check import RULES, CheckRun, Selection, check_file
from ..check.discover import find_captions, paired_audio
from ..check.fix import fix_file
from ..check.reader import read_caption_file
from ..check.render import RENDERERS
from ..check.selection import split_codes
from ..config import Config, find_config
from ..errors import UsageError
from ..output import write_all
from ..profiles import Profile, resolve_profile
from .common import errors_exit, progress_bar
from .offline import offline_only

CHECK_KEYS = {"select", "ignore", "per-file-ignores", "fail-on", "format", "profile", "audio"}
FAIL_ON = ("error", "warning", "info")

CHECK_EXAMPLE = """
\b
Examples:
  captionkit check captions/                   every .vtt/.srt below, audio paired by stem
  captionkit check ep.vtt --audio ep.mp3       layout, timing and sync to the audio
  captionkit check 'captions/**/*.srt' --format github --no-audio
"""


def _section(config: Config) -> dict:
    section = config.section("check")
    unknown = sorted(set(section) - CHECK_KEYS)
    if unknown:
        raise UsageError(f"unknown key {unknown[0]!r} in [check]; valid: "
                         f"{', '.join(sorted(CHECK_KEYS))}", path=str(config.path))
    return section


def _profile(name: str | None, config: Config, section: dict) -> Profile:
    return resolve_profile(name or section.get("profile"), None, config)


def _choice(value, valid: tuple[str, ...], key: str, config: Config) -> str:
    if value not in valid:
        raise UsageError(f"[check] {key} must be one of {', '.join(valid)}, got {value!r}",
                         path=str(config.path))
    return value


def _selection(select: str | None, ignore: str | None, section: dict, config: Config
               ) -> Selection:
    per_file = section.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise UsageError("[check] per-file-ignores must be a table of pattern = [codes]",
                         path=str(config.path))
    chosen = split_codes(select) if select is not None else split_codes(section.get("select"))
    ignored = split_codes(section.get("ignore")) + split_codes(ignore)
    root = config.path.parent if config.path else Path.cwd()
    return Selection.build(chosen, ignored, per_file, root)


@click.command(epilog=CHECK_EXAMPLE)
@click.argument("paths", nargs=-1, required=True)
@click.option("--audio", type=click.Path(dir_okay=False),
              help="Audio for the sync check (one caption file) [default: paired by stem].")
@click.option("--no-audio", is_flag=True, help="Skip the sync check even when audio is found.")
@click.option("--profile", default=None, help="Caption style profile [default: podcast].")
@click.option("--select", default=None, help="Only these codes or prefixes (CK3,CK401).")
@click.option("--ignore", default=None, help="Skip these codes or prefixes.")
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default=None,
              help="Report format [default: text].")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the report here (a text summary still goes to stdout).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 on findings this severe or more [default: error].")
@click.option("--model", default=None, help="Aligner model for the sync check.")
@click.option("--device", type=click.Choice(["cpu", "cuda"]), default="cpu", show_default=True)
@click.option("--offline", is_flag=True,
              help="Never use the network: a --model name must already be in the local cache.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the report (no summary).")
def check(paths: tuple[str, ...], audio: str | None, no_audio: bool, profile: str | None,
          select: str | None, ignore: str | None, fmt: str | None, output: str | None,
          fail_on: str | None, model: str | None, device: str, offline: bool,
          quiet: bool) -> None:
    """Check caption files (.vtt, .srt: files, folders or globs) against the caption rules."""
    with errors_exit(), offline_only(offline, model):
        config = find_config()
        section = _section(config)
        prof = _profile(profile, config, section)
        selection = _selection(select, ignore, section, config)
        fmt = fmt or _choice(section.get("format", "text"), tuple(RENDERERS), "format", config)
        fail_on = fail_on or _choice(section.get("fail-on", "error"), FAIL_ON, "fail-on", config)
        use_audio = not no_audio and section.get("audio", True) is not False
        files = find_captions(paths)
        if audio and len(files) != 1:
            raise UsageError(f"--audio goes with one caption file, not {len(files)}")
        run = CheckRun()
        aligner = None
        for path in files:
            audio_path = Path(audio) if audio else paired_audio(path) if use_audio else None
            if audio_path is not None and aligner is None:
                from ..align import WhisperAligner

                aligner = WhisperAligner(model, device=device)
            with progress_bar(quiet or audio_path is None, label=f"sync {path.name}") as (_, step):
                run.reports.append(check_file(path, prof, selection=selection,
                                              audio_path=audio_path, aligner=aligner,
                                              progress=step))
        report = RENDERERS[fmt](run, fail_on)
        if output:
            write_all({Path(output): report})
    if output:
        if not quiet:
            click.echo(RENDERERS["text"](run, fail_on), nl=False)
    else:
        click.echo(report, nl=False)
    sys.exit(1 if run.fails(fail_on) else 0)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
def rules(fmt: str) -> None:
    """List every rule: code, severity, group and what it checks."""
    ordered = [RULES[code] for code in sorted(RULES)]
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity,
                                "group": r.group, "needs": r.needs, "summary": r.summary}
                               for r in ordered], indent=2))
        return
    if fmt == "markdown":
        click.echo(rules_markdown(), nl=False)
        return
    for r in ordered:
        audio = " (needs audio)" if r.needs in ("audio", "sync") else ""
        click.echo(f"{r.code}  {r.severity:<7}  {r.group:<9}  {r.name}: {r.summary}{audio}")


def rules_markdown() -> str:
    """The rules table as docs/ci.md carries it."""
    out = ["| code | name | severity | group | checks |", "|---|---|---|---|---|"]
    for code in sorted(RULES):
        r = RULES[code]
        audio = " *(needs audio)*" if r.needs in ("audio", "sync") else ""
        out.append(f"| {r.code} | {r.name} | {r.severity} | {r.group} | {r.summary}{audio} |")
    return "\n".join(out) + "\n"


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--profile", default=None, help="Caption style profile [default: podcast].")
@click.option("--diff", is_flag=True, help="Print a unified diff instead of writing.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def fix(files: tuple[str, ...], profile: str | None, diff: bool, quiet: bool) -> None:
    """Repair caption FILES in place: numbering, timestamps, gaps, short cues, escaping."""
    with errors_exit():
        config = find_config()
        prof = _profile(profile, config, _section(config))
        results = {Path(name): fix_file(read_caption_file(name), prof) for name in files}
        if not diff:
            write_all({path: r.text for path, r in results.items() if r.changed})
    for path, result in results.items():
        if diff:
            before = read_caption_file(path).lines
            after = result.text.replace("\r\n", "\n").split("\n")
            click.echo("".join(difflib.unified_diff(
                [line + "\n" for line in before], [line + "\n" for line in after],
                f"a/{path}", f"b/{path}")), nl=False)
        elif not quiet:
            click.echo(f"{path}: {len(result.changes)} repairs" if result.changed
                       else f"{path}: nothing to fix")
            for change in result.changes:
                click.echo(f"  {change}")
