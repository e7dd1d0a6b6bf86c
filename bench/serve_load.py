"""Load on `mhgraph serve`, side by side with the Oxigraph server answering the same queries.

Builds the repository's graph once (into the graph cache), then starts two servers on loopback
in this one run, each as a process of its own, as a user runs them: `mhgraph serve` (with its
site, on the cached graph; `--processes 2` unless told otherwise, as the Oxigraph server uses
every core) and `oxigraph serve-read-only` (the PyPI `oxigraph` package) on the
same triples. A bounded number of concurrent clients, threads of this process (so that neither
server shares their interpreter), each with its own keep-alive connection, sends one kind of
request for a bounded time or count: a cheap, a typical and an expensive stored query (to
`/api/queries/NAME` on serve; the same text, parameters bound as serve binds them, to
Oxigraph's `/query`), and a page of the site (serve only). It prints requests per second,
p50/p99 latency and errors per run, and serve's figures as ratios of Oxigraph's. The cheap
query is also sent as it is to serve's `/sparql`, where every query runs in a worker process
under the time limit.

Then start-up: `mhgraph serve` started anew on the cached graph until it answers the cheap
stored query, beside a bare script that loads the same inferred N-Triples into pyoxigraph
and runs the same query, alternately, the median of each::

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
from mhgraph.cache import GraphCache
from mhgraph.engines import DEFAULT_ENGINE
from mhgraph.namespaces import sparql_prologue
from mhgraph.queries import Catalogue

CHEAP = "parts-of-result"
TYPICAL = "delayed-activities"
EXPENSIVE = "most-involved-organisations"
PAGE = "/doc/activiteit/24.7"
#: A run also stops after this many requests, whatever its time.
MAX_REQUESTS = 50_000
MHGRAPH = str(Path(sys.executable).with_name("mhgraph"))


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
    command = [binary, "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{port}"]
    with started(command, f"http://127.0.0.1:{port}/", "query?query=ASK%7B%7D", 60) as base:
        yield base.rstrip("/")


@contextmanager
def serve_server(project: Path, options: list[str], ready: str) -> Iterator[str]:
    """`mhgraph serve` with ``options`` on the cached graph; yields its base URL once the
    path ``ready`` answers."""
    port = free_port()
    command = [MHGRAPH, "--project", str(project), "serve", "--port", str(port), *options]
    with started(command, f"http://127.0.0.1:{port}/", ready, 600) as base:
        yield base


@contextmanager
def started(command: list, base: str, ready: str, seconds: float) -> Iterator[str]:
    """A server process, once ``base + ready`` answers; stopped when the block ends."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + seconds
        while True:
            try:
                with urllib.request.urlopen(base + ready, timeout=30):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit(f"{Path(command[0]).name} did not start") from None
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


#: The bare script start-up is compared with: load the N-Triples, run the query, print rows.
BARE_SCRIPT = """
import sys
import pyoxigraph
store = pyoxigraph.Store()
store.load(path=sys.argv[1], format=pyoxigraph.RdfFormat.N_TRIPLES)
print(len(list(store.query(open(sys.argv[2], encoding="utf-8").read()))))
"""


def first_answer(command: list[str], url: str | None = None) -> float:
    """Seconds from starting ``command`` until it has printed its answer (a script) or, for a
    server, until ``url`` answers 200; the server is stopped after."""
    started = time.monotonic()
    if url is None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        return time.monotonic() - started
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    if response.status == 200:
                        return time.monotonic() - started
            except OSError:
                if process.poll() is not None:
                    raise SystemExit("mhgraph serve stopped before it answered") from None
                time.sleep(0.02)
    finally:
        process.terminate()
        process.wait(timeout=30)


def start_up(project: Path, ntriples: Path, query: Path, name: str, rounds: int) -> None:
    """Median seconds to the first answer: `mhgraph serve` on the cached graph, and the bare
    script, taken alternately so that both see the same load on the machine."""
    port = free_port()
    serve = [
        MHGRAPH,
        "--project",
        str(project),
        "serve",
        "--port",
        str(port),
    ]
    url = f"http://127.0.0.1:{port}/api/queries/{name}"
    bare = [sys.executable, "-c", BARE_SCRIPT, str(ntriples), str(query)]
    first_answer(serve, url)  # the first start keeps the graph and the site in the cache
    served, scripted = [], []
    for _ in range(rounds):
        served.append(first_answer(serve, url))
        scripted.append(first_answer(bare))
    ours, theirs = statistics.median(served), statistics.median(scripted)
    print(f"\nfirst answer of {name} (median of {rounds}, the graph cached):")
    print(f"{'mhgraph serve':<32} {ours:>8.2f} s")
    print(f"{'bare pyoxigraph script':<32} {theirs:>8.2f} s")
    print(f"{'serve / script':<32} {ratio(ours, theirs):>8}")


