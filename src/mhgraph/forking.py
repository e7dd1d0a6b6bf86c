"""Work done in a forked process beside this one, on a core this process would leave idle.

A forked process shares the loaded graph with its parent without copying or pickling it:
Oxigraph's store stays where it is, and memory is copied only where it is written. That is
safe on Linux from a process with a single thread. A server, or a test runner with threads
of its own, may hold a lock that the forked copy would wait on for ever; there, and where
one core is all there is, the work is done in this process when its result is asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

#: The job a forked process runs: set just before the fork, so it is inherited, not pickled.
_JOB: Callable[[], Any] | None = None


def forkable_cores() -> int:
    """How many processes may share out work: the cores this process may use, where forking
    is safe; else 1."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return len(os.sched_getaffinity(0))


@contextmanager
def beside(job: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """Start ``job`` in a forked process and run the block meanwhile; the block gets a
    function that waits for the job's result, or raises the exception the job raised.

    Where forking is not safe or there is one core, the job runs in this process, when its
    result is first asked for. A job whose result is never asked for is still waited for
    when the block ends, so no process outlives it.
    """
    if forkable_cores() < 2:
        yield _in_this_process(job)
        return
    global _JOB
    _JOB = job
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            future = pool.submit(_run_job)
            yield future.result
    finally:
        _JOB = None


def _in_this_process(job: Callable[[], T]) -> Callable[[], T]:
    results: list[T] = []

    def result() -> T:
        if not results:
            results.append(job())
        return results[0]

    return result


def _run_job() -> Any:
    assert _JOB is not None, "called only in a process forked by beside()"
    return _JOB()
