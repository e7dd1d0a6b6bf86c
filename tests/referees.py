"""Standard JSON-LD processors as referees: pyld (PyPI) and jsonld.js (npm, tests/js/).

Each reads a JSON-LD document to RDF without fetching anything (every context must be
inline) and gives it as an rdflib graph, so a test compares it with the Turtle of the same
data. jsonld.js runs once for many files; scripts/install-services installs it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from graphs import canonical

JS = Path(__file__).parent / "js"


def _refuse(url: str, options: object = None) -> object:
    raise ValueError(f"refusing to fetch {url}: every context must be inline")


def pyld_graph(document: object) -> Graph:
    """What pyld (the reference processor in Python) reads from ``document``."""
    from pyld import jsonld

    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": _refuse})
    return Graph().parse(data=nquads, format="nquads")


def jsonld_js_graphs(paths: Sequence[Path]) -> dict[Path, Graph | str]:
    """What jsonld.js reads from each file, in its safe mode (an error for anything lossy):
    a graph, or the processor's error message."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (scripts/install-services installs it)")
    if not (JS / "node_modules" / "jsonld").is_dir():
        pytest.skip("jsonld.js is not installed: run scripts/install-services (npm ci in tests/js)")
    found: dict[Path, Graph | str] = {}
    for start in range(0, len(paths), 200):
        batch = [str(p) for p in paths[start : start + 200]]
        done = subprocess.run(
            [node, str(JS / "to-nquads.mjs"), *batch],
            capture_output=True,
            text=True,
            check=True,
            cwd=JS,
            timeout=300,
        )
        for line in done.stdout.splitlines():
            answer = json.loads(line)
            path = Path(answer["file"])
            if "error" in answer:
                found[path] = answer["error"]
            else:
                found[path] = Graph().parse(data=answer["nquads"], format="nquads")
    return found


def by_value(graph: Graph) -> Graph:
    """``graph`` with each decimal in one form: ``"6"^^xsd:decimal`` and Turtle's ``6.0``
    are the same value, written two ways."""
    canonical = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and isinstance(o.value, Decimal):
            o = Literal(format(o.value.normalize(), "f"), datatype=o.datatype)
        canonical.add((s, p, o))
    return canonical


def same_graph(a: Graph, b: Graph) -> bool:
    """Equal up to blank-node labels and the lexical forms of values. Each blank node stands
    for what it says (:func:`graphs.canonical`), which decides in one pass where rdflib's
    isomorphism search never ends on the hundreds of alike qualified roles of the data; the
    triple counts catch two statements that the description would merge."""
    a, b = by_value(a), by_value(b)
    return len(a) == len(b) and canonical(a, a) == canonical(b, b)


def turtle_twin(path: Path) -> Graph:
    """The Turtle file written beside a JSON-LD file, parsed."""
    return Graph().parse(path.with_suffix(".ttl"), format="turtle")


def json_ld_files(folder: Path) -> list[Path]:
    """Every JSON-LD document under ``folder`` that holds data (the shared context is
    checked on its own)."""
    return sorted(p for p in folder.rglob("*.jsonld") if p.name != "context.jsonld")


def disagreements(results: Iterable[tuple[Path, Graph | str]]) -> list[str]:
    """Each file the processor rejected, or read as a graph other than its Turtle twin."""
    wrong = []
    for path, graph in results:
        if isinstance(graph, str):
            wrong.append(f"{path}: rejected: {graph}")
        elif not same_graph(graph, turtle_twin(path)):
            wrong.append(f"{path}: a different graph from {path.with_suffix('.ttl').name}")
    return wrong
