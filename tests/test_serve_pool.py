"""The worker processes: replaced when they overrun, run out of memory or die, and holding
no file descriptor of the server's (a kept client socket would never close)."""

from __future__ import annotations

import os
import signal
import socket

import pytest

from mhgraph import load_graph
from mhgraph.namespaces import PREFIXES
from mhgraph.serve.admission import Admission
from mhgraph.serve.evaluation import Evaluator, Job
from mhgraph.serve.pool import WorkerPool
from mhgraph.serve.web import HTTPError

CHEAP = Job("ASK { ?s ?p ?o }")
#: A string that doubles 28 times: 4 GiB asked for within a second, whatever memory the
#: server already had mapped and free.
GREEDY = Job(
    'SELECT (STRLEN(?s28) AS ?n) WHERE { BIND("0123456789abcdef" AS ?s0) '
    + " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(28))
    + " }"
)
#: Admission with no room to wait: a second query is refused at once.
BUSY = {"queue": 0, "wait": 0, "per_client": 0, "retry_after": 1}
ENDLESS = Job("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }")


@pytest.fixture(scope="module")
def evaluator(serve_project):
    return Evaluator(load_graph(serve_project).graph, 1_000_000, PREFIXES)


@pytest.fixture
def pool(request, evaluator):
    options = {"size": 1, "time_limit": 1.0, **getattr(request, "param", {})}
    workers = WorkerPool(evaluator, **options)
    yield workers
    workers.close()


def pids(pool: WorkerPool) -> set[int]:
    return {worker.pid for worker in pool._workers}


def answers(pool: WorkerPool) -> bool:
    return b'"boolean": true' in pool.run(CHEAP).body


def test_an_overrunning_worker_is_replaced(pool):
    before = pids(pool)
    with pytest.raises(HTTPError) as error:
        pool.run(ENDLESS)
    assert error.value.status == 503
    assert pool.replaced == 1
    assert pids(pool).isdisjoint(before)
    assert answers(pool)


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="the limit needs /proc")
@pytest.mark.parametrize("pool", [{"memory_limit_mib": 16, "time_limit": 60}], indirect=True)
def test_a_worker_out_of_memory_is_replaced(pool):
    with pytest.raises(HTTPError) as error:
        pool.run(GREEDY)
    assert error.value.status == 503
    assert "more memory" in error.value.message
    assert pool.replaced == 1
    assert answers(pool)


def test_a_dead_worker_is_replaced(pool):
    (pid,) = pids(pool)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with pytest.raises(HTTPError) as error:
        pool.run(CHEAP)
    assert error.value.status == 500
    assert answers(pool)


def test_workers_hold_none_of_the_servers_descriptors(evaluator):
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        inode = os.fstat(listening.fileno()).st_ino
        pool = WorkerPool(evaluator, size=2, time_limit=5)
        try:
            for pid in pids(pool):
                folder = f"/proc/{pid}/fd"
                held = {os.stat(f"{folder}/{fd}").st_ino for fd in os.listdir(folder)}
                assert inode not in held
                assert len(held) <= 4  # stdin, stdout, stderr and its own pipe
        finally:
            pool.close()


def test_close_stops_every_worker(evaluator):
    pool = WorkerPool(evaluator, size=2, time_limit=5)
    started = pids(pool)
    pool.close()
    for pid in started:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_request_that_finds_every_worker_busy_gets_503(pool):
    borrowed = pool._idle.get()  # as a request running a long query would hold it
    try:
        with pytest.raises(HTTPError) as error:
            pool.run(CHEAP)
    finally:
        pool._idle.put(borrowed)
    assert error.value.status == 503
    assert "busy" in error.value.message
    assert ("Retry-After", "1") in error.value.headers
    assert answers(pool)


def test_a_stored_query_is_answered_in_the_server_itself(pool):
    """run_here needs no worker: with the only one dead, it still answers, and none is
    replaced."""
    (pid,) = pids(pool)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    assert b'"boolean": true' in pool.run_here(CHEAP).body
    assert pool.replaced == 0


@pytest.mark.parametrize("pool", [{"admission": Admission(1, **BUSY)}], indirect=True)
def test_a_stored_query_waits_its_turn_like_any_other(pool):
    with pool.admission.admit("someone"), pytest.raises(HTTPError) as error:
        pool.run_here(CHEAP, "someone else")
    assert error.value.status == 503
    assert error.value.headers == (("Retry-After", "1"),)
