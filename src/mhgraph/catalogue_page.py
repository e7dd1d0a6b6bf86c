"""The catalogue page (`queries/README.md`): each stored question, its parameters and a sample
of its answer.

The page is written from the `.rq` headers, so it cannot say something the queries do not.
Samples come from the graph as it is when the page is written; they sit between markers so a
test can compare the rest of the page with the headers without depending on the data.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping

from .graph import KnowledgeGraph
from .queries import Catalogue, StoredQuery
from .results import QueryResult, render

SAMPLE_ROWS = 5
SAMPLE_START = "<!-- sample -->"
SAMPLE_END = "<!-- /sample -->"

#: Headings for the families (the first tag of each query), in the order the page shows them.
FAMILIES = {
    "status": "Status of the activities",
    "structure": "Structure of the programme",
    "organisations": "Organisations",
    "products": "Products of the programme",
    "legal": "Legal and parliamentary",
    "international": "International",
    "themes": "Themes: forms of exploitation and target groups",
    "money-and-time": "Money and time",
    "inference": "Questions only the OWL RL closure answers",
    "data-quality": "Data quality",
}

_INTRO = """\
# Stored queries

The questions researchers ask of the *Samen tegen mensenhandel* knowledge graph, each answered by
one SPARQL file in this folder. A file's `#+` header (the grlc decorator convention) holds the
question in English and Dutch, what the answer relies on, and the parameters with their
defaults, so the folder also serves as a [grlc](https://github.com/CLARIAH/grlc) API.

Run a query with `mhgraph query NAME`, vary it with `--param name=VALUE` (values are bound as
RDF terms, never pasted into the query) and choose the output with
`--format table|csv|tsv|json|xml`; `--explain` shows the query with its parameters written in.
Queries tagged *inference* need the OWL RL closure, which `mhgraph query` computes by default;
`--inference none` shows what the asserted triples alone answer. An optional parameter (one not
required) given an empty value restricts nothing.

This page is written by `mhgraph queries page -o queries/README.md` from the headers, with a
sample of each answer on the graph as it was then; edit the `.rq` files, not this page.
"""


def render_page(catalogue: Catalogue, samples: Mapping[str, QueryResult] | None = None) -> str:
    """The whole page; without ``samples`` the sample blocks are left empty."""
    groups = _families(catalogue)
    out = [_INTRO, "## Contents", ""]
    for family, queries in groups.items():
        links = ", ".join(f"[{q.name}](#{q.name})" for q in queries)
        out.append(f"- **{_title(family)}**: {links}")
    for family, queries in groups.items():
        out += ["", f"## {_title(family)}"]
        for stored in queries:
            out += ["", *_section(stored, (samples or {}).get(stored.name))]
    return "\n".join(out) + "\n"


def without_samples(page: str) -> str:
    """The page with the contents of its sample blocks removed: what the headers decide."""
    pattern = re.escape(SAMPLE_START) + r".*?" + re.escape(SAMPLE_END)
    return re.sub(pattern, SAMPLE_START + SAMPLE_END, page, flags=re.DOTALL)


def sample_answers(catalogue: Catalogue, kg: KnowledgeGraph) -> dict[str, QueryResult]:
    """Every query's answer with its defaults, on the graph people query."""
    return {
        stored.name: stored.ordered(
            kg.query(stored.text, stored.bindings(), source=str(stored.path))
        )
        for stored in catalogue
    }


def _families(catalogue: Catalogue) -> dict[str, list[StoredQuery]]:
    groups: dict[str, list[StoredQuery]] = {family: [] for family in FAMILIES}
    for stored in sorted(catalogue, key=lambda q: q.name):
        family = stored.tags[0] if stored.tags else "other"
        groups.setdefault(family, []).append(stored)
    return {family: queries for family, queries in groups.items() if queries}


def _title(family: str) -> str:
    return FAMILIES.get(family, family.replace("-", " ").capitalize())


def _section(stored: StoredQuery, sample: QueryResult | None) -> list[str]:
    lines = [f"### {stored.name}", "", f"**{stored.summary}**"]
    if stored.summary_nl:
        lines[-1] += "  "
        lines.append(f"*{stored.summary_nl}*")
    for text in (stored.description, stored.description_nl):
        if text:
            lines += ["", " ".join(text.split())]
    lines += [
        "",
        f"Tags: {', '.join(stored.tags) or 'none'}. File: [`{stored.path.name}`]"
        f"({stored.path.name}).",
    ]
    lines += ["", *_parameter_table(stored), "", "```sh", _command(stored), "```", ""]
    lines += [SAMPLE_START, *_sample(sample), SAMPLE_END]
    return lines


def _parameter_table(stored: StoredQuery) -> list[str]:
    if not stored.parameters:
        return ["No parameters."]
    rows = ["| parameter | type | required | default |", "| --- | --- | --- | --- |"]
    for p in stored.parameters:
        default = f"`{p.default}`" if p.default else "(unbound)"
        rows.append(
            f"| `{p.name}` | {p.type_label} | {'yes' if p.required else 'no'} | {default} |"
        )
    return rows


def _command(stored: StoredQuery) -> str:
    params = [
        f"--param {shlex.quote(f'{p.name}={p.default}')}" for p in stored.parameters if p.default
    ]
    return " ".join(["mhgraph query", stored.name, *params])


def _sample(result: QueryResult | None) -> list[str]:
    if result is None:
        return []
    shown = QueryResult(result.kind, result.variables, result.rows[:SAMPLE_ROWS], result.boolean)
    total = len(result.rows)
    lead = (
        f"Sample answer with the defaults: the first {len(shown.rows)} of {total} rows."
        if total > SAMPLE_ROWS
        else f"Answer with the defaults ({total} row{'' if total == 1 else 's'})."
    )
    return ["", lead, "", "```text", render(shown, "table").rstrip("\n"), "```", ""]
