"""`mhgraph serve`: the SPARQL endpoint, the stored-query API, the query page and the site."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from ..serve.settings import add_options, from_options
from ._common import add_engine_option, end_progress, graph_options, project_of


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve a read-only SPARQL endpoint, the stored queries, a query page and the site",
        description="Serve the graph: a SPARQL 1.1 Protocol endpoint at /sparql, the stored "
        "queries at /api/queries, a query page at /query, and the published site, where "
        "every /id/ IRI dereferences. Queries run in worker processes with a time limit and "
        "a row cap. See docs/serving.md.",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface)",
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0: any free)")
    parser.add_argument(
        "--base-iri",
        metavar="IRI",
        help="the base IRI the site is published with; /id/… here is {base}id/…",
    )
    parser.add_argument(
        "--site",
        type=Path,
        metavar="DIR",
        help="serve this published site instead of publishing one at startup",
    )
    add_options(parser)
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..serve.server import Server  # waitress and the workers: only this command
    from ..serve.service import open_application

    settings = from_options(args)
    with open_application(
        project_of(args),
        settings,
        base_iri=args.base_iri,
        site_dir=args.site,
        **graph_options(args),
    ) as application:
        server = Server(application, args.host, args.port)
        signal.signal(signal.SIGTERM, lambda *_: server.stop())
        end_progress()
        print(
            f"serving on {server.url} (SPARQL: {server.url}sparql, query page: "
            f"{server.url}query); Ctrl-C stops",
            flush=True,
        )
        server.run()
    print("stopped", file=sys.stderr)
    return 0
