"""Report renderers, one module per format, each with ``render(run, fail_on) -> str``.

>>> sorted(RENDERERS)
['github', 'json', 'junit', 'sarif', 'text']
"""

from __future__ import annotations

from collections.abc import Callable

from ..engine import CheckRun
from . import github, json_report, junit, sarif, text

Renderer = Callable[[CheckRun, str], str]

RENDERERS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_report.render,
    "junit": junit.render,
    "github": github.render,
    "sarif": sarif.render,
}
