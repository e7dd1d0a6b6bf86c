"""Query helpers that find the graph and the catalogue by themselves, for notebook use."""

from __future__ import annotations

from .cache import GraphCache
from .engines import DEFAULT_ENGINE, Engine
from .graph import KnowledgeGraph, load_graph
from .project import Project
from .queries import Catalogue
from .results import QueryResult


def run_query(
    name: str,
    params: dict[str, str] | None = None,
    *,
    project: Project | None = None,
    knowledge_graph: KnowledgeGraph | None = None,
    engine: str | Engine = DEFAULT_ENGINE,
    cache: GraphCache | None = None,
) -> QueryResult:
    """Run a stored query by name (or `.rq` path) with its parameters bound as RDF terms.

    Without ``knowledge_graph`` the project's graph is loaded by ``engine`` (from ``cache``
    when it was built before). Raises :class:`~mhgraph.errors.QueryError` for an unknown
    query and :class:`~mhgraph.errors.ParameterError` for a bad parameter.
    """
    project = project or Project.default()
    stored = Catalogue.find(project.queries_dir, name)
    bindings = stored.bindings(params)
    kg = knowledge_graph or load_graph(project, engine=engine, cache=cache)
    return kg.query(stored.text, bindings, source=str(stored.path))


def run_sparql(
    text: str,
    *,
    project: Project | None = None,
    knowledge_graph: KnowledgeGraph | None = None,
    engine: str | Engine = DEFAULT_ENGINE,
    cache: GraphCache | None = None,
) -> QueryResult:
    """Run an ad-hoc query; the prefixes of the data model are declared for you."""
    kg = knowledge_graph or load_graph(project or Project.default(), engine=engine, cache=cache)
    return kg.query(text)
