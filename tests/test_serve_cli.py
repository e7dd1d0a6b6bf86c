"""`mhgraph serve` as a user runs it: it says where it listens, answers, and stops on SIGINT."""

from __future__ import annotations

import signal
from urllib.parse import urlencode

import pytest

from mhgraph.cli import main
from servers import SERVE_PROJECT, mhgraph_serve


@pytest.fixture
def server(tmp_path):
    with mhgraph_serve(tmp_path, "--workers", "1") as served:
        yield served


def test_serve_answers_and_stops_on_interrupt(server, http):
    process, url = server
    reply = http(url + "sparql?" + urlencode({"query": "ASK { activiteit:1.1 ?p ?o }"}))
    assert reply.status == 200
    assert reply.json()["boolean"] is True
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0


def test_serve_stops_on_sigterm(server):
    process, _ = server
    process.terminate()
    assert process.wait(timeout=30) == 0


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--workers", "0"], "--workers must be positive"),
        (["--site", "/no/such/folder"], "is not a folder"),
        (["--base-iri", "ftp://example.org/"], "is not an absolute http(s) IRI"),
    ],
)
def test_user_mistakes_are_one_line(capsys, argv, message):
    assert main(["--project", SERVE_PROJECT, "serve", "--port", "0", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_help_lists_every_setting(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    for option in ("--time-limit", "--max-rows", "--max-body", "--workers", "--memory-limit"):
        assert option in out
