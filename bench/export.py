"""The export stage of ``mhgraph build`` alone: the seven files of a build (each part in
Turtle, N-Triples and JSON-LD, and the TriG of both), against a bare Oxigraph parse of the
same files.

Each run is a process of its own that calls :func:`mhgraph.pipeline.build` on the scaled
graph, without a graph cache, as ``mhgraph build -o`` does; the build times its write stage
itself (``write``), and the progress messages time it file by file. ``--baseline DIR`` runs
the source tree in DIR as well (another checkout, such as ``git worktree add /tmp/before
main``), alternating with this one, so that before and after are measured side by side in
one run; the load of the machine moves both alike::

    python bench/export.py --size 100k --baseline /tmp/before --repeat 3
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from pipeline import floor  # noqa: E402
from scale import parse_size, scale  # noqa: E402

HERE = BENCH.parent


def worker(root: Path, out: Path) -> None:
    """Build once; print the write stage, whole and file by file, as JSON."""
    import mhgraph
    from mhgraph.pipeline import build
    from mhgraph.project import Project

    marks: list[tuple[float, str]] = []
    summary, _ = build(
        Project.at(root),
        out,
        progress=lambda message: marks.append((time.perf_counter(), message)),
    )
    writing = [(at, m.removeprefix("writing ")) for at, m in marks if m.startswith("writing ")]
    files = {name: following - at for (at, name), (following, _) in itertools.pairwise(writing)}
    write = summary.timings["write"]
    if writing:  # the last file: the rest of the write stage (the reports are small)
        files[writing[-1][1]] = write - sum(files.values())
    print(json.dumps({"code": mhgraph.__file__, "write": write, "files": files}))


def measure(tree: Path, root: Path, work: Path) -> dict:
    """One build with the source tree ``tree``, in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    command = [sys.executable, __file__, "--worker", str(root), str(work / "dist")]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{tree}: the build failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="100k", help="triples of the scaled graph")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each tree")
    parser.add_argument("--baseline", type=Path, help="another source tree to compare with")
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mhgraph-bench-export"
    )
    parser.add_argument("--worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0

    from mhgraph.project import Project

    size = parse_size(args.size)
    root = args.workdir / f"scaled-{size}"
    scaled = scale(Project.default(), size, root)
    trees = {"this tree": HERE}
    if args.baseline:
        trees = {"baseline": args.baseline.resolve(), **trees}
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load {load:.1f}; {scaled.triples} asserted triples")
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    bare: list[float] = []
    for _ in range(args.repeat):
        bare.append(floor(root)[0])
        for name, tree in trees.items():
            runs[name].append(measure(tree, root, args.workdir))
    floor_s = statistics.median(bare)
    print(f"bare Oxigraph parse: {floor_s:.2f} s as a process (median of {len(bare)})\n")
    names = list(runs[next(iter(runs))][0]["files"])
    print("| | " + " | ".join(trees) + " |")
    print("| --- |" + " ---: |" * len(trees))
    for file in names:
        cells = [statistics.median(r["files"][file] for r in runs[n]) for n in trees]
        print(f"| {file} | " + " | ".join(f"{c:.2f}" for c in cells) + " |")
    stage = [statistics.median(r["write"] for r in runs[n]) for n in trees]
    print("| export stage | " + " | ".join(f"{s:.2f}" for s in stage) + " |")
    ratios = [s / floor_s for s in stage]
    print("| export / bare parse | " + " | ".join(f"{r:.1f}x" for r in ratios) + " |")
    for name in trees:
        print(f"\n{name}: {runs[name][0]['code']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
