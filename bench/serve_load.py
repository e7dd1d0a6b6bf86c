"""Load on `mhgraph serve`, side by side with the Oxigraph server answering the same queries.

Builds the repository's graph once, then starts two servers on loopback in this one run:
`mhgraph serve` (with its site) and `oxigraph serve-read-only` (the PyPI `oxigraph` package)
on the same triples. A bounded number of concurrent clients, each with its own keep-alive
connection, sends one kind of request for a bounded time or count: a cheap, a typical and an
expensive stored query (to `/api/queries/NAME` on serve; the same text, parameters bound as
serve binds them, to Oxigraph's `/query`), and a page of the site (serve only). It prints
requests per second, p50/p99 latency and errors per run, and serve's figures as ratios of
Oxigraph's::

    python bench/serve_load.py --clients 8 --seconds 8
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from mhgraph import Project, load_graph
from mhgraph.binding import bind_values
from mhgraph.engines import DEFAULT_ENGINE
from mhgraph.namespaces import sparql_prologue
from mhgraph.queries import Catalogue
from mhgraph.serve import Settings, serving

CHEAP = "parts-of-result"
TYPICAL = "delayed-activities"
EXPENSIVE = "most-involved-organisations"
PAGE = "/doc/activiteit/24.7"
#: A run also stops after this many requests, whatever its time.
MAX_REQUESTS = 50_000


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, ok: bool) -> bool:
        """Count one request; False once the run has its fill."""
        with self.lock:
            self.latencies.append(seconds)
            self.errors += not ok
            return len(self.latencies) < MAX_REQUESTS


@dataclass(frozen=True)
class Target:
    """One kind of request to one server."""

    label: str
    server: str
    url: str  # with path and query string
    accept: str = "application/sparql-results+json"


def client(target: Target, until: float, tally: Tally) -> None:
    parts = urlsplit(target.url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = HTTPConnection(parts.hostname, parts.port, timeout=120)
    going = True
    while going and time.monotonic() < until:
        started = time.monotonic()
        try:
            connection.request("GET", path, headers={"Accept": target.accept})
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except OSError:
            connection.close()
            connection = HTTPConnection(parts.hostname, parts.port, timeout=120)
            ok = False
        going = tally.add(time.monotonic() - started, ok)
    connection.close()


@dataclass(frozen=True)
class Figures:
    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def load(target: Target, clients: int, seconds: float) -> Figures:
    tally = Tally()
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(target, until, tally)) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    values = tally.latencies
    return Figures(
        len(values),
        len(values) / elapsed,
        percentile(values, 0.50) * 1000,
        percentile(values, 0.99) * 1000,
        tally.errors,
    )


def percentile(values: list[float], fraction: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def oxigraph_server(ntriples: bytes, folder: Path) -> Iterator[str]:
    """`oxigraph serve-read-only` on ``ntriples`` (default graph); yields its base URL."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    binary = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if binary is None:
        raise SystemExit("the `oxigraph` command is missing: pip install -e '.[test]'")
    data, store = folder / "graph.nt", folder / "store"
    data.write_bytes(ntriples)
    subprocess.run([binary, "load", "--location", store, "--file", data], check=True)
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("the Oxigraph server did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def oxigraph_text(catalogue: Catalogue, name: str) -> str:
    """The stored query with its default parameters bound, as serve runs it (VALUES block),
    and the prefixes serve predeclares."""
    stored = catalogue.queries[name]
    return sparql_prologue() + bind_values(stored.text, stored.bindings({}))


def ratio(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:.2f}" if denominator else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--seconds", type=float, default=8, help="per run (default 8)")
    parser.add_argument("--workers", type=int, default=4, help="serve's workers (default 4)")
    parser.add_argument(
        "--engine", default=DEFAULT_ENGINE, help=f"engine that builds the graph ({DEFAULT_ENGINE})"
    )
    parser.add_argument("--cheap", default=CHEAP)
    parser.add_argument("--typical", default=TYPICAL)
    parser.add_argument("--expensive", default=EXPENSIVE)
    parser.add_argument("--page", default=PAGE, help=f"a page of the site ({PAGE})")
    args = parser.parse_args()

    project = Project.at(args.project)
    catalogue = Catalogue.load(project.queries_dir)
    names = {"cheap": args.cheap, "typical": args.typical, "expensive": args.expensive}
    for name in names.values():
        if name not in catalogue.queries:
            parser.error(f"no stored query {name!r} in {project.root}")
    print(f"building the graph of {project.root} …", flush=True)
    kg = load_graph(project, engine=args.engine)
    # Every query is let in: the limits under test here are the servers' speed, not fairness.
    settings = Settings(
        workers=args.workers,
        threads=args.clients,
        queue=args.clients,
        per_client=0,
        queue_wait=60,
        time_limit=60,
    )
    with (
        tempfile.TemporaryDirectory(prefix="mhgraph-bench-") as folder,
        oxigraph_server(kg.serialize("all", "nt"), Path(folder)) as oxigraph,
        serving(project, settings, knowledge_graph=kg) as (_, serve),
    ):
        print(
            f"{kg.count()} triples; serve with {args.workers} workers; {args.clients} clients, "
            f"at most {args.seconds:g} s and {MAX_REQUESTS} requests per run\n"
        )
        print(f"{'run':<32} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
        figures: dict[tuple[str, str], Figures] = {}
        for kind, name in names.items():
            query = urlencode({"query": oxigraph_text(catalogue, name)})
            for target in (
                Target(f"{kind} ({name})", "serve", f"{serve}api/queries/{name}"),
                Target(f"{kind} ({name})", "oxigraph", f"{oxigraph}/query?{query}"),
            ):
                result = load(target, args.clients, args.seconds)
                figures[(kind, target.server)] = result
                show(f"{target.server} {kind}", result)
        page_target = Target("page", "serve", serve + args.page.lstrip("/"), "text/html")
        page = load(page_target, args.clients, args.seconds)
        show(f"serve page {args.page}", page)
    print("\nserve / oxigraph:")
    print(f"{'query':<12} {'req/s':>8} {'p50':>8} {'p99':>8}")
    for kind in names:
        ours, theirs = figures[(kind, "serve")], figures[(kind, "oxigraph")]
        print(
            f"{kind:<12} {ratio(ours.per_second, theirs.per_second):>8}"
            f" {ratio(ours.p50_ms, theirs.p50_ms):>8} {ratio(ours.p99_ms, theirs.p99_ms):>8}"
        )


def show(label: str, figures: Figures) -> None:
    print(
        f"{label:<32} {figures.requests:>8} {figures.per_second:>8.1f} {figures.p50_ms:>8.1f}"
        f" {figures.p99_ms:>8.1f} {figures.errors:>6}",
        flush=True,
    )


if __name__ == "__main__":
    main()
