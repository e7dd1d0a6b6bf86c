"""Push replaces one named graph on a real server, whole or not at all."""

from __future__ import annotations

import dataclasses
import time

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic

from mhgraph.errors import RemoteError
from mhgraph.namespaces import BASE_IRI
from mhgraph.remote import HttpStore, fetch_graph, push, run_text

EX = "urn:test:"


def sample_graph(size: int, *, value: str = "v", blank_nodes: int = 0) -> Graph:
    graph = Graph()
    for number in range(size):
        graph.add((URIRef(f"{EX}s{number}"), URIRef(f"{EX}p"), Literal(f"{value} {number}")))
    for number in range(blank_nodes):
        node = BNode()
        graph.add((URIRef(f"{EX}s{number}"), URIRef(f"{EX}has"), node))
        graph.add((node, URIRef(f"{EX}label"), Literal(f"blank {number}", lang="nl")))
    return graph


def graph_names(store: HttpStore) -> set[str]:
    every = HttpStore(dataclasses.replace(store.settings, graph=None))
    result = run_text(every, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {str(row[0]) for row in result.rows}


def store_for(server, name: str, **changes: object) -> HttpStore:
    return HttpStore(server.settings(graph=f"{BASE_IRI}graph/test-push-{name}", **changes))


def test_push_puts_the_whole_graph_into_the_named_graph(oxigraph_server) -> None:
    store = store_for(oxigraph_server, "whole")
    graph = sample_graph(25, blank_nodes=3)
    summary = push(store, graph, store.settings.graph)
    assert summary.triples == len(graph) == 31
    assert summary.protocol == "graph store"
    assert to_isomorphic(fetch_graph(store)) == to_isomorphic(graph)


def test_push_replaces_what_the_graph_held(oxigraph_server) -> None:
    store = store_for(oxigraph_server, "replace")
    push(store, sample_graph(40, value="old"), store.settings.graph)
    push(store, sample_graph(10, value="new"), store.settings.graph)
    assert to_isomorphic(fetch_graph(store)) == to_isomorphic(sample_graph(10, value="new"))


def test_push_leaves_no_staging_graph_behind(oxigraph_server) -> None:
    store = store_for(oxigraph_server, "staging")
    push(store, sample_graph(5), store.settings.graph)
    assert not [name for name in graph_names(store) if "-staging-" in name]
    assert store.settings.graph in graph_names(store)


def test_chunks_keep_blank_nodes_together(oxigraph_server) -> None:
    store = store_for(oxigraph_server, "chunks")
    graph = sample_graph(9, blank_nodes=4)
    progress: list[tuple[int, int]] = []
    summary = push(
        store,
        graph,
        store.settings.graph,
        chunk_size=2,
        progress=lambda done, total: progress.append((done, total)),
    )
    # 9 plain triples in 5 chunks, the 8 triples with blank nodes in one more, then MOVE.
    assert summary.requests == 7
    assert progress[0] == (0, 17) and progress[-1] == (17, 17)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
    assert to_isomorphic(fetch_graph(store)) == to_isomorphic(graph)


def test_without_a_graph_store_push_uses_sparql_update(oxigraph_server) -> None:
    store = store_for(oxigraph_server, "update", gsp_url=None)
    graph = sample_graph(7, value='quote " brace } UNION {', blank_nodes=2)
    summary = push(store, graph, store.settings.graph, chunk_size=3)
    assert summary.protocol == "update"
    assert to_isomorphic(fetch_graph(store)) == to_isomorphic(graph)


def test_a_graph_store_url_that_is_not_one_falls_back_to_update(oxigraph_server) -> None:
    store = store_for(oxigraph_server, "fallback", gsp_url=oxigraph_server.base + "/no-store")
    summary = push(store, sample_graph(4), store.settings.graph)
    assert summary.protocol == "update"
    assert to_isomorphic(fetch_graph(store)) == to_isomorphic(sample_graph(4))


def test_a_connection_cut_mid_upload_leaves_the_previous_graph(
    oxigraph_server, cutting_proxy
) -> None:
    direct = store_for(oxigraph_server, "cut")
    previous = sample_graph(30, value="previous")
    push(direct, previous, direct.settings.graph)

    proxy = cutting_proxy(oxigraph_server.base, 20_000)
    through = f"http://127.0.0.1:{proxy.port}"
    cut = HttpStore(
        dataclasses.replace(
            direct.settings,
            query_url=through + "/query",
            update_url=through + "/update",
            gsp_url=through + "/store",
        )
    )
    with pytest.raises(RemoteError) as caught:
        push(cut, sample_graph(3000, value="next"), direct.settings.graph, chunk_size=1000)
    assert proxy.cuts >= 1
    line = caught.value.one_line()
    assert "\n" not in line
    assert line.startswith(f"{through}/store: the connection broke off")
    assert to_isomorphic(fetch_graph(direct)) == to_isomorphic(previous)
    assert not [name for name in graph_names(direct) if "-staging-" in name]


def test_a_failed_later_chunk_drops_the_staging_graph(oxigraph_server, cutting_proxy) -> None:
    direct = store_for(oxigraph_server, "later-chunk")
    push(direct, sample_graph(3, value="previous"), direct.settings.graph)
    # Small chunks pass the proxy; the last one, with every blank node, is too large.
    proxy = cutting_proxy(oxigraph_server.base, 8_000)
    through = f"http://127.0.0.1:{proxy.port}"
    cut = HttpStore(
        dataclasses.replace(
            direct.settings,
            query_url=through + "/query",
            update_url=through + "/update",
            gsp_url=through + "/store",
        )
    )
    with pytest.raises(RemoteError):
        push(cut, sample_graph(20, blank_nodes=200), direct.settings.graph, chunk_size=5)
    assert to_isomorphic(fetch_graph(direct)) == to_isomorphic(sample_graph(3, value="previous"))
    assert not [name for name in graph_names(direct) if "-staging-" in name]


def test_an_empty_graph_is_not_pushed(oxigraph_server) -> None:
    store = store_for(oxigraph_server, "empty")
    with pytest.raises(RemoteError, match="empty"):
        push(store, Graph(), store.settings.graph)


def test_push_into_virtuoso_with_digest_authentication(virtuoso_server) -> None:
    store = store_for(virtuoso_server, "virtuoso")
    graph = sample_graph(2500, blank_nodes=3)
    push(store, sample_graph(10, value="old"), store.settings.graph)
    summary = push(store, graph, store.settings.graph, chunk_size=1000)
    assert summary.protocol == "graph store"
    assert to_isomorphic(fetch_graph(store)) == to_isomorphic(graph)


def test_a_push_drops_the_staging_graphs_that_killed_pushes_left(oxigraph_server) -> None:
    """A push killed half-way cannot clean up; the next push finds its staging graph."""
    store = store_for(oxigraph_server, "leftovers")
    target = store.settings.graph
    killed = f"{target}-staging-20200101T000000Z-0123456789ab"
    unstamped = f"{target}-staging-0123456789ab"  # as pushes named them before the time
    running = f"{target}-staging-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}-abcdef012345"
    other = f"{BASE_IRI}graph/test-push-other-staging-20200101T000000Z-0123456789ab"
    for name in (killed, unstamped, running, other):
        store.update(f"INSERT DATA {{ GRAPH <{name}> {{ <urn:a> <urn:b> <urn:c> }} }}")
    notices: list[str] = []
    summary = push(store, sample_graph(5), target, notice=notices.append)
    names = graph_names(store)
    assert killed not in names and unstamped not in names
    assert running in names  # a push that may still be going on is left alone
    assert other in names  # another target's graphs are not this push's business
    assert summary.dropped == sorted([killed, unstamped])
    assert notices == [
        f"dropped the staging graph <{name}>, left behind by an earlier push"
        for name in sorted([killed, unstamped])
    ]
    assert to_isomorphic(fetch_graph(store)) == to_isomorphic(sample_graph(5))


def test_the_cli_says_which_staging_graphs_it_dropped(oxigraph_server, fixture_project, capsys):
    from mhgraph.cli import main

    target = f"{BASE_IRI}graph/test-push-cli-leftovers"
    store = HttpStore(oxigraph_server.settings(graph=target))
    killed = f"{target}-staging-20200101T000000Z-0123456789ab"
    store.update(f"INSERT DATA {{ GRAPH <{killed}> {{ <urn:a> <urn:b> <urn:c> }} }}")
    arguments = ["push", "--endpoint", oxigraph_server.base, "--store", "oxigraph"]
    code = main(["--project", str(fixture_project.root), *arguments, "--graph", target])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert f"dropped the staging graph <{killed}>, left behind by an earlier push" in captured.err
    assert killed not in graph_names(store)
