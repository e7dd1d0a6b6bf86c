"""`mhgraph serve --processes N`: several servers on one port, forked after the graph is
loaded; each answers, the limit per client holds across them, and they stop together."""

from __future__ import annotations

import os
import signal
import threading
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from mhgraph.serve.admission import ClientCounts
from servers import mhgraph_serve

#: Five copies of every triple joined: runs until the time limit stops it.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
CHEAP = "/sparql?" + urlencode({"query": "ASK { ?s ?p ?o }"})


def test_a_client_is_counted_up_to_its_limit_and_down_again():
    counts = ClientCounts()
    assert counts.take("10.0.0.1", 2) and counts.take("10.0.0.1", 2)
    assert not counts.take("10.0.0.1", 2)
    assert counts.take("10.0.0.2", 2)
    counts.give("10.0.0.1")
    assert counts.take("10.0.0.1", 2)
    assert not counts.take("10.0.0.1", 2)


def test_a_slot_given_back_is_taken_again_and_a_full_table_says_so():
    counts = ClientCounts(slots=4)
    clients = [f"10.0.1.{n}" for n in range(4)]
    for client in clients:
        assert counts.take(client, 1)
    for client in clients:
        counts.give(client)
    others = [f"10.0.2.{n}" for n in range(4)]
    for client in others:
        assert counts.take(client, 1)
    assert not counts.take(others[0], 1)  # found again, not given a second slot
    with pytest.raises(RuntimeError):
        counts.take("10.0.3.1", 1)


def test_the_counts_are_shared_with_a_forked_process():
    counts = ClientCounts()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os._exit(0 if counts.take("10.0.0.9", 1) else 1)
    assert os.waitpid(pid, 0)[1] == 0
    assert not counts.take("10.0.0.9", 1)


@pytest.fixture
def served(tmp_path):
    """Two processes with one worker each; one query per client; queries stopped after 6 s."""
    options = ("--processes", "2", "--workers", "1", "--per-client", "1", "--time-limit", "6")
    with mhgraph_serve(tmp_path, *options) as served:
        yield served


def children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as listing:
        return [int(child) for child in listing.read().split()]


def get(url: str, path: str, client: str = "127.0.0.1", timeout: float = 60) -> int:
    """The status of GET ``path`` on a connection of its own (so from a port of its own)."""
    parts = urlsplit(url)
    connection = HTTPConnection(
        parts.hostname, parts.port, timeout=timeout, source_address=(client, 0)
    )
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_the_forked_server_answers(served):
    process, url = served
    (other,) = [pid for pid in children(process.pid) if children(pid)]  # a server, with a worker
    os.kill(process.pid, signal.SIGSTOP)  # what the first server accepts now waits
    try:
        statuses = []
        for _ in range(20):  # connections from 20 ports, shared out by the kernel
            try:
                statuses.append(get(url, "/api/queries/activities", timeout=0.5))
            except TimeoutError:
                statuses.append(None)
    finally:
        os.kill(process.pid, signal.SIGCONT)
    assert other in children(process.pid)
    assert 200 in statuses
    # Running again, the server answers (asked from another address: the requests the first
    # process queued while stopped may still hold this one's place, as the limit says).
    assert get(url, "/api/queries/activities", "127.0.0.3") == 200


def test_the_limit_per_client_holds_across_processes(served):
    _, url = served
    path = "/sparql?" + urlencode({"query": ENDLESS})
    endless: list[int] = []
    thread = threading.Thread(target=lambda: endless.append(get(url, path, "127.0.0.2")))
    thread.start()
    time.sleep(1.0)  # the endless query has reached a worker
    # Each from a port of its own, so in either process: every one is over the limit.
    assert [get(url, CHEAP, "127.0.0.2") for _ in range(8)] == [429] * 8
    thread.join()
    assert endless == [503]  # the time limit, which gives the client its place back
    assert get(url, CHEAP, "127.0.0.2") == 200


def test_every_process_stops_with_the_first(served):
    process, url = served
    assert get(url, CHEAP) == 200
    servers = children(process.pid)
    assert len(servers) == 2  # the other server and this one's worker
    process.terminate()
    assert process.wait(timeout=60) == 0
    for pid in servers:
        assert not Path(f"/proc/{pid}").exists()
