"""mhgraph: the knowledge graph of *Samen tegen mensenhandel* and its toolchain.

The public API, for notebooks and scripts::

    import mhgraph
    kg = mhgraph.load_graph()                      # ontology + data, OWL RL closure
    outcome = mhgraph.validate()                   # SHACL findings
    result = mhgraph.run_query("status-per-result", {"actionline": "actielijn:1"})
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_exports
from .version import __version__

if TYPE_CHECKING:
    from .api import run_query, run_sparql
    from .errors import MhgraphError
    from .findings import Finding, Findings, Severity
    from .graph import KnowledgeGraph, load_graph
    from .pipeline import BuildSummary, build
    from .project import Project
    from .queries import Catalogue, StoredQuery
    from .results import QueryResult
    from .validation import ValidationOutcome, validate

#: The module of each public name, imported on first use: a command imports only what it
#: runs, and ``mhgraph --help`` none of it.
_PUBLIC = {
    "run_query": "api",
    "run_sparql": "api",
    "MhgraphError": "errors",
    "Finding": "findings",
    "Findings": "findings",
    "Severity": "findings",
    "KnowledgeGraph": "graph",
    "load_graph": "graph",
    "BuildSummary": "pipeline",
    "build": "pipeline",
    "Project": "project",
    "Catalogue": "queries",
    "StoredQuery": "queries",
    "QueryResult": "results",
    "ValidationOutcome": "validation",
    "validate": "validation",
}


__getattr__ = lazy_exports(__name__, _PUBLIC)


__all__ = [
    "BuildSummary",
    "Catalogue",
    "Finding",
    "Findings",
    "KnowledgeGraph",
    "MhgraphError",
    "Project",
    "QueryResult",
    "Severity",
    "StoredQuery",
    "ValidationOutcome",
    "__version__",
    "build",
    "load_graph",
    "run_query",
    "run_sparql",
    "validate",
]
