"""The commands as a user runs them, each against the bare minimum, side by side in one run.

Each figure is the wall time of a whole process (interpreter start-up included), the median
of ``--repeat`` runs, with the graph cache in a folder of its own and Python's bytecode cached
as after any first run (``PYTHONDONTWRITEBYTECODE`` is cleared: an installed package has its
bytecode, and compiling mhgraph's modules anew in every run measures nothing a user waits for):

- ``mhgraph query NAME`` after ``mhgraph build``, against a bare Python script that loads the
  built inferred and asserted N-Triples into pyoxigraph and runs the same query;
- ``mhgraph validate`` (sources unchanged since the build, and ``--rebuild``) against
  ``--engine reference --rebuild`` and against a bare Oxigraph parse of the same files;
- ``mhgraph serve``: from start to the first answer of ``/sparql``, against the bare script,
  after one start that keeps the site and the served graph beside the cached graph (the
  first start after a build publishes the site);
- ``mhgraph publish`` against ``mhgraph publish --engine reference`` (both ``--rebuild``), by
  wall time and by CPU time (the forked processes included), the fast one the median of
  ``--repeat`` runs around the reference one; ``--publish-only`` runs just these two.

    python bench/commands.py [--repeat 3] [--query delayed-activities] [--publish-only]
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

REPOSITORY = Path(__file__).resolve().parent.parent
MHGRAPH = str(Path(sys.executable).with_name("mhgraph"))

_BARE_QUERY = """
import sys, pyoxigraph
store = pyoxigraph.Store()
for path in sys.argv[2:]:
    store.bulk_load(path=path, format=pyoxigraph.RdfFormat.N_TRIPLES)
answer = store.query(open(sys.argv[1], encoding="utf-8").read())
print(len(list(answer)))
"""
_BARE_PARSE = """
import sys, pyoxigraph
store = pyoxigraph.Store()
for path in sys.argv[1:]:
    store.bulk_load(path=path, format=pyoxigraph.RdfFormat.from_extension(path.rsplit(".", 1)[1]))
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return elapsed


