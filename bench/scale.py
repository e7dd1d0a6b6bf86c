"""Scale the repository's graph to a given number of triples, as if there were many reports.

The programme (sections, results, activities and their funding, events and figures) is
copied with fresh IRIs and numbers: copy 17 turns ``resultaat:24`` into ``resultaat:1724``,
``activiteit:24.7`` into ``activiteit:1724.7`` and ``sectie:signalering`` into
``sectie:signalering-r17``, so every numbering and IRI rule of the shapes still holds. The
action lines, organisations, instruments, countries and vocabularies are shared, as they
would be between reports. A copy may stop part-way to hit the size: it then holds whole
groups of nodes that refer only to each other (a section with its results, activities and
everything they point to), so nothing dangles.

Then a known number of violations is injected, each one breaking exactly one constraint of
the shapes, and listed in ``scale.json`` next to the project::

    python bench/scale.py 100k --out /tmp/mhgraph-100k
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS
from rdflib.term import Node

from mhgraph.loading import load_sources
from mhgraph.namespaces import INSTANCE_PREFIXES, MH, MHSH, PREFIXES, bind_prefixes
from mhgraph.project import Project

#: Namespaces whose nodes are copied; the rest of the graph is shared by all copies.
COPIED = (
    "sectie",
    "resultaat",
    "activiteit",
    "financiering",
    "gebeurtenis",
    "kengetal",
    "product",
    "beoordeling",
)
#: Stands for the copy number in a block of Turtle until the copy is written out.
MARK = "\x00"
KINDS = ("amount", "status", "label")
REPLICA_FILE = "replicas.ttl"
MANIFEST = "scale.json"

_NUMBERED = re.compile(r"(\d+)(.*)")
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kKmM]?)")


@dataclass(frozen=True)
class Injection:
    """One violation put into the graph on purpose, as the validator should report it."""

    kind: str
    focus_node: str
    path: str
    source_shape: str


@dataclass
class Scaled:
    root: Path
    requested: int
    triples: int
    replicas: int
    partial_groups: int
    injected: list[Injection] = field(default_factory=list)


def parse_size(text: str) -> int:
    """``10k``, ``100k``, ``1M`` or a plain number of triples."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 10k, 100k or 1M")
    number, unit = match.groups()
    return int(float(number) * {"": 1, "k": 1_000, "m": 1_000_000}[unit.lower()])


class _Template:
    """The programme as Turtle blocks, one per subject, with the copy number left open."""

    def __init__(self, graph: Graph, subjects: list[URIRef]) -> None:
        self.graph = graph
        self.subjects = subjects
        self.copied = set(subjects)
        names = graph.namespace_manager
        self._names = names
        width = max(
            (len(m.group(1)) for s in subjects if (m := _NUMBERED.match(_local(s)[1]))),
            default=1,
        )
        self._width = width
        self.blocks = {subject: self.block(subject) for subject in subjects}
        self.sizes = {subject: self._count(subject) for subject in subjects}

    def _count(self, subject: Node) -> int:
        """Triples of a block, those of its nested blank nodes (qualified roles) included."""
        return sum(
            1 + (self._count(obj) if isinstance(obj, BNode) else 0)
            for _, obj in self.graph.predicate_objects(subject)
        )

    def rename(self, local: str, namespace: str) -> str:
        if namespace == "sectie":
            return f"{local}-r{MARK}"
        match = _NUMBERED.match(local)
        if match is None:
            raise ValueError(f"{namespace}:{local} does not start with a result number")
        number, rest = match.groups()
        return f"{MARK}{int(number):0{self._width}d}{rest}"

    def term(self, node: Node, subject: Node, predicate: Node) -> str:
        if isinstance(node, BNode):
            # A qualified role is written inside its activity, so each copy has its own.
            return "[ " + self._statements(node) + " ]"
        if node in self.copied:
            namespace, local = _local(node)
            return f"{namespace}:{self.rename(local, namespace)}"
        if (
            predicate == DCTERMS.identifier
            and isinstance(node, Literal)
            and _local(subject)[1] == str(node)
        ):
            # Numbered resources carry their number in the IRI too (IdentifierMatchesIriRule).
            namespace, local = _local(subject)
            return '"' + self.rename(local, namespace) + '"'
        return node.n3(self._names)

    def _statements(
        self, subject: Node, pairs: Iterable[tuple[Node, Node]] | None = None, joint: str = " ; "
    ) -> str:
        grouped: dict[Node, list[Node]] = {}
        for predicate, obj in pairs if pairs is not None else self.graph.predicate_objects(subject):
            grouped.setdefault(predicate, []).append(obj)
        statements = []
        for predicate in sorted(grouped, key=lambda p: (p != RDF.type, str(p))):
            objects = sorted(grouped[predicate], key=lambda o: (isinstance(o, BNode), str(o)))
            verb = "a" if predicate == RDF.type else predicate.n3(self._names)
            values = " , ".join(self.term(o, subject, predicate) for o in objects)
            statements.append(f"{verb} {values}")
        return joint.join(statements)

    def block(self, subject: URIRef, pairs: Iterable[tuple[Node, Node]] | None = None) -> str:
        head = self.term(subject, subject, RDF.type)
        return head + " " + self._statements(subject, pairs, " ;\n    ") + " .\n\n"

    def groups(self) -> list[list[URIRef]]:
        """Nodes that refer to each other, copied together so that nothing dangles."""
        parent = {subject: subject for subject in self.subjects}

        def find(node: URIRef) -> URIRef:
            while parent[node] != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        for subject in self.subjects:
            for obj in self.graph.objects(subject):
                if obj in self.copied:
                    parent[find(obj)] = find(subject)
        members: dict[URIRef, list[URIRef]] = {}
        for subject in self.subjects:
            members.setdefault(find(subject), []).append(subject)
        return sorted(members.values(), key=lambda group: (-len(group), str(group[0])))


