"""What every command shares: one-line errors with exit codes, signals, progress bars."""

from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager

import click

from ..errors import CaptionkitError

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def errors_exit():
    """Our own errors become one line on stderr and exit 2; signals stop the run cleanly."""
    previous = {sig: signal.signal(sig, _raise_interrupt) for sig in STOP_SIGNALS}
    try:
        yield
    except CaptionkitError as exc:
        click.echo(f"captionkit: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("captionkit: interrupted; no output was written", err=True)
        sys.exit(130)
    finally:
        for sig, handler in previous.items():
            # After a stop the signals stay ignored until the process has exited.
            if signal.getsignal(sig) is _raise_interrupt:
                signal.signal(sig, handler)


def _raise_interrupt(signum, frame):  # noqa: ARG001 - signal handler signature
    # Turning SIGTERM into KeyboardInterrupt lets the atomic writer remove its temp files.
    # The first signal stops the run; a second Ctrl-C while it cleans up (removing temp files,
    # stopping workers, writing the batch report) must not cut that clean-up short.
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
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
