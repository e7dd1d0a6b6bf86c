"""Who may run a query now, who may wait for a worker, and who is told to come back later.

A query holds an HTTP thread for as long as it waits and runs, so waiting is what has to be
bounded for pages and files to stay quick: at most ``queue`` queries wait for a worker, each
at most ``wait`` seconds; the rest are refused at once with ``503`` and ``Retry-After``. One
client (one address) holds at most ``per_client`` queries, waiting or running, so that one
crawler cannot take every worker from everyone else; over that it gets ``429``.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from .web import HTTPError


class Admission:
    """``slots`` queries at a time; a bounded, briefly waiting queue; a limit per client."""

    def __init__(
        self, slots: int, *, queue: int, wait: float, per_client: int, retry_after: int
    ) -> None:
        self.free = slots
        self.queue = queue
        self.wait = wait
        self.per_client = per_client  # 0: no limit
        self.retry_after = str(max(1, retry_after))
        self._waiting = 0
        self._held: Counter[str] = Counter()
        self._changed = threading.Condition()

    @contextmanager
    def admit(self, client: str) -> Iterator[None]:
        """Hold a slot for the block, or raise the 429 or 503 the client should get."""
        with self._changed:
            if self.per_client and self._held[client] >= self.per_client:
                raise self._refusal(
                    429,
                    f"this client already has {self.per_client} queries running or waiting",
                    "wait for an answer before sending the next query",
                )
            if not self.free and self._waiting >= self.queue:
                raise self._busy()
            self._held[client] += 1
            self._waiting += 1
            got = self._changed.wait_for(lambda: self.free > 0, timeout=self.wait)
            self._waiting -= 1
            if not got:
                self._release_client(client)
                raise self._busy()
            self.free -= 1
        try:
            yield
        finally:
            with self._changed:
                self.free += 1
                self._release_client(client)
                self._changed.notify()

    def _release_client(self, client: str) -> None:
        self._held[client] -= 1
        if not self._held[client]:
            del self._held[client]

    def _busy(self) -> HTTPError:
        return self._refusal(503, "every query worker is busy", "try again in a moment")

    def _refusal(self, status: int, message: str, hint: str) -> HTTPError:
        return HTTPError(status, message, hint=hint, headers=(("Retry-After", self.retry_after),))