def _local(node: Node) -> tuple[str, str]:
    for name in COPIED:
        namespace = INSTANCE_PREFIXES[name]
        if str(node).startswith(namespace):
            return name, str(node)[len(namespace) :]
    return "", str(node)


def _copied_subjects(graph: Graph) -> list[URIRef]:
    namespaces = tuple(INSTANCE_PREFIXES[name] for name in COPIED)
    return sorted(
        {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(namespaces)},
        key=str,
    )


def _plan(template: _Template, budget: int) -> tuple[int, list[list[URIRef]]]:
    """How many whole copies, and which groups of one more copy, come closest to ``budget``."""
    whole = sum(template.sizes.values())
    replicas, rest = divmod(max(budget, 0), whole)
    partial: list[list[URIRef]] = []
    left: list[list[URIRef]] = []
    for group in template.groups():
        size = sum(template.sizes[s] for s in group)
        if size <= rest:
            partial.append(group)
            rest -= size
        else:
            left.append(group)
    closest = min(left, key=lambda g: abs(rest - sum(template.sizes[s] for s in g)), default=None)
    if closest is not None and abs(rest - sum(template.sizes[s] for s in closest)) < rest:
        partial.append(closest)
    return replicas, partial


def _injections(
    template: _Template, copies: list[tuple[int, list[URIRef]]], count: int
) -> dict[tuple[int, URIRef], tuple[list[Injection], str]]:
    """Spread ``count`` violations evenly over the copies, taking the kinds in turn."""
    graph = template.graph
    candidates: dict[str, list[tuple[int, URIRef]]] = {kind: [] for kind in KINDS}
    for number, subjects in copies:
        for subject in subjects:
            for kind in KINDS:
                if _BREAK[kind][0](graph, subject):
                    candidates[kind].append((number, subject))
    kinds = [kind for kind in KINDS if candidates[kind]]
    if count and not kinds:
        raise ValueError("the scaled graph has no place to inject a violation")
    planned: dict[tuple[int, URIRef], list[str]] = {}
    for kind in kinds:
        pool = candidates[kind]
        wanted = len(range(kinds.index(kind), count, len(kinds)))
        if wanted > len(pool):
            raise ValueError(f"too few places for {wanted} '{kind}' violations")
        for index in range(wanted):
            planned.setdefault(pool[index * len(pool) // wanted], []).append(kind)
    chosen = {}
    for (number, subject), breaks in planned.items():
        pairs = list(graph.predicate_objects(subject))
        focus = template.term(subject, subject, RDF.type).replace(MARK, str(number))
        prefix, _, local = focus.partition(":")
        injections = []
        for kind in breaks:
            _test, change, path, shape = _BREAK[kind]
            pairs = change(pairs)
            injections.append(Injection(kind, PREFIXES[prefix] + local, str(path), str(shape)))
        chosen[(number, subject)] = (injections, template.block(subject, pairs))
    return chosen


Pairs = list[tuple[Node, Node]]


def _without(pairs: Pairs, predicate: URIRef, language: str | None = None) -> Pairs:
    return [
        (p, o)
        for p, o in pairs
        if p != predicate or (language is not None and getattr(o, "language", None) != language)
    ]


def _has_amount(graph: Graph, subject: URIRef) -> bool:
    return (subject, MH.amount, None) in graph


def _has_plain_status(graph: Graph, subject: URIRef) -> bool:
    # A delayed activity has an info finding of its own (DelayCauseRule): leave those alone.
    status = graph.value(subject, MH.status)
    return status is not None and not str(status).endswith("/vertraagd")


def _has_one_dutch_label(graph: Graph, subject: URIRef) -> bool:
    labels = [
        o for o in graph.objects(subject, SKOS.prefLabel) if getattr(o, "language", 0) == "nl"
    ]
    return (subject, RDF.type, MH.Activity) in graph and len(labels) == 1


#: kind -> (where it can go, how it breaks the node, the path and shape that report it)
_BREAK = {
    "amount": (
        _has_amount,
        lambda pairs: [
            *_without(pairs, MH.amount),
            (MH.amount, Literal("-1000", datatype=XSD.decimal)),
        ],
        MH.amount,
        MHSH.FundingAmountRule,
    ),
    # Dropping the confidence breaks one constraint; a changed status would also break the
    # rule that keeps it equal to the 2021 assessment.
    "status": (
        _has_plain_status,
        lambda pairs: _without(pairs, MH.statusConfidence),
        MH.statusConfidence,
        MHSH["Activity-statusConfidence"],
    ),
    "label": (
        _has_one_dutch_label,
        lambda pairs: _without(pairs, SKOS.prefLabel, "nl"),
        SKOS.prefLabel,
        MHSH["PrefLabel-nl"],
    ),
}


def _prefix_header(graph: Graph) -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in graph.namespaces()) + "\n"


def scale(project: Project, size: int, out: Path, *, violations: int = 12) -> Scaled:
    """Write a copy of ``project`` to ``out`` with about ``size`` triples and ``violations``."""
    base = load_sources(project.ontology_files + project.data_files).union()
    template_graph = Graph(bind_namespaces="none")
    for path in project.data_files:
        template_graph.parse(path, format="turtle")
    bind_prefixes(template_graph)
    template = _Template(template_graph, _copied_subjects(template_graph))
    if size < len(base):
        raise ValueError(f"{size} triples is smaller than the repository's {len(base)}")
    replicas, partial = _plan(template, size - len(base))
    copies = [(number, template.subjects) for number in range(1, replicas + 1)]
    if partial:
        copies.append((replicas + 1, [s for group in partial for s in group]))
    injected = _injections(template, copies, violations)

    if out.exists():
        shutil.rmtree(out)
    for folder in ("ontology", "data", "shapes", "queries"):
        if (project.root / folder).is_dir():
            shutil.copytree(project.root / folder, out / folder)
    written = 0
    with (out / "data" / REPLICA_FILE).open("w", encoding="utf-8") as stream:
        stream.write(_prefix_header(template_graph))
        for number, subjects in copies:
            text = []
            for subject in subjects:
                block = template.blocks[subject]
                if (number, subject) in injected:
                    block = injected[(number, subject)][1]
                text.append(block)
                written += template.sizes[subject]
            stream.write("".join(text).replace(MARK, str(number)))
    injections = [injection for listed, _ in injected.values() for injection in listed]
    dropped = sum(1 for injection in injections if injection.kind in ("label", "status"))
    result = Scaled(
        root=out,
        requested=size,
        triples=len(base) + written - dropped,
        replicas=replicas,
        partial_groups=len(partial),
        injected=injections,
    )
    manifest = {**asdict(result), "root": str(out)}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return result


def load_manifest(root: Path) -> Scaled:
    data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    data["root"] = Path(data["root"])
    data["injected"] = [Injection(**item) for item in data["injected"]]
    return Scaled(**data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=parse_size, help="triples wanted: 10k, 100k, 1M, …")
    parser.add_argument("--out", type=Path, required=True, help="folder for the scaled project")
    parser.add_argument("--project", type=Path, help="project to scale (default: this repository)")
    parser.add_argument("--violations", type=int, default=12, help="violations to inject")
    args = parser.parse_args(argv)
    project = Project.resolve(args.project)
    scaled = scale(project, args.size, args.out, violations=args.violations)
    print(
        f"{scaled.triples} triples ({scaled.replicas} copies + {scaled.partial_groups} groups), "
        f"{len(scaled.injected)} injected violations, in {scaled.root}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
