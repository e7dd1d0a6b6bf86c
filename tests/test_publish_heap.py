"""The publication's long-lived objects are out of the collector's rounds only while it runs."""

from __future__ import annotations

import gc

from mhgraph.publish.heap import settle, settled


def collected(thing: object) -> bool:
    """Whether the collector's rounds reach ``thing`` (settled objects are out of them)."""
    return any(found is thing for found in gc.get_objects())


def test_what_is_settled_is_handed_back_to_the_collector_at_the_end():
    """A server publishes in a long-lived process: nothing stays out of the collector's reach."""
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
    built = [["built outside"]]
    settle()
    assert collected(built)
