"""``run_batch``: discover a series, skip what is done, run the rest, write the report.

    report = run_batch("show/", "captions/", jobs=2)
    print(report.count("done"), report.count("failed"))

Interrupting (Ctrl-C, SIGTERM turned into ``KeyboardInterrupt``) stops the workers, removes
temporary files, writes the report of what finished and raises ``BatchInterrupted``; every
output on disk is then complete, and a re-run does only what is left.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from .. import formats
from ..errors import UsageError
from ..pipeline import DEFAULT_FORMATS, parse_formats
from ..profiles import get_profile
from .discover import Series, discover
from .episode import AlignOptions, Episode, EpisodeResult
from .executors import DaskRunner, LocalRunner, import_distributed
from .fingerprint import completed, inputs_of, model_identity, sidecar, sweep_partials
from .report import BatchReport, write_report
from .worker import Job, init_local_worker, run_episode


class BatchInterrupted(KeyboardInterrupt):
    """The batch was stopped; ``report`` says what finished (it is written to disk too)."""

    def __init__(self, report: BatchReport):
        super().__init__("batch interrupted")
        self.report = report


def _check_outputs_spare_inputs(series: Series, options: AlignOptions, root: Path) -> None:
    """Refuse a layout where writing an output would overwrite an episode's own input."""
    for episode in series.episodes:
        folder = episode.outdir(root)
        outputs = {
            (folder / f"{episode.stem}{formats.WRITERS[n].EXTENSION}").resolve()
            for n in options.output_formats
        }
        outputs.add(sidecar(episode, root).resolve())
        for kind, path in (("audio", episode.audio), ("transcript", episode.transcript)):
            if path is not None and path.resolve() in outputs:
                raise UsageError(
                    f"the output would overwrite this episode's {kind}; choose another -o folder",
                    path=str(path),
                )


def _failure(episode: Episode, error: BaseException | str) -> EpisodeResult:
    message = error if isinstance(error, str) else str(error).splitlines()[0]
    if not isinstance(error, str) and not str(error).startswith(str(episode.audio)):
        message = f"{episode.audio}: {type(error).__name__}: {message}"
    return EpisodeResult(key=episode.key, status="failed", error=message)


def run_batch(
    source: str | os.PathLike[str],
    outdir: str | os.PathLike[str],
    *,
    output_formats: str | tuple[str, ...] = DEFAULT_FORMATS,
    profile: str = "podcast",
    model: str | None = None,
    device: str = "cpu",
    input_format: str | None = None,
    speaker: str = "Speaker",
    jobs: int | None = None,
    scheduler: str | None = None,
    allow_outside: bool = False,
    force: bool = False,
    on_plan: Callable[[int, list[EpisodeResult]], None] | None = None,
    on_result: Callable[[Episode, EpisodeResult], None] | None = None,
) -> BatchReport:
    """Caption every episode of ``source`` into ``outdir``; see the module docstring.

    ``on_plan(to_run, settled)`` is called once with the number of episodes that will run
    and the results already known (skipped, or failed during discovery); ``on_result`` after
    each episode that ran. Raises ``UsageError`` for bad usage, before any work starts.
    """
    started = time.perf_counter()
    root = Path(outdir)
    options = AlignOptions(
        output_formats=parse_formats(output_formats),
        profile=profile,
        model=model,
        device=device,
        input_format=input_format,
        speaker=speaker,
    )
    get_profile(profile)  # an unknown profile is bad usage: fail before any work
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    jobs = jobs or os.cpu_count() or 1
    if scheduler:
        import_distributed()  # a missing optional extra is bad usage: say so before any work
    series = discover(source, outdir=root, allow_outside=allow_outside)
    _check_outputs_spare_inputs(series, options, root)
    report = BatchReport(
        source=str(source),
        outdir=root,
        options=options,
        episodes=series.episodes,
        results={},
        title=series.title,
        language=series.language,
        scheduler=f"dask {scheduler}" if scheduler else "local processes",
        jobs=jobs,
        warnings=list(series.warnings),
    )
    # A remote cluster is reached first, so a wrong address fails before any work; a local
    # one is started only when some episode needs it.
    remote = scheduler not in (None, "local")
    runner = DaskRunner(scheduler, jobs, run_episode) if remote else None
    todo: list[Job] = []
    try:
        # Workers on this machine share its cores; a remote cluster's workers use their own.
        threads = None if remote else max(1, (os.cpu_count() or 1) // jobs)
        todo = _plan(report, options, model_identity(model), force, threads)
        if on_plan:
            on_plan(len(todo), list(report.results.values()))
        root.mkdir(parents=True, exist_ok=True)
        if todo:
            runner = runner or _local_runner(scheduler, jobs, options, threads)
            outcomes = runner.run(todo)
            try:
                for job, outcome in outcomes:
                    if isinstance(outcome, BaseException):
                        outcome = _failure(job.episode, outcome)
                    report.results[job.episode.key] = outcome
                    if on_result:
                        on_result(job.episode, outcome)
            finally:
                # Stop workers first (without waiting for running episodes), then the loop.
                runner.close(wait=False)
                outcomes.close()
        report.elapsed_s = time.perf_counter() - started
        write_report(report)
    except KeyboardInterrupt:
        if runner is not None:
            runner.close(wait=False)  # every worker has stopped before the folder is read
        report.interrupted = True
        for episode in series.episodes:
            sweep_partials(episode, root)
        _record_finished_meanwhile(report, todo)
        report.elapsed_s = time.perf_counter() - started
        if root.is_dir():
            write_report(report)
        raise BatchInterrupted(report) from None
    finally:
        if runner is not None:
            runner.close(wait=False)
    return report


def _record_finished_meanwhile(report: BatchReport, todo: list[Job]) -> None:
    """Count as done the episodes a worker finished while the batch was stopping.

    Their outputs and fingerprint were written after the coordinator stopped listening
    (a Dask task runs on until its cluster closes): the report and index must list them,
    as the next run will skip them.
    """
    for job in todo:
        if job.episode.key not in report.results:
            found = completed(job.episode, report.outdir, job.inputs)
            if found is not None:
                report.results[job.episode.key] = replace(found, status="done")


def _plan(
    report: BatchReport, options: AlignOptions, model_id: str, force: bool, threads: int | None
) -> list[Job]:
    """Settle what is known before running (skips, discovery failures); return the rest."""
    todo = []
    for episode in report.episodes:
        sweep_partials(episode, report.outdir)  # leftovers of a run that was killed outright
        if episode.problem:
            report.results[episode.key] = _failure(episode, episode.problem)
            continue
        inputs = inputs_of(episode, options, model_id, report.outdir)
        done = None if force else completed(episode, report.outdir, inputs)
        if done is not None:
            report.results[episode.key] = done
        else:
            # Absolute, because a Dask worker on another machine has another working folder.
            todo.append(Job(episode, options, inputs, report.outdir.resolve(), threads))
    return todo


def _local_runner(
    scheduler: str | None, jobs: int, options: AlignOptions, threads: int | None
) -> LocalRunner | DaskRunner:
    if scheduler == "local":
        return DaskRunner("local", jobs, run_episode)
    return LocalRunner(
        jobs, run_episode, init_local_worker, (options.model, options.device, threads)
    )
