"""Checks on the asserted triples, made before the closure can change what they say.

Some mistakes are only visible, or only visible once, in what the curator wrote:

- a reference to a resource nobody defines (a typo in a slug): after reasoning, the range of
  the property makes the phantom an organisation, a country or an instrument, and shapes
  would ask the curator to describe it instead of naming the referring node and its line;
- a second value of a functional property (a second ``mh:status``);
- a property the ontology only entails (``mh:hasPart``, the inverse of ``mh:partOf``), written
  by hand: on the closure it cannot be told from an entailed one;
- a literal whose lexical form is not a value of its datatype (``"2021-13-01"^^xsd:date``) and
  a relative IRI that the parser resolved against the file (``<www.comensha.nl/>``).

Each finding names the node that holds the mistake, with its file and line. The caller
(:func:`mhgraph.validation.validate`) drops the closure's findings about the same node and
property, and every finding on or about a phantom, so that one mistake gives one finding.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import XSD, BNode, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from .findings import Finding, Severity
from .loading import Location
from .namespaces import BASE_IRI, COUNTRY, MH, MHSH, prefixed
from .terms import WEB_LINKS

Select = Callable[[str], list[tuple[Node | None, ...]]]
Locate = Callable[[Node], Location | None]
Describe = Callable[[Node], str]

#: Properties the ontology entails and the data must never state: the inverses and
#: super-properties of what the curator writes. Stated by hand they would change answers
#: (``?x mh:hasPart ?y`` would hold without ``?y mh:partOf ?x``) unseen on the closure.
INFERRED_ONLY = (
    MH.partOf,
    MH.hasPart,
    DCTERMS.isPartOf,
    MH.involvedIn,
    MH.referencedBy,
    DCTERMS.spatial,
    DCTERMS.references,
    MH.hasAssessment,
)
#: Where each inferred-only property comes from, for the message.
_STATE_INSTEAD = {
    MH.partOf: "mh:partOfResult, mh:partOfActivity, mh:partOfActionLine or mh:inSection",
    MH.hasPart: "mh:partOfResult, mh:partOfActivity, mh:partOfActionLine or mh:inSection "
    "on the part",
    DCTERMS.isPartOf: "mh:partOfResult, mh:partOfActivity, mh:partOfActionLine or mh:inSection",
    MH.involvedIn: "a role (mh:executor, mh:partner, …) or mh:involves on the activity",
    MH.referencedBy: "mh:refersTo or mh:respondsTo on the activity or result",
    DCTERMS.spatial: "mh:country or mh:region",
    DCTERMS.references: "mh:refersTo or mh:respondsTo",
    MH.hasAssessment: "mh:assessmentOf on the assessment",
}

DANGLING = MHSH.DanglingReferenceCheck
FUNCTIONAL = MHSH.FunctionalPropertyCheck
INFERRED = MHSH.InferredOnlyPropertyCheck
ILL_TYPED = MHSH.LexicalFormCheck
RELATIVE = MHSH.RelativeIriCheck

_PROJECT_NAMESPACES = (BASE_IRI + "id/", str(COUNTRY))
_FORMS = {
    XSD.date: ("een datum JJJJ-MM-DD, bijv. 2021-12-01", "a date YYYY-MM-DD, e.g. 2021-12-01"),
    XSD.gYear: ("een jaartal JJJJ, bijv. 2021", "a year YYYY, e.g. 2021"),
    XSD.gYearMonth: ("een maand JJJJ-MM, bijv. 2021-12", "a month YYYY-MM, e.g. 2021-12"),
    XSD.decimal: (
        "een getal met een punt, zonder duizendtallen, bijv. 1600000.0",
        "a number with a point and no thousands separators, e.g. 1600000.0",
    ),
    XSD.integer: ("een geheel getal, bijv. 42", "a whole number, e.g. 42"),
    XSD.boolean: ("true of false", "true or false"),
}


class _LexicalFormTracebacks(logging.Filter):
    """rdflib logs a traceback for every ill-typed literal it reads; :func:`_ill_typed`
    reports each one as a finding with its file and line, and the traceback would bury it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


logging.getLogger("rdflib.term").addFilter(_LexicalFormTracebacks())


