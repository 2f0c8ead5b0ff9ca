"""Exact alignment of many spans on several cores.

pocketsphinx holds Python's global interpreter lock while it decodes, so spans are spread over
worker processes, each with its own decoder. Results do not depend on the number of workers:
each span is aligned from a decoder state that depends on that span alone (see ``sphinx``).
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from .spans import Span, SpanJob, SpanResult, run_job
from .sphinx import SphinxAligner

_WORKER: SphinxAligner | None = None


def _start_worker() -> None:
    global _WORKER
    _WORKER = SphinxAligner()


def _run(job: SpanJob) -> list[SpanResult]:
    assert _WORKER is not None
    return run_job(job, _WORKER)


def run_jobs(
    spans: Sequence[Span],
    cut: Callable[[Span], SpanJob],
    sphinx: SphinxAligner,
    workers: int,
) -> list[list[SpanResult]]:
    """Each span's results, in the spans' order; ``workers`` > 1 runs them in that many
    processes. ``cut`` makes a span's job (its words and samples).

    Jobs are cut from the audio only as workers become free, at most two per worker at a
    time, so memory stays flat however long the recording is. A worker takes the next job as
    soon as it is free, whichever job finishes first, and the longest spans go first, so no
    core waits on one long span at the end (or on an earlier one still running).
    """
    if workers <= 1 or multiprocessing.current_process().daemon:
        # A daemonic process (a Dask worker, say) may not start processes of its own.
        return [run_job(cut(span), sphinx) for span in spans]
    # Forking needs no `if __name__ == "__main__"` guard in the caller's script (spawning
    # re-imports it); the children only run pocketsphinx, never the parent's model threads.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else methods[0])
    results: list[list[SpanResult]] = [[] for _ in spans]
    todo = deque(sorted(range(len(spans)), key=lambda k: spans[k].start_ms - spans[k].end_ms))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
        running: dict[Future, int] = {}
        while todo or running:
            while todo and len(running) < 2 * workers:
                k = todo.popleft()
                running[pool.submit(_run, cut(spans[k]))] = k
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                results[running.pop(future)] = future.result()
    return results
