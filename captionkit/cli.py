"""The ``captionkit`` command: a thin shell over the library (parse, call, print, exit code)."""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager

import click

from . import __version__
from .errors import CaptionkitError
from .pipeline import DEFAULT_FORMATS, align_files

ALIGN_EXAMPLE = """
\b
Example:
  captionkit align episode.mp3 episode.txt -o captions/
  → captions/episode.vtt, episode.srt, episode.json, episode.words.json
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="captionkit")
def main() -> None:
    """Turn a transcript and its audio into audio-synced, accessible captions."""


@main.command(epilog=ALIGN_EXAMPLE)
@click.argument("audio", type=click.Path(dir_okay=False))
@click.argument("transcript", type=click.Path(dir_okay=False))
@click.option("-o", "--outdir", default=".", show_default=True, help="Folder for the outputs.")
@click.option(
    "--formats",
    "output_formats",
    default=",".join(DEFAULT_FORMATS),
    show_default=True,
    help="Comma-separated outputs: vtt, srt, json (Podcasting 2.0), words (word timings).",
)
@click.option("--profile", default="podcast", show_default=True, help="Caption style profile.")
@click.option(
    "--model",
    default=None,
    help="faster-whisper model name or local CTranslate2 folder [default: bundled tiny.en].",
)
@click.option("--device", type=click.Choice(["cpu", "cuda"]), default="cpu", show_default=True)
@click.option(
    "--input-format",
    type=click.Choice(["podcast", "labelled", "plain", "captions"]),
    default=None,
    help="Transcript format [default: detected from the content].",
)
@click.option("--speaker", default="Speaker", show_default=True, help="Name for plain text.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def align(
    audio: str,
    transcript: str,
    outdir: str,
    output_formats: str,
    profile: str,
    model: str | None,
    device: str,
    input_format: str | None,
    speaker: str,
    quiet: bool,
) -> None:
    """Force-align TRANSCRIPT to AUDIO and write captions named after the audio file."""
    with _errors_exit(), _progress(quiet) as (on_start, advance):
        result = align_files(
            audio,
            transcript,
            outdir,
            output_formats=output_formats,
            profile=profile,
            model=model,
            device=device,
            input_format=input_format,
            speaker=speaker,
            on_start=on_start,
            progress=advance,
        )
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not quiet:
        words = result.alignment.words
        unaligned = sum(not w.aligned for w in words)
        click.echo(
            f"{len(words)} words ({unaligned} interpolated), {len(result.cues)} cues,"
            f" {len(result.alignment.transcript.speakers)} speakers"
        )
        for path in result.paths:
            click.echo(f"wrote {path}")


@contextmanager
def _errors_exit():
    """Our own errors become one line on stderr and exit 2; signals stop the run cleanly."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    except CaptionkitError as exc:
        click.echo(f"captionkit: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("captionkit: interrupted; no output was written", err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum, frame):  # noqa: ARG001 - signal handler signature
    # Turning SIGTERM into KeyboardInterrupt lets the atomic writer remove its temp files.
    raise KeyboardInterrupt


@contextmanager
def _progress(quiet: bool):
    """A rich progress bar on an interactive terminal; nothing in CI, pipes or --quiet."""
    if quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        yield None, None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("aligning"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} words"),
        TimeRemainingColumn(),
        transient=True,
        console=None,
    ) as bar:
        task = bar.add_task("align", total=None)
        yield (lambda n: bar.update(task, total=n)), (lambda k: bar.advance(task, k))
