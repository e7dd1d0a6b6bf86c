"""Worker processes that answer queries and can be stopped when a query runs too long.

Neither Oxigraph nor rdflib can interrupt a query, so each query runs in a worker process
forked from the server after the graph is loaded (the graph is shared, not copied or
pickled). A worker that overruns the time limit is killed and replaced by a fresh fork; the
request gets a clear 503 (or, when its answer is already being sent, a cut connection) and
the next one finds a worker waiting. A worker sends its answer in frames as it writes it
(:class:`_Pipe`), which the server forwards to the client as they come (:class:`_Frames`).

The fork closes every inherited file descriptor but its own pipe: a worker must not keep a
client's connection (or the listening socket) open after the server has closed it.
"""

from __future__ import annotations

import os
import pickle
import queue
import resource
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from typing import NoReturn

from .admission import Admission
from .evaluation import OUT_OF_MEMORY, Answer, Evaluator, Failure, Job
from .web import HTTPError, Streamed

READY = "ready"
_STARTUP_SECONDS = 30


@dataclass(eq=False)  # workers are told apart by identity, as members of a set
class Worker:
    """One forked process and the pipe a query and its answer travel through."""

    pid: int
    connection: Connection

    def stop(self) -> None:
        """Kill it: a worker holds nothing that needs saving, and may be mid-query."""
        self.connection.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


class WorkerPool:
    """A fixed number of worker processes; a request borrows one for one query.

    Requests are let in by ``admission`` (by default: each waits up to the time limit), so
    one that gets past it finds a worker idle.
    """

    def __init__(
        self,
        evaluator: Evaluator,
        *,
        size: int,
        time_limit: float,
        memory_limit_mib: int = 0,
        admission: Admission | None = None,
    ) -> None:
        self.admission = admission or Admission(
            size, queue=size, wait=time_limit, per_client=0, retry_after=round(time_limit)
        )
        self.evaluator = evaluator
        self.size = size
        self.time_limit = time_limit
        self.memory_limit_mib = memory_limit_mib
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._workers: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.replaced = 0
        # Forked all at once and then waited for, so that their starts overlap.
        for worker in [self._fork() for _ in range(size)]:
            self._idle.put(self._started(worker))

    def run(self, job: Job, client: str = "") -> Answer | Streamed:
        """Answer ``job`` in a worker, or raise the HTTP error the client should get.

        An answer that fits in one frame comes back whole; a longer one comes back as a
        :class:`Streamed` body that forwards the worker's frames as they arrive, and holds
        the worker and the admission until it is read or closed.
        """
        held = ExitStack()
        held.enter_context(self.admission.admit(client))
        try:
            worker = self._borrow()
            deadline = time.monotonic() + self.time_limit
            try:
                worker.connection.send(job)
            except OSError:
                self._replace(worker)
                raise HTTPError(500, "the query worker stopped unexpectedly") from None
            tag, content = self._frame(worker, deadline)
            if tag == _FAILED:
                self._failed(worker, content)
        except BaseException:
            held.close()
            raise
        media_type, _, first = content.partition(b"\0")
        if tag == _WHOLE:
            self._idle.put(worker)
            held.close()
            return Answer(media_type.decode("ascii"), first)
        frames = _Frames(self, worker, deadline, first, held)
        return Streamed(media_type.decode("ascii"), frames)

    def run_here(self, job: Job, client: str = "") -> Answer:
        """Answer ``job`` in the calling thread, on the server's own copy of the store.

        For the stored queries only: they are the project's own texts, parameters bound as
        terms, whose cost is known, so they skip the hop to a worker, which costs more than
        answering most of them. Admission still bounds how many run at once; the time limit,
        which only a worker can enforce, is for the queries people write.
        """
        with self.admission.admit(client):
            reply = self.evaluator.answer(job)
        if isinstance(reply, Failure):
            raise reply.error()
        return reply

    def _borrow(self) -> Worker:
        try:
            return self._idle.get(timeout=self.time_limit)
        except queue.Empty:
            raise HTTPError(
                503,
                f"all {self.size} query workers are busy",
                hint="try again in a moment",
                headers=(("Retry-After", str(max(1, round(self.time_limit)))),),
            ) from None

    def _frame(self, worker: Worker, deadline: float) -> tuple[bytes, bytes]:
        """The worker's next frame, or the 503 (time limit) or 500 the client gets, the
        worker replaced."""
        try:
            if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                raise HTTPError(
                    503,
                    f"the query ran longer than {self.time_limit:g} seconds, "
                    "the limit of this server, and was stopped",
                    hint="narrow the query, or add a LIMIT",
                )
            frame = worker.connection.recv_bytes()
        except (EOFError, OSError):
            self._replace(worker)
            raise HTTPError(500, "the query worker stopped unexpectedly") from None
        return frame[:1], frame[1:]

    def _failed(self, worker: Worker, content: bytes) -> NoReturn:
        failure: Failure = pickle.loads(content)
        if failure.fatal:
            self._replace(worker)
        else:
            self._idle.put(worker)
        raise failure.error()

    def close(self) -> None:
        """Stop every worker, idle or busy; requests still waiting get a 500."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, set()
        for worker in workers:
            worker.stop()

    def _release(self, worker: Worker, unsound: bool) -> None:
        if unsound:
            self._replace(worker)
        else:
            self._idle.put(worker)

    def _replace(self, worker: Worker) -> None:
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
            self.replaced += 1
            if self._closed:
                return
        self._idle.put(self._spawn())

    def _spawn(self) -> Worker:
        return self._started(self._fork())

    def _fork(self) -> Worker:
        ours, theirs = Pipe()
        with self._lock:
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child never returns to the caller
                self._child(theirs)
            theirs.close()
            worker = Worker(pid, ours)
            self._workers.add(worker)
        return worker

    def _started(self, worker: Worker) -> Worker:
        """``worker`` once it has shed the server's descriptors and set its limits."""
        if not worker.connection.poll(_STARTUP_SECONDS) or worker.connection.recv() != READY:
            worker.stop()
            raise RuntimeError("a query worker did not start")
        return worker

    def _child(self, connection: Connection) -> None:
        code = 0
        try:
            keep = connection.fileno()
            os.closerange(3, keep)
            os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            if self.memory_limit_mib:
                _limit_memory(self.memory_limit_mib)
            connection.send(READY)
            serve_jobs(connection, self.evaluator)
        except BaseException:
            code = 1
        finally:
            os._exit(code)


