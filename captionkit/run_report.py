"""The report of one run: named sections (``segmentation`` now; more stages can add theirs).

Each section can say itself as plain data (for the words file's ``metadata``) and print itself
with rich (for ``captionkit align --report``). A stage adds a section with :meth:`RunReport.add`;
nothing here knows what a section holds.

>>> from rich.console import Console
>>> class Hello:
...     title = "Greeting"
...     def to_dict(self): return {"hello": "world"}
...     def render(self, console): console.print("hello, world")
>>> report = RunReport()
>>> report.add("greeting", Hello())
>>> report.to_dict()
{'greeting': {'hello': 'world'}}
>>> report.print(Console(width=40, color_system=None))
Greeting
hello, world
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from rich.console import Console


class Section(Protocol):
    """One part of a run's report."""

    title: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data."""
        ...

    def render(self, console: Console) -> None:
        """Print the section for a person to read."""
        ...


@dataclass
class RunReport:
    """Sections by name, in the order they were added."""

    sections: dict[str, Section] = field(default_factory=dict)

    def add(self, name: str, section: Section) -> None:
        self.sections[name] = section

    def to_dict(self) -> dict[str, Any]:
        return {name: section.to_dict() for name, section in self.sections.items()}

    def print(self, console: Console | None = None) -> None:
        """Every section under its title, a blank line between sections."""
        console = console or Console()
        for index, section in enumerate(self.sections.values()):
            if index:
                console.print()
            console.print(section.title, style="bold")
            section.render(console)
