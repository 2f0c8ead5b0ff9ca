"""Command-line options for every profile number (``--max-chars 32``, ``--min-duration 1.5``).

One option per :data:`captionkit.profiles.SETTINGS` entry, so a number added to the profile
settings is on the command line with no change here. A decorated command receives them all
as one ``overrides`` dict holding only the options the user gave (raw text, parsed and
checked by :func:`captionkit.profiles.resolve_profile`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from ..profiles import SETTINGS

_UNITS = {
    "count": "N",
    "cps": "CPS",
    "duration": "SECONDS",
    "switch": "BOOL",
}


def _param(key: str) -> str:
    return "override_" + key.replace("-", "_")


def profile_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add one option per profile setting; pass them on as ``overrides={key: text}``."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        overrides = {}
        for setting in SETTINGS:
            value = kwargs.pop(_param(setting.key))
            if value is not None:
                overrides[setting.key] = value
        return command(*args, overrides=overrides, **kwargs)

    for setting in reversed(SETTINGS):
        text = setting.help.rstrip(".")
        if setting.kind == "duration":
            text += ", in seconds or e.g. 250ms"
        wrapper = click.option(
            f"--{setting.key}",
            _param(setting.key),
            metavar=_UNITS[setting.kind],
            default=None,
            help=f"{text}. [default: from the profile]",
        )(wrapper)
    return wrapper