@dataclass
class AssertedCheck:
    """The findings, and what they make redundant among the closure's findings."""

    findings: list[Finding] = field(default_factory=list)
    #: IRIs referred to but defined nowhere: the closure's findings about them are noise.
    phantoms: set[str] = field(default_factory=set)
    #: (focus node, property) pairs already reported here.
    claimed: set[tuple[str | None, str | None]] = field(default_factory=set)

    def supersedes(self, finding: Finding) -> bool:
        """Whether a finding on the closure repeats (or follows from) one made here."""
        return (
            finding.focus_node in self.phantoms
            or finding.value in self.phantoms
            or (finding.focus_node, finding.path) in self.claimed
        )

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)
        self.claimed.add((finding.focus_node, finding.path))


def check_asserted(
    select: Select,
    locate: Locate,
    describe: Describe,
    folders: Iterable[str] = (),
) -> AssertedCheck:
    """Run every check on the asserted triples. ``select`` answers a SELECT over them,
    ``locate`` finds a node's file and line, ``describe`` names a node (blank nodes by the
    node that holds them); ``folders`` are the file: IRIs of the folders the files were
    read from, to show a relative IRI as it was written."""
    names = _Names(select)
    check = AssertedCheck()
    for finding in _dangling(select, locate, describe, names, check):
        check.add(finding)
    for finding in _functional(select, locate, describe, names):
        check.add(finding)
    for finding in _inferred_only(select, locate, describe, names):
        check.add(finding)
    for finding in _ill_typed(select, locate, describe, names):
        check.add(finding)
    for finding in _relative(select, locate, describe, names, tuple(folders)):
        check.add(finding)
    return check


class _Names:
    """Short names for messages: prefixed names, and nodes by their kind and number."""

    def __init__(self, select: Select) -> None:
        self._select = select
        self._kinds: dict[Node, tuple[str, str]] | None = None

    def short(self, node: Node) -> str:
        if isinstance(node, Literal):
            return f'"{node}"'
        return prefixed(str(node)) or f"<{node}>"

    def node(self, node: Node, describe: Describe, location: Location | None) -> tuple[str, str]:
        """``activity 24.7 (data/actielijn-3.ttl:567)`` in English and in Dutch."""
        if self._kinds is None:
            rows = self._select(
                "SELECT ?s ?nl ?en ?id WHERE { ?s a ?c . ?c rdfs:label ?nl , ?en "
                'FILTER (LANGMATCHES(LANG(?nl), "nl") && LANGMATCHES(LANG(?en), "en")) '
                "OPTIONAL { ?s dcterms:identifier ?id } }"
            )
            kinds: dict[Node, tuple[str, str]] = {}
            for subject, dutch, english, number in sorted(rows, key=lambda r: tuple(map(str, r))):
                if subject is not None and number is not None and subject not in kinds:
                    kinds[subject] = (
                        f"{str(dutch).lower()} {number}",
                        f"{str(english).lower()} {number}",
                    )
            self._kinds = kinds
        plain = self.short(node) if isinstance(node, URIRef) else describe(node)
        nl, en = self._kinds.get(node, (plain, plain))
        where = ""
        if location is not None:
            where = f" ({location.file}" + (f":{location.line})" if location.line else ")")
        return nl + where, en + where


def _finding(
    rule: URIRef,
    subject: Node,
    predicate: Node,
    value: Node | None,
    messages: dict[str, str],
    location: Location | None,
    describe: Describe,
) -> Finding:
    return Finding(
        severity=Severity.VIOLATION,
        messages=messages,
        focus_node=describe(subject),
        path=str(predicate),
        value=str(value) if value is not None else None,
        source_shape=str(rule),
        constraint=str(rule),
        file=location.file if location else None,
        line=location.line if location else None,
    )


def _statements(select: Select, query: str) -> list[tuple[Node, Node, Node]]:
    """The ``?s ?p ?o`` rows of a query, in one order for both engines (their blank node
    labels differ, so blank nodes sort last by label only among themselves)."""
    rows = [
        (s, p, o) for s, p, o in select(query) if s is not None and p is not None and o is not None
    ]
    return sorted(rows, key=lambda row: tuple((isinstance(t, BNode), str(t)) for t in row))


