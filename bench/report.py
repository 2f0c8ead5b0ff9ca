"""Keep BENCHMARKS.md as one file with a section per benchmark script.

Each script replaces only its own section (between HTML comment markers), so running one
benchmark never erases another's numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"
HEADER = (
    "# Benchmarks\n\nWritten by `make bench` (scripts in `bench/`); each section holds the"
    " numbers of its script's last run on a 2-core CPU with no GPU.\n"
)


def markdown_table(columns: list[str] | tuple[str, ...], rows: list[list[str]]) -> list[str]:
    """A Markdown table's lines.

    >>> markdown_table(["a", "b"], [["1", "2"]])
    ['| a | b |', '|---|---|', '| 1 | 2 |']
    """
    return [f"| {' | '.join(columns)} |", "|" + "---|" * len(columns),
            *[f"| {' | '.join(row)} |" for row in rows]]


def update_section(name: str, markdown: str, path: Path = BENCHMARKS) -> None:
    """Replace (or append) the section called ``name`` with ``markdown``."""
    text = path.read_text() if path.exists() else HEADER
    block = f"<!-- bench:{name} -->\n{markdown.strip()}\n<!-- /bench:{name} -->"
    key = re.escape(name)
    pattern = re.compile(rf"<!-- bench:{key} -->.*?<!-- /bench:{key} -->", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = f"{text.rstrip()}\n\n{block}\n"
    path.write_text(text)
