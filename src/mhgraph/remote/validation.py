"""SHACL validation of a graph that lives in a remote store.

The store's triples are fetched with one CONSTRUCT and read together with the project's
ontology and vocabularies, exactly as `mhgraph validate FILES` reads someone else's files;
then the project's shapes run as usual. A remote triple has no file and line, so its
findings name the node only.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from urllib.parse import quote

from ..engines import DEFAULT_ENGINE, Engine
from ..export import serialize
from ..findings import Findings
from ..graph import Progress, no_progress, open_graph
from ..project import Project
from ..reasoning import Inference
from ..validation import ValidationOutcome, validate
from .client import RemoteStore
from .reading import fetch_graph


def validate_remote(
    project: Project,
    store: RemoteStore,
    *,
    inference: Inference = "owlrl",
    progress: Progress = no_progress,
    engine: str | Engine = DEFAULT_ENGINE,
) -> ValidationOutcome:
    """Validate what ``store`` holds against the project's model and shapes, on ``engine``."""
    graph_label = store.settings.graph or "the default graph"
    progress(f"fetching {graph_label} from {store.settings.label}")
    remote = fetch_graph(store)
    reference = project.reference_files
    labels = {path: project.relative(path) for path in reference}
    label = quote(f"{store.settings.label} {graph_label}", safe=":/")
    with tempfile.TemporaryDirectory(prefix="mhgraph-remote-") as folder:
        fetched = Path(folder) / "fetched.nt"
        fetched.write_bytes(serialize(remote, "nt"))
        labels[fetched] = label
        kg = open_graph(
            [*reference, fetched], labels, inference=inference, progress=progress, engine=engine
        )
        outcome = validate(project, knowledge_graph=kg, progress=progress)
    outcome.findings = Findings(
        [
            dataclasses.replace(f, file=None, line=None) if f.file == label else f
            for f in outcome.findings.items
        ]
    )
    return outcome
