"""Project settings: ``captionkit.toml``, or ``[tool.captionkit]`` in ``pyproject.toml``.

Found the way ruff and black find theirs: the nearest folder, walking up from the current one,
that holds either file wins (``captionkit.toml`` first). Commands read their own keys from the
table this returns (for example ``profile``, ``max-chars``, or a ``[check]`` sub-table).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError


@dataclass(frozen=True)
class Config:
    """The settings table and the file it came from (``None`` when there is none)."""

    values: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def section(self, name: str) -> dict[str, Any]:
        """A sub-table such as ``[check]``; empty when absent."""
        table = self.values.get(name, {})
        if not isinstance(table, dict):
            raise UsageError(f"'{name}' must be a table", path=str(self.path))
        return table


def find_config(start: str | Path | None = None) -> Config:
    """The nearest captionkit settings above ``start`` (default: the current folder).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "pyproject.toml").write_text('[tool.captionkit]\\nprofile = "bbc"\\n')
    >>> (d / "sub").mkdir()
    >>> find_config(d / "sub").values
    {'profile': 'bbc'}
    """
    folder = Path(start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "captionkit.toml"
        if own.is_file():
            return Config(_load(own), own)
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            table = _load(pyproject).get("tool", {}).get("captionkit")
            if table is not None:
                return Config(table, pyproject)
    return Config()


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"invalid TOML: {exc}", path=str(path)) from None
    except OSError as exc:
        raise UsageError(f"cannot read settings: {exc.strerror}", path=str(path)) from None
