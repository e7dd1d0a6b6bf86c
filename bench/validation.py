"""The SHACL stage alone: the fast engine's validation against pyshacl-turbo.

The fast engine runs each SHACL-SPARQL constraint (:mod:`mhgraph.engines.shacl_sets`) and
each Core constraint (:mod:`mhgraph.engines.shacl_core`) once over all its focus nodes on
the Oxigraph store, and leaves what does not compile to pyshacl-turbo. Side by side, on the
same graph (asserted triples and closure, built once) and the same shapes: pyshacl-turbo on
every shape (once per focus node, on a copy of the store), the SPARQL constraints on the
store with pyshacl-turbo on the Core constraints (as the fast engine validated before the
Core constraints were compiled), and the fast engine as it is. The script prints the CPU
and wall time of each in one run, and whether the findings are the same (focus node, path,
shape, severity, value, constraint component, messages)::

    python bench/validation.py --sizes 30k,100k
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyshacl_turbo
from rdflib import Graph

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from mhgraph import Project, load_graph  # noqa: E402
from mhgraph.engines import shacl_sets  # noqa: E402
from mhgraph.engines.fast import OxigraphStore  # noqa: E402
from mhgraph.findings import Findings  # noqa: E402
from mhgraph.shacl_report import findings_from_report  # noqa: E402
from scale import parse_size, scale  # noqa: E402


def keys(findings: Findings) -> set[tuple]:
    return {
        (
            f.focus_node,
            f.path,
            f.source_shape,
            f.severity,
            f.value,
            f.constraint,
            tuple(sorted(f.messages.items())),
        )
        for f in findings.items
    }


def turbo(store: OxigraphStore, shapes: Graph) -> Findings:
    """pyshacl-turbo on every shape, as the fast engine validated before."""
    compiled = pyshacl_turbo.compile_shapes(shapes, advanced=True)
    _, report, _ = compiled.validate(store.store, allow_warnings=True, allow_infos=True)
    return findings_from_report(report, shapes)


def sparql_only(store: OxigraphStore, shapes: Graph) -> Findings:
    """The SPARQL constraints on the store, pyshacl-turbo on the rest of the shapes."""
    planned = shacl_sets.plan(shapes)
    compiled = pyshacl_turbo.compile_shapes(planned.rest, advanced=True)
    _, report, _ = compiled.validate(store.store, allow_warnings=True, allow_infos=True)
    shacl_sets.run(store.store, planned.checks, report)
    return findings_from_report(report, shapes)


def fast(store: OxigraphStore, shapes: Graph) -> Findings:
    return store.shacl(shapes)


def timed(
    run: Callable[[OxigraphStore, Graph], Findings], store: OxigraphStore, shapes: Graph
) -> tuple[Findings, float, float]:
    """The findings, CPU seconds and wall seconds of one validation."""
    cpu, wall = time.process_time(), time.perf_counter()
    found = run(store, shapes)
    return found, time.process_time() - cpu, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="30k,100k", help="comma-separated sizes")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/mhgraph-bench"))
    args = parser.parse_args(argv)
    print(
        "| triples | pyshacl-turbo, every shape | SPARQL on the store, Core on pyshacl-turbo "
        "| fast engine | CPU ratio to each | same findings |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    for size in [parse_size(text) for text in args.sizes.split(",")]:
        project = Project.at(scale(Project.default(), size, args.workdir / f"shacl-{size}").root)
        kg = load_graph(project, engine="fast")
        store = kg.store
        assert isinstance(store, OxigraphStore)
        shapes = kg.engine.shapes(project.shape_files, {})
        runs = [timed(run, store, shapes) for run in (turbo, sparql_only, fast)]
        (_, cpu, _) = runs[-1]
        cells = " | ".join(f"{c:.2f} ({w:.2f})" for _, c, w in runs)
        ratios = " / ".join(f"{c / cpu:.1f}x" for _, c, _ in runs[:-1])
        same = "yes" if len({frozenset(keys(found)) for found, _, _ in runs}) == 1 else "NO"
        print(f"| {kg.count()} | {cells} | {ratios} | {same} |")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