def timed_with_cpu(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user and system, forked workers included) of a process:
    on a shared machine the CPU time says what the wall time cannot."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(command, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def publish_rows(env: dict[str, str], project: list[str], work: Path, repeat: int) -> list[str]:
    """``mhgraph publish`` against ``--engine reference``, both ``--rebuild``, wall and CPU.

    The fast publication, a few seconds long, is run ``repeat`` times, before and after the
    reference one (minutes long): its median meets the load the reference met, where one
    run alone may fall on a moment when the shared machine is busiest."""

    def publish(engine: str) -> tuple[float, float]:
        out = work / f"site-{engine}"
        return timed_with_cpu(
            [MHGRAPH, *project, "publish", "-o", str(out), "--engine", engine, "--rebuild"], env
        )

    before = [publish("fast") for _ in range((repeat + 1) // 2)]
    reference_wall, reference_cpu = publish("reference")
    fast = before + [publish("fast") for _ in range(repeat // 2)]
    fast_wall = statistics.median(wall for wall, _ in fast)
    fast_cpu = statistics.median(cpu for _, cpu in fast)
    runs = ", ".join(f"{wall:.1f}" for wall, _ in fast)
    return [
        f"| mhgraph publish --rebuild (median of {len(fast)}: {runs}) | {fast_wall:.2f} "
        f"(CPU {fast_cpu:.2f}) | | |",
        f"| mhgraph publish --engine reference --rebuild | {reference_wall:.2f} "
        f"(CPU {reference_cpu:.2f}) | | |",
        f"| publish: reference / fast, wall | | {reference_wall / fast_wall:.1f}x | ≥ 10x |",
        f"| publish: reference / fast, CPU | | {reference_cpu / fast_cpu:.1f}x | |",
    ]


def median(command: list[str], env: dict[str, str], repeat: int) -> float:
    return statistics.median(timed(command, env) for _ in range(repeat))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def first_answer(env: dict[str, str], extra: list[str]) -> float:
    """Seconds from starting `mhgraph serve` to its first SPARQL answer."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/sparql?" + urlencode({"query": "ASK { ?s ?p ?o }"})
    started = time.perf_counter()
    server = subprocess.Popen(
        [MHGRAPH, *extra, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < 600:
            if server.poll() is not None:
                raise RuntimeError(f"mhgraph serve stopped with exit code {server.returncode}")
            try:
                with urllib.request.urlopen(url, timeout=5) as reply:
                    if reply.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.02)
        raise TimeoutError("the server did not answer within 600 s")
    finally:
        server.terminate()
        server.wait(timeout=30)


def row(label: str, seconds: float, against: float, target: str) -> str:
    return f"| {label} | {seconds:.2f} | {seconds / against:.1f}x | {target} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--query", default="delayed-activities")
    parser.add_argument("--no-reference", action="store_true", help="skip the slow runs")
    parser.add_argument(
        "--publish-only", action="store_true", help="only publish against its reference"
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="mhgraph-bench-"))
    env = {**os.environ, "MHGRAPH_CACHE_DIR": str(work / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    project = ["--project", str(REPOSITORY)]
    dist = work / "dist"
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}\n")
    if args.publish_only:
        print("| command (whole process) | wall s | ratio | target |")
        print("| --- | ---: | ---: | --- |")
        print("\n".join(publish_rows(env, project, work, args.repeat)))
        return 0

    build = timed([MHGRAPH, *project, "build", "-o", str(dist)], env)
    stored = REPOSITORY / "queries" / f"{args.query}.rq"
    dumps = [str(dist / "asserted.nt"), str(dist / "inferred.nt")]
    bare_query = median([sys.executable, "-c", _BARE_QUERY, str(stored), *dumps], env, args.repeat)
    query = median([MHGRAPH, *project, "query", args.query], env, args.repeat)
    sources = [
        str(p)
        for folder in ("ontology", "data")
        for p in sorted((REPOSITORY / folder).rglob("*"))
        if p.suffix == ".ttl"
    ]
    bare_parse = median([sys.executable, "-c", _BARE_PARSE, *sources], env, args.repeat)
    validate = median([MHGRAPH, *project, "validate"], env, args.repeat)
    validate_cold = median([MHGRAPH, *project, "validate", "--rebuild"], env, args.repeat)
    first_answer(env, project)  # publishes the site the next starts find kept
    serve = statistics.median(first_answer(env, project) for _ in range(args.repeat))

    print(f"mhgraph build (fast, first run): {build:.2f} s\n")
    print("| command (whole process) | wall s | ratio | target |")
    print("| --- | ---: | ---: | --- |")
    print(f"| bare script: load inferred N-Triples, run {args.query} | {bare_query:.2f} | 1.0x | |")
    print(row(f"mhgraph query {args.query} (after build)", query, bare_query, "≤ 3x bare script"))
    print(row("mhgraph serve, first answer (site kept)", serve, bare_query, "≤ 3x bare script"))
    print(f"| bare Oxigraph parse of ontology/ and data/ | {bare_parse:.2f} | 1.0x | |")
    print(row("mhgraph validate (after build)", validate, bare_parse, "≤ 5x bare parse"))
    print(row("mhgraph validate --rebuild", validate_cold, bare_parse, "≤ 5x bare parse"))
    if not args.no_reference:
        reference = timed(
            [MHGRAPH, *project, "validate", "--engine", "reference", "--rebuild"], env
        )
        print(f"| mhgraph validate --engine reference --rebuild | {reference:.2f} | | |")
        print(f"| validate: reference / fast after build | | {reference / validate:.1f}x | ≥ 10x |")
        print(
            f"| validate: reference / fast --rebuild | | {reference / validate_cold:.1f}x | ≥ 10x |"
        )
        print("\n".join(publish_rows(env, project, work, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
