"""Load on `mhgraph serve`: requests per second, p50/p99 latency and errors per stored query.

Starts the server on the repository's graph (no site: only the API is measured), then runs
a bounded number of concurrent clients on loopback, each with its own keep-alive connection,
for a fixed time: first on a cheap stored query, then on an expensive one, then both at
once (half the clients each), to show side by side that expensive queries do not slow the
cheap ones beyond their share of the CPUs::

    python bench/serve_load.py --clients 8 --seconds 10
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

from mhgraph import Project, load_graph
from mhgraph.serve import Settings, serving

CHEAP = "parts-of-result"
EXPENSIVE = "most-involved-organisations"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, ok: bool) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.errors += not ok


def client(host: str, port: int, path: str, until: float, tally: Tally) -> None:
    connection = HTTPConnection(host, port, timeout=120)
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            connection.request("GET", path, headers={"Accept": "application/json"})
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except OSError:
            connection.close()
            connection = HTTPConnection(host, port, timeout=120)
            ok = False
        tally.add(time.monotonic() - started, ok)
    connection.close()


Results = dict[str, tuple[Tally, float]]


def load(url: str, paths: list[str], clients: int, seconds: float) -> Results:
    """``clients`` threads, spread over ``paths`` in turn, for ``seconds``."""
    host, port = url.removeprefix("http://").rstrip("/").rsplit(":", 1)
    tallies = {path: Tally() for path in paths}
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=client,
            args=(host, int(port), paths[i % len(paths)], until, tallies[paths[i % len(paths)]]),
        )
        for i in range(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {path: (tally, elapsed) for path, tally in tallies.items()}


def percentile(values: list[float], fraction: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def report(label: str, results: Results) -> dict[str, float]:
    p50s = {}
    for path, (tally, elapsed) in results.items():
        name = path.rsplit("/", 1)[-1]
        p50 = percentile(tally.latencies, 0.50) * 1000
        p99 = percentile(tally.latencies, 0.99) * 1000
        p50s[name] = p50
        count = len(tally.latencies)
        print(
            f"{label:<10} {name:<30} {count:>7} {count / elapsed:>8.1f}"
            f" {p50:>9.1f} {p99:>9.1f} {tally.errors:>6}"
        )
    return p50s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--seconds", type=float, default=10, help="per run (default 10)")
    parser.add_argument("--workers", type=int, default=4, help="query workers (default 4)")
    parser.add_argument("--cheap", default=CHEAP, help=f"a cheap stored query ({CHEAP})")
    parser.add_argument("--expensive", default=EXPENSIVE, help=f"an expensive one ({EXPENSIVE})")
    args = parser.parse_args()

    project = Project.at(args.project)
    print(f"loading and reasoning over {project.root} …", flush=True)
    kg = load_graph(project)
    settings = Settings(workers=args.workers, threads=args.clients + 4, time_limit=60)
    cheap, expensive = (f"/api/queries/{name}" for name in (args.cheap, args.expensive))
    with (
        tempfile.TemporaryDirectory() as site,
        serving(project, settings, site_dir=Path(site), knowledge_graph=kg) as (app, url),
    ):
        for path in (cheap, expensive):
            if app.stored.catalogue.queries.get(path.rsplit("/", 1)[-1]) is None:
                parser.error(f"no stored query {path.rsplit('/', 1)[-1]!r} in {project.root}")
        print(
            f"{len(kg.graph)} triples, {args.workers} workers, {args.clients} clients, "
            f"{args.seconds:g} s per run, on {url}\n"
        )
        print(
            f"{'run':<10} {'query':<30} {'requests':>7} {'req/s':>8} {'p50 ms':>9} "
            f"{'p99 ms':>9} {'errors':>6}"
        )
        alone = report("alone", load(url, [cheap], args.clients, args.seconds))
        alone |= report("alone", load(url, [expensive], args.clients, args.seconds))
        mixed = report("mixed", load(url, [cheap, expensive], args.clients, args.seconds))
    print("\np50 mixed / p50 alone (the cost of sharing the CPUs with the other query):")
    for name in alone:
        print(f"  {name:<30} {mixed[name] / alone[name]:6.2f}")


if __name__ == "__main__":
    main()
