"""The SHACL stage alone: pySHACL and pyshacl-turbo on the same graph, same findings?

Both validators get the same asserted triples and closure (built once, by the fast engine)
and the same shapes, SHACL-SPARQL rules included; the script prints each one's time, the
ratio, and whether the findings are the same (focus node, path, shape, severity). pySHACL is
skipped at sizes where, extrapolated linearly, it would take longer than ``--budget``::

    python bench/validation.py --sizes 10k,100k
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from mhgraph import Project, load_graph  # noqa: E402
from mhgraph.engines import get_engine  # noqa: E402
from pipeline import predict  # noqa: E402
from scale import parse_size, scale  # noqa: E402


def keys(findings) -> set[tuple]:
    return {(f.focus_node, f.path, f.source_shape, f.severity) for f in findings.items}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated sizes")
    parser.add_argument("--budget", type=float, default=600, help="seconds for pySHACL")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/mhgraph-bench"))
    args = parser.parse_args(argv)
    print("| triples | pySHACL s | pyshacl-turbo s | ratio | same findings |")
    print("| ---: | ---: | ---: | ---: | --- |")
    history: list[tuple[int, float]] = []
    for size in [parse_size(text) for text in args.sizes.split(",")]:
        project = Project.at(scale(Project.default(), size, args.workdir / f"shacl-{size}").root)
        kg = load_graph(project, engine="fast")
        fast, reference = get_engine("fast"), get_engine("reference")
        shapes = fast.shapes(project.shape_files, {})
        started = time.perf_counter()
        turbo = fast.shacl(kg, shapes)
        turbo_time = time.perf_counter() - started
        if history and predict(history, size) > args.budget:
            print(
                f"| {kg.count()} | skipped (predicted {predict(history, size):.0f}) | "
                f"{turbo_time:.2f} | | |"
            )
            continue
        triples = len(kg.graph)  # the rdflib union pySHACL reads, built before the clock
        started = time.perf_counter()
        classic = reference.shacl(kg, shapes)
        classic_time = time.perf_counter() - started
        history.append((size, classic_time))
        same = "yes" if keys(classic) == keys(turbo) else "NO"
        print(
            f"| {triples} | {classic_time:.2f} | {turbo_time:.2f} | "
            f"{classic_time / turbo_time:.0f}x | {same} |"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
