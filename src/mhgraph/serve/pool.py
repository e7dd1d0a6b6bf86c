"""Worker processes that answer queries and can be stopped when a query runs too long.

rdflib evaluates a query in pure Python with no way to interrupt it, so each query runs in a
worker process forked from the server after the graph is loaded (the graph is shared, not
copied or pickled). A worker that overruns the time limit is killed and replaced by a fresh
fork; the request gets a clear 503 and the next one finds a worker waiting.

The fork closes every inherited file descriptor but its own pipe: a worker must not keep a
client's connection (or the listening socket) open after the server has closed it.
"""

from __future__ import annotations

import os
import queue
import resource
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe

from .admission import Admission
from .evaluation import OUT_OF_MEMORY, Answer, Evaluator, Failure, Job
from .web import HTTPError

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
        for _ in range(size):
            self._idle.put(self._spawn())

    def run(self, job: Job, client: str = "") -> Answer:
        """Answer ``job`` in a worker, or raise the HTTP error the client should get."""
        with self.admission.admit(client):
            return self._run(job)

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

    def _run(self, job: Job) -> Answer:
        try:
            worker = self._idle.get(timeout=self.time_limit)
        except queue.Empty:
            raise HTTPError(
                503,
                f"all {self.size} query workers are busy",
                hint="try again in a moment",
                headers=(("Retry-After", str(max(1, round(self.time_limit)))),),
            ) from None
        try:
            worker.connection.send(job)
            if not worker.connection.poll(self.time_limit):
                self._replace(worker)
                raise HTTPError(
                    503,
                    f"the query ran longer than {self.time_limit:g} seconds, "
                    "the limit of this server, and was stopped",
                    hint="narrow the query, or add a LIMIT",
                )
            reply: Answer | Failure = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise HTTPError(500, "the query worker stopped unexpectedly") from None
        if isinstance(reply, Failure):
            if reply.fatal:
                self._replace(worker)
            else:
                self._idle.put(worker)
            raise reply.error()
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        """Stop every worker, idle or busy; requests still waiting get a 500."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, set()
        for worker in workers:
            worker.stop()

    def _replace(self, worker: Worker) -> None:
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
            self.replaced += 1
            if self._closed:
                return
        self._idle.put(self._spawn())

    def _spawn(self) -> Worker:
        ours, theirs = Pipe()
        with self._lock:
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child never returns to the caller
                self._child(theirs)
            theirs.close()
            worker = Worker(pid, ours)
            self._workers.add(worker)
        # Wait until the worker has shed the server's descriptors and set its limits.
        if not ours.poll(_STARTUP_SECONDS) or ours.recv() != READY:
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


def serve_jobs(connection: Connection, evaluator: Evaluator) -> None:
    """Answer jobs until the server closes its end of the pipe, or memory runs out."""
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        reply = evaluator.answer(job)
        if not (isinstance(reply, Failure) and reply.fatal):
            try:
                connection.send(reply)
                continue
            except MemoryError:  # the answer was found, but there is no room to send it
                reply = OUT_OF_MEMORY
        # Freed memory stays mapped; lift the soft limit so that the refusal can be sent.
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        connection.send(reply)
        return


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
