"""A resource as a document: what a reader of a page wants first, in the page's language.

A page about an activity opens with its number, title and status, then what it is about,
who takes part in which role, money, dates, figures, legal instruments and places; a result
or action line shows its results and activities as a tree with their statuses; an
organisation, a country or a legal instrument lists its activities as a table. Whatever the
layout does not place (a property the data model gains later, for instance) still appears,
labelled and formatted, under "more details"; the raw triples stay behind a disclosure.

Everything here is plain data; the templates escape every value.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, BNode, Literal, Namespace, URIRef
from rdflib.term import Node

from . import i18n
from .model import FIRST, Row, SiteGraph, natural_key

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
_NUMBERS = {XSD.decimal, XSD.integer, XSD.double, XSD.float, XSD.int, XSD.long}
_DATES = {XSD.date, XSD.dateTime, XSD.gYear, XSD.gYearMonth}


@dataclass(frozen=True)
class Link:
    """A resource as a reader sees it: number, label in the page's language, status."""

    text: str
    href: str | None
    number: str = ""
    status: Badge | None = None
    lang: str | None = None
    external: bool = False


@dataclass(frozen=True)
class Badge:
    notation: str
    label: str
    href: str | None = None


@dataclass
class StatusBlock:
    badge: Badge
    confidence: str
    derived: bool


@dataclass
class Tally:
    """How many activities have each status, for a summary bar."""

    badge: Badge
    count: int
    share: float


@dataclass
class Branch:
    """One entry of a tree: a result with its activities, an activity with its parts."""

    link: Link
    children: list[Branch] = field(default_factory=list)


@dataclass
class Group:
    """Values under one heading: organisations in one role, activity types, …"""

    label: str
    values: Sequence[Link | str]


@dataclass
class Amount:
    short: str
    full: str
    href: str | None
    description: str
    period: str
    funders: list[Link]
    recipients: list[Link]
    activity: Link | None = None


@dataclass
class Dated:
    when: str
    order: str
    text: str
    href: str | None
    kind: str = ""


@dataclass
class Count:
    value: str
    text: str
    when: str
    href: str | None


@dataclass
class Instrument:
    link: Link
    relation: str
    official: str | None


@dataclass
class LinkedActivity:
    link: Link
    roles: list[str]


@dataclass
class Document:
    """Everything the document part of a resource page shows."""

    kind: str
    number: str
    title: str
    other_title: str
    crumbs: list[Link]
    short: list[str] = field(default_factory=list)
    #: The one relation every activity in ``activities`` has to the resource, if there is one.
    relation: str = ""
    official: str | None = None
    status: StatusBlock | None = None
    description: str = ""
    notes: list[Group] = field(default_factory=list)
    facts: list[Group] = field(default_factory=list)
    roles: list[Group] = field(default_factory=list)
    money: list[Amount] = field(default_factory=list)
    timeline: list[Dated] = field(default_factory=list)
    figures: list[Count] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    places: list[Group] = field(default_factory=list)
    classification: list[Group] = field(default_factory=list)
    tree: list[Branch] = field(default_factory=list)
    tree_title: str = ""
    tally: list[Tally] = field(default_factory=list)
    activities: list[LinkedActivity] = field(default_factory=list)
    members: list[Link] = field(default_factory=list)
    members_title: str = ""
    related: list[Link] = field(default_factory=list)
    more: list[Group] = field(default_factory=list)