#: The frames a worker answers with: its first byte says what follows.
_WHOLE = b"W"  # the media type, NUL, the whole body
_START = b"S"  # the media type, NUL, the first bytes of a longer body
_MORE = b"M"  # more of the body
_END = b"E"  # the last of the body
_FAILED = b"F"  # a pickled Failure: before any body, or in place of the rest of it
#: Bytes of an answer a worker sends at a time; an answer this size or less goes whole.
FRAME = 256 * 1024


class _Pipe:
    """The sink a worker writes an answer into: frames of :data:`FRAME` bytes, sent as the
    answer grows, the first naming the media type."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.content_type = b""
        self.buffer = bytearray()
        self.started = False

    def start(self, content_type: str) -> None:
        self.content_type = content_type.encode("ascii")

    def write(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > FRAME:
            self._send(_MORE)

    def end(self) -> None:
        self._send(_END)

    def fail(self, failure: Failure) -> None:
        self.connection.send_bytes(_FAILED + pickle.dumps(failure))

    def _send(self, tag: bytes) -> None:
        if not self.started:
            tag = _WHOLE if tag == _END else _START
            self.buffer[:0] = self.content_type + b"\0"
            self.started = True
        self.connection.send_bytes(tag + self.buffer)
        self.buffer.clear()


def serve_jobs(connection: Connection, evaluator: Evaluator) -> None:
    """Answer jobs until the server closes its end of the pipe, or memory runs out."""
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        pipe = _Pipe(connection)
        try:
            failure = evaluator.stream(job, pipe)
            if failure is None:
                pipe.end()
                continue
        except MemoryError:  # the answer was found, but there is no room to send it
            failure = OUT_OF_MEMORY
        if not failure.fatal:
            pipe.fail(failure)
            continue
        # Freed memory stays mapped; lift the soft limit so that the refusal can be sent.
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        pipe.fail(failure)
        return


class _Frames:
    """The rest of a long answer, forwarded frame by frame as the worker sends it.

    The status and headers are sent by then, so a refusal found later (the row cap crossed,
    the time limit or the memory limit reached) can no longer be a status: the connection is
    cut instead, before the body's end, and every HTTP client reports the answer as broken
    rather than take the part for the whole.
    """

    def __init__(
        self, pool: WorkerPool, worker: Worker, deadline: float, first: bytes, held: ExitStack
    ) -> None:
        self.pool, self.worker, self.deadline = pool, worker, deadline
        self.first = first
        self.held = held
        self.done = False

    def __iter__(self) -> Iterator[bytes]:
        yield self.first
        while not self.done:
            try:
                tag, content = self.pool._frame(self.worker, self.deadline)
            except HTTPError as err:
                self.done = True  # the worker is replaced already
                raise AnswerCut(err.message) from None
            if tag == _FAILED:
                self.done = True
                failure: Failure = pickle.loads(content)
                self.pool._release(self.worker, failure.fatal)
                raise AnswerCut(failure.message)
            if tag == _END:
                self.done = True
                self.pool._release(self.worker, False)
            yield content

    def close(self) -> None:
        """Give the worker back, or stop it when the client left before the end."""
        if not self.done:
            self.done = True
            self.pool._release(self.worker, True)
        self.held.close()


class AnswerCut(Exception):
    """An answer stopped after its status was sent; the server cuts the connection."""


def _limit_memory(mib: int) -> None:
    """Cap the address space at what the worker has now plus ``mib``, where the OS can tell."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except OSError:
        return
    limit = pages * os.sysconf("SC_PAGE_SIZE") + mib * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))  # soft only: see serve_jobs
