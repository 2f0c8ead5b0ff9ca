"""The local executor survives a worker process that dies: only the item that killed its
worker fails; every other item, including those in flight at the crash, still completes.

The functions run in real spawned worker processes, so they live at module level (the
workers import them by name)."""

from __future__ import annotations

import os

from captionkit.batch.executors import LocalRunner, WorkerCrashed


def crash_on_three(item: int) -> int:
    """Squares ``item``; item 3 kills its worker process outright, like a segfault would."""
    if item == 3:
        os._exit(70)
    return item * item


def fail_on_two(item: int) -> int:
    if item == 2:
        raise ValueError("bad item 2")
    return item + 100


def test_a_dead_worker_fails_only_its_own_item():
    results = dict(LocalRunner(2, crash_on_three).run(range(7)))
    assert isinstance(results.pop(3), WorkerCrashed)
    assert results == {i: i * i for i in range(7) if i != 3}


def test_an_exception_is_returned_for_that_item_only():
    results = dict(LocalRunner(2, fail_on_two).run(range(4)))
    error = results.pop(2)
    assert isinstance(error, ValueError) and str(error) == "bad item 2"
    assert results == {0: 100, 1: 101, 3: 103}
