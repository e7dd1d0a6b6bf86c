"""The static site of a publication: HTML, CSS and one script, working from disk or any server."""

from __future__ import annotations

import os

from rdflib import Graph

from ...engines import DEFAULT_ENGINE, Engine, get_engine
from ...forking import forkable_cores
from ...graph import Progress
from ...iris import Rebase
from ...output import Staging
from ...queries import StoredQuery
from ..dumps import Dump
from ..edition import Edition
from ..heap import settle
from .model import SiteGraph
from .pages import Site
from .render import asset


def build_site(
    staging: Staging,
    edition: Edition,
    prefixes: dict[str, str],
    rebase: Rebase,
    *,
    asserted: Graph,
    inferred: Graph,
    metadata: Graph,
    ontology: Graph,
    shapes: Graph,
    stored: list[StoredQuery],
    dumps: list[Dump],
    violations: int,
    warnings: int,
    progress: Progress,
    served: bool = False,
    engine: str | Engine = DEFAULT_ENGINE,
    workers: int | None = None,
) -> int:
    """Write every page; returns how many HTML pages there are.

    ``served``: the site is for ``mhgraph serve``, whose query page and SPARQL endpoint
    every page then links to. ``engine`` writes each resource's Turtle and JSON-LD (by
    default the fast one: Oxigraph's serialisers). ``workers``: how many processes write the
    resource pages (by default one per core; never more than the cores this process may use,
    and one where forking is not safe).
    """
    graph = SiteGraph(asserted, inferred, metadata, edition.base, prefixes)
    site = Site(
        staging,
        graph,
        edition,
        prefixes,
        served=served,
        engine=get_engine(engine),
        workers=min(workers or os.cpu_count() or 1, forkable_cores()),
    )
    for name in ("style.css", "site.js"):
        staging.write(f"assets/{name}", asset(name))
    progress("writing the ontology's documentation")
    # First, so that every page can link the ontology's terms to their anchors.
    site.ontology(ontology)
    site.shapes(shapes)
    progress(f"writing {len(graph.pages)} resource pages")
    settle()  # the indexes, read by every page (and by the processes forked to write them)
    site.resources(progress)
    site.class_indexes()
    site.activities()
    site.search()
    site.home(dumps, violations, warnings)
    site.network()
    site.countries()
    site.queries(stored, rebase)
    site.sitemap()
    return len(site.written)
