"""`mhgraph serve`: the SPARQL endpoint, the stored-query API, the query page and the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import EXIT_OK
from ..settings import (
    PUBLISH_SETTINGS,
    SERVE_SETTINGS,
    PublishSettings,
    ServeSettings,
    resolve,
)
from ._common import (
    Subparsers,
    add_engine_option,
    add_setting_options,
    config_of,
    end_progress,
    graph_options,
    options_of,
    project_of,
)


def register(subparsers: Subparsers) -> None:
    """Add ``serve``; every limit's option is generated from the ``[serve]`` records."""
    parser = subparsers.add_parser(
        "serve",
        help="serve a read-only SPARQL endpoint, the stored queries, a query page and the site",
        description="Serve the graph: a SPARQL 1.1 Protocol endpoint at /sparql, the stored "
        "queries at /api/queries, a query page at /query, and the published site, where "
        "every /id/ IRI dereferences. Queries run in worker processes with a time limit and "
        "a row cap. Each option falls back to the environment variable in brackets, then to "
        "the key of mhgraph.toml named there. See docs/serving.md.",
    )
    add_setting_options(parser, SERVE_SETTINGS)
    add_setting_options(parser, PUBLISH_SETTINGS)
    parser.add_argument(
        "--site",
        type=Path,
        metavar="DIR",
        help="serve this published site instead of publishing one at startup",
    )
    add_engine_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C or SIGTERM, then stop the workers and remove the temporary site."""
    from ..serve.server import serve_processes  # cheroot and the workers: only this command
    from ..serve.service import prepare_application

    config = config_of(args)
    settings = resolve(ServeSettings, options_of(args, SERVE_SETTINGS), config=config)
    base = resolve(
        PublishSettings, options_of(args, PUBLISH_SETTINGS), environ={}, config=config
    ).base_iri
    with prepare_application(
        project_of(args),
        settings,
        base_iri=base,
        site_dir=args.site,
        **graph_options(args),
    ) as prepared:
        serve_processes(prepared, _announce)
    print("stopped", file=sys.stderr)
    return EXIT_OK


def _announce(url: str) -> None:
    end_progress()
    print(
        f"serving on {url} (SPARQL: {url}sparql, query page: {url}query); Ctrl-C stops",
        flush=True,
    )
