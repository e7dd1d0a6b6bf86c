"""SHACL validation of a graph that lives in a remote store.

The store's triples are fetched with one CONSTRUCT and read together with the project's
ontology and vocabularies, exactly as `mhgraph validate FILES` reads someone else's files;
then the project's shapes run as usual. A remote triple has no file and line, so its
findings name the node only.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

from ..findings import Findings
from ..graph import KnowledgeGraph, Progress, no_progress
from ..loading import graph_name, load_sources
from ..namespaces import bind_prefixes
from ..project import Project
from ..reasoning import Inference, infer
from ..validation import ValidationOutcome, validate
from .client import RemoteStore
from .reading import fetch_graph


def validate_remote(
    project: Project,
    store: RemoteStore,
    *,
    inference: Inference = "owlrl",
    progress: Progress = no_progress,
) -> ValidationOutcome:
    graph_label = store.settings.graph or "the default graph"
    progress(f"fetching {graph_label} from {store.settings.label}")
    remote = fetch_graph(store)
    reference = project.reference_files
    sources = load_sources(reference, {path: project.relative(path) for path in reference})
    label = quote(f"{store.settings.label} {graph_label}", safe=":/")
    name = graph_name(label)
    target = sources.dataset.graph(name)
    target += remote
    sources.files[name] = label
    asserted = bind_prefixes(sources.union())
    progress(f"reasoning ({inference}) over {len(asserted)} triples")
    kg = KnowledgeGraph(sources, asserted, bind_prefixes(infer(asserted, inference)), inference)
    outcome = validate(project, knowledge_graph=kg, progress=progress)
    outcome.findings = Findings(
        [
            dataclasses.replace(f, file=None, line=None) if f.file == label else f
            for f in outcome.findings.items
        ]
    )
    return outcome
