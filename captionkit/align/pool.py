"""Exact alignment of many spans on several cores.

pocketsphinx holds Python's global interpreter lock while it decodes, so spans are spread over
worker processes, each with its own decoder. Results do not depend on the number of workers:
each span is aligned from a decoder state that depends on that span alone (see ``sphinx``).
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from .spans import SpanJob, SpanResult, run_job
from .sphinx import SphinxAligner

_WORKER: SphinxAligner | None = None


def _start_worker() -> None:
    global _WORKER
    _WORKER = SphinxAligner()


def _run(job: SpanJob) -> list[SpanResult]:
    assert _WORKER is not None
    return run_job(job, _WORKER)


def run_jobs(
    jobs: Iterable[SpanJob], sphinx: SphinxAligner, workers: int
) -> Iterator[list[SpanResult]]:
    """Each job's results, in order; ``workers`` > 1 runs them in that many processes.

    Jobs are cut from the audio only as workers become free, so memory stays flat however
    long the recording is.
    """
    if workers <= 1 or multiprocessing.current_process().daemon:
        # A daemonic process (a Dask worker, say) may not start processes of its own.
        for job in jobs:
            yield run_job(job, sphinx)
        return
    # Forking needs no `if __name__ == "__main__"` guard in the caller's script (spawning
    # re-imports it); the children only run pocketsphinx, never the parent's model threads.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else methods[0])
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
        pending: deque[Future] = deque()
        for job in jobs:
            pending.append(pool.submit(_run, job))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
