"""Hostile queries: the server never reads a file or opens a connection because of a query.

Two tripwires see what a query made the server do. A FIFO stands in for a file: whoever
opens it to read blocks until a writer comes, so after the answer a writer that opens it
without blocking finds a reader only if the server tried to read it. A listener on a
loopback port stands in for a URL: it records every connection made to it.
"""

from __future__ import annotations

import errno
import os
import socket
import threading
from urllib.parse import urlencode

import pytest

from mhgraph.serve import Settings, serving


class FifoTripwire:
    def __init__(self, path) -> None:
        os.mkfifo(path)
        self.path = path
        self.uri = path.as_uri()

    def was_opened(self) -> bool:
        """True while someone holds the FIFO open for reading (blocked, waiting for data)."""
        try:
            descriptor = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as err:
            if err.errno == errno.ENXIO:
                return False
            raise
        os.close(descriptor)
        return True


class ListenerTripwire:
    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.socket.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/"

    def was_contacted(self) -> bool:
        try:
            connection, _ = self.socket.accept()
        except TimeoutError:
            return False
        connection.close()
        return True


@pytest.fixture(scope="module")
def endpoint(serve_project, tmp_path_factory):
    settings = Settings(time_limit=3, workers=2)
    site = tmp_path_factory.mktemp("site")
    with serving(serve_project, settings, site_dir=site) as (_, url):
        yield url + "sparql"


@pytest.fixture
def fifo(tmp_path):
    return FifoTripwire(tmp_path / "secret.ttl")


@pytest.fixture
def listener():
    tripwire = ListenerTripwire()
    yield tripwire
    tripwire.socket.close()


def test_the_fifo_tripwire_sees_a_reader(fifo):
    """The tripwire itself works: a reader blocked on the FIFO is seen."""
    assert not fifo.was_opened()

    def read() -> None:
        with open(fifo.path, "rb") as stream:
            stream.read()

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(100):
            if fifo.was_opened():
                break
            threading.Event().wait(0.02)
        else:
            pytest.fail("a blocked reader was not seen")
    finally:
        reader.join(timeout=5)


def test_the_listener_tripwire_sees_a_connection(listener):
    assert not listener.was_contacted()
    socket.create_connection(("127.0.0.1", int(listener.url.rsplit(":", 1)[1].strip("/")))).close()
    assert listener.was_contacted()


READ_A_FILE = {
    "load": ("query", "LOAD <{uri}>"),
    "load-into-graph": ("query", "LOAD SILENT <{uri}> INTO GRAPH <urn:x>"),
    "from": ("query", "SELECT * FROM <{uri}> WHERE {{ ?s ?p ?o }}"),
    "from-named": ("query", "SELECT * FROM NAMED <{uri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
    "service": ("query", "SELECT * WHERE {{ SERVICE <{uri}> {{ ?s ?p ?o }} }}"),
    "default-graph-uri": ("default-graph-uri", "{uri}"),
    "named-graph-uri": ("named-graph-uri", "{uri}"),
    "update-parameter": ("update", "LOAD <{uri}>"),
}


@pytest.mark.parametrize("case", READ_A_FILE, ids=list(READ_A_FILE))
def test_no_query_reads_a_file(endpoint, http, fifo, case):
    parameter, template = READ_A_FILE[case]
    params = {parameter: template.format(uri=fifo.uri)}
    params.setdefault("query", "ASK {}")
    reply = http(endpoint + "?" + urlencode(params))
    assert reply.status == 400
    assert not fifo.was_opened()


def test_a_graph_query_on_a_file_answers_nothing_without_reading_it(endpoint, http, fifo):
    """GRAPH asks the served dataset, whose named graphs are the server's own two."""
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{fifo.uri}> {{ ?s ?p ?o }} }}"
    reply = http(endpoint + "?" + urlencode({"query": query}), headers={"Accept": "text/csv"})
    assert reply.status == 200
    assert reply.text.splitlines() == ["s,p,o"]
    assert not fifo.was_opened()


