"""Every fault between us and a store is one clear line; reads are retried, writes are not."""

from __future__ import annotations

import json

import pytest
from rdflib import XSD

from mhgraph.remote import EndpointSettings, HttpStore, ServerFault, fetch_graph, run_text
from mhgraph.remote.faults import retrying
from servers import free_port

ASK_TRUE = (
    200,
    "application/sparql-results+json",
    json.dumps({"head": {}, "boolean": True}).encode(),
)
FAILURE = (500, "text/plain", b"Internal trouble\n  at line 3")


def one_line(fault: ServerFault) -> str:
    line = fault.one_line()
    assert "\n" not in line
    return line


def test_connection_refused_names_the_server_and_what_to_try() -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"
    store = HttpStore(EndpointSettings(url, url, backoff=0.01))
    with pytest.raises(ServerFault) as caught:
        run_text(store, "ASK {}")
    assert one_line(caught.value) == (
        f"{url}: connection refused (after 3 attempts) (is the SPARQL server running at that "
        "address and port? check --endpoint)"
    )


def test_a_bad_request_gives_the_servers_own_message(oxigraph_server) -> None:
    store = HttpStore(oxigraph_server.settings())
    with pytest.raises(ServerFault) as caught:
        store.query("SELECT * WHERE { ?s ?p ", "SELECT")
    line = one_line(caught.value)
    assert line.startswith(f"{oxigraph_server.base}/query: HTTP 400 Bad Request: ")
    assert "error at 1:" in line  # oxigraph's parser names the position
    assert "after" not in line  # a bad request is not repeated
    assert caught.value.hint.startswith("the server refused the request as malformed")


def test_a_bad_update_is_refused_in_one_line(oxigraph_server) -> None:
    store = HttpStore(oxigraph_server.settings())
    with pytest.raises(ServerFault, match=r"/update: HTTP 400 Bad Request: "):
        store.update("INSERT DATA { <urn:a> }")


def test_a_server_failing_twice_then_answering_succeeds(scripted_server) -> None:
    server = scripted_server([FAILURE, FAILURE, ASK_TRUE])
    assert run_text(HttpStore(server.settings()), "ASK {}").boolean is True
    assert len(server.requests) == 3


def test_a_server_that_keeps_failing_gives_up_after_the_attempts(scripted_server) -> None:
    server = scripted_server([FAILURE] * 5)
    with pytest.raises(ServerFault) as caught:
        run_text(HttpStore(server.settings()), "ASK {}")
    assert len(server.requests) == 3
    assert one_line(caught.value) == (
        f"{server.url}: HTTP 500 Internal Server Error: Internal trouble at line 3 "
        "(after 3 attempts) (the server failed; check its log, or try again later)"
    )


def test_garbage_is_a_malformed_answer_and_not_retried(scripted_server) -> None:
    server = scripted_server([(200, "application/sparql-results+json", b"<html>oops")])
    with pytest.raises(ServerFault) as caught:
        run_text(HttpStore(server.settings()), "SELECT * WHERE { ?s ?p ?o }")
    assert one_line(caught.value).startswith(
        f"{server.url}: malformed answer: not SPARQL JSON results ("
    )
    assert "is this URL a SPARQL endpoint?" in caught.value.hint
    assert len(server.requests) == 1


def test_a_500_then_garbage_ends_as_malformed(scripted_server) -> None:
    server = scripted_server([FAILURE, (200, "application/json", b'{"head": {"vars": ["s"]}}')])
    with pytest.raises(ServerFault, match="malformed answer: unexpected JSON results"):
        run_text(HttpStore(server.settings()), "SELECT ?s WHERE { ?s ?p ?o }")
    assert len(server.requests) == 2


def test_a_server_that_never_answers_times_out(scripted_server) -> None:
    server = scripted_server([None])
    with pytest.raises(ServerFault) as caught:
        run_text(HttpStore(server.settings(timeout=0.5)), "ASK {}")
    assert one_line(caught.value) == (
        f"{server.url}: no answer within 0.5 s (the server may be overloaded or the query too "
        "heavy; raise --timeout (MHGRAPH_TIMEOUT) or try again later)"
    )
    assert len(server.requests) == 1