class Reader:
    """Reads documents out of the site's graph, for pages in one language."""

    def __init__(self, graph: SiteGraph, language: str) -> None:
        self.graph = graph
        self.g = graph.graph
        self.language = language
        self.mh = Namespace(graph.base + "def/")
        mh = self.mh
        self.roles = self._roles()
        #: Properties the document places itself; anything else goes under "more details".
        self.placed = {
            *FIRST,
            DCTERMS.source,
            OWL.sameAs,
            mh.status,
            mh.statusConfidence,
            mh.statusDerivedFromText,
            mh.partOfResult,
            mh.partOfActivity,
            mh.partOfActionLine,
            mh.partOfProgramme,
            mh.inSection,
            mh.hasFunding,
            mh.hasEvent,
            mh.hasFigure,
            mh.refersTo,
            mh.respondsTo,
            mh.country,
            mh.region,
            mh.activityType,
            mh.targetGroup,
            mh.exploitationForm,
            mh.relatedActivity,
            mh.webPage,
            mh.delayCause,
            mh.startDate,
            mh.endDate,
            mh.expectedEndDate,
            mh.amount,
            mh.currency,
            mh.startYear,
            mh.endYear,
            mh.fundsActivity,
            mh.eventOf,
            mh.figureOf,
            mh.date,
            mh.value,
            mh.officialLink,
            mh.inRegion,
            mh.involves,
            *self.roles,
        }

    # --- words ---------------------------------------------------------------------------

    def t(self, key: str) -> str:
        return i18n.message(key, self.language)

    def label(self, node: Node) -> str:
        if not self.graph.labels(node) and isinstance(node, URIRef):
            named = self.name_of_unlabelled(node)
            if named:
                return named
        return self.graph.label(node, self.language)

    def name_of_unlabelled(self, node: URIRef) -> str:
        """A title for an amount, event or figure, which carry no label: what it says, not
        its CURIE ("€ 1,6 mln", "mei 2021: …", "13 …")."""
        mh = self.mh
        if (node, RDF.type, mh.Funding) in self.g:
            value = self.g.value(node, mh.amount)
            currency = str(self.g.value(node, mh.currency) or "EUR")
            return i18n.money(value, currency, self.language)[0]
        if (node, RDF.type, mh.DatedEvent) in self.g:
            when = self.g.value(node, mh.date)
            what = self.text(node, DCTERMS.description)
            return f"{self.literal(when)}: {what}" if isinstance(when, Literal) else what
        if (node, RDF.type, mh.Figure) in self.g:
            value = self.g.value(node, mh.value)
            what = self.text(node, DCTERMS.description)
            return f"{self.literal(value)} {what}" if isinstance(value, Literal) else what
        return ""

    def term(self, predicate: Node) -> str:
        """A property's name in the page's language; the site names the few properties of
        other vocabularies that only have an English label."""
        words = i18n.PROPERTY_WORDS.get(str(predicate))
        return words[self.language] if words else self.graph.label(predicate, self.language)

    def text(self, node: Node, predicate: URIRef) -> str:
        """A literal of ``predicate`` in the page's language, else in the other one."""
        found: dict[str, str] = {}
        for value in self.g.objects(node, predicate):
            if isinstance(value, Literal):
                found.setdefault(value.language or "", str(value))
        for choice in (self.language, *i18n.LANGUAGES, ""):
            if choice in found:
                return found[choice]
        return ""

    def number(self, node: Node) -> str:
        value = self.g.value(node, DCTERMS.identifier)
        return str(value) if value is not None and self._numbered(node) else ""

    def _numbered(self, node: Node) -> bool:
        mh = self.mh
        return any((node, RDF.type, c) in self.g for c in (mh.ActionLine, mh.Result, mh.Activity))

    def link(self, node: Node, page: str) -> Link:
        if isinstance(node, Literal):
            return Link(self.literal(node), None)
        return Link(
            self.label(node),
            self.graph.href(node, page),
            number=self.number(node),
            status=self.badge(node, page),
        )

    def badge(self, node: Node, page: str) -> Badge | None:
        value = self.g.value(node, self.mh.status)
        if value is None:
            return None
        notation = self.g.value(value, SKOS.notation)
        return Badge(
            str(notation) if notation is not None else "",
            self.label(value),
            self.graph.href(value, page),
        )

    def literal(self, value: Literal) -> str:
        if value.datatype in _NUMBERS:
            return i18n.number(value, self.language)
        if value.datatype in _DATES:
            return i18n.date(value, self.language)
        if value.datatype == XSD.boolean:
            return (
                {"nl": "ja", "en": "yes"}[self.language]
                if value.toPython() is True
                else ({"nl": "nee", "en": "no"}[self.language])
            )
        return str(value)

    def sort(self, node: Node) -> tuple:
        number = self.number(node)
        return natural_key(number) if number else ((1, 0, self.label(node).lower()),)

    def kind_class(self, node: Node) -> URIRef | None:
        """The most specific class of the ontology that ``node`` belongs to."""
        classes = [c for c in self.graph.types(node) if str(c).startswith(str(self.mh))]
        specific = [
            c
            for c in classes
            if not any(o != c and (o, RDFS.subClassOf, c) in self.g for o in classes)
        ]
        return specific[0] if specific else None

    def kind(self, node: Node) -> str:
        cls = self.kind_class(node)
        return self.label(cls) if cls is not None else ""

    def _roles(self) -> list[URIRef]:
        """The roles an organisation can have: sub-properties of ``mh:involves``."""
        roles = {
            p
            for p in self.g.subjects(RDFS.subPropertyOf, self.mh.involves)
            if isinstance(p, URIRef) and p != self.mh.involves
        }
        position = {
            name: i
            for i, name in enumerate(
                ("leadOrganisation", "executor", "funder", "partner", "participant", "recipient")
            )
        }
        return sorted(roles, key=lambda p: (position.get(str(p)[len(str(self.mh)) :], 99), str(p)))

    # --- the document --------------------------------------------------------------------

    def document(self, node: URIRef, page: str) -> Document:
        mh = self.mh
        labels = self.graph.labels(node)
        other = "en" if self.language == "nl" else "nl"
        title = self.label(node)
        other_title = labels.get(other, "")
        doc = Document(
            kind=self.kind(node),
            number=self.number(node),
            title=title,
            other_title=other_title if other_title != title else "",
            crumbs=self.crumbs(node, page),
            description=self.text(node, DCTERMS.description) or self.text(node, SKOS.definition),
        )
        doc.status = self.status(node, page)
        is_a = {c for c in self.g.objects(node, RDF.type)}
        if mh.Activity in is_a:
            self.activity(doc, node, page)
        elif mh.Result in is_a or mh.ActionLine in is_a or mh.Section in is_a:
            self.container(doc, node, page)
        elif mh.Funding in is_a:
            doc.money = [self.amount(node, page)]
        elif mh.DatedEvent in is_a or mh.Figure in is_a:
            self.dated_or_counted(doc, node, page)
        else:
            self.linked(doc, node, page)
        self.common(doc, node, page)
        doc.more = self.more(node, page)
        return doc

    def crumbs(self, node: URIRef, page: str) -> list[Link]:
        """Home › action line › result › activity (› sub-item), up from ``node``."""
        mh = self.mh
        chain: list[Node] = []
        current: Node | None = node
        ups = (
            mh.partOfActivity,
            mh.partOfResult,
            mh.partOfActionLine,
            mh.fundsActivity,
            mh.eventOf,
            mh.figureOf,
            SKOS.inScheme,
        )
        seen: set[Node] = {node}
        while current is not None:
            parent = next(
                (p for up in ups for p in self.g.objects(current, up) if p not in seen), None
            )
            if parent is not None:
                chain.append(parent)
                seen.add(parent)
            current = parent
        return [self.link(n, page) for n in reversed(chain)]

    def status(self, node: URIRef, page: str) -> StatusBlock | None:
        badge = self.badge(node, page)
        if badge is None:
            return None
        confidence = self.g.value(node, self.mh.statusConfidence)
        derived = self.g.value(node, self.mh.statusDerivedFromText)
        return StatusBlock(
            badge,
            self.label(confidence) if confidence is not None else "",
            bool(isinstance(derived, Literal) and derived.toPython() is True),
        )

    def activity(self, doc: Document, node: URIRef, page: str) -> None:
        mh = self.mh
        cause = self.text(node, mh.delayCause)
        if cause:
            doc.notes.append(Group(self.term(mh.delayCause), [cause]))
        doc.roles = self.by_role(node, page)
        doc.money = [
            self.amount(f, page) for f in sorted(self.g.objects(node, mh.hasFunding), key=str)
        ]
        for predicate in (mh.startDate, mh.endDate, mh.expectedEndDate):
            for value in self.g.objects(node, predicate):
                if isinstance(value, Literal):
                    doc.timeline.append(
                        Dated(
                            self.literal(value),
                            str(value),
                            "",
                            None,
                            kind=self.term(predicate),
                        )
                    )
        for event in self.g.objects(node, mh.hasEvent):
            when = self.g.value(event, mh.date)
            doc.timeline.append(
                Dated(
                    self.literal(when) if isinstance(when, Literal) else "",
                    str(when or ""),
                    self.text(event, DCTERMS.description),
                    self.graph.href(event, page),
                )
            )
        doc.timeline.sort(key=lambda d: (d.order, d.kind, d.text))
        doc.figures = [
            self.count(f, page)
            for f in sorted(self.g.objects(node, mh.hasFigure), key=lambda f: str(f))
        ]
        doc.classification = [
            Group(self.term(p), self.links(node, p, page))
            for p in (mh.activityType, mh.targetGroup, mh.exploitationForm)
            if (node, p, None) in self.g
        ]
        parts = sorted(self.g.subjects(mh.partOfActivity, node), key=self.sort)
        if parts:
            doc.tree_title = self.t("sub_items")
            doc.tree = [self.branch(p, page) for p in parts]

    def container(self, doc: Document, node: URIRef, page: str) -> None:
        """An action line, section or result: its results and activities as a tree."""
        mh = self.mh
        results = sorted(
            set(self.g.subjects(mh.partOfActionLine, node))
            | set(self.g.subjects(mh.inSection, node)),
            key=self.sort,
        )
        results = [r for r in results if (r, RDF.type, mh.Result) in self.g]
        if results:
            doc.tree_title = self.t("results")
            doc.tree = [self.branch(r, page) for r in results]
        else:
            doc.tree_title = self.t("activities")
            doc.tree = [
                self.branch(a, page)
                for a in sorted(self.g.subjects(mh.partOfResult, node), key=self.sort)
            ]
        sections = [self.link(s, page) for s in self.g.objects(node, mh.inSection)]
        if sections:
            doc.facts.append(Group(self.term(mh.inSection), sections))
        doc.tally = self.tally(self.activities_under(doc.tree))

    def branch(self, node: Node, page: str) -> Branch:
        mh = self.mh
        children = sorted(
            set(self.g.subjects(mh.partOfResult, node))
            | set(self.g.subjects(mh.partOfActivity, node)),
            key=self.sort,
        )
        return Branch(self.link(node, page), [self.branch(c, page) for c in children])

    def activities_under(self, tree: list[Branch]) -> list[Link]:
        found = []
        for entry in tree:
            if entry.link.status is not None:
                found.append(entry.link)
            found += self.activities_under(entry.children)
        return found

    def tally(self, links: list[Link]) -> list[Tally]:
        counts = Counter(link.status for link in links if link.status is not None)
        total = sum(counts.values()) or 1
        return [
            Tally(b, counts[b], counts[b] / total)
            for b in sorted(counts, key=lambda b: self.status_order(b.notation))
        ]

    def status_order(self, notation: str) -> tuple:
        """The legend's order (``schema:position``) of the status with ``notation``."""
        for concept in self.g.subjects(SKOS.notation, Literal(notation)):
            if (None, self.mh.status, concept) in self.g:
                value = self.g.value(concept, SCHEMA.position)
                return (int(str(value)) if value is not None else 99, self.label(concept))
        return (99, notation)

    def by_role(self, node: URIRef, page: str) -> list[Group]:
        groups = []
        named: set[Node] = set()
        for role in self.roles:
            organisations = self.links(node, role, page)
            named |= set(self.g.objects(node, role))
            if organisations:
                groups.append(Group(self.term(role), organisations))
        # Involved without a role: only what no role already names (the closure adds those).
        plain = [o for o in self.graph.asserted.objects(node, self.mh.involves) if o not in named]
        if plain:
            others = sorted((self.link(o, page) for o in plain), key=lambda link: link.text.lower())
            groups.append(Group(self.t("involved_other"), others))
        return groups

    def links(self, node: Node, predicate: URIRef, page: str) -> list[Link]:
        return sorted(
            (self.link(o, page) for o in self.g.objects(node, predicate)),
            key=lambda link: (natural_key(link.number), link.text.lower()),
        )

    def amount(self, funding: Node, page: str) -> Amount:
        mh = self.mh
        value = self.g.value(funding, mh.amount)
        currency = str(self.g.value(funding, mh.currency) or "EUR")
        short, full = i18n.money(value, currency, self.language)
        years = [self.g.value(funding, p) for p in (mh.startYear, mh.endYear)]
        period = "–".join(self.literal(y) for y in years if isinstance(y, Literal))
        activity = self.g.value(funding, mh.fundsActivity)
        return Amount(
            short,
            full,
            self.graph.href(funding, page),
            self.text(funding, DCTERMS.description),
            period,
            [self.link(o, page) for o in sorted(self.g.objects(funding, mh.funder), key=str)],
            [self.link(o, page) for o in sorted(self.g.objects(funding, mh.recipient), key=str)],
            self.link(activity, page) if activity is not None else None,
        )

    def count(self, figure: Node, page: str) -> Count:
        value = self.g.value(figure, self.mh.value)
        when = self.g.value(figure, self.mh.date)
        return Count(
            self.literal(value) if isinstance(value, Literal) else "",
            self.text(figure, DCTERMS.description),
            self.literal(when) if isinstance(when, Literal) else "",
            self.graph.href(figure, page),
        )

    def dated_or_counted(self, doc: Document, node: URIRef, page: str) -> None:
        mh = self.mh
        if (node, RDF.type, mh.Figure) in self.g:
            doc.figures = [self.count(node, page)]
            doc.figures[0].href = None
        else:
            when = self.g.value(node, mh.date)
            doc.timeline = [
                Dated(
                    self.literal(when) if isinstance(when, Literal) else "",
                    str(when),
                    self.text(node, DCTERMS.description),
                    None,
                )
            ]
        doc.description = ""

    def linked(self, doc: Document, node: URIRef, page: str) -> None:
        """An organisation, place, instrument or concept: the activities that name it."""
        mh = self.mh
        roles: dict[Node, list[str]] = defaultdict(list)
        for subject, predicate in self.graph.asserted.subject_predicates(node):
            if (subject, RDF.type, mh.Activity) in self.g or (
                subject,
                RDF.type,
                mh.Result,
            ) in self.g:
                roles[subject].append(self.term(predicate))
        # A region also gathers the activities in its countries.
        for country in self.g.subjects(mh.inRegion, node):
            for subject in self.graph.asserted.subjects(mh.country, country):
                if subject not in roles and (subject, RDF.type, mh.Activity) in self.g:
                    roles[subject].append(f"{self.term(mh.country)}: {self.label(country)}")
        doc.activities = [
            LinkedActivity(self.link(a, page), sorted(set(r)))
            for a, r in sorted(roles.items(), key=lambda item: self.sort(item[0]))
        ]
        # A status has no summary of statuses; a concept's one relation is said once, above.
        if (None, mh.status, node) not in self.g:
            doc.tally = self.tally([a.link for a in doc.activities])
        relations = {tuple(a.roles) for a in doc.activities}
        if len(relations) == 1 and (node, RDF.type, SKOS.Concept) in self.g:
            doc.relation = ", ".join(relations.pop())
        fundings = set(self.g.subjects(mh.funder, node)) | set(self.g.subjects(mh.recipient, node))
        fundings |= set(self.g.subjects(mh.country, node)) | set(self.g.subjects(mh.region, node))
        doc.money = [
            self.amount(f, page)
            for f in sorted(fundings, key=str)
            if (f, RDF.type, mh.Funding) in self.g
        ]
        countries = sorted(self.g.subjects(mh.inRegion, node), key=self.label)
        if countries:
            doc.members_title = self.t("countries")
            doc.members = [self.link(c, page) for c in countries]
        members = sorted(self.g.subjects(SKOS.inScheme, node), key=self.sort)
        if members:
            doc.members_title = self.graph.label(node, self.language)
            doc.members = [self.link(c, page) for c in members]

    def common(self, doc: Document, node: URIRef, page: str) -> None:
        """What any resource may have: short names, instruments, places, links, identifiers."""
        mh = self.mh
        doc.official = self.official(node)
        doc.short = sorted({str(v) for v in self.g.objects(node, SKOS.altLabel)})
        if doc.kind and not doc.number and (node, RDF.type, mh.Activity) not in self.g:
            identifier = self.g.value(node, DCTERMS.identifier)
            if identifier is not None and (node, RDF.type, mh.Section) not in self.g:
                doc.facts.append(Group(self.term(DCTERMS.identifier), [str(identifier)]))
        for predicate in (mh.refersTo, mh.respondsTo):
            for instrument in sorted(self.graph.asserted.objects(node, predicate), key=self.label):
                doc.instruments.append(
                    Instrument(
                        self.link(instrument, page),
                        self.term(predicate),
                        self.official(instrument),
                    )
                )
        places = [
            Group(self.term(p), self.links(node, p, page))
            for p in (mh.country, mh.region, mh.inRegion)
            if (node, p, None) in self.g and (node, RDF.type, mh.Funding) not in self.g
        ]
        doc.places = places
        doc.related = [
            self.link(a, page)
            for a in sorted(self.g.objects(node, mh.relatedActivity), key=self.sort)
        ]
        for predicate in (mh.webPage, SCHEMA.sameAs, OWL.sameAs):
            pages = [
                Link(str(v), str(v), external=True)
                for v in sorted(self.g.objects(node, predicate), key=str)
                if isinstance(v, URIRef) and self.graph.is_web(v)
            ] + [
                Link(str(v), None)
                for v in sorted(self.g.objects(node, predicate), key=str)
                if isinstance(v, URIRef) and not self.graph.is_web(v)
            ]
            if pages:
                doc.facts.append(Group(self.term(predicate), pages))
        where = self.text(node, mh.sourceLocation)
        source = self.g.value(node, DCTERMS.source)
        if where or source is not None:
            values: list[Link | str] = [self.link(source, page)] if source is not None else []
            if where:
                values.append(where)
            doc.facts.append(Group(self.t("source"), values))

    def official(self, instrument: Node) -> str | None:
        for value in self.g.objects(instrument, self.mh.officialLink):
            if isinstance(value, URIRef) and self.graph.is_web(value):
                return str(value)
        return None

    def more(self, node: URIRef, page: str) -> list[Group]:
        """The asserted properties no part of the layout shows, labelled and formatted."""
        grouped: dict[Node, list[Node]] = defaultdict(list)
        for predicate, value in self.graph.asserted.predicate_objects(node):
            if predicate in self.placed or predicate == self.mh.sourceLocation:
                continue
            grouped[predicate].append(value)
        for predicate, value in self.graph.metadata.predicate_objects(node):
            if predicate not in self.placed:
                grouped[predicate].append(value)
        groups = []
        for predicate in sorted(grouped, key=lambda p: self.term(p).lower()):
            values = self._in_language(grouped[predicate])
            groups.append(
                Group(
                    self.term(predicate),
                    [self.value(v, page) for v in values],
                )
            )
        return groups

    def _in_language(self, values: list[Node]) -> list[Node]:
        """Of literals in several languages, those of the page's language only."""
        tagged = [v for v in values if isinstance(v, Literal) and v.language]
        if any(v.language == self.language for v in tagged):
            return [
                v
                for v in values
                if not (isinstance(v, Literal) and v.language and v.language != self.language)
            ]
        return values

    def value(self, value: Node, page: str) -> Link | str:
        if isinstance(value, Literal):
            return self.literal(value)
        if isinstance(value, BNode):
            parts = [
                f"{self.term(p)}: {self._plain(o)}"
                for p, o in sorted(self.g.predicate_objects(value), key=str)
                if p != RDF.type
            ]
            return "; ".join(parts)
        href = self.graph.href(value, page)
        if href is None and self.graph.is_web(value):
            return Link(self.label(value), str(value), external=True)
        return self.link(value, page)

    def _plain(self, value: Node) -> str:
        return self.literal(value) if isinstance(value, Literal) else self.label(value)


def raw(graph: SiteGraph, node: URIRef, page: str) -> dict[str, list[Row]]:
    """The triples about ``node`` for the disclosure: asserted, inferred and incoming."""
    return {
        "asserted": graph.rows(node, page),
        "inferred": graph.rows(node, page, part="inferred"),
        "incoming": graph.incoming(node, page),
    }
