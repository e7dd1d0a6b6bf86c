"""The publication's long-lived objects, left out of the garbage collector's rounds.

A publication holds the graph and its indexes (millions of objects) from start to end;
each full round of the collector walks them all (half a second in a publication), and in a
forked process it writes to every one of them, which copies the memory the processes would
share. Nothing among them is garbage before the end, when they are handed back (in a server
that publishes, the collector has them again).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: How many :func:`settled` blocks are open (publications in several threads of a server).
_SETTLED = 0


@contextmanager
def settled() -> Iterator[None]:
    """Leave what exists now, and what :func:`settle` adds, out of the garbage collector's
    rounds until the block ends."""
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