def ratio(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:.2f}" if denominator else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--seconds", type=float, default=8, help="per run (default 8)")
    parser.add_argument("--workers", type=int, default=4, help="serve's workers (default 4)")
    parser.add_argument(
        "--processes", type=int, default=2, help="serve's server processes (default 2)"
    )
    parser.add_argument(
        "--engine", default=DEFAULT_ENGINE, help=f"engine that builds the graph ({DEFAULT_ENGINE})"
    )
    parser.add_argument("--cheap", default=CHEAP)
    parser.add_argument("--typical", default=TYPICAL)
    parser.add_argument("--expensive", default=EXPENSIVE)
    parser.add_argument("--page", default=PAGE, help=f"a page of the site ({PAGE})")
    parser.add_argument(
        "--starts", type=int, default=3, help="start-ups of each to take the median of (3)"
    )
    args = parser.parse_args()

    project = Project.at(args.project)
    catalogue = Catalogue.load(project.queries_dir)
    names = {"cheap": args.cheap, "typical": args.typical, "expensive": args.expensive}
    for name in names.values():
        if name not in catalogue.queries:
            parser.error(f"no stored query {name!r} in {project.root}")
    print(f"building the graph of {project.root} …", flush=True)
    kg = load_graph(project, engine=args.engine, cache=GraphCache())
    # Every query is let in: the limits under test here are the servers' speed, not fairness.
    options = [
        *("--engine", args.engine, "--workers", str(args.workers)),
        *("--processes", str(args.processes)),
        *("--threads", str(args.clients), "--queue", str(args.clients), "--per-client", "0"),
        *("--queue-wait", "60", "--time-limit", "60"),
    ]
    with (
        tempfile.TemporaryDirectory(prefix="mhgraph-bench-") as folder,
        oxigraph_server(kg.serialize("all", "nt"), Path(folder)) as oxigraph,
        serve_server(project.root, options, f"api/queries/{args.cheap}") as serve,
    ):
        print(
            f"{kg.count()} triples; serve with {args.processes} processes and {args.workers} "
            f"workers; {args.clients} clients, "
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
        query = urlencode({"query": oxigraph_text(catalogue, args.cheap)})
        adhoc = load(Target("cheap", "serve", f"{serve}sparql?{query}"), args.clients, args.seconds)
        show("serve /sparql cheap", adhoc)
        page_target = Target("page", "serve", serve + args.page.lstrip("/"), "text/html")
        page = load(page_target, args.clients, args.seconds)
        show(f"serve page {args.page}", page)
        ntriples, query_file = Path(folder) / "inferred.nt", Path(folder) / "cheap.rq"
        ntriples.write_bytes(kg.serialize("all", "nt"))
        query_file.write_text(oxigraph_text(catalogue, args.cheap), encoding="utf-8")
        start_up(project.root, ntriples, query_file, args.cheap, args.starts)
    print("\nserve / oxigraph:")
    print(f"{'query':<12} {'req/s':>8} {'p50':>8} {'p99':>8}")
    for kind in names:
        ours, theirs = figures[(kind, "serve")], figures[(kind, "oxigraph")]
        print(
            f"{kind:<12} {ratio(ours.per_second, theirs.per_second):>8}"
            f" {ratio(ours.p50_ms, theirs.p50_ms):>8} {ratio(ours.p99_ms, theirs.p99_ms):>8}"
        )
    theirs = figures[("cheap", "oxigraph")]
    print(
        f"{'/sparql':<12} {ratio(adhoc.per_second, theirs.per_second):>8}"
        f" {ratio(adhoc.p50_ms, theirs.p50_ms):>8} {ratio(adhoc.p99_ms, theirs.p99_ms):>8}"
    )


def show(label: str, figures: Figures) -> None:
    print(
        f"{label:<32} {figures.requests:>8} {figures.per_second:>8.1f} {figures.p50_ms:>8.1f}"
        f" {figures.p99_ms:>8.1f} {figures.errors:>6}",
        flush=True,
    )


if __name__ == "__main__":
    main()