def _dangling(
    select: Select, locate: Locate, describe: Describe, names: _Names, check: AssertedCheck
) -> list[Finding]:
    namespaces = " || ".join(f'STRSTARTS(STR(?o), "{ns}")' for ns in _PROJECT_NAMESPACES)
    links = ", ".join(f"<{p}>" for p in WEB_LINKS)
    # The targets are far fewer than the links: the subjects are taken away from them in one
    # go (MINUS, where NOT EXISTS looked each link's target up, ten times slower at a
    # million triples), and only the links to what is left are read again.
    rows = _statements(
        select,
        "SELECT ?s ?p ?o WHERE { { SELECT DISTINCT ?o WHERE { ?s ?p ?o "
        f"FILTER (isIRI(?o) && ?p NOT IN ({links}) && ({namespaces})) }} }} "
        "MINUS { ?o ?q ?x } "
        f"?s ?p ?o FILTER (?p NOT IN ({links})) }}",
    )
    if not rows:
        return []
    # Suggestions come from the namespaces of the undefined names only.
    spaces = sorted({str(value).rpartition("/")[0] + "/" for _, _, value in rows})
    defined = sorted(
        str(s)
        for space in spaces
        for (s,) in select(
            f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER (STRSTARTS(STR(?s), "{space}")) }}'
        )
    )
    found = []
    for subject, predicate, value in rows:
        check.phantoms.add(str(value))
        location = locate(subject)
        nl_node, en_node = names.node(subject, describe, location)
        nearest = [names.short(URIRef(c)) for c in nearest_names(str(value), defined)]
        en = (
            f"{en_node} refers to {names.short(value)} ({names.short(predicate)}), which is not "
            "defined anywhere; "
            + (
                f"did you mean {' or '.join(nearest)}?"
                if nearest
                else "correct the name, or describe it in data/"
            )
        )
        nl = (
            f"{nl_node} verwijst naar {names.short(value)} ({names.short(predicate)}), dat "
            "nergens gedefinieerd is; "
            + (
                f"bedoelde u {' of '.join(nearest)}?"
                if nearest
                else "verbeter de naam, of beschrijf het in data/"
            )
        )
        found.append(
            _finding(DANGLING, subject, predicate, value, {"nl": nl, "en": en}, location, describe)
        )
    return found


def nearest_names(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates in ``name``'s namespace nearest to it by edit distance, if near enough
    to be a typo: at most a third of the local name's length, and at least 2."""
    namespace, _, local = name.rpartition("/")
    scored = []
    for candidate in candidates:
        other_namespace, _, other = candidate.rpartition("/")
        if other_namespace != namespace:
            continue
        distance = edit_distance(local, other)
        if distance <= max(2, len(local) // 3):
            scored.append((distance, candidate))
    scored.sort()
    if not scored:
        return []
    best = scored[0][0]
    return [candidate for distance, candidate in scored if distance == best][:limit]


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions of one character."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def _functional(select: Select, locate: Locate, describe: Describe, names: _Names) -> list[Finding]:
    # Only subjects with two terms for a property can have two values: counted by the store,
    # so that only their statements are read.
    rows = _statements(
        select,
        "SELECT ?s ?p ?o WHERE { { SELECT ?s ?p WHERE { ?p a owl:FunctionalProperty . ?s ?p ?o "
        f'FILTER (STRSTARTS(STR(?p), "{MH}")) }} GROUP BY ?s ?p HAVING (COUNT(DISTINCT ?o) > 1) }} '
        "?s ?p ?o }",
    )
    values: dict[tuple[Node, Node], dict[object, Node]] = defaultdict(dict)
    for subject, predicate, value in rows:
        values[(subject, predicate)].setdefault(_value_key(value), value)
    found = []
    for (subject, predicate), distinct in values.items():
        if len(distinct) < 2:
            continue
        shown = " , ".join(names.short(v) for v in distinct.values())
        location = locate(subject)
        nl_node, en_node = names.node(subject, describe, location)
        prop = names.short(predicate)
        en = (
            f"{en_node} has {len(distinct)} values for {prop} ({shown}), which allows one; "
            "keep the one the report supports and delete the others"
        )
        nl = (
            f"{nl_node} heeft {len(distinct)} waarden voor {prop} ({shown}), dat er één toestaat; "
            "houd de waarde die het rapport steunt en verwijder de andere"
        )
        last = list(distinct.values())[-1]
        found.append(
            _finding(FUNCTIONAL, subject, predicate, last, {"nl": nl, "en": en}, location, describe)
        )
    return found


def _value_key(value: Node) -> object:
    """Equal values written differently (1.0 and 1.00) count once, as Oxigraph stores them."""
    if isinstance(value, Literal) and not is_ill_typed(value) and value.datatype is not None:
        return ("literal", str(value.datatype), value.toPython())
    return value


def _inferred_only(
    select: Select, locate: Locate, describe: Describe, names: _Names
) -> list[Finding]:
    properties = " ".join(f"<{p}>" for p in INFERRED_ONLY)
    rows = _statements(select, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {properties} }} ?s ?p ?o }}")
    found = []
    seen: set[tuple[Node, Node]] = set()
    for subject, predicate, value in rows:
        if (subject, predicate) in seen:
            continue
        seen.add((subject, predicate))
        location = locate(subject)
        nl_node, en_node = names.node(subject, describe, location)
        prop = names.short(predicate)
        instead = _STATE_INSTEAD[URIRef(str(predicate))]
        en = (
            f"{en_node} states {prop} {names.short(value)} by hand; {prop} is only inferred "
            f"(it would change the answers of queries unnoticed): delete it and state {instead}"
        )
        nl = (
            f"{nl_node} legt {prop} {names.short(value)} met de hand vast; {prop} wordt alleen "
            "afgeleid (met de hand verandert het ongemerkt de antwoorden van vragen): verwijder "
            f"het en gebruik {instead}"
        )
        found.append(
            _finding(INFERRED, subject, predicate, value, {"nl": nl, "en": en}, location, describe)
        )
    return found


