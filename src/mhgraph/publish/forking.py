"""Work shared out among forked processes, where forking is safe.

A publication's pages are independent of each other, and the content hash of the edition
depends on nothing else the publication writes: both can run beside the rest on another
core. Forking copies the built indexes for free, with nothing to pickle.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")


def forkable() -> int:
    """How many processes may share the work: the cores this process may use, where forking
    is safe; else 1. Forking is safe on Linux from a process with a single thread: a server
    publishing its site has others, which may hold a lock the forked copy would wait on for
    ever."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return len(os.sched_getaffinity(0))


def beside(work: Callable[[], T], processes: int | None = None) -> Callable[[], T]:
    """Start ``work`` in a forked process and return what waits for its value; with
    ``processes`` 1, no second core, or where forking is not safe, ``work`` runs when its
    value is asked for.

    Should the forked process fail, the work is done again in this one, so that its error is
    raised here, as it would have been without the fork.
    """
    if min(processes or 2, forkable()) < 2:
        return work
    received, sent = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_run, args=(work, sent), daemon=True
    )
    process.start()
    sent.close()

    def value() -> T:
        try:
            found: tuple[T] | None = received.recv()
        except EOFError:  # the process ended without an answer
            found = None
        finally:
            received.close()
            process.join()
        return work() if found is None else found[0]

    return value


def _run(work: Callable[[], T], answer: Connection) -> None:
    """In the forked process: send ``work``'s value, or nothing when it fails (the caller
    does it again and reports the error; a traceback from here would say it twice)."""
    try:
        found: tuple[T] | None = (work(),)
    except Exception:
        found = None
    answer.send(found)
    answer.close()


#: How many :func:`settled` blocks are open (publications in several threads of a server).
_SETTLED = 0


@contextmanager
def settled() -> Iterator[None]:
    """Leave what exists now, and what :func:`settle` adds, out of the garbage collector's
    rounds until the block ends.

    A publication holds the graph and its indexes (millions of objects) from start to end;
    each full round of the collector walks them all (half a second in a publication), and in
    a forked process it writes to every one of them, which copies the memory the processes
    would share. Nothing among them is garbage before the end, when they are handed back
    (in a server that publishes, the collector has them again)."""
    global _SETTLED
    gc.freeze()
    _SETTLED += 1
    try:
        yield
    finally:
        _SETTLED -= 1
        if not _SETTLED:
            gc.unfreeze()


def settle() -> None:
    """Within :func:`settled`: what exists now is kept until its block ends, too (outside,
    nothing: it would be kept for ever)."""
    if _SETTLED:
        gc.freeze()
