"""The ``captionkit`` command line: a thin shell over the library (parse, call, print, exit).

Each command lives in its own module and is registered here with one line.
"""

from __future__ import annotations

import click

from .. import __version__
from .align import align
from .batch import batch
from .check import check, fix, rules


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="captionkit")
def main() -> None:
    """Turn a transcript and its audio into audio-synced, accessible captions."""


main.add_command(align)
main.add_command(batch)
main.add_command(check)
main.add_command(rules)
main.add_command(fix)
