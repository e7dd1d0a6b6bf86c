"""The README's Python example runs as written: it is the first code a notebook user copies."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).parent.parent / "README.md"


def python_examples() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), re.M | re.S)


def test_the_readme_has_its_python_example():
    assert len(python_examples()) == 1


@pytest.mark.slow
def test_the_python_example_runs_and_prints_what_it_says():
    (example,) = python_examples()
    printed = io.StringIO()
    names: dict[str, object] = {"__name__": "readme_example"}
    with contextlib.redirect_stdout(printed):
        exec(compile(example, str(README), "exec"), names)
    first, *rows = printed.getvalue().splitlines()
    assert first.split()[0] == "True"  # the shipped graph conforms to its own shapes
    records = list(names["result"].records())  # type: ignore[attr-defined]
    assert records, "the stored query answered nothing for action line 1"
    assert len(rows) == len(records)
    for record in records:
        assert set(record) == {"result", "number", "status", "activities"}
        assert str(record["result"]).startswith("https://w3id.org/mhgraph/id/resultaat/")
