"""Who may run a query now, who may wait for a worker, and who is told to come back later.

A query holds an HTTP thread for as long as it waits and runs, so waiting is what has to be
bounded for pages and files to stay quick: at most ``queue`` queries wait for a worker, each
at most ``wait`` seconds; the rest are refused at once with ``503`` and ``Retry-After``. One
client (one address) holds at most ``per_client`` queries, waiting or running, so that one
crawler cannot take every worker from everyone else; over that it gets ``429``. The count
per client is kept in memory that every process of the server shares
(:class:`ClientCounts`), so the limit holds however many processes answer on the port.
"""

from __future__ import annotations

import hashlib
import mmap
import multiprocessing
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .web import HTTPError

#: A slot of :class:`ClientCounts`: a client's key (0: never used) and its queries.
_SLOT = struct.Struct("=QQ")


class ClientCounts:
    """How many queries each client address holds, in shared memory made before the server's
    processes are forked, under a lock they share.

    An open-addressing table of 64-bit keys (a hash of the address): a slot whose count fell
    to zero is taken again, but only once a search has passed every slot the key could be
    in. ``slots`` bounds how many clients hold a query at once; the server's threads bound
    that far lower.
    """

    def __init__(self, slots: int = 4096) -> None:
        self.slots = slots
        self._memory = mmap.mmap(-1, slots * _SLOT.size)  # anonymous: shared with forks
        self._lock = multiprocessing.Lock()

    def take(self, client: str, limit: int) -> bool:
        """Count one more query for ``client``; False (and nothing counted) at ``limit``."""
        key = _key(client)
        with self._lock:
            slot = self._find(key)
            _, count = _SLOT.unpack_from(self._memory, slot)
            if count >= limit:
                return False
            _SLOT.pack_into(self._memory, slot, key, count + 1)
            return True

    def give(self, client: str) -> None:
        """One query of ``client`` is done."""
        key = _key(client)
        with self._lock:
            slot = self._find(key)
            _, count = _SLOT.unpack_from(self._memory, slot)
            _SLOT.pack_into(self._memory, slot, key, max(0, count - 1))

    def _find(self, key: int) -> int:
        """The offset of ``key``'s slot, or of the slot it may take."""
        start = key % self.slots
        free = None
        for step in range(self.slots):
            slot = ((start + step) % self.slots) * _SLOT.size
            found, count = _SLOT.unpack_from(self._memory, slot)
            if found == key:
                return slot
            if found == 0:
                return slot if free is None else free
            if count == 0 and free is None:
                free = slot
        if free is None:
            raise RuntimeError("more clients hold a query than the table has slots")
        return free


def _key(client: str) -> int:
    digest = hashlib.blake2b(client.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") or 1


class Admission:
    """``slots`` queries at a time; a bounded, briefly waiting queue; a limit per client."""

    def __init__(
        self,
        slots: int,
        *,
        queue: int,
        wait: float,
        per_client: int,
        retry_after: int,
        clients: ClientCounts | None = None,
    ) -> None:
        self.free = slots
        self.queue = queue
        self.wait = wait
        self.per_client = per_client  # 0: no limit
        self.retry_after = str(max(1, retry_after))
        #: Shared with the server's other processes, when it has any.
        self.clients = clients or ClientCounts()
        self._waiting = 0
        self._changed = threading.Condition()

    @contextmanager
    def admit(self, client: str) -> Iterator[None]:
        """Hold a slot for the block, or raise the 429 or 503 the client should get."""
        with self._changed:
            if self.per_client and not self.clients.take(client, self.per_client):
                raise self._refusal(
                    429,
                    f"this client already has {self.per_client} queries running or waiting",
                    "wait for an answer before sending the next query",
                )
            if not self.free and self._waiting >= self.queue:
                self._release_client(client)
                raise self._busy()
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
        if self.per_client:
            self.clients.give(client)

    def _busy(self) -> HTTPError:
        return self._refusal(503, "every query worker is busy", "try again in a moment")

    def _refusal(self, status: int, message: str, hint: str) -> HTTPError:
        return HTTPError(status, message, hint=hint, headers=(("Retry-After", self.retry_after),))
