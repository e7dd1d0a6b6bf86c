"""Work done beside the main process: its result or its exception comes back whole, and
where forking is not safe the work is done in the process itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading

import pytest

from mhgraph.errors import OutputError
from mhgraph.forking import beside, forkable_cores


def in_fresh_process(code: str) -> dict:
    """Run ``code`` in a new interpreter (one thread, so forking is allowed) and read the
    JSON it prints last."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="a job runs beside this process only on Linux with two cores or more",
)
def test_a_job_runs_in_a_forked_process_while_the_block_runs():
    seen = in_fresh_process(
        """
        import json, os, time
        from mhgraph.forking import beside
        shared = {"loaded": list(range(5))}  # inherited by the fork, never pickled
        def job():
            return os.getpid(), sum(shared["loaded"])
        with beside(job) as result:
            mine = os.getpid()
            pid, total = result()
        print(json.dumps({"mine": mine, "theirs": pid, "total": total}))
        """
    )
    assert seen["theirs"] != seen["mine"]
    assert seen["total"] == 10


def test_a_mistake_in_the_job_comes_back_with_its_file_and_hint():
    seen = in_fresh_process(
        """
        import json
        from mhgraph.errors import OutputError
        from mhgraph.forking import beside
        def job():
            raise OutputError("cannot write: disk full", file="asserted.nt", hint="free space")
        try:
            with beside(job) as result:
                result()
        except OutputError as err:
            print(json.dumps({"kind": type(err).__name__, "line": err.one_line()}))
        """
    )
    assert seen["kind"] == "OutputError"
    assert seen["line"] == "asserted.nt: cannot write: disk full (free space)"


def test_with_threads_running_the_job_is_done_in_this_process_when_asked():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert forkable_cores() == 1
        calls: list[int] = []

        def job() -> int:
            calls.append(os.getpid())
            if len(calls) > 1:
                raise OutputError("ran twice")
            return 7

        with beside(job) as result:
            assert calls == []  # not before it is asked for
            assert result() == 7
            assert result() == 7
        assert calls == [os.getpid()]
    finally:
        stop.set()
        thread.join()
