"""The end of a batch: ``batch-report.json`` for machines and an accessible ``index.html``.

The index is rendered from ``captionkit/templates/batch_index.html.j2`` (autoescaped Jinja2,
never HTML built from strings). It holds no times or timings, so the same series gives the
same page whichever machine or scheduler produced it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from ..output import write_all
from .episode import AlignOptions, Episode, EpisodeResult

REPORT_NAME = "batch-report.json"
INDEX_NAME = "index.html"


@dataclass
class BatchReport:
    """Everything a batch did, in the series' episode order."""

    source: str
    outdir: Path
    options: AlignOptions
    episodes: list[Episode]
    results: dict[str, EpisodeResult]
    title: str | None = None
    language: str | None = None
    scheduler: str = "local processes"
    jobs: int = 1
    elapsed_s: float = 0.0
    interrupted: bool = False
    warnings: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many episodes ended with ``status`` (``done``, ``skipped``, ``failed``)."""
        return sum(r.status == status for r in self.results.values())

    @property
    def failed(self) -> list[EpisodeResult]:
        return [r for r in self.results.values() if r.status == "failed"]

    @property
    def exit_code(self) -> int:
        """0 when every episode has complete outputs, 1 when any failed or never ran."""
        complete = all(self.results.get(e.key, _MISSING).ok for e in self.episodes)
        return 0 if complete and not self.interrupted else 1

    def paths(self) -> tuple[Path, Path]:
        return self.outdir / REPORT_NAME, self.outdir / INDEX_NAME


_MISSING = EpisodeResult(key="", status="failed")


def format_duration(ms: int) -> str:
    """``M:SS`` or ``H:MM:SS``.

    >>> format_duration(73_197), format_duration(3_725_000)
    ('1:13', '1:02:05')
    """
    seconds = round(ms / 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def to_json(report: BatchReport) -> dict:
    """The report as plain JSON data (what ``batch-report.json`` holds)."""
    episodes = []
    for episode in report.episodes:
        result = report.results.get(episode.key)
        row = {
            "key": episode.key,
            "title": episode.title,
            "audio": str(episode.audio),
            "transcript": str(episode.transcript) if episode.transcript else None,
        }
        if result is None:
            row["status"] = "not run"
        else:
            fields = asdict(result)
            del fields["key"]
            row.update(fields)
        episodes.append(row)
    return {
        "captionkit": __version__,
        "source": report.source,
        "outdir": str(report.outdir),
        "title": report.title,
        "scheduler": report.scheduler,
        "jobs": report.jobs,
        "options": asdict(report.options),
        "elapsed_s": round(report.elapsed_s, 3),
        "interrupted": report.interrupted,
        "counts": {
            "episodes": len(report.episodes),
            "done": report.count("done"),
            "skipped": report.count("skipped"),
            "failed": report.count("failed"),
            "not_run": sum(e.key not in report.results for e in report.episodes),
        },
        "warnings": report.warnings,
        "episodes": episodes,
    }


def _file_kind(name: str) -> str:
    """A human name for an output file, from its ending.

    >>> _file_kind("s1/ep01.words.json"), _file_kind("ep01.vtt")
    ('word timings', 'WebVTT captions')
    """
    kinds = {
        ".words.json": "word timings",
        ".json": "Podcasting 2.0 transcript",
        ".vtt": "WebVTT captions",
        ".srt": "SRT captions",
        ".html": "transcript page",
    }
    return next((label for end, label in kinds.items() if name.endswith(end)), name)


def render_index(report: BatchReport) -> str:
    """The series index page as HTML text."""
    env = Environment(
        loader=PackageLoader("captionkit", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    rows = []
    for episode in report.episodes:
        result = report.results.get(episode.key) or EpisodeResult(episode.key, "not run")
        files = [
            {"href": quote(name), "name": Path(name).name, "kind": _file_kind(name)}
            for name in result.files
        ]
        pages = [f for f in files if f["kind"] == "transcript page"]
        rows.append(
            {
                "title": episode.title or episode.key,
                "key": episode.key,
                "status": result.status,
                "ok": result.ok,
                "error": result.error,
                "duration": format_duration(result.duration_ms) if result.duration_ms else "",
                "speakers": result.speakers,
                "words": result.words,
                "interpolated": result.interpolated,
                "warnings": result.warnings,
                "page": pages[0] if pages else None,
                "files": [f for f in files if f["kind"] != "transcript page"],
            }
        )
    return env.get_template("batch_index.html.j2").render(
        title=report.title or "Captions",
        language=report.language or "en",
        rows=rows,
        counts={s: report.count(s) for s in ("done", "skipped", "failed")},
        not_run=sum(e.key not in report.results for e in report.episodes),
        version=__version__,
        profile=report.options.profile,
    )


def write_report(report: BatchReport) -> tuple[Path, Path]:
    """Write ``batch-report.json`` and ``index.html`` together, atomically."""
    report_path, index_path = report.paths()
    text = json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
    write_all({report_path: text, index_path: render_index(report)})
    return report_path, index_path
