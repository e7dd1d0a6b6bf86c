"""Time every stored query on the real graph: rdflib, which mhgraph runs, against pyoxigraph on
the same triples, and check that both engines give the same answer.

Both engines get the OWL RL closure that `mhgraph query` queries, with each query's default
parameters: rdflib pre-binds them as terms, pyoxigraph gets the query with the terms written in
as grlc would send it (pyoxigraph only substitutes projected variables). A time is the median
of ``--repeat`` runs of parsing plus evaluation, the two engines measured side by side in one
process, so the ratio, not the milliseconds, is the figure to compare between machines::

    python bench/queries.py [--repeat 5] [--project DIR]

Exits 1 when an answer differs between the engines.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal

import pyoxigraph as ox
from rdflib import XSD, Graph, Literal, URIRef

from mhgraph import Catalogue, Project, load_graph
from mhgraph.sparql import execute

NUMERIC = {str(XSD.integer), str(XSD.decimal), str(XSD.double), str(XSD.float)}
Answer = set[tuple[object, ...]]


def median_ms(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), value


def oxigraph_store(graph: Graph) -> ox.Store:
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    return store


def _value(iri: str, lexical: str, language: str | None, datatype: str | None) -> object:
    """One comparable value per term: numbers by value, since the engines write them apart."""
    if datatype in NUMERIC:
        return Decimal(lexical).normalize()
    return (iri, lexical, language, datatype)


def rdflib_answer(variables: list[str], rows: list[tuple]) -> Answer:
    def value(term: object) -> object:
        if isinstance(term, URIRef):
            return _value(str(term), "", None, None)
        if isinstance(term, Literal):
            datatype = str(term.datatype) if term.datatype else None
            return _value("", str(term), term.language, datatype)
        return None  # unbound, or a blank node: labels differ between engines

    return {tuple(value(term) for term in row) for row in rows}


def oxigraph_answer(variables: list[str], solutions: ox.QuerySolutions) -> Answer:
    def value(term: object) -> object:
        if isinstance(term, ox.NamedNode):
            return _value(term.value, "", None, None)
        if isinstance(term, ox.Literal):
            datatype = None if term.language else term.datatype.value
            if datatype == str(XSD.string):
                datatype = None
            return _value("", term.value, term.language, datatype)
        return None

    return {tuple(value(solution[v]) for v in variables) for solution in solutions}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--project", help="a project folder (default: this repository)")
    args = parser.parse_args(argv)

    project = Project.resolve(args.project)
    kg = load_graph(project)
    graph = kg.graph
    started = time.perf_counter()
    store = oxigraph_store(graph)
    load_ms = (time.perf_counter() - started) * 1000
    print(
        f"{len(graph)} triples (OWL RL closure: parse {kg.timings['parse']:.1f} s, "
        f"reason {kg.timings['reason']:.1f} s; into pyoxigraph {load_ms:.0f} ms); "
        f"median of {args.repeat} runs\n"
    )

    header = f"{'query':38} {'rows':>5} {'rdflib ms':>10} {'oxigraph ms':>12} {'ratio':>7}  same"
    print(header)
    print("-" * len(header))
    totals = [0.0, 0.0]
    differing = []
    for stored in Catalogue.load(project.queries_dir):
        bindings = stored.bindings()
        rdflib_ms, result = median_ms(
            lambda s=stored, b=bindings: execute(graph, s.text, b, source=s.name), args.repeat
        )
        text = stored.bound_text(bindings)
        oxigraph_ms, solutions = median_ms(lambda t=text: list(store.query(t)), args.repeat)
        variables = result.variables
        same = rdflib_answer(variables, result.rows) == oxigraph_answer(variables, solutions)
        if not same:
            differing.append(stored.name)
        totals[0] += rdflib_ms
        totals[1] += oxigraph_ms
        print(
            f"{stored.name:38} {len(result.rows):>5} {rdflib_ms:>10.1f} {oxigraph_ms:>12.2f} "
            f"{rdflib_ms / oxigraph_ms:>7.0f}  {'yes' if same else 'NO'}"
        )
    print("-" * len(header))
    print(
        f"{'all queries':38} {'':>5} {totals[0]:>10.1f} {totals[1]:>12.2f} "
        f"{totals[0] / totals[1]:>7.0f}"
    )
    if differing:
        print("\nanswers differ between the engines: " + ", ".join(differing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
