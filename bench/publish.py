"""Time `mhgraph publish` stage by stage on a project (the repository's graph by default).

The graph is loaded and reasoned once; then the publication is written ``--repeat`` times
into a temporary folder, and the median of each stage is printed next to the time the load
took, so the ratios, not the seconds, are the figures to compare between machines::

    python bench/publish.py [--repeat 3] [--project DIR] [--base-iri IRI]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from mhgraph import Project, load_graph
from mhgraph.publish import publish


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--project", default=None)
    parser.add_argument("--base-iri", default=None)
    args = parser.parse_args()
    project = Project.resolve(args.project)
    started = time.perf_counter()
    kg = load_graph(project)
    load = time.perf_counter() - started
    stages: dict[str, list[float]] = {}
    totals, pages, size = [], 0, 0
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.repeat):
            started = time.perf_counter()
            summary = publish(
                project, Path(folder) / "site", base_iri=args.base_iri, knowledge_graph=kg
            )
            totals.append(time.perf_counter() - started)
            for stage in ("validate", "dumps", "metadata", "site"):
                stages.setdefault(stage, []).append(summary.timings[stage])
            pages = summary.pages
            size = sum(p.stat().st_size for p in (Path(folder) / "site").rglob("*") if p.is_file())
    print(
        f"graph: {len(kg.asserted)} asserted + {len(kg.inferred)} inferred triples; "
        f"load and reason {load:.2f}s (= 1.00)"
    )
    for stage, times in stages.items():
        median = statistics.median(times)
        print(f"  {stage:<9} {median:7.2f}s  {median / load:5.2f} x load")
    total = statistics.median(totals)
    print(f"  {'publish':<9} {total:7.2f}s  {total / load:5.2f} x load")
    print(
        f"{pages} pages, {size / 1e6:.1f} MB; {pages / statistics.median(stages['site']):.0f} "
        "pages per second of the site stage"
    )


if __name__ == "__main__":
    main()
