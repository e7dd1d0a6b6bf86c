"""Query helpers that find the graph and the catalogue by themselves, for notebook use."""

from __future__ import annotations

from .graph import KnowledgeGraph, load_graph
from .project import Project
from .queries import Catalogue
from .results import QueryResult
from .sparql import execute


def run_query(
    name: str,
    params: dict[str, str] | None = None,
    *,
    project: Project | None = None,
    knowledge_graph: KnowledgeGraph | None = None,
) -> QueryResult:
    """Run a stored query by name (or `.rq` path) with its parameters bound as RDF terms."""
    project = project or Project.default()
    stored = Catalogue.load(project.queries_dir).get(name)
    bindings = stored.bindings(params)
    kg = knowledge_graph or load_graph(project)
    return execute(kg.graph, stored.text, bindings, source=str(stored.path))


def run_sparql(
    text: str,
    *,
    project: Project | None = None,
    knowledge_graph: KnowledgeGraph | None = None,
) -> QueryResult:
    """Run an ad-hoc query; the prefixes of the data model are declared for you."""
    kg = knowledge_graph or load_graph(project or Project.default())
    return execute(kg.graph, text)