REACH_A_URL = {
    "service": "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "service-silent": "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "nested-service": (
        "SELECT * WHERE {{ ?s ?p ?o "
        "OPTIONAL {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?x }} }} }} }} }}"
    ),
    "load": "LOAD <{url}>",
    "from": "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
    "insert-then-service": "INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "service-lowercase": "select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
    "service-mixed-case-silent": "SELECT * {{ SeRvIcE sIlEnT <{url}> {{ ?s ?p ?o }} }}",
    "service-without-spaces": "SELECT*{{SERVICE<{url}>{{?s ?p ?o}}}}",
    # Oxigraph reads SERVICE in these where a tokenizer would not (tests/test_query_text.py).
    "service-in-a-name-after-a-dot": "SELECT * {{ ?s ?p ?x.SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "service-after-an-escaped-quote": (
        "SELECT * {{ ?s ?p :\\' . SERVICE <{url}> {{ ?a ?b ?c }} FILTER(?s != 'a') }}"
    ),
    "service-codepoint-escape": "SELECT * {{ SERVI\\u0043E <{url}> {{ ?a ?b ?c }} }}",
    "from-in-what-looks-like-an-iri": "SELECT(1<2AS?b)FROM#>\n<{url}> WHERE{{?s ?p ?o}}",
    "from-named-lowercase": "select * from named <{url}> {{ graph ?g {{ ?s ?p ?o }} }}",
    "service-in-a-subquery-of-an-ask": (
        "ASK {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}"
    ),
}


@pytest.mark.parametrize("case", REACH_A_URL, ids=list(REACH_A_URL))
def test_no_query_opens_a_connection(endpoint, http, listener, case):
    query = REACH_A_URL[case].format(url=listener.url)
    reply = http(endpoint + "?" + urlencode({"query": query}))
    assert reply.status == 400
    assert not listener.was_contacted()


#: The words where they name nothing: in strings, comments, IRIs and names. They are answered.
HARMLESS = {
    "service-in-a-comment": "# SERVICE <{url}> {{ }}\nASK {{ ?s ?p ?o }}",
    "from-in-a-comment": "ASK # FROM <{url}>\n{{ ?s ?p ?o }}",
    "service-in-a-string": 'ASK {{ FILTER("SERVICE <{url}> {{ }}" != "") }}',
    "from-in-a-long-string": 'ASK {{ FILTER("""x\nFROM <{url}>""" != "") }}',
    "service-in-an-iri": "ASK {{ FILTER(<{url}service> != <{url}from>) }}",
    "from-in-a-variable": "ASK {{ ?from ?service ?o }}",
}


@pytest.mark.parametrize("case", HARMLESS, ids=list(HARMLESS))
def test_the_words_where_they_name_nothing_are_answered(endpoint, http, listener, case):
    query = HARMLESS[case].format(url=listener.url)
    reply = http(endpoint + "?" + urlencode({"query": query}))
    assert reply.status == 200, reply.text
    assert reply.json()["boolean"] is True
    assert not listener.was_contacted()


@pytest.mark.parametrize(
    "query",
    [
        "LOAD <{url}>",
        "load silent <{url}> into graph <urn:g>",
        "CLEAR ALL",
        "create graph <urn:g>",
        "INSERT DATA {{ <urn:a> <urn:b> <urn:c> }}",
        "PREFIX ex: <urn:x>\nDELETE DATA {{ <urn:a> <urn:b> <urn:c> }}",
        "ADD DEFAULT TO <urn:g>",
        "SELECT * {{ ?s ?p ?o }} ; DROP ALL",
    ],
)
def test_update_text_sent_as_a_query_is_refused(endpoint, http, listener, query):
    reply = http(endpoint + "?" + urlencode({"query": query.format(url=listener.url)}))
    assert reply.status == 400
    assert not listener.was_contacted()


def test_a_load_of_etc_passwd_is_refused_as_an_update(endpoint, http):
    reply = http(
        endpoint,
        "POST",
        headers={"Content-Type": "application/sparql-query"},
        body=b"LOAD <file:///etc/passwd>",
    )
    assert reply.status == 400
    assert "SPARQL Update" in reply.text
    assert "root:" not in reply.text


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/sparql-update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
        ("application/x-www-form-urlencoded", b"update=DROP+ALL"),
        ("application/sparql-query", b"DELETE WHERE { ?s ?p ?o }"),
    ],
    ids=["update-body", "update-form", "update-as-query"],
)
def test_updates_are_refused(endpoint, http, content_type, body):
    reply = http(endpoint, "POST", headers={"Content-Type": content_type}, body=body)
    assert reply.status == 400
    assert "SPARQL Update (INSERT, DELETE, LOAD" in reply.text
    count = http(endpoint + "?" + urlencode({"query": "SELECT * { ?s ?p ?o }"}))
    assert count.status == 200  # and the graph is whole
    assert len(count.json()["results"]["bindings"]) == 36