def test_writes_are_not_retried(scripted_server) -> None:
    server = scripted_server([FAILURE] * 3)
    store = HttpStore(server.settings(gsp_url=server.url))
    with pytest.raises(ServerFault, match="HTTP 500"):
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(ServerFault, match="HTTP 500"):
        store.upload("urn:g", b"<urn:a> <urn:b> <urn:c> .\n", replace=True)
    assert [request.method for request in server.requests] == ["POST", "PUT"]


def test_an_unauthorised_answer_says_which_settings_to_check(scripted_server) -> None:
    server = scripted_server([(401, "text/plain", b"")])
    settings = server.settings(user="reader", password="s3cret-Pa55")
    with pytest.raises(ServerFault) as caught:
        run_text(HttpStore(settings), "ASK {}")
    line = one_line(caught.value)
    assert "HTTP 401" in line and "--password" in line
    assert "s3cret-Pa55" not in line


def test_credentials_travel_in_the_authorization_header(scripted_server) -> None:
    server = scripted_server([ASK_TRUE, ASK_TRUE])
    run_text(HttpStore(server.settings(token="tok-123")), "ASK {}")
    run_text(HttpStore(server.settings(user="u", password="p")), "ASK {}")
    token, basic = server.requests
    assert token.headers["Authorization"] == "Bearer tok-123"
    assert basic.headers["Authorization"] == "Basic dTpw"  # base64 of "u:p"
    # Credentials never go into a URL or a form field.
    assert all(b"tok-123" not in r.body and "tok-123" not in r.path for r in server.requests)


def test_retrying_backs_off_exponentially() -> None:
    waits: list[float] = []
    calls = iter([ServerFault("s", "down", "h", retryable=True)] * 3 + ["ok"])

    def call() -> str:
        outcome = next(calls)
        if isinstance(outcome, ServerFault):
            raise outcome
        return outcome

    assert retrying(call, attempts=4, backoff=0.5, sleep=waits.append) == "ok"
    assert waits == [0.5, 1.0, 2.0]


def test_retrying_does_not_repeat_what_cannot_pass() -> None:
    waits: list[float] = []

    def call() -> None:
        raise ServerFault("s", "HTTP 400", "h", retryable=False)

    with pytest.raises(ServerFault):
        retrying(call, attempts=4, backoff=0.5, sleep=waits.append)
    assert waits == []


def count_answer(triples: str) -> tuple[int, str, bytes]:
    binding = {"triples": {"type": "literal", "value": triples, "datatype": str(XSD.integer)}}
    answer = {"head": {"vars": ["triples"]}, "results": {"bindings": [binding]}}
    return (200, "application/sparql-results+json", json.dumps(answer).encode())


def test_a_graph_cut_at_a_row_limit_is_an_error(scripted_server) -> None:
    two_triples = b"<urn:a> <urn:b> 1 .\n<urn:a> <urn:b> 2 .\n"
    server = scripted_server([count_answer("5"), (200, "text/turtle", two_triples)])
    with pytest.raises(ServerFault) as caught:
        fetch_graph(HttpStore(server.settings()))
    assert one_line(caught.value).startswith(
        f"{server.url}: the server returned 2 of 5 triples (it cuts answers at a row limit;"
    )


def test_a_graph_as_long_as_counted_is_fetched(scripted_server) -> None:
    two_triples = b"<urn:a> <urn:b> 1 .\n<urn:a> <urn:b> 2 .\n"
    server = scripted_server([count_answer("2"), (200, "text/turtle", two_triples)])
    assert len(fetch_graph(HttpStore(server.settings()))) == 2


def test_a_count_that_is_no_number_is_malformed(scripted_server) -> None:
    server = scripted_server([count_answer("many"), (200, "text/turtle", b"")])
    with pytest.raises(ServerFault, match="malformed answer: the triple count is not a number"):
        fetch_graph(HttpStore(server.settings()))
