"""Slow queries never hold up pages, files or cheap queries: a query waits for a worker only
briefly, a bounded number of them wait at all, and one client cannot take every worker.

Clients are told apart by address; on loopback a test can speak from 127.0.0.2, 127.0.0.3, …
so that each flood comes from the clients it means to.
"""

from __future__ import annotations

import threading
import time
from http.client import HTTPConnection
from urllib.parse import urlencode, urlsplit

import pytest

from mhgraph.serve import Settings, serving
from mhgraph.serve.admission import Admission
from mhgraph.serve.web import HTTPError

THREADS = 2
TIME_LIMIT = 6.0
#: Five copies of every triple joined: runs until the time limit stops it.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
CHEAP = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def served(serve_project, tmp_path_factory):
    settings = Settings(
        time_limit=TIME_LIMIT, workers=2, threads=THREADS, queue=2, queue_wait=0.3, per_client=1
    )
    with serving(serve_project, settings, site_dir=tmp_path_factory.mktemp("site")) as served:
        yield served


def get(url: str, path: str, client: str, replies: list | None = None) -> tuple[int, dict, float]:
    """GET ``path`` from the address ``client``; the status, the headers and the seconds."""
    parts = urlsplit(url)
    connection = HTTPConnection(parts.hostname, parts.port, timeout=60, source_address=(client, 0))
    started = time.monotonic()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        reply = (response.status, dict(response.headers), time.monotonic() - started)
    finally:
        connection.close()
    if replies is not None:
        replies.append(reply)
    return reply


def flood(url: str, clients: list[str]) -> list[threading.Thread]:
    """One endless query from each address, left running; the caller joins the threads."""
    path = "/sparql?" + urlencode({"query": ENDLESS})
    threads = [threading.Thread(target=get, args=(url, path, client)) for client in clients]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # every endless query has reached a worker, a queue or a refusal
    return threads


def test_pages_and_a_cheap_query_are_answered_while_slow_queries_fill_the_workers(served):
    _, url = served
    # Twice as many endless queries as HTTP threads, from as many clients.
    threads = flood(url, [f"127.0.0.{n}" for n in range(10, 10 + 2 * THREADS)])
    try:
        page = get(url, "/query", "127.0.0.2")
        style = get(url, "/-/serve.css", "127.0.0.2")
        cheap = get(url, "/sparql?" + urlencode({"query": CHEAP}), "127.0.0.3")
    finally:
        for thread in threads:
            thread.join()
    assert page[0] == 200 and page[2] < 1.0
    assert style[0] == 200 and style[2] < 1.0
    # Both workers are taken: the cheap query is refused at once, with a time to come back.
    assert cheap[0] == 503 and cheap[2] < 1.0
    assert int(cheap[1]["Retry-After"]) >= 1


def test_one_client_cannot_take_every_worker(served):
    _, url = served
    replies: list[tuple[int, dict, float]] = []
    path = "/sparql?" + urlencode({"query": ENDLESS})
    flooding = [
        threading.Thread(target=get, args=(url, path, "127.0.0.4", replies)) for _ in range(3)
    ]
    for thread in flooding:
        thread.start()
    time.sleep(1.0)
    try:
        cheap = get(url, "/api/queries/activities", "127.0.0.5")
    finally:
        for thread in flooding:
            thread.join()
    assert cheap[0] == 200 and cheap[2] < 1.0
    statuses = sorted(status for status, _, _ in replies)
    assert statuses == [429, 429, 503]  # two refused at once; one ran into the time limit
    refused = next(headers for status, headers, _ in replies if status == 429)
    assert int(refused["Retry-After"]) >= 1


def refused_while_one_runs(admission: Admission) -> tuple[HTTPError, float]:
    """The refusal a second client gets while a first holds the only slot, and its wait."""
    with admission.admit("a"):
        started = time.monotonic()
        with pytest.raises(HTTPError) as error, admission.admit("b"):
            pass
        return error.value, time.monotonic() - started


def test_a_query_that_finds_no_worker_soon_gets_503():
    admission = Admission(1, queue=4, wait=0.2, per_client=0, retry_after=3)
    error, waited = refused_while_one_runs(admission)
    assert error.status == 503
    assert ("Retry-After", "3") in error.headers
    assert 0.2 <= waited < 2.0
    with admission.admit("b"):  # the slot is free again
        pass


def test_the_queue_is_bounded():
    error, waited = refused_while_one_runs(
        Admission(1, queue=0, wait=30, per_client=0, retry_after=1)
    )
    assert error.status == 503
    assert waited < 1.0  # refused without waiting


def test_a_waiting_query_gets_the_slot_that_is_freed():
    admission = Admission(1, queue=1, wait=30, per_client=0, retry_after=1)
    got: list[str] = []
    held = threading.Event()
    release = threading.Event()

    def first() -> None:
        with admission.admit("a"):
            held.set()
            release.wait()

    thread = threading.Thread(target=first)
    thread.start()
    held.wait()
    threading.Timer(0.2, release.set).start()
    with admission.admit("b"):
        got.append("b")
    thread.join()
    assert got == ["b"]


def test_per_client_limit_counts_waiting_and_running_queries():
    admission = Admission(4, queue=4, wait=1, per_client=2, retry_after=1)
    with admission.admit("a"), admission.admit("a"):
        with pytest.raises(HTTPError) as error, admission.admit("a"):
            pass
        assert error.value.status == 429
        with admission.admit("b"):
            pass
    with admission.admit("a"), admission.admit("a"):
        pass