def _ill_typed(select: Select, locate: Locate, describe: Describe, names: _Names) -> list[Finding]:
    rows = _statements(
        select,
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER (isLiteral(?o) "
        f'&& STRSTARTS(STR(DATATYPE(?o)), "{XSD}") && DATATYPE(?o) != xsd:string) }}',
    )
    found = []
    for subject, predicate, value in rows:
        if not isinstance(value, Literal) or value.datatype is None or not is_ill_typed(value):
            continue
        datatype = URIRef(value.datatype)
        form_nl, form_en = _FORMS.get(datatype, ("", ""))
        location = locate(subject)
        nl_node, en_node = names.node(subject, describe, location)
        prop, kind = names.short(predicate), names.short(datatype)
        en = f'{en_node}: the value "{value}" of {prop} is not a valid {kind}' + (
            f"; write {form_en}" if form_en else ""
        )
        nl = f'{nl_node}: de waarde "{value}" van {prop} is geen geldige {kind}' + (
            f"; schrijf {form_nl}" if form_nl else ""
        )
        found.append(
            _finding(ILL_TYPED, subject, predicate, value, {"nl": nl, "en": en}, location, describe)
        )
    return found


#: XML Schema's lexical forms of the calendar types (rdflib accepts "202" as a gYear).
_CALENDAR_FORMS = {
    XSD.gYear: re.compile(r"-?([1-9][0-9]{4,}|[0-9]{4})(Z|[+-][0-9]{2}:[0-9]{2})?"),
    XSD.gYearMonth: re.compile(
        r"-?([1-9][0-9]{4,}|[0-9]{4})-(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?"
    ),
}


def is_ill_typed(value: Literal) -> bool:
    """Whether a literal's lexical form is not a value of its datatype."""
    form = _CALENDAR_FORMS.get(URIRef(value.datatype)) if value.datatype else None
    if form is not None:
        return form.fullmatch(str(value)) is None
    return bool(value.ill_typed)


def _relative(
    select: Select, locate: Locate, describe: Describe, names: _Names, folders: tuple[str, ...]
) -> list[Finding]:
    rows = _statements(
        select,
        'SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER (isIRI(?o) && STRSTARTS(STR(?o), "file:")) }',
    )
    found = []
    for subject, predicate, value in rows:
        written = _as_written(str(value), folders)
        location = locate(subject)
        nl_node, en_node = names.node(subject, describe, location)
        prop = names.short(predicate)
        en = (
            f"{en_node}: {prop} <{written}> is a relative IRI, which was read as the file "
            f"{value}; write the whole address, e.g. <https://{written}>"
        )
        nl = (
            f"{nl_node}: {prop} <{written}> is een relatieve IRI, die gelezen is als het bestand "
            f"{value}; schrijf het hele adres, bijv. <https://{written}>"
        )
        found.append(
            _finding(RELATIVE, subject, predicate, value, {"nl": nl, "en": en}, location, describe)
        )
    return found


def _as_written(iri: str, folders: tuple[str, ...]) -> str:
    """The relative IRI as the file had it: the file IRI without the folder it was read from."""
    for folder in sorted(folders, key=len, reverse=True):
        if iri.startswith(folder):
            return iri[len(folder) :]
    return iri.rsplit("/", 2)[-2] + "/" if iri.endswith("/") else iri.rsplit("/", 1)[-1]
