"""Where episodes run: local worker processes (default) or a Dask cluster, both as
``concurrent.futures`` executors.

``LocalRunner`` keeps at most ``jobs`` episodes in flight on a ``ProcessPoolExecutor`` whose
initializer loads the model once per worker. The standard pool fails *every* pending job when
one worker dies (``BrokenProcessPool``), so a broken pool is replaced and only the episodes
that were in flight are retried; an episode caught in two crashes is then run alone, where a
third crash proves it is the cause and it alone is reported as failed.

``DaskRunner`` submits through ``Client(...).get_executor()``: ``"local"`` starts a
``LocalCluster`` on 127.0.0.1 with no dashboard, anything else is a scheduler address.
Dask is imported only here and only when asked for, so it stays an optional extra.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..errors import UsageError

# Worker processes start fresh ("spawn"): forking a coordinator that runs a progress thread
# can copy a held lock into the child, and a fresh process behaves the same on every OS.
_CONTEXT = multiprocessing.get_context("spawn")
STRIKES_BEFORE_ISOLATION = 2
# How long a stopped worker may take to clean up before it is killed outright.
STOP_GRACE_S = 10.0


class WorkerCrashed(RuntimeError):
    """The worker process died (crash, out of memory, killed) while running this item."""


class LocalRunner:
    """Runs ``fn(item)`` for each item on local worker processes, surviving worker deaths."""

    def __init__(
        self,
        jobs: int,
        fn: Callable[[Any], Any],
        initializer: Callable[..., None] | None = None,
        initargs: tuple = (),
    ):
        self.jobs = max(1, jobs)
        self.fn = fn
        self.initializer = initializer
        self.initargs = initargs
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_CONTEXT,
            initializer=self.initializer,
            initargs=self.initargs,
        )
        return self._pool

    def run(self, items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        """Yield ``(item, result or exception)`` as each item finishes, in completion order."""
        queue = list(items)
        isolated: list[Any] = []
        strikes: Counter[int] = Counter()

        def retry(item: Any, todo: list[Any]) -> None:
            # Caught in a crash: try again, alone once it has been in two crashes.
            strikes[id(item)] += 1
            if strikes[id(item)] >= STRIKES_BEFORE_ISOLATION:
                isolated.append(item)
            else:
                todo.insert(0, item)

        while queue or isolated:
            alone = not queue
            todo = [isolated.pop(0)] if alone else queue
            workers = 1 if alone else min(self.jobs, len(todo))
            pool = self._new_pool(workers)
            running: dict[Future, Any] = {}
            broken = False
            try:
                while (todo or running) and not broken:
                    # Few jobs in flight: a broken pool then takes down only those few.
                    with sigint_held():  # a submit may start a worker process
                        while todo and len(running) < workers:
                            item = todo.pop(0)
                            running[pool.submit(self.fn, item)] = item
                    finished, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in finished:
                        item = running.pop(future)
                        error = future.exception()
                        if not isinstance(error, BrokenProcessPool):
                            yield item, error if error is not None else future.result()
                            continue
                        broken = True
                        if alone:
                            yield item, WorkerCrashed(
                                "the worker process died while running it (crash, out of"
                                " memory or killed); the other episodes were not affected"
                            )
                            continue
                        retry(item, todo)
                # The rest of the in-flight items die with a broken pool: retry them too.
                for item in running.values():
                    retry(item, todo)
            except BaseException:
                # Interrupted (or the consumer stopped): stop now, do not finish running jobs.
                self.close(wait=False)
                raise
            # A broken pool's workers may hang on to a dead queue: terminate, do not wait.
            self.close(wait=not broken)

    def close(self, wait: bool = True) -> None:
        """Stop the pool; without ``wait``, terminate its workers (they clean up on SIGTERM)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # The pool has no public way to stop a running job, so its own worker processes are
        # signalled (not every child of this process: a caller may have others).
        processes = list((getattr(pool, "_processes", None) or {}).values()) if not wait else []
        for process in processes:
            process.terminate()
        pool.shutdown(wait=wait, cancel_futures=True)
        for process in processes:
            process.join(timeout=STOP_GRACE_S)
            if process.is_alive():  # stuck in native code: no orphan may outlive the batch
                process.kill()
                process.join(timeout=STOP_GRACE_S)


@contextlib.contextmanager
def sigint_held():
    """Hold SIGINT back in this thread; a Ctrl-C meanwhile is delivered when the block ends.

    A worker process inherits the signal mask of the thread that starts it, so it cannot be
    killed by a terminal's Ctrl-C (sent to the whole process group) while it is still importing,
    before its initializer has set it to ignore SIGINT; only the coordinator acts on Ctrl-C.
    The standard library's resource tracker starts its process the same way.
    """
    if not hasattr(signal, "pthread_sigmask"):  # not on Windows; nothing to hold there
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def import_distributed():
    """``distributed``, or a ``UsageError`` saying how to install the optional extra."""
    try:
        import distributed
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask: install it with pip install 'captionkit[dask]'"
        ) from None
    return distributed


class DaskRunner:
    """Runs ``fn(item)`` for each item on a Dask cluster through its ``Executor`` interface."""

    def __init__(self, scheduler: str, jobs: int, fn: Callable[[Any], Any]):
        distributed = import_distributed()
        self.fn = fn
        self.cluster = None
        try:
            if scheduler == "local":
                self.cluster = distributed.LocalCluster(
                    n_workers=max(1, jobs),
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    # Worker scratch space goes to the system temp folder, not the cwd.
                    local_directory=tempfile.gettempdir(),
                    # Workers' own logs: a job's failure reaches the report through its
                    # result, and a worker whose scheduler went away while the batch stops
                    # logs a heartbeat traceback at ERROR that means nothing to the user.
                    silence_logs=logging.CRITICAL,
                )
                self.client = distributed.Client(self.cluster)
            else:
                self.client = distributed.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            raise UsageError(
                f"cannot reach the Dask scheduler at {scheduler}: {exc}".splitlines()[0]
            ) from None

    def run(self, items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        """Yield ``(item, result or exception)`` as each item finishes, in completion order."""
        executor = self.client.get_executor(pure=False)
        running = {executor.submit(self.fn, item): item for item in items}
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                item = running.pop(future)
                error = future.exception()
                if type(error).__name__ == "KilledWorker":
                    error = WorkerCrashed(
                        "the Dask worker running it died (crash, out of memory or killed)"
                    )
                yield item, error if error is not None else future.result()

    def close(self, wait: bool = True) -> None:  # noqa: ARG002 - same interface as LocalRunner
        """Disconnect, and stop the local cluster if this runner started one."""
        for resource in (getattr(self, "client", None), self.cluster):
            if resource is not None:
                with contextlib.suppress(Exception):
                    resource.close()
        self.cluster = None
