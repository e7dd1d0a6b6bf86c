"""Every stage of the pipeline, for both engines, side by side, at several sizes.

For each size the repository's graph is scaled (``bench/scale.py``) and each engine runs
in a fresh process of its own: parse, closure, validation, every stored query and the
export of ``mhgraph build``, each timed, with the peak memory of the process. A bare
Oxigraph parse of the same files, in a process of its own too, is the floor every ratio is
measured against. Then the whole commands: ``mhgraph validate`` on the repository's graph
with each engine, and ``mhgraph build`` with the fast engine at each size.

The reference engine is skipped at a size where, extrapolated from the sizes it already
ran, it would take longer than ``--budget`` seconds; the output says so::

    python bench/pipeline.py --sizes 10k,100k,1M
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from mhgraph.project import Project  # noqa: E402

#: Seconds a stored query may take before it is stopped and reported as such.
QUERY_LIMIT = 60.0
from scale import parse_size, scale  # noqa: E402

_FLOOR = """
import sys, time
started = time.perf_counter()
import pyoxigraph
store = pyoxigraph.Store()
for path in sys.argv[1:]:
    store.bulk_load(path=path, format=pyoxigraph.RdfFormat.from_extension(path.rsplit(".", 1)[1]))
print(time.perf_counter() - started)
"""


def run_process(command: list[str], limit: float | None = None) -> tuple[float, int, str]:
    """Wall time, peak memory (MB) and output of one child process, stopped after ``limit``
    seconds (:class:`TimeoutError`)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if limit is not None and time.perf_counter() - started > limit:
                child.kill()
                os.wait4(child.pid, 0)
                raise TimeoutError(f"stopped after {limit:.0f} s")
            time.sleep(0.005)
        elapsed = time.perf_counter() - started
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed:\n{text}")
    return elapsed, usage.ru_maxrss // 1024, text


def worker(engine: str, root: Path) -> None:
    """One engine through every stage, in this process; prints the timings as JSON."""
    from mhgraph import Catalogue, load_graph
    from mhgraph.pipeline import GRAPH_FILES
    from mhgraph.validation import validate

    project = Project.at(root)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    kg = load_graph(project, inference="none", engine=engine)
    timings["parse"] = time.perf_counter() - started
    started = time.perf_counter()
    kg.store.reason("owlrl", lambda _: None)
    kg.inference = "owlrl"
    timings["closure"] = time.perf_counter() - started
    started = time.perf_counter()
    outcome = validate(project, knowledge_graph=kg)
    timings["validate"] = time.perf_counter() - started
    for stored in Catalogue.load(project.queries_dir):
        timings[f"query {stored.name}"] = _timed_query(kg, stored, QUERY_LIMIT)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:  # the files of `mhgraph build -o`
        for part, fmt, name in GRAPH_FILES:
            with open(Path(folder) / name, "wb") as stream:
                kg.export(part, fmt, stream)
    timings["export"] = time.perf_counter() - started
    timings["triples"] = kg.count("all")
    timings["violations"] = outcome.findings.count(3)
    print(json.dumps(timings))


