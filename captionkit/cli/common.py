"""What every command shares: one-line errors with exit codes, signals, progress bars."""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager

import click

from ..errors import CaptionkitError


@contextmanager
def errors_exit():
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
def progress_bar(quiet: bool, label: str = "aligning", unit: str = "words"):
    """A rich progress bar on an interactive terminal; nothing in CI, pipes or --quiet."""
    if quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        yield None, None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        TextColumn(f"{{task.completed}}/{{task.total}} {unit}"),
        TimeRemainingColumn(),
        transient=True,
        console=None,
    ) as bar:
        task = bar.add_task("align", total=None)
        yield (lambda n: bar.update(task, total=n)), (lambda k: bar.advance(task, k))
