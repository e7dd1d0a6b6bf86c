"""Push and the stored queries on an Oxigraph server, side by side with the embedded engine.

Starts ``oxigraph serve`` on a free loopback port (in-memory), pushes the project's graph
with its OWL RL closure, then runs every stored query on both engines and prints the times
and their ratio. Works on a scaled project too (see bench/scale.py)::

    python bench/remote.py
    python bench/remote.py --project /tmp/mhgraph-100k --chunk-size 50000
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from mhgraph import Catalogue, Project, load_graph
from mhgraph.remote import HttpStore, push, resolve_settings, run_stored
from mhgraph.sparql import execute


def start_oxigraph() -> tuple[subprocess.Popen, str]:
    binary = Path(sys.executable).parent / "oxigraph"
    command = str(binary) if binary.exists() else shutil.which("oxigraph")
    if command is None:
        sys.exit("bench/remote.py: the oxigraph server is missing (pip install oxigraph)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [command, "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
            return process, base
        except OSError:
            time.sleep(0.1)
    process.terminate()
    sys.exit("bench/remote.py: oxigraph did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="project folder (default: the repository)")
    parser.add_argument("--chunk-size", type=int, default=10_000)
    args = parser.parse_args()
    project = Project.at(args.project) if args.project else Project.at(Path(__file__).parents[1])
    kg = load_graph(project)
    process, base = start_oxigraph()
    try:
        settings = resolve_settings({"endpoint": base, "store": "oxigraph"}, environ={})
        assert settings is not None
        store = HttpStore(settings)
        summary = push(store, kg.graph, settings.graph or "", chunk_size=args.chunk_size)
        print(
            f"push: {summary.triples} triples in {summary.requests} requests, "
            f"{summary.seconds:.2f} s ({summary.triples / summary.seconds:,.0f} triples/s)"
        )
        print(f"{'query':40} {'embedded':>9} {'oxigraph':>9} {'ratio':>7}")
        totals = [0.0, 0.0]
        for stored in Catalogue.load(project.queries_dir):
            bindings = stored.bindings()
            started = time.perf_counter()
            execute(kg.graph, stored.text, bindings)
            embedded = time.perf_counter() - started
            started = time.perf_counter()
            run_stored(store, stored, bindings)
            remote = time.perf_counter() - started
            totals[0] += embedded
            totals[1] += remote
            print(f"{stored.name:40} {embedded:8.3f}s {remote:8.3f}s {embedded / remote:6.1f}x")
        print(f"{'all':40} {totals[0]:8.3f}s {totals[1]:8.3f}s {totals[0] / totals[1]:6.1f}x")
    finally:
        process.terminate()
        process.wait()


if __name__ == "__main__":
    main()