def _timed_query(kg, stored, limit: float) -> float:
    """One stored query in a forked copy of this process, so that a query that runs away
    can be stopped (Oxigraph cannot be interrupted); -1 when it was."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reading)
        started = time.perf_counter()
        kg.query(stored.text, stored.bindings(), source=str(stored.path))
        os.write(writing, str(time.perf_counter() - started).encode())
        os._exit(0)
    os.close(writing)
    started = time.perf_counter()
    while not os.waitpid(child, os.WNOHANG)[0]:
        if time.perf_counter() - started > limit:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            os.close(reading)
            return -1.0
        time.sleep(0.005)
    answer = os.read(reading, 64).decode()
    os.close(reading)
    return float(answer)


def measure(engine: str, root: Path, limit: float | None = None) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", engine, str(root)]
    elapsed, memory, text = run_process(command, limit)
    result = json.loads(text.strip().splitlines()[-1])
    result["process"] = elapsed
    result["memory"] = memory
    return result


def files_of(root: Path) -> list[str]:
    project = Project.at(root)
    return [str(p) for p in project.ontology_files + project.data_files]


def floor(root: Path) -> tuple[float, float, int]:
    """The bare Oxigraph parse: whole process, parse alone, peak memory."""
    elapsed, memory, text = run_process([sys.executable, "-c", _FLOOR, *files_of(root)])
    return elapsed, float(text.strip().splitlines()[-1]), memory


def mhgraph(*arguments: str) -> tuple[float, int]:
    command = [str(Path(sys.executable).with_name("mhgraph")), *arguments]
    elapsed, memory, _text = run_process(command)
    return elapsed, memory


def predict(history: list[tuple[int, float]], size: int) -> float:
    """Extrapolate a time to ``size``, with the growth the measured sizes show (at least
    linear)."""
    (small, t_small), (large, t_large) = (history[0], history[-1])
    exponent = 1.0
    if large > small and t_small > 0:
        import math

        exponent = max(1.0, math.log(t_large / t_small) / math.log(large / small))
    return t_large * (size / large) ** exponent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M", help="comma-separated sizes")
    parser.add_argument("--budget", type=float, default=600, help="seconds per reference run")
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "mhgraph-bench"
    )
    parser.add_argument(
        "--measured",
        action="append",
        default=[],
        metavar="SIZE=SECONDS",
        help="a reference run of an earlier invocation, to extrapolate from",
    )
    parser.add_argument(
        "--no-repository", action="store_true", help="skip the commands on the repository"
    )
    parser.add_argument("--worker", nargs=2, metavar=("ENGINE", "PROJECT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]))
        return 0

    repository = Project.default().root
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    history: list[tuple[int, float]] = []
    for measured in args.measured:
        size, _, seconds = measured.partition("=")
        history.append((parse_size(size), float(seconds)))
    if not args.no_repository:
        compare_validate(repository)
    compare_sizes(args, history)
    return 0


def compare_validate(repository: Path) -> None:
    print("\n## mhgraph validate on the repository's graph (whole process)\n")
    bare, _parse, _mem = floor(repository)
    times = {
        engine: mhgraph("--project", str(repository), "validate", "--engine", engine)
        for engine in ("reference", "fast")
    }
    print("| command | wall s | peak MB | vs reference | vs bare parse |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| bare Oxigraph parse (python -c) | {bare:.2f} | {_mem} | | 1.0 |")
    for engine, (elapsed, memory) in times.items():
        speedup = times["reference"][0] / elapsed
        print(
            f"| mhgraph validate --engine {engine} | {elapsed:.2f} | {memory} | "
            f"{speedup:.1f}x faster | {elapsed / bare:.1f}x |"
        )


def compare_sizes(args: argparse.Namespace, history: list[tuple[int, float]]) -> None:
    for size in [parse_size(text) for text in args.sizes.split(",")]:
        root = args.workdir / f"scaled-{size}"
        scaled = scale(Project.default(), size, root)
        print(
            f"\n## {scaled.triples} asserted triples ({len(scaled.injected)} injected violations)\n"
        )
        bare, parse_only, floor_memory = floor(root)
        results = {"fast": measure("fast", root)}
        skipped = ""
        if history and predict(history, size) > args.budget:
            skipped = f"skipped: predicted {predict(history, size):.0f} s > {args.budget:.0f} s"
        else:
            try:
                results["reference"] = measure("reference", root, args.budget)
                history.append((size, results["reference"]["process"]))
            except TimeoutError as stopped:
                skipped = f"{stopped} (budget {args.budget:.0f} s)"
                history.append((size, args.budget))
        build, build_memory = mhgraph(
            "--project", str(root), "build", "--engine", "fast", "-o", str(root / "dist")
        )
        print(
            f"bare Oxigraph parse: {bare:.2f} s as a process ({parse_only:.2f} s parsing), "
            f"{floor_memory} MB"
        )
        print(
            f"mhgraph build --engine fast: {build:.2f} s, {build_memory} MB peak, "
            f"{build / bare:.1f}x the bare parse"
        )
        if skipped:
            print(f"reference engine {skipped}")
        print("\n| stage | reference s | fast s | reference/fast | fast/bare parse |")
        print("| --- | ---: | ---: | ---: | ---: |")
        fast = results["fast"]
        reference = results.get("reference", {})
        for stage in [k for k in fast if k not in ("triples", "violations", "memory")]:
            ref = reference.get(stage)
            if fast[stage] < 0:
                print(f"| {stage} | — | stopped after {QUERY_LIMIT:.0f} s | | |")
                continue
            ratio = f"{ref / fast[stage]:.0f}x" if ref and ref > 0 and fast[stage] else ""
            ref_text = f"{ref:.3f}" if ref is not None and ref >= 0 else "—"
            print(
                f"| {stage} | {ref_text} | {fast[stage]:.3f} | {ratio} | {fast[stage] / bare:.3f} |"
            )
        ref_memory = reference.get("memory", "—")
        print(f"| peak memory MB | {ref_memory} | {fast['memory']} | | |")
        print_targets(bare, build, max(build_memory, fast["memory"]), fast)
        sys.stdout.flush()


def print_targets(bare: float, build: float, memory: int, fast: dict[str, float]) -> None:
    """The targets of one size, measured in this run: the build within 10x of the bare
    parse, under 4 GB, and every stored query under a tenth of the bare parse."""
    queries = {k: v for k, v in fast.items() if k.startswith("query ")}
    slow = sorted(k[6:] for k, v in queries.items() if v < 0 or v > bare / 10)
    print("\n| target | measured | met |")
    print("| --- | --- | --- |")
    print(f"| build within 10x the bare parse | {build / bare:.1f}x | {_met(build <= 10 * bare)} |")
    print(f"| peak memory under 4 GB | {memory} MB | {_met(memory < 4096)} |")
    print(
        f"| every stored query under a tenth of the bare parse ({bare / 10:.2f} s) | "
        f"{len(queries) - len(slow)} of {len(queries)} | {_met(not slow)} |"
    )
    if slow:
        print(f"\nover a tenth of the bare parse: {', '.join(slow)}")


def _met(condition: bool) -> str:
    return "yes" if condition else "**no**"


if __name__ == "__main__":
    sys.exit(main())
