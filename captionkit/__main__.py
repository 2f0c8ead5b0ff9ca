"""``python -m captionkit`` runs the command line."""

from .cli import main

main(prog_name="captionkit")
