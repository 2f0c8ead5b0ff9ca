"""Write output files all-or-nothing: every file goes to a temp file first, then is renamed.

A run that fails or is interrupted part-way leaves no half-written output behind, and the
files of an earlier run stay as they were until the new ones are complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_all(files: dict[Path, str]) -> list[Path]:
    """Write ``{path: text}`` atomically as a group; returns the paths written.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_all({d / "a.txt": "hello\\n"})]
    ['a.txt']
    >>> (d / "a.txt").read_text()
    'hello\\n'
    """
    temps: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
            temps.append((tmp, path))
            # mkstemp makes the file private (0600); outputs get the usual umask-based mode.
            os.fchmod(fd, 0o666 & ~_umask())
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, path in temps:
            os.replace(tmp, path)
    except OSError as exc:
        _remove(temps)
        target = exc.filename or (temps[-1][1] if temps else "output")
        raise OutputError(f"cannot write output: {exc.strerror or exc}", path=str(target)) from None
    except BaseException:
        _remove(temps)
        raise
    return [path for _, path in temps]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(temps: list[tuple[str, Path]]) -> None:
    for tmp, _ in temps:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
