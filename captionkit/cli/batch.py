"""``captionkit batch``: a whole series of episodes, in parallel, resumable."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

import click

from .. import formats
from ..batch import BatchInterrupted, BatchReport, Episode, EpisodeResult, run_batch
from ..batch.report import format_duration
from ..pipeline import DEFAULT_FORMATS
from .common import errors_exit
from .offline import offline_only

BATCH_EXAMPLE = """
\b
Examples:
  captionkit batch show/ -o captions/ --jobs 2
  captionkit batch show/series.toml -o captions/ --scheduler local
  captionkit batch feed.xml -o captions/ --scheduler tcp://10.0.0.5:8786
\b
Exit codes: 0 every episode has captions, 1 some failed, 2 bad usage,
130 interrupted (Ctrl-C, SIGTERM; run it again to finish).
"""


class PlainProgress:
    """One line per finished episode: readable in CI logs and pipes."""

    def __init__(self) -> None:
        self.total = 0
        self.finished = 0

    def plan(self, to_run: int, settled: list[EpisodeResult]) -> None:
        self.total = to_run
        skipped = sum(r.status == "skipped" for r in settled)
        if skipped:
            click.echo(f"{skipped} episodes unchanged since the last run: skipped", err=True)
        for result in settled:
            if result.status == "failed":
                click.echo(f"FAILED {result.key}: {result.error}", err=True)
        click.echo(f"{to_run} episodes to caption", err=True)

    def result(self, episode: Episode, result: EpisodeResult) -> None:
        self.finished += 1
        where = f"[{self.finished}/{self.total}]"
        if result.status == "failed":
            click.echo(f"{where} FAILED {episode.key}: {result.error}", err=True)
        else:
            audio = format_duration(result.duration_ms)
            click.echo(f"{where} done {episode.key} ({audio} of audio, {result.seconds:.1f} s)",
                       err=True)


class RichProgress:
    """A live bar on a terminal: done / failed / skipped counts, elapsed time and ETA."""

    def __init__(self, progress) -> None:
        self.bar = progress
        self.task = None
        self.counts = {"done": 0, "failed": 0, "skipped": 0}

    def _fields(self) -> dict[str, int]:
        return dict(self.counts)

    def plan(self, to_run: int, settled: list[EpisodeResult]) -> None:
        for result in settled:
            self.counts[result.status] += 1
            if result.status == "failed":
                self.bar.console.print(f"[red]failed[/] {result.key}: {result.error}",
                                       markup=True, highlight=False)
        self.task = self.bar.add_task("captioning", total=to_run, **self._fields())

    def result(self, episode: Episode, result: EpisodeResult) -> None:
        self.counts[result.status] += 1
        if result.status == "failed":
            self.bar.console.print(f"[red]failed[/] {episode.key}: {result.error}",
                                   markup=True, highlight=False)
        self.bar.update(self.task, advance=1, **self._fields())


class QuietProgress:
    def plan(self, to_run: int, settled: list[EpisodeResult]) -> None:
        pass

    def result(self, episode: Episode, result: EpisodeResult) -> None:
        pass


@contextmanager
def progress_display(quiet: bool):
    """Rich on an interactive terminal; plain lines in CI and pipes; nothing with --quiet."""
    if quiet:
        yield QuietProgress()
        return
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield PlainProgress()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("done {task.fields[done]} · failed {task.fields[failed]}"
                   " · skipped {task.fields[skipped]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        yield RichProgress(bar)


def print_summary(report: BatchReport) -> None:
    """The end-of-batch table, counts and the files written."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=report.title or "Episodes")
    for name in ("Episode", "Status", "Duration", "Speakers", "Words", "Notes"):
        table.add_column(name, overflow="fold")
    for episode in report.episodes:
        result = report.results.get(episode.key) or EpisodeResult(episode.key, "not run")
        notes = result.error or "; ".join(result.warnings)
        table.add_row(
            episode.key,
            result.status,
            format_duration(result.duration_ms) if result.duration_ms else "",
            ", ".join(result.speakers),
            str(result.words or ""),
            notes,
        )
    Console(highlight=False).print(table)
    click.echo(
        f"{report.count('done')} done, {report.count('skipped')} skipped (unchanged),"
        f" {report.count('failed')} failed in {report.elapsed_s:.1f} s"
    )
    for path in report.paths():
        click.echo(f"wrote {path}")


@click.command(epilog=BATCH_EXAMPLE)
@click.argument("source", type=click.Path())
@click.option("-o", "--outdir", required=True, help="Folder for every episode's outputs.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Worker processes (or Dask workers with --scheduler local) [default: CPU cores].",
)
@click.option(
    "--scheduler", default=None, metavar="ADDRESS",
    help="Run on Dask: 'local' for a LocalCluster on this machine, or a scheduler address"
    " such as tcp://10.0.0.5:8786 (needs pip install 'captionkit[dask]').",
)
@click.option(
    "--formats", "output_formats", default=",".join(DEFAULT_FORMATS), show_default=True,
    help=f"Comma-separated outputs per episode, from: {', '.join(formats.WRITERS)}.",
)
@click.option("--profile", default="podcast", show_default=True, help="Caption style profile.")
@click.option(
    "--model", default=None,
    help="faster-whisper model name or local CTranslate2 folder [default: bundled tiny.en].",
)
@click.option("--device", type=click.Choice(["cpu", "cuda"]), default="cpu", show_default=True)
@click.option(
    "--offline", is_flag=True,
    help="Never use the network: a --model name must already be in the local cache.",
)
@click.option(
    "--input-format", type=click.Choice(["podcast", "labelled", "plain", "captions"]),
    default=None, help="Transcript format [default: detected per file].",
)
@click.option("--speaker", default="Speaker", show_default=True, help="Name for plain text.")
@click.option(
    "--allow-outside", is_flag=True,
    help="Let a manifest or feed point at files outside its own folder.",
)
@click.option("--force", is_flag=True, help="Redo every episode, even unchanged ones.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def batch(
    source: str,
    outdir: str,
    jobs: int | None,
    scheduler: str | None,
    output_formats: str,
    profile: str,
    model: str | None,
    device: str,
    offline: bool,
    input_format: str | None,
    speaker: str,
    allow_outside: bool,
    force: bool,
    quiet: bool,
) -> None:
    """Caption every episode of SOURCE: a folder (audio and transcripts paired by name),
    a series.toml or CSV manifest, or a podcast RSS file whose URLs point at local files.

    Episodes whose inputs and options are unchanged since an earlier run are skipped; an
    interrupted batch finishes the rest when run again.
    """
    # offline_only checks a model name against the cache before any worker starts.
    with errors_exit(), offline_only(offline, model):
        try:
            with progress_display(quiet) as progress:
                report = run_batch(
                    source, outdir,
                    output_formats=output_formats, profile=profile, model=model,
                    device=device, input_format=input_format, speaker=speaker,
                    jobs=jobs, scheduler=scheduler, allow_outside=allow_outside,
                    force=force, on_plan=progress.plan, on_result=progress.result,
                )
        except BatchInterrupted as stop:
            finished = sum(r.ok for r in stop.report.results.values())
            click.echo(
                f"captionkit: interrupted; {finished} of {len(stop.report.episodes)} episodes"
                " have complete outputs; run the same command again to finish the rest",
                err=True,
            )
            sys.exit(130)
    if quiet:
        for result in report.failed:
            click.echo(f"captionkit: error: {result.error}", err=True)
    else:
        print_summary(report)
    sys.exit(report.exit_code)
