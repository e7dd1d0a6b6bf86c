"""Realistic curator mistakes, one per kind, to apply to a copy of the real data.

Each :class:`Mutation` is one mistake as a curator would make it in the Turtle files (a typo
in a slug, an amount written in millions, a label pasted from a description, …) and what
``mhgraph validate`` must say about it, written by hand: the node that holds the mistake,
the rule that must catch it there, and any other node the mistake really concerns (the other
half of a duplicate, a node in the same cycle, an organisation left without references).
Nothing is taken from running the validator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mhgraph import Severity
from mhgraph.namespaces import PREFIXES

A1, A3, A4, A5 = (f"data/actielijn-{n}.ttl" for n in (1, 3, 4, 5))
ORGS, INSTRUMENTS = "data/organisations.ttl", "data/legal-instruments.ttl"
COUNTRIES, REPORT = "data/countries.ttl", "data/report.ttl"
LONG_LABEL = " ".join(["Een beschrijving die per ongeluk als titel is geplakt."] * 45)


@dataclass(frozen=True)
class Edit:
    """Replace the first occurrence of ``old`` in ``file`` by ``new``."""

    file: str
    old: str
    new: str

    def apply(self, text: str) -> str:
        if self.old not in text:
            raise AssertionError(f"{self.file} no longer holds {self.old!r}: update the mutation")
        return text.replace(self.old, self.new, 1)


@dataclass(frozen=True)
class Mutation:
    kind: str
    family: str
    edits: tuple[Edit, ...]
    #: The node that holds the mistake (prefixed name) and the rule that must catch it there.
    node: str
    rule: str
    severity: Severity = Severity.VIOLATION
    #: Other nodes the mistake concerns, where findings are allowed too.
    also: tuple[str, ...] = field(default_factory=tuple)

    @property
    def nodes(self) -> set[str]:
        return {expand(n) for n in (self.node, *self.also)}

    def apply(self, root: Path, originals: dict[str, str]) -> None:
        texts: dict[str, str] = {}
        for edit in self.edits:
            texts[edit.file] = edit.apply(texts.get(edit.file, originals[edit.file]))
        for name, text in texts.items():
            (root / name).write_text(text, encoding="utf-8")

    def files(self) -> set[str]:
        return {edit.file for edit in self.edits}


def expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local


def replace(file: str, old: str, new: str) -> tuple[Edit, ...]:
    return (Edit(file, old, new),)


def add_to(file: str, subject_line: str, statement: str) -> tuple[Edit, ...]:
    """Add a statement right after the line that opens a node's block."""
    return (Edit(file, subject_line + "\n", subject_line + "\n    " + statement + "\n"),)


def m(kind: str, family: str, edits, node: str, rule: str, **extra) -> Mutation:
    return Mutation(kind, family, tuple(edits), node, rule, **extra)


TYPO, TYPE, LEX, AMOUNT, DUP, CYCLE, INFERRED, DATE, LINK, LABEL, STRUCT, FUNC, TERM = (
    "typo in a slug",
    "wrong datatype",
    "invalid lexical form",
    "wrong amount or figure",
    "duplicated entity",
    "cycle",
    "hand-asserted inferred property",
    "bad date",
    "bad link",
    "long or blank label",
    "wrong structure",
    "second value of a functional property",
    "misspelled term",
)
DANGLING, FUNCTIONAL_CHECK = "DanglingReferenceCheck", "FunctionalPropertyCheck"
INFERRED_CHECK, LEXICAL, RELATIVE = (
    "InferredOnlyPropertyCheck",
    "LexicalFormCheck",
    "RelativeIriCheck",
)

