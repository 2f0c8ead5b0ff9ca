"""GitHub Actions workflow commands: ``::error file=…,line=…,title=CODE::message``.

GitHub shows each as an annotation on the file's line in the pull request.

>>> from captionkit.check.engine import CheckRun, FileReport
>>> from captionkit.check.finding import Finding
>>> f = Finding("CK405", "error", "40 ms after the previous cue, 100%", 1, 900, 7, "a,b.vtt")
>>> print(render(CheckRun([FileReport("a,b.vtt", [f], [])]), "error"), end="")
::error file=a%2Cb.vtt,line=7,title=CK405::CK405 40 ms after the previous cue, 100%25
1 error, 0 warnings, 0 info in 1 file
"""

from __future__ import annotations

from ..engine import CheckRun
from .text import render as render_text

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(run: CheckRun, fail_on: str) -> str:
    out = []
    for f in run.findings:
        props = [f"file={_property(f.path or '')}"]
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={_property(f.code)}")
        out.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{_data(f.code + ' ' + f.message)}")
    summary = render_text(run, fail_on).splitlines()[len(run.findings):]
    return "\n".join(out + summary) + "\n"
