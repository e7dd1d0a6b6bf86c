"""`mhgraph queries`, `mhgraph query` and `mhgraph sparql`: the catalogue and ad-hoc SPARQL."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from .. import remote
from ..errors import EXIT_FINDINGS, EXIT_OK, QueryError, UsageError
from ..graph import KnowledgeGraph, load_graph
from ..queries import Catalogue, StoredQuery, check_folder, sparql_term
from ..results import GRAPH_FORMATS, TABULAR_FORMATS, render
from ..values import Term
from ._common import (
    Subparsers,
    add_engine_option,
    add_inference_option,
    add_output_option,
    emit,
    end_progress,
    graph_options,
    inference_of,
    project_of,
)
from ._endpoint import add_endpoint_options, store_of

OUTPUT_FORMATS = tuple(dict.fromkeys((*TABULAR_FORMATS, *GRAPH_FORMATS)))


def register(subparsers: Subparsers) -> None:
    """Add ``queries``, ``query`` and ``sparql``: three commands over one catalogue and engine."""
    listing = subparsers.add_parser(
        "queries",
        help="list the stored queries, check them all, or write the catalogue page",
        description="List the stored queries with their summary and parameters. "
        "'mhgraph queries check' parses every header and body strictly (for CI); "
        "'mhgraph queries page -o queries/README.md' writes the catalogue page with a sample "
        "of each answer.",
    )
    listing.add_argument("action", nargs="?", choices=("list", "check", "page"), default="list")
    add_output_option(listing, "page: write to FILE instead of stdout")
    add_engine_option(listing)
    listing.set_defaults(handler=run_catalogue)

    stored = subparsers.add_parser(
        "query",
        help="run a stored query by name or .rq file",
        description="Run a stored query. Parameters are bound as RDF terms, never pasted "
        "into the query text.",
    )
    stored.add_argument("name", metavar="NAME|FILE")
    stored.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a parameter (once each: a parameter given twice is an error)",
    )
    _add_output_options(stored)
    stored.add_argument(
        "--explain", action="store_true", help="print the query and its bound parameters only"
    )
    add_endpoint_options(stored)
    add_engine_option(stored)
    stored.set_defaults(handler=run_stored)

    adhoc = subparsers.add_parser(
        "sparql",
        help="run an ad-hoc SPARQL query",
        description="Run a SPARQL query given on the command line or in a file. The prefixes "
        "of the data model (mh:, activiteit:, organisatie:, skos:, …) are predeclared.",
    )
    adhoc.add_argument("query", nargs="?", help="the query text")
    adhoc.add_argument("--file", type=Path, help="read the query from a file")
    _add_output_options(adhoc)
    add_endpoint_options(adhoc)
    add_engine_option(adhoc)
    adhoc.set_defaults(handler=run_adhoc)


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=OUTPUT_FORMATS, default="table")
    add_output_option(parser)
    add_inference_option(
        parser,
        "owlrl",
        "the closure queried with the asserted triples (local graph only: a store answers "
        "from what was pushed)",
        old_flags={"--no-inference": "none"},
    )


def run_catalogue(args: argparse.Namespace) -> int:
    """List, check or write the page of the catalogue, as ``action`` says."""
    project = project_of(args)
    if args.action == "check":
        return check_catalogue(project.queries_dir)
    catalogue = Catalogue.load(project.queries_dir)
    if args.action == "page":
        from ..catalogue_page import render_page, sample_answers

        kg = load_graph(project, **graph_options(args))
        end_progress()
        emit(render_page(catalogue, sample_answers(catalogue, kg)), args.output)
        return EXIT_OK
    width = max((len(q.name) for q in catalogue), default=0)
    for query in catalogue:
        params = ", ".join(
            f"{p.name}{'' if p.required else '?'}:{p.type_label}" for p in query.parameters
        )
        suffix = f"  [{params}]" if params else ""
        print(f"{query.name.ljust(width)}  {query.summary}{suffix}")
    return EXIT_OK


def check_catalogue(folder: Path) -> int:
    """Report every broken query at once, so one CI run shows all there is to mend; exit 1
    when there is any, as `validate` does for findings."""
    count, problems = check_folder(folder)
    for problem in problems:
        print(f"mhgraph: error: {problem.one_line()}", file=sys.stderr)
    if problems:
        return EXIT_FINDINGS
    print(f"{count} stored queries: headers, parameters and SPARQL are valid")
    return EXIT_OK


def parse_params(values: list[str]) -> dict[str, str]:
    """``--param NAME=VALUE`` pairs; raises :class:`~mhgraph.errors.UsageError` without ``=``."""
    params: dict[str, str] = {}
    for value in values:
        name, equals, text = value.partition("=")
        if not equals or not name:
            raise UsageError(f"--param {value!r} is not NAME=VALUE")
        if name in params:
            raise UsageError(
                f"--param {name} is given twice ({params[name]!r} and {text!r})",
                hint="a parameter takes one value; run the query once per value",
            )
        params[name] = text
    return params


def explain(stored: StoredQuery, bindings: dict[str, Term]) -> str:
    """The query as it would run, each bound parameter written in; unbound ones are named."""
    lines = [f"# {stored.name}: {stored.summary}"]
    for parameter in stored.parameters:
        term = bindings.get(parameter.variable)
        value = sparql_term(term) if term is not None else "unbound (no restriction)"
        lines.append(f"# ?{parameter.variable} ({parameter.type_label}) = {value}")
    return "\n".join(lines) + "\n" + stored.bound_text(bindings)


def run_stored(args: argparse.Namespace) -> int:
    """Run a stored query on the local graph or the store; ``--explain`` runs nothing."""
    project = project_of(args)
    stored = Catalogue.find(project.queries_dir, args.name)
    bindings = stored.terms(parse_params(args.param))
    if args.explain:
        emit(explain(stored, bindings), args.output)
        return EXIT_OK
    store = _remote_store(args)
    if store is not None:
        result = remote.run_stored(store, stored, bindings)
    else:
        kg = load_graph(
            project,
            inference=inference_of(args),
            **graph_options(args),
        )
        end_progress()
        stored.check_known(bindings, _subjects(kg))
        result = kg.query(stored.text, bindings, source=str(stored.path))
    result = stored.ordered(result)
    emit(render(result, args.format), args.output)
    return EXIT_OK


def _subjects(kg: KnowledgeGraph) -> Iterator[str]:
    """The IRIs the graph describes, read only when a resource parameter is to be checked."""
    answer = kg.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER (isIRI(?s)) }")
    for (subject,) in answer.cells():
        if subject is not None:
            yield subject.value


def run_adhoc(args: argparse.Namespace) -> int:
    """Run query text from the command line or a file, on the local graph or the store."""
    if (args.query is None) == (args.file is None):
        raise UsageError("give a query text or --file FILE (one of the two)")
    text = args.query if args.file is None else _read(args.file)
    source = str(args.file) if args.file else None
    store = _remote_store(args)
    if store is not None:
        result = remote.run_sparql(store, text, source=source)
    else:
        kg = load_graph(
            project_of(args),
            inference=inference_of(args),
            **graph_options(args),
        )
        end_progress()
        result = kg.query(text, source=source)
    emit(render(result, args.format), args.output)
    return EXIT_OK


def _remote_store(args: argparse.Namespace) -> remote.RemoteStore | None:
    """The store to query, refusing an explicit --inference it could not honour."""
    store = store_of(args)
    if store is not None and args.inference != "owlrl":
        raise UsageError(
            f"--inference {args.inference} applies to the local graph; a store answers from "
            "what was pushed",
            hint="push with --inference none to keep only the asserted triples there",
        )
    return store


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise QueryError(f"cannot read the query: {err.strerror}", file=path) from None
