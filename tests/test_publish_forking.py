"""Work done beside the publication in a forked process gives the value it gives here."""

from __future__ import annotations

import os
import threading

import pytest

from mhgraph.publish.forking import beside, forkable


def needs_fork() -> None:
    if forkable() < 2:
        pytest.skip("no fork here (not Linux, threads running, or one core)")


def test_the_value_comes_from_another_process():
    needs_fork()
    value = beside(lambda: os.getpid())
    assert value() != os.getpid()


def test_the_value_is_any_picklable_value():
    needs_fork()
    value = beside(lambda: {"content": "sha256:abc", "parts": [1, 2]})
    assert value() == {"content": "sha256:abc", "parts": [1, 2]}


def test_a_failure_beside_is_raised_here_with_its_own_error():
    """The forked process says nothing; the work is done again here, so its error is the one
    a publication without the fork would show."""
    needs_fork()
    calls = []

    def broken() -> str:
        calls.append(os.getpid())
        raise ValueError("the graph is broken")

    value = beside(broken)
    with pytest.raises(ValueError, match="the graph is broken"):
        value()
    assert calls == [os.getpid()]  # here once; the forked process's call is not seen here


def test_one_process_runs_the_work_when_asked_for():
    calls = []
    value = beside(lambda: calls.append(os.getpid()) or len(calls), processes=1)
    assert calls == []
    assert value() == 1 and calls == [os.getpid()]


def test_no_fork_while_other_threads_run():
    """A server publishing its site has threads; a forked copy could wait on their locks."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert forkable() == 1
        assert beside(lambda: os.getpid())() == os.getpid()
    finally:
        stop.set()
        other.join()


def collected(thing: object) -> bool:
    """Whether the collector's rounds reach ``thing`` (settled objects are out of them)."""
    import gc

    return any(found is thing for found in gc.get_objects())


def test_what_is_settled_is_handed_back_to_the_collector_at_the_end():
    """A server publishes in a long-lived process: nothing stays out of the collector's reach."""
    from mhgraph.publish.forking import settle, settled

    graph = [["a graph built before"]]
    with settled():
        assert not collected(graph)
        with settled():  # a second publication at the same time
            pass
        assert not collected(graph)  # until the last block ends
        indexes = [["indexes built within"]]
        assert collected(indexes)
        settle()
        assert not collected(indexes)
    assert collected(graph) and collected(indexes)


def test_settle_outside_a_settled_block_keeps_nothing():
    from mhgraph.publish.forking import settle

    built = [["built outside"]]
    settle()
    assert collected(built)