MUTATIONS: tuple[Mutation, ...] = (
    # --- typos in slugs: one finding on the referring node, none on the phantom --------------
    m(
        "executor-slug",
        TYPO,
        replace(
            A1,
            "mh:executor organisatie:comensha ;\n    mh:partner organisatie:jeugdzorg",
            "mh:executor organisatie:comensa ;\n    mh:partner organisatie:jeugdzorg",
        ),
        "activiteit:1.3",
        DANGLING,
    ),
    m(
        "partner-slug",
        TYPO,
        replace(
            A3,
            "organisatie:breed-offensief-ondermijnende-criminaliteit ,",
            "organisatie:breed-offensief-ondermijnende-criminalitiet ,",
        ),
        "activiteit:19.1",
        DANGLING,
        also=("organisatie:breed-offensief-ondermijnende-criminaliteit",),
    ),  # now named by nobody
    m(
        "country-slug",
        TYPO,
        replace(
            A4,
            'mh:country country:NLD ;\n    mh:endDate "2020-11-12"',
            'mh:country country:NDL ;\n    mh:endDate "2020-11-12"',
        ),
        "activiteit:29.2",
        DANGLING,
    ),
    m(
        "region-slug",
        TYPO,
        replace(
            A3,
            "mh:region regio:west-afrika , regio:sahel ;\n    mh:respondsTo",
            "mh:region regio:west-africa , regio:sahel ;\n    mh:respondsTo",
        ),
        "activiteit:25.1",
        DANGLING,
    ),
    m(
        "instrument-slug",
        TYPO,
        replace(
            A3,
            "mh:respondsTo instrument:motie-kuik-voordewind ;\n    mh:startDate",
            "mh:respondsTo instrument:motie-kuik-voordewnd ;\n    mh:startDate",
        ),
        "activiteit:25.1",
        DANGLING,
    ),
    m(
        "status-slug",
        TYPO,
        replace(A3, "mh:status status:vertraagd ;", "mh:status status:vertraagt ;"),
        "activiteit:19.3",
        DANGLING,
    ),
    m(
        "result-slug",
        TYPO,
        replace(A3, "mh:partOfResult resultaat:19 ;", "mh:partOfResult resultaat:91 ;"),
        "activiteit:19.1",
        DANGLING,
    ),
    m(
        "activity-type-slug",
        TYPO,
        replace(
            A3,
            "mh:activityType soort:beleid , soort:onderzoek ;",
            "mh:activityType soort:beleid , soort:onderzoekk ;",
        ),
        "activiteit:19.1",
        DANGLING,
    ),
    m(
        "target-group-slug",
        TYPO,
        replace(
            A3,
            "mh:targetGroupConcerned doelgroep:jongeren , doelgroep:slachtoffers ;",
            "mh:targetGroupConcerned doelgroep:jongren , doelgroep:slachtoffers ;",
        ),
        "activiteit:19.1",
        DANGLING,
    ),
    m(
        "related-activity-slug",
        TYPO,
        replace(
            A3,
            "mh:relatedActivity activiteit:24.1 , activiteit:24.4 ;",
            "mh:relatedActivity activiteit:24.11 , activiteit:24.4 ;",
        ),
        "activiteit:25.1.1",
        DANGLING,
    ),
    m(
        "funding-slug",
        TYPO,
        replace(A3, "mh:hasFunding financiering:25.1-1 ;", "mh:hasFunding financiering:25.1-l ;"),
        "activiteit:25.1",
        DANGLING,
    ),
    m(
        "recipient-slug",
        TYPO,
        replace(A3, "mh:recipient organisatie:icmpd ;", "mh:recipient organisatie:icmdp ;"),
        "financiering:25.1.1-1",
        DANGLING,
    ),
    m(
        "publisher-slug",
        TYPO,
        replace(
            REPORT,
            "dcterms:publisher organisatie:ministerie-jenv ;",
            "dcterms:publisher organisatie:ministerie-jnev ;",
        ),
        "rapport:programmaresultaten-2021",
        DANGLING,
    ),
    m(
        "parent-organisation-slug",
        TYPO,
        replace(
            ORGS,
            '    skos:altLabel "IND"@nl ;\n    org:subOrganizationOf organisatie:ministerie-jenv ;',
            '    skos:altLabel "IND"@nl ;\n    org:subOrganizationOf organisatie:minsterie-jenv ;',
        ),
        "organisatie:ind",
        DANGLING,
    ),
    m(
        "country-region-slug",
        TYPO,
        replace(
            COUNTRIES,
            '    mh:isoAlpha2 "NG" ;\n    mh:inRegion regio:west-afrika ;',
            '    mh:isoAlpha2 "NG" ;\n    mh:inRegion regio:westafrika ;',
        ),
        "country:NGA",
        DANGLING,
    ),
    # --- wrong datatypes ----------------------------------------------------------------------
    m(
        "start-date-plain-string",
        TYPE,
        replace(
            A3,
            'mh:startDate "2020"^^xsd:gYear ;\n    mh:hasFunding financiering:25.1-1',
            'mh:startDate "2020" ;\n    mh:hasFunding financiering:25.1-1',
        ),
        "activiteit:25.1",
        "Activity-startDate",
    ),
    m(
        "start-date-as-text",
        TYPE,
        replace(
            A3,
            'mh:startDate "2020"^^xsd:gYear ;\n    mh:hasFunding financiering:25.1-1',
            'mh:startDate "begin 2020"@nl ;\n    mh:hasFunding financiering:25.1-1',
        ),
        "activiteit:25.1",
        "Activity-startDate",
    ),
    m(
        "amount-as-string",
        TYPE,
        replace(A3, "mh:amount 1600000.0 ;", 'mh:amount "1600000.0" ;'),
        "financiering:25.1.1-1",
        "Funding-amount",
    ),
    m(
        "figure-as-integer",
        TYPE,
        replace(A3, "mh:value 13.0 ;", "mh:value 13 ;"),
        "kengetal:19.1-1",
        "Figure-value",
    ),
    m(
        "identifier-as-number",
        TYPE,
        replace(A3, 'dcterms:identifier "19.1" ;', "dcterms:identifier 19.1 ;"),
        "activiteit:19.1",
        "Activity-identifier",
    ),
    m(
        "flag-as-string",
        TYPE,
        replace(
            A3,
            "    mh:status status:vertraagd ;\n    mh:statusDerivedFromText true ;",
            '    mh:status status:vertraagd ;\n    mh:statusDerivedFromText "true" ;',
        ),
        "activiteit:19.3",
        "Activity-statusDerivedFromText",
    ),
    m(
        "label-without-language",
        TYPE,
        replace(A3, 'skos:prefLabel "Sexting seminar"@nl ,', 'skos:prefLabel "Sexting seminar" ,'),
        "activiteit:19.3",
        "PrefLabel-language",
    ),
    m(
        "currency-lower-case",
        TYPE,
        replace(
            A3,
            '    mh:amount 1600000.0 ;\n    mh:currency "EUR" ;',
            '    mh:amount 1600000.0 ;\n    mh:currency "eur" ;',
        ),
        "financiering:25.1.1-1",
        "Funding-currency",
    ),
    m(
        "web-page-as-literal",
        TYPE,
        replace(
            A1,
            "mh:webPage <https://www.comensha.nl/mensenhandel-academy/> ;",
            'mh:webPage "https://www.comensha.nl/mensenhandel-academy/" ;',
        ),
        "activiteit:2.5",
        "Activity-webPage",
    ),
    m(
        "status-from-other-scheme",
        TYPE,
        replace(A3, "mh:status status:vertraagd ;", "mh:status soort:beleid ;"),
        "activiteit:19.3",
        "Activity-status",
    ),
    m(
        "organisation-as-literal",
        TYPE,
        replace(A3, "mh:recipient organisatie:icmpd ;", 'mh:recipient "ICMPD" ;'),
        "financiering:25.1.1-1",
        "Funding-recipient",
    ),
    # --- invalid lexical forms: the value itself is wrong ------------------------------------
    m(
        "date-month-13",
        LEX,
        replace(
            INSTRUMENTS,
            'dcterms:date "2020-11-18"^^xsd:date ;',
            'dcterms:date "2020-13-18"^^xsd:date ;',
        ),
        "instrument:kst-28638-184",
        LEXICAL,
    ),
    m(
        "date-day-31-november",
        LEX,
        replace(A4, 'mh:endDate "2020-11-12"^^xsd:date ;', 'mh:endDate "2020-11-31"^^xsd:date ;'),
        "activiteit:29.2",
        LEXICAL,
    ),
    m(
        "year-with-three-digits",
        LEX,
        replace(
            A3,
            'mh:startDate "2020"^^xsd:gYear ;\n    mh:hasFunding financiering:25.1-1',
            'mh:startDate "202"^^xsd:gYear ;\n    mh:hasFunding financiering:25.1-1',
        ),
        "activiteit:25.1",
        LEXICAL,
    ),
    m(
        "decimal-comma",
        LEX,
        replace(A3, "mh:amount 1600000.0 ;", 'mh:amount "1,6"^^xsd:decimal ;'),
        "financiering:25.1.1-1",
        LEXICAL,
    ),
    m(
        "boolean-in-dutch",
        LEX,
        replace(
            A3,
            "    mh:status status:vertraagd ;\n    mh:statusDerivedFromText true ;",
            '    mh:status status:vertraagd ;\n    mh:statusDerivedFromText "ja"^^xsd:boolean ;',
        ),
        "activiteit:19.3",
        LEXICAL,
    ),
    m(
        "relative-web-page",
        LEX,
        replace(
            A1,
            "mh:webPage <https://www.comensha.nl/mensenhandel-academy/> ;",
            "mh:webPage <www.comensha.nl/mensenhandel-academy/> ;",
        ),
        "activiteit:2.5",
        RELATIVE,
    ),
    # --- wrong amounts and figures -----------------------------------------------------------
    m(
        "amount-in-millions",
        AMOUNT,
        replace(A3, "mh:amount 1600000.0 ;", "mh:amount 1.6 ;"),
        "financiering:25.1.1-1",
        "FundingAmountUnitRule",
    ),
    m(
        "amount-in-thousands",
        AMOUNT,
        replace(A3, "mh:amount 2500000.0 ;", "mh:amount 2.5 ;"),
        "financiering:25.1.1-2",
        "FundingAmountUnitRule",
    ),
    m(
        "amount-with-cents-typo",
        AMOUNT,
        replace(A3, "mh:amount 2500000.0 ;", "mh:amount 2500000.5 ;"),
        "financiering:25.1.1-2",
        "FundingAmountUnitRule",
    ),
    m(
        "amount-zero",
        AMOUNT,
        replace(A3, "mh:amount 2500000.0 ;", "mh:amount 0.0 ;"),
        "financiering:25.1.1-2",
        "FundingAmountRule",
    ),
    m(
        "amount-negative",
        AMOUNT,
        replace(A3, "mh:amount 2500000.0 ;", "mh:amount -2500000.0 ;"),
        "financiering:25.1.1-2",
        "FundingAmountRule",
    ),
    m(
        "amount-three-zeros-too-many",
        AMOUNT,
        replace(A3, "mh:amount 9900000.0 ;", "mh:amount 9900000000.0 ;"),
        "financiering:25.1-1",
        "FundingAmountSizeRule",
        severity=Severity.WARNING,
    ),
    m(
        "figure-negative",
        AMOUNT,
        replace(A3, "mh:value 13.0 ;", "mh:value -13.0 ;"),
        "kengetal:19.1-1",
        "FigureCountRule",
    ),
    m(
        "figure-with-fraction",
        AMOUNT,
        replace(A3, "mh:value 13.0 ;", "mh:value 1.3 ;"),
        "kengetal:19.1-1",
        "FigureCountRule",
    ),
    # --- duplicated entities -----------------------------------------------------------------
    m(
        "organisation-under-two-slugs",
        DUP,
        (
            *replace(
                A1,
                "mh:executor organisatie:comensha ;\n    mh:partner organisatie:jeugdzorg",
                "mh:executor organisatie:coordinatiecentrum-mensenhandel ;\n    mh:partner organisatie:jeugdzorg",
            ),
            Edit(
                A1,
                "prov:agent organisatie:comensha ; prov:hadRole rol:uitvoerder ] ,\n"
                "        [ a prov:Association ; prov:agent organisatie:jeugdzorg-nederland",
                "prov:agent organisatie:coordinatiecentrum-mensenhandel ; prov:hadRole rol:uitvoerder ] ,\n"
                "        [ a prov:Association ; prov:agent organisatie:jeugdzorg-nederland",
            ),
            Edit(
                ORGS,
                "organisatie:jeugdzorg-nederland a mh:NonGovernmentalOrganisation ;",
                'organisatie:coordinatiecentrum-mensenhandel a mh:NonGovernmentalOrganisation ;\n    skos:prefLabel "Coördinatiecentrum tegen Mensenhandel"@nl ;\n    skos:altLabel "CoMensha"@nl ;\n    dcterms:description "Stichting die slachtoffers van mensenhandel registreert."@nl ,\n        "Foundation that registers victims of human trafficking."@en ;\n    mh:sourceLocation "actielijn 1, resultaat 1, activiteit 3"@nl .\n\norganisatie:jeugdzorg-nederland a mh:NonGovernmentalOrganisation ;',
            ),
        ),
        "organisatie:coordinatiecentrum-mensenhandel",
        "DuplicateLabelRule",
        also=("organisatie:comensha",),
    ),
    m(
        "region-under-two-slugs",
        DUP,
        (
            *replace(
                A3,
                "mh:region regio:west-afrika , regio:sahel ;\n    mh:respondsTo",
                "mh:region regio:westelijk-afrika , regio:sahel ;\n    mh:respondsTo",
            ),
            Edit(
                COUNTRIES,
                "regio:noord-afrika a mh:Region ;",
                'regio:westelijk-afrika a mh:Region ;\n    skos:prefLabel "West-Afrika"@nl , "West Africa"@en ;\n    mh:sourceLocation "actielijn 3, resultaat 25, activiteit 1"@nl .\n\nregio:noord-afrika a mh:Region ;',
            ),
        ),
        "regio:westelijk-afrika",
        "DuplicateLabelRule",
        also=("regio:west-afrika",),
    ),
    m(
        "activity-number-twice",
        DUP,
        replace(A3, 'dcterms:identifier "19.2" ;', 'dcterms:identifier "19.1" ;'),
        "activiteit:19.2",
        "UniqueNumberRule",
        also=("activiteit:19.1",),
    ),
    m(
        "tooi-identifier-twice",
        DUP,
        replace(
            ORGS,
            "<https://identifier.overheid.nl/tooi/id/ministerie/mnre1013>",
            "<https://identifier.overheid.nl/tooi/id/ministerie/mnre1058>",
        ),
        "organisatie:ministerie-bz",
        "UniqueIdentifierRule",
        also=("organisatie:ministerie-jenv",),
    ),
    m(
        "country-code-twice",
        DUP,
        replace(COUNTRIES, 'mh:isoAlpha2 "NG" ;', 'mh:isoAlpha2 "NL" ;'),
        "country:NGA",
        "UniqueIdentifierRule",
        also=("country:NLD",),
    ),
    m(
        "official-link-twice",
        DUP,
        replace(
            INSTRUMENTS,
            "<https://zoek.officielebekendmakingen.nl/kst-35300-25.html>",
            "<https://zoek.officielebekendmakingen.nl/kst-28638-184.html>",
        ),
        "instrument:kst-35300-25",
        "UniqueIdentifierRule",
        also=("instrument:kst-28638-184",),
    ),
    # --- cycles ------------------------------------------------------------------------------
    m(
        "sub-item-part-of-itself",
        CYCLE,
        replace(
            A3,
            'activiteit:25.1.1 a mh:Activity ;\n    dcterms:identifier "25.1.1" ;\n    mh:partOfActivity activiteit:25.1 ;',
            'activiteit:25.1.1 a mh:Activity ;\n    dcterms:identifier "25.1.1" ;\n    mh:partOfActivity activiteit:25.1.1 ;',
        ),
        "activiteit:25.1.1",
        "AcyclicRule",
    ),
    m(
        "part-of-cycle",
        CYCLE,
        add_to(A3, "activiteit:25.1 a mh:Activity ;", "mh:partOfActivity activiteit:25.1.1 ;"),
        "activiteit:25.1",
        "AcyclicRule",
        also=("activiteit:25.1.1",),
    ),
    m(
        "organisation-cycle",
        CYCLE,
        add_to(
            ORGS,
            "organisatie:ministerie-jenv a mh:Ministry ;",
            "org:subOrganizationOf organisatie:ind ;",
        ),
        "organisatie:ministerie-jenv",
        "AcyclicRule",
        also=("organisatie:ind",),
    ),
    # --- properties that must only be inferred -----------------------------------------------
    m(
        "has-part-by-hand",
        INFERRED,
        add_to(A3, "resultaat:19 a mh:Result ;", "mh:hasPart activiteit:19.1 ;"),
        "resultaat:19",
        INFERRED_CHECK,
    ),
    m(
        "part-of-by-hand",
        INFERRED,
        replace(A3, "mh:partOfResult resultaat:19 ;", "mh:partOf resultaat:19 ;"),
        "activiteit:19.1",
        INFERRED_CHECK,
    ),
    m(
        "has-assessment-by-hand",
        INFERRED,
        add_to(
            A3,
            "activiteit:19.1 a mh:Activity ;",
            "mh:hasAssessment <https://w3id.org/mhgraph/id/beoordeling/19.1-2021> ;",
        ),
        "activiteit:19.1",
        INFERRED_CHECK,
    ),
    m(
        "involved-in-by-hand",
        INFERRED,
        add_to(
            ORGS,
            "organisatie:comensha a mh:NonGovernmentalOrganisation ;",
            "mh:involvedIn <https://w3id.org/mhgraph/id/activiteit/1.3> ;",
        ),
        "organisatie:comensha",
        INFERRED_CHECK,
    ),
    m(
        "referenced-by-by-hand",
        INFERRED,
        add_to(
            INSTRUMENTS,
            "instrument:sr-273f a mh:StatutoryProvision ;",
            "mh:referencedBy <https://w3id.org/mhgraph/id/activiteit/19.1> ;",
        ),
        "instrument:sr-273f",
        INFERRED_CHECK,
    ),
    m(
        "spatial-instead-of-country",
        INFERRED,
        replace(
            A4,
            'mh:country country:NLD ;\n    mh:endDate "2020-11-12"',
            'dcterms:spatial country:NLD ;\n    mh:endDate "2020-11-12"',
        ),
        "activiteit:29.2",
        INFERRED_CHECK,
    ),
    m(
        "references-instead-of-refers-to",
        INFERRED,
        replace(
            A3,
            "mh:respondsTo instrument:motie-kuik-voordewind ;\n    mh:startDate",
            "dcterms:references instrument:motie-kuik-voordewind ;\n    mh:startDate",
        ),
        "activiteit:25.1",
        INFERRED_CHECK,
    ),
    # --- bad dates ---------------------------------------------------------------------------
    m(
        "event-year-transposed",
        DATE,
        replace(
            A3,
            'gebeurtenis:19.1-1 a mh:DatedEvent ;\n    mh:date "2022"^^xsd:gYear ;',
            'gebeurtenis:19.1-1 a mh:DatedEvent ;\n    mh:date "2202"^^xsd:gYear ;',
        ),
        "gebeurtenis:19.1-1",
        "DateInReportPeriodRule",
    ),
    m(
        "start-year-in-last-century",
        DATE,
        replace(
            A3,
            'mh:startDate "2020"^^xsd:gYear ;\n    mh:hasFunding financiering:25.1-1',
            'mh:startDate "1920"^^xsd:gYear ;\n    mh:hasFunding financiering:25.1-1',
        ),
        "activiteit:25.1",
        "DateInReportPeriodRule",
    ),
    m(
        "end-before-start",
        DATE,
        replace(
            A3,
            'mh:expectedEndDate "2024"^^xsd:gYear ;\n    mh:expectedEndPeriod "2024"^^edtf:EDTF ;\n'
            "    mh:hasFunding financiering:25.1.1-1",
            'mh:expectedEndDate "2019"^^xsd:gYear ;\n    mh:expectedEndPeriod "2019"^^edtf:EDTF ;\n'
            "    mh:hasFunding financiering:25.1.1-1",
        ),
        "activiteit:25.1.1",
        "ActivityDateOrderRule",
    ),
    m(
        "funding-period-reversed",
        DATE,
        replace(
            A3,
            '    mh:startYear "2020"^^xsd:gYear ;\n    mh:endYear "2022"^^xsd:gYear ;',
            '    mh:startYear "2020"^^xsd:gYear ;\n    mh:endYear "2019"^^xsd:gYear ;',
        ),
        "financiering:25.1.1-1",
        "FundingPeriodRule",
    ),
    m(
        "end-date-after-report",
        DATE,
        replace(A4, 'mh:endDate "2020-11-12"^^xsd:date ;', 'mh:endDate "2023-11-12"^^xsd:date ;'),
        "activiteit:29.2",
        "EndDateAfterReportRule",
    ),
    # --- bad links ---------------------------------------------------------------------------
    m(
        "statute-link-other-article",
        LINK,
        replace(INSTRUMENTS, "BWBR0001854&artikel=273f>", "BWBR0001854&artikel=273e>"),
        "instrument:sr-273f",
        "StatutoryLinkRule",
    ),
    m(
        "statute-link-other-statute",
        LINK,
        replace(
            INSTRUMENTS, "jci1.3:c:BWBR0001854&artikel=273f>", "jci1.3:c:BWBR0001903&artikel=273f>"
        ),
        "instrument:sr-273f",
        "StatutoryLinkRule",
    ),
    m(
        "kamerstuk-link-other-paper",
        LINK,
        replace(
            INSTRUMENTS,
            "<https://zoek.officielebekendmakingen.nl/kst-28638-184.html>",
            "<https://zoek.officielebekendmakingen.nl/kst-28638-148.html>",
        ),
        "instrument:kst-28638-184",
        "KamerstukLinkRule",
    ),
    m(
        "kamerstuk-number-mismatch",
        LINK,
        replace(
            INSTRUMENTS,
            '    dcterms:identifier "28638-184" ;\n    mh:dossierNumber "28638" ;\n    mh:documentNumber "184" ;',
            '    dcterms:identifier "28638-184" ;\n    mh:dossierNumber "28638" ;\n    mh:documentNumber "148" ;',
        ),
        "instrument:kst-28638-184",
        "KamerstukNumberRule",
    ),
    m(
        "web-page-not-http",
        LINK,
        replace(
            A1,
            "mh:webPage <https://www.comensha.nl/mensenhandel-academy/> ;",
            "mh:webPage <ftp://www.comensha.nl/mensenhandel-academy/> ;",
        ),
        "activiteit:2.5",
        "Activity-webPage",
    ),
    # --- long or blank labels ----------------------------------------------------------------
    m(
        "label-white-space-only",
        LABEL,
        replace(
            ORGS,
            'skos:prefLabel "Coördinatiecentrum tegen Mensenhandel"@nl ;',
            'skos:prefLabel "   "@nl ;',
        ),
        "organisatie:comensha",
        "LabelText-prefLabel",
    ),
    m(
        "label-pasted-description",
        LABEL,
        replace(A3, 'skos:prefLabel "Sexting seminar"@nl ,', f'skos:prefLabel "{LONG_LABEL}"@nl ,'),
        "activiteit:19.3",
        "LabelLength-prefLabel",
    ),
    m(
        "label-leading-space",
        LABEL,
        replace(A3, '        "Sexting seminar"@en ;', '        " Sexting seminar"@en ;'),
        "activiteit:19.3",
        "LabelText-prefLabel",
    ),
    m(
        "label-line-break",
        LABEL,
        replace(
            A3,
            'skos:prefLabel "Sexting seminar"@nl ,',
            'skos:prefLabel """Sexting\nseminar"""@nl ,',
        ),
        "activiteit:19.3",
        "LabelText-prefLabel",
    ),
    m(
        "short-name-too-long",
        LABEL,
        replace(
            ORGS,
            'skos:altLabel "CoMensha"@nl ;',
            'skos:altLabel "CoMensha, het landelijk coördinatiecentrum dat slachtoffers van mensenhandel registreert"@nl ;',
        ),
        "organisatie:comensha",
        "LabelLength-altLabel",
    ),
    m(
        "description-empty",
        LABEL,
        replace(
            A3,
            '        "Number of large and medium-sized municipalities in which the CKM studies criminal exploitation."@en ;',
            '        ""@en ;',
        ),
        "kengetal:19.1-1",
        "Text-description",
    ),
    m(
        "dutch-label-missing",
        LABEL,
        replace(
            A3,
            'skos:prefLabel "Sexting seminar"@nl ,\n        "Sexting seminar"@en ;',
            'skos:prefLabel "Sexting seminar"@en ;',
        ),
        "activiteit:19.3",
        "PrefLabel-nl",
    ),
    m(
        "label-language-typo",
        LABEL,
        replace(
            A3, 'skos:prefLabel "Sexting seminar"@nl ,', 'skos:prefLabel "Sexting seminar"@ne ,'
        ),
        "activiteit:19.3",
        "PrefLabel-language",
    ),
    # --- structure ---------------------------------------------------------------------------
    m(
        "result-without-activities",
        STRUCT,
        replace(
            A5,
            "\ngebeurtenis:34.4-1 a mh:DatedEvent ;",
            '\nresultaat:35 a mh:Result ;\n    dcterms:identifier "35" ;\n    skos:prefLabel "Nieuw resultaat"@nl , "New result"@en ;\n    dcterms:description "Een resultaat zonder activiteiten."@nl , "A result without activities."@en ;\n    mh:partOfActionLine actielijn:5 ;\n    mh:inSection sectie:beter-zicht-op-aard-en-omvang ;\n    dcterms:source rapport:programmaresultaten-2021 ;\n    mh:sourceLocation "actielijn 5, resultaat 35"@nl .\n\ngebeurtenis:34.4-1 a mh:DatedEvent ;',
        ),
        "resultaat:35",
        "Result-activities",
    ),
    m(
        "activity-under-wrong-result",
        STRUCT,
        replace(
            A3,
            'dcterms:identifier "19.2" ;\n    mh:partOfResult resultaat:19 ;',
            'dcterms:identifier "19.2" ;\n    mh:partOfResult resultaat:20 ;',
        ),
        "activiteit:19.2",
        "ActivityNumberInResultRule",
    ),
    m(
        "source-location-in-another-action-line",
        STRUCT,
        replace(
            A1,
            'mh:sourceLocation "actielijn 1, resultaat 1"@nl .',
            'mh:sourceLocation "actielijn 2, resultaat 1"@nl .',
        ),
        "resultaat:1",
        "SourceLocationActionLineRule",
    ),
    m(
        "sub-item-with-two-parents",
        STRUCT,
        add_to(A3, "activiteit:25.1.1 a mh:Activity ;", "mh:partOfResult resultaat:25 ;"),
        "activiteit:25.1.1",
        "ActivityParentShape",
    ),
    m(
        "activity-without-parent",
        STRUCT,
        replace(
            A3,
            '    dcterms:identifier "19.2" ;\n    mh:partOfResult resultaat:19 ;\n',
            '    dcterms:identifier "19.2" ;\n',
        ),
        "activiteit:19.2",
        "ActivityParentShape",
    ),
    m(
        "organisation-without-kind",
        STRUCT,
        replace(
            ORGS,
            "organisatie:comensha a mh:NonGovernmentalOrganisation ;",
            "organisatie:comensha a mh:Organisation ;",
        ),
        "organisatie:comensha",
        "Organisation-kind",
    ),
    # --- second values of functional properties ----------------------------------------------
    m(
        "second-status",
        FUNC,
        replace(
            A3,
            "mh:status status:vertraagd ;",
            "mh:status status:vertraagd , status:volgens-planning ;",
        ),
        "activiteit:19.3",
        FUNCTIONAL_CHECK,
    ),
    m(
        "second-confidence",
        FUNC,
        replace(
            A3,
            "    mh:status status:vertraagd ;\n    mh:statusDerivedFromText true ;\n    mh:statusConfidence zekerheid:hoog ;",
            "    mh:status status:vertraagd ;\n    mh:statusDerivedFromText true ;\n    mh:statusConfidence zekerheid:hoog , zekerheid:laag ;",
        ),
        "activiteit:19.3",
        FUNCTIONAL_CHECK,
    ),
    m(
        "second-amount",
        FUNC,
        replace(A3, "mh:amount 1600000.0 ;", "mh:amount 1600000.0 , 2500000.0 ;"),
        "financiering:25.1.1-1",
        FUNCTIONAL_CHECK,
    ),
    m(
        "second-start-date",
        FUNC,
        replace(
            A3,
            'mh:startDate "2020"^^xsd:gYear ;\n    mh:hasFunding financiering:25.1-1',
            'mh:startDate "2020"^^xsd:gYear , "2021"^^xsd:gYear ;\n    mh:hasFunding financiering:25.1-1',
        ),
        "activiteit:25.1",
        FUNCTIONAL_CHECK,
    ),
    # --- misspelled terms --------------------------------------------------------------------
    m(
        "misspelled-property",
        TERM,
        replace(
            A3,
            "mh:exploitationFormAimedAt uitbuiting:criminaliteit ;",
            "mh:exploitatieFormAimedAt uitbuiting:criminaliteit ;",
        ),
        "activiteit:19.1",
        "DeclaredTermsCheck",
    ),
    m(
        "misspelled-class",
        TERM,
        replace(A3, "kengetal:19.1-1 a mh:Figure ;", "kengetal:19.1-1 a mh:Figuur ;"),
        "kengetal:19.1-1",
        "DeclaredTermsCheck",
    ),
    # --- the SHACL Core constraints one by one (each component compiled to a query) ---------
    m(
        "property-not-allowed-on-activity",  # sh:closed
        STRUCT,
        add_to(A1, "activiteit:1.3 a mh:Activity ;", "schema:position 3 ;"),
        "activiteit:1.3",
        "ActivityShape",
    ),
    m(
        "second-dutch-label",  # sh:uniqueLang
        LABEL,
        add_to(A1, "activiteit:1.3 a mh:Activity ;", 'skos:prefLabel "Handreiking jeugdzorg"@nl ;'),
        "activiteit:1.3",
        "PrefLabel-uniqueLang",
    ),
    m(
        "target-group-from-other-scheme",  # sh:node, sh:hasValue inside it
        STRUCT,
        replace(
            A1,
            "mh:targetGroupAimedAt doelgroep:professionals ;\n    mh:targetGroupConcerned doelgroep:minderjarigen ;\n    mh:exploitationFormInferred uitbuiting:alle-vormen ;\n    mh:executor organisatie:comensha ;",
            "mh:targetGroupAimedAt soort:onderzoek ;\n    mh:targetGroupConcerned doelgroep:minderjarigen ;\n    mh:exploitationFormInferred uitbuiting:alle-vormen ;\n    mh:executor organisatie:comensha ;",
        ),
        "activiteit:1.3",
        "Activity-targetGroupAimedAt",
    ),
    m(
        "foreign-body-based-in-the-netherlands",  # sh:not
        STRUCT,
        replace(
            ORGS,
            "organisatie:nigerian-immigration-service a mh:ForeignGovernmentBody ;\n"
            '    skos:prefLabel "Nigeriaanse immigratiedienst"@nl , "Nigerian Immigration Service"@en ;\n'
            '    skos:altLabel "Nigerian Immigration Service"@nl ;\n'
            "    mh:basedIn country:NGA ;",
            "organisatie:nigerian-immigration-service a mh:ForeignGovernmentBody ;\n"
            '    skos:prefLabel "Nigeriaanse immigratiedienst"@nl , "Nigerian Immigration Service"@en ;\n'
            '    skos:altLabel "Nigerian Immigration Service"@nl ;\n'
            "    mh:basedIn country:NLD ;",
        ),
        "organisatie:nigerian-immigration-service",
        "ForeignGovernmentBody-basedIn",
    ),
    m(
        "based-in-two-countries",  # sh:maxCount on a property that is not functional
        DUP,
        replace(
            ORGS,
            '    skos:altLabel "Nigerian Immigration Service"@nl ;\n    mh:basedIn country:NGA ;',
            '    skos:altLabel "Nigerian Immigration Service"@nl ;\n    mh:basedIn country:NGA , country:NER ;',
        ),
        "organisatie:nigerian-immigration-service",
        "Organisation-basedIn",
    ),
    m(
        "organisation-of-two-kinds",  # sh:qualifiedMaxCount
        STRUCT,
        replace(
            ORGS,
            "organisatie:jeugdzorg-nederland a mh:NonGovernmentalOrganisation ;",
            "organisatie:jeugdzorg-nederland a mh:NonGovernmentalOrganisation , mh:Company ;",
        ),
        "organisatie:jeugdzorg-nederland",
        "Organisation-kind",
    ),
    m(
        "period-and-expected-period",  # sh:maxCount on an sh:alternativePath
        DATE,
        replace(
            A1,
            'gebeurtenis:1.3-1 a mh:DatedEvent ;\n    mh:date "2021"^^xsd:gYear ;\n',
            'gebeurtenis:1.3-1 a mh:DatedEvent ;\n    mh:date "2021"^^xsd:gYear ;\n'
            '    mh:period "2021"^^edtf:EDTF ;\n',
        ),
        "gebeurtenis:1.3-1",
        "PeriodOrExpected",
    ),
    m(
        "result-without-section",  # sh:minCount
        STRUCT,
        replace(
            A1,
            "    mh:partOfActionLine actielijn:1 ;\n    mh:inSection sectie:signalering ;\n"
            "    dcterms:source rapport:programmaresultaten-2021 ;\n"
            '    mh:sourceLocation "actielijn 1, resultaat 1"@nl .',
            "    mh:partOfActionLine actielijn:1 ;\n"
            "    dcterms:source rapport:programmaresultaten-2021 ;\n"
            '    mh:sourceLocation "actielijn 1, resultaat 1"@nl .',
        ),
        "resultaat:1",
        "Result-inSection",
        also=("sectie:signalering",),
    ),
    m(
        "organisation-slug-with-capitals",  # sh:pattern and sh:nodeKind of a node shape
        TYPO,
        (
            Edit(
                ORGS,
                "organisatie:jeugdzorg-nederland a mh:NonGovernmentalOrganisation ;",
                "organisatie:Stichting_Voorbeeld a mh:NonGovernmentalOrganisation ;\n"
                '    skos:prefLabel "Stichting Voorbeeld"@nl .\n\n'
                "organisatie:jeugdzorg-nederland a mh:NonGovernmentalOrganisation ;",
            ),
        ),
        "organisatie:Stichting_Voorbeeld",
        "OrganisationIriShape",
    ),
    m(
        "responds-to-a-statute",  # sh:or of sh:class, a warning
        LINK,
        replace(
            A1, "mh:respondsTo instrument:kst-35300-25 ;", "mh:respondsTo instrument:sr-273f ;"
        ),
        "activiteit:4.6",
        "RespondsTo-motionOrCommitment",
        severity=Severity.WARNING,
        also=("instrument:kst-35300-25",),
    ),
    m(
        "motion-without-submitters",  # sh:minCount, an info
        STRUCT,
        replace(
            INSTRUMENTS,
            '    mh:documentNumber "25" ;\n    mh:submittedBy "Segers" , "Asscher" ;\n',
            '    mh:documentNumber "25" ;\n',
        ),
        "instrument:kst-35300-25",
        "Motion-submittedBy",
        severity=Severity.INFO,
    ),
)
