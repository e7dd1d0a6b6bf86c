"""The curated graph against a careful reading of the report.

Every expected value here was read off the report (the line numbers are those of the text
extraction in ``../shared/source``), not produced by the code or the data under test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

from mhgraph import KnowledgeGraph
from mhgraph.namespaces import COUNTRY, ID, MH, SCHEMA

ACTIVITY = Namespace(ID["activiteit/"])
STATUS = Namespace(ID["status/"])
DOELGROEP = Namespace(ID["doelgroep/"])
RESULT = Namespace(ID["resultaat/"])

# Results per action line (report headings "Actielijn 1" … "Actielijn 5").
RESULTS_PER_ACTION_LINE = {
    "1": set(range(1, 15)),
    "2": set(range(15, 19)),
    "3": set(range(19, 28)),
    "4": {28, 29},
    "5": set(range(30, 35)),
}

# Top-level activities per result, counted in the report's "Activiteiten / producten" column.
# Result 31 has four unnumbered items; repeated page headers (e.g. results 1, 4, 11, 14, 24,
# 25, 33 continued on a new page) are not new results.
ACTIVITIES_PER_RESULT = {
    1: 12,
    2: 7,
    3: 3,
    4: 13,
    5: 4,
    6: 4,
    7: 1,
    8: 1,
    9: 1,
    10: 1,
    11: 4,
    12: 1,
    13: 1,
    14: 5,
    15: 5,
    16: 3,
    17: 1,
    18: 4,
    19: 4,
    20: 4,
    21: 2,
    22: 1,
    23: 1,
    24: 7,
    25: 3,
    26: 1,
    27: 2,
    28: 5,
    29: 2,
    30: 2,
    31: 4,
    32: 2,
    33: 7,
    34: 4,
}

# Result 25's numbered sub-items (lines 1084-1163): 1.1-1.3, 2.1-2.2 and 3.1.
SUB_ITEMS_OF_25 = {
    "25.1": {"25.1.1", "25.1.2", "25.1.3"},
    "25.2": {"25.2.1", "25.2.2"},
    "25.3": {"25.3.1"},
}


def identifier(graph, node) -> str:
    return str(graph.value(node, DCTERMS.identifier))


def activities(graph) -> set[URIRef]:
    return set(graph.subjects(RDF.type, MH.Activity))


def activity(number: str) -> URIRef:
    return ACTIVITY[number]


def test_five_action_lines_with_their_results(real_graph: KnowledgeGraph):
    graph = real_graph.graph
    lines = {identifier(graph, a): a for a in graph.subjects(RDF.type, MH.ActionLine)}
    assert set(lines) == set(RESULTS_PER_ACTION_LINE)
    for number, expected in RESULTS_PER_ACTION_LINE.items():
        results = {
            int(identifier(graph, r))
            for r in graph.subjects(MH.partOfActionLine, lines[number])
            if (r, RDF.type, MH.Result) in graph
        }
        assert results == expected, f"action line {number}"


def test_34_results(real_graph: KnowledgeGraph):
    results = set(real_graph.graph.subjects(RDF.type, MH.Result))
    assert sorted(int(identifier(real_graph.graph, r)) for r in results) == list(range(1, 35))


@pytest.mark.parametrize(("result", "count"), sorted(ACTIVITIES_PER_RESULT.items()))
def test_activities_per_result(real_graph: KnowledgeGraph, result: int, count: int):
    graph = real_graph.graph
    top_level = set(graph.subjects(MH.partOfResult, RESULT[str(result)]))
    assert len(top_level) == count
    for node in top_level:
        assert identifier(graph, node).startswith(f"{result}.")


def test_result_31_items_are_lettered(real_graph: KnowledgeGraph):
    graph = real_graph.graph
    numbers = {identifier(graph, a) for a in graph.subjects(MH.partOfResult, RESULT["31"])}
    assert numbers == {"31.a", "31.b", "31.c", "31.d"}


def test_sub_items_of_result_25(real_graph: KnowledgeGraph):
    graph = real_graph.graph
    for parent, children in SUB_ITEMS_OF_25.items():
        found = {identifier(graph, c) for c in graph.subjects(MH.partOfActivity, activity(parent))}
        assert found == children, parent


def test_transitive_part_of_reaches_the_action_line(real_graph: KnowledgeGraph):
    graph = real_graph.graph
    assert (activity("25.1.2"), MH.partOf, ID["actielijn/3"]) in graph
    assert (activity("25.1.2"), MH.partOf, ID["actielijn/3"]) not in real_graph.asserted


def test_every_activity_has_one_status_and_bilingual_texts(real_graph: KnowledgeGraph):
    graph = real_graph.graph
    all_activities = activities(graph)
    assert len(all_activities) == sum(ACTIVITIES_PER_RESULT.values()) + 6
    for node in all_activities:
        assert len(list(graph.objects(node, MH.status))) == 1, node
        assert graph.value(node, MH.statusDerivedFromText) == Literal(True), node
        for predicate in (SKOS.prefLabel, DCTERMS.description):
            languages = sorted(o.language for o in graph.objects(node, predicate))
            assert languages == ["en", "nl"], (node, predicate)


def countries_of(graph, node) -> set[str]:
    return {str(c).removeprefix(str(COUNTRY)) for c in graph.objects(node, MH.country)}


def involved(graph, node) -> set[str]:
    return {str(o).rsplit("/", 1)[-1] for o in graph.objects(node, MH.involves)}


def amounts(graph, node) -> set[Decimal]:
    return {
        graph.value(funding, MH.amount).toPython() for funding in graph.objects(node, MH.hasFunding)
    }


def test_police_liaisons_and_their_accreditations(real_graph: KnowledgeGraph):
    # 4.7 (lines 308-310): Poland (accredited for Hungary), Croatia (Slovenia, Bosnia and
    # Herzegovina, Montenegro) and Italy.
    graph = real_graph.graph
    assert countries_of(graph, activity("4.7")) == {"POL", "HUN", "HRV", "SVN", "BIH", "MNE", "ITA"}
    assert "politie" in involved(graph, activity("4.7"))


def test_nigeria_programmes_and_their_money(real_graph: KnowledgeGraph):
    # 25.1.1 (lines 1084-1097): EUR 1.6 mln via ICMPD (2020-2022), EUR 2.5 mln PROMIS with
    # UNODC and OHCHR (2020-2024); NAPTIP is the Nigerian agency.
    graph = real_graph.graph
    node = activity("25.1.1")
    assert "NGA" in countries_of(graph, node)
    assert amounts(graph, node) == {Decimal("1600000"), Decimal("2500000")}
    assert {"icmpd", "unodc", "ohchr", "naptip"} <= involved(graph, node)


def test_chad_burkina_faso_and_mali(real_graph: KnowledgeGraph):
    graph = real_graph.graph
    # 25.1.2 (lines 1099-1103): Chad and Burkina Faso, EUR 2.2 mln, UNODC.
    assert {"TCD", "BFA"} <= countries_of(graph, activity("25.1.2"))
    assert amounts(graph, activity("25.1.2")) == {Decimal("2200000")}
    assert "unodc" in involved(graph, activity("25.1.2"))
    # 25.1.3 (lines 1105-1112): Mali, EUR 3 mln through the EU Trust Fund for Africa.
    assert "MLI" in countries_of(graph, activity("25.1.3"))
    assert amounts(graph, activity("25.1.3")) == {Decimal("3000000")}


def test_every_funding_is_in_euro_with_a_period(real_graph: KnowledgeGraph):
    graph = real_graph.graph
    for funding in graph.subjects(RDF.type, MH.Funding):
        assert str(graph.value(funding, MH.currency)) == "EUR", funding
        assert graph.value(funding, MH.amount).toPython() > 0, funding


def referring_to(graph, instrument: str) -> set[str]:
    return {
        identifier(graph, a)
        for a in graph.subjects(MH.refersTo, ID["instrument/" + instrument])
        if (a, RDF.type, MH.Activity) in graph
    }


def test_article_273f_sr(real_graph: KnowledgeGraph):
    # Named in 9.1 (lines 491-503) and 18.1 (line 760), nowhere else.
    graph = real_graph.graph
    assert referring_to(graph, "sr-273f") == {"9.1", "18.1"}
    article = ID["instrument/sr-273f"]
    assert str(graph.value(article, MH.bwbId)) == "BWBR0001854"
    assert str(graph.value(article, MH.articleNumber)) == "273f"


@pytest.mark.parametrize(
    ("instrument", "activity_number"),
    [
        ("kst-28638-184", "4.4"),  # Kamerbrief of 18 November 2020 (line 287)
        ("kst-28638-178", "4.9"),  # toezegging, 28638 nr. 178 (line 330)
        ("kst-28638-172", "5.3"),  # motie Segers/Buitenweg, 28638 nr 172 (line 393)
        ("kst-35300-25", "4.6"),  # motie Segers-Asscher, 35300 25 (line 303)
    ],
)
def test_kamerstukken_cited(real_graph: KnowledgeGraph, instrument: str, activity_number: str):
    graph = real_graph.graph
    assert activity_number in referring_to(graph, instrument)
    dossier, number = instrument.removeprefix("kst-").split("-")
    node = ID["instrument/" + instrument]
    assert str(graph.value(node, MH.dossierNumber)) == dossier
    assert str(graph.value(node, MH.documentNumber)) == number


def figure_values(graph, node) -> set[Decimal]:
    return {Decimal(str(graph.value(f, MH.value))) for f in graph.objects(node, MH.hasFigure)}


def test_counted_figures(real_graph: KnowledgeGraph):
    graph = real_graph.graph
    # 1.8 (line 96): 22 of the 26 Veilig Thuis regions took part.
    assert {Decimal(22), Decimal(26)} <= figure_values(graph, activity("1.8"))
    # 1.9 (lines 106-107): three trainings, 15 Veilig Thuis organisations represented.
    assert {Decimal(3), Decimal(15)} <= figure_values(graph, activity("1.9"))
    # 4.2 (lines 270-272): 35 detectives started, 5 finished, 19 earlier starters certified.
    assert {Decimal(35), Decimal(5), Decimal(19)} <= figure_values(graph, activity("4.2"))


def test_icao_recommended_practice(real_graph: KnowledgeGraph):
    # 1.2 (lines 25-38): ICAO adopted it in July 2021 on the Netherlands' initiative;
    # Royal Schiphol Group and ACI World are named too.
    graph = real_graph.graph
    assert {"icao", "royal-schiphol-group"} <= involved(graph, activity("1.2"))
    dates = {str(graph.value(e, MH.date)) for e in graph.objects(activity("1.2"), MH.hasEvent)}
    assert {"2021-07", "2021-10-18"} <= dates


def test_ministries_carry_their_tooi_identifiers(real_graph: KnowledgeGraph):
    graph = real_graph.graph
    tooi = "https://identifier.overheid.nl/tooi/id/ministerie/"
    sameas = URIRef("https://schema.org/sameAs")
    for slug, code in (
        ("jenv", "mnre1058"),
        ("vws", "mnre1025"),
        ("szw", "mnre1073"),
        ("bz", "mnre1013"),
    ):
        node = ID["organisatie/ministerie-" + slug]
        assert (node, RDF.type, MH.Ministry) in graph
        assert URIRef(tooi + code) in set(graph.objects(node, sameas))


def test_every_organisation_country_and_instrument_is_used(real_graph: KnowledgeGraph):
    """Each is named by an activity, a funding, a result or the report; a parent body (KMar's
    Ministry of Defence) counts as used through the organisation it holds."""
    graph = real_graph.graph
    users = (
        activities(graph)
        | set(graph.subjects(RDF.type, MH.Funding))
        | set(graph.subjects(RDF.type, MH.Result))
        | set(graph.subjects(RDF.type, MH.Report))
        | set(graph.subjects(RDF.type, MH.Programme))
    )
    referenced = {o for s, _, o in graph if s in users}
    referenced |= {
        parent
        for child, parent in graph.subject_objects(ORG.subOrganizationOf)
        if child in referenced
    }
    for cls in (MH.Organisation, MH.Country, MH.LegalInstrument):
        unused = {n for n in graph.subjects(RDF.type, cls) if n not in referenced}
        assert not unused, (cls, sorted(unused))


def test_organisation_names_follow_the_contract(real_graph: KnowledgeGraph):
    graph = real_graph.graph
    for node in graph.subjects(RDF.type, MH.Organisation):
        dutch = [label for label in graph.objects(node, SKOS.prefLabel) if label.language == "nl"]
        assert len(dutch) == 1, node
    comensha = ID["organisatie/comensha"]
    assert Literal("CoMensha", lang="nl") in set(graph.objects(comensha, SKOS.altLabel))


def test_countries_use_eu_authority_iris_with_iso_codes(real_graph: KnowledgeGraph):
    graph = real_graph.graph
    nigeria = COUNTRY.NGA
    assert str(graph.value(nigeria, MH.isoAlpha2)) == "NG"
    assert {label.language for label in graph.objects(nigeria, SKOS.prefLabel)} == {"nl", "en"}
    for node in graph.subjects(RDF.type, MH.Country):
        assert str(node).startswith(str(COUNTRY)), node


# --- products, roles, mentions, outcomes, stated dates, tag bases, assessments ---------------

PROV = Namespace("http://www.w3.org/ns/prov#")
ROLE = Namespace(ID["rol/"])
ORGANISATION = Namespace(ID["organisatie/"])
PRODUCT = Namespace(ID["product/"])


def roles(graph, number: str) -> set[tuple[str, str]]:
    """(organisation slug, role slug) of every qualified association of an activity."""
    return {
        (
            str(graph.value(a, PROV.agent)).rsplit("/", 1)[-1],
            str(graph.value(a, PROV.hadRole)).rsplit("/", 1)[-1],
        )
        for a in graph.objects(activity(number), PROV.qualifiedAssociation)
    }


def test_products_serving_more_than_one_result(real_graph: KnowledgeGraph):
    # 'Uitgebuit' (2.4, again under 31 at line 1441), the long read (29.2 and 31.d), the
    # campaign on responsible client behaviour (20.1 and 27.2) and the guide on labour
    # exploitation (15.3, named as an outcome of 18.1).
    graph = real_graph.asserted
    products = set(graph.subjects(RDF.type, MH.Product))
    assert len(products) == 60
    several = {p for p in products if len(set(graph.objects(p, MH.servesResult))) > 1}
    assert several == {PRODUCT["2.4-1"], PRODUCT["29.2-1"], PRODUCT["20.1-1"], PRODUCT["15.3-1"]}


def test_product_titles_and_dates_carry_over(real_graph: KnowledgeGraph):
    # Line 181: the collection presented on 7 November 2019; line 545: the Blueprint,
    # published at the end of September 2019; line 806: the CKM study due in the first
    # half of 2022; lines 901 and 907: the two studies due in spring 2022.
    graph = real_graph.asserted
    uitgebuit = PRODUCT["2.4-1"]
    assert Literal("Uitgebuit: ervaringen met hulp aan loverboys-slachtoffers", lang="nl") in set(
        graph.objects(uitgebuit, SKOS.prefLabel)
    )
    assert str(graph.value(uitgebuit, MH.period)) == "2019-11-07"
    assert str(graph.value(PRODUCT["11.2-1"], MH.period)) == "2019-09"
    assert str(graph.value(PRODUCT["19.1-1"], MH.expectedPeriod)) == "2022-40"
    assert {str(graph.value(PRODUCT[p], MH.expectedPeriod)) for p in ("21.1-1", "21.2-1")} == {
        "2022-21"
    }
    # Both films are also available in English (lines 151 and 157).
    for film in ("2.1-1", "2.2-1"):
        assert {str(v) for v in graph.objects(PRODUCT[film], SCHEMA.inLanguage)} == {"nl", "en"}


def test_finer_roles_read_from_the_text(real_graph: KnowledgeGraph):
    graph = real_graph.asserted
    assert ("ministerie-jenv", "opdrachtgever") in roles(graph, "1.11")  # line 125
    assert ("politie", "opdrachtgever") in roles(graph, "4.8")  # 'in opdracht van politie'
    assert ("ministerie-vws", "subsidiegever") in roles(graph, "3.1")  # line 220
    assert ("ministerie-jenv", "subsidiegever") in roles(graph, "19.1")  # line 802
    assert {("ministerie-vws", "aanbesteder"), ("ministerie-jenv", "aanbesteder")} <= roles(
        graph, "13.1"
    )  # line 613
    assert ("om", "voorzitter") in roles(graph, "31.b")  # line 1448
    assert ("icmpd", "secretariaat") in roles(graph, "25.2.2")  # line 1144


def test_liaison_officers_stationed_and_accredited(real_graph: KnowledgeGraph):
    # Lines 308-310: Poland (also Hungary), Croatia (also Slovenia, Bosnia and Herzegovina,
    # Montenegro), Italy, and a regular liaison officer in Italy since early 2021.
    graph = real_graph.asserted
    postings = sorted(
        (
            str(graph.value(a, MH.stationedIn)).rsplit("/", 1)[-1],
            tuple(sorted(str(c).rsplit("/", 1)[-1] for c in graph.objects(a, MH.accreditedTo))),
        )
        for a in graph.objects(activity("4.7"), PROV.qualifiedAssociation)
        if graph.value(a, PROV.hadRole) == ROLE.verbindingsofficier
    )
    assert postings == [
        ("HRV", ("BIH", "MNE", "SVN")),
        ("ITA", ()),
        ("ITA", ()),
        ("POL", ("HUN",)),
    ]


def test_every_coarse_role_has_its_qualified_association(real_graph: KnowledgeGraph):
    graph = real_graph.asserted
    coarse = (MH.leadOrganisation, MH.executor, MH.funder, MH.partner, MH.participant)
    for node in activities(graph):
        agents = {
            graph.value(a, PROV.agent) for a in graph.objects(node, PROV.qualifiedAssociation)
        }
        linked = {o for p in (*coarse, MH.recipient, MH.involves) for o in graph.objects(node, p)}
        assert linked == agents, node


def test_mentioned_is_not_involved(real_graph: KnowledgeGraph):
    # The Tweede Kamer receives letters (4.4, 4.9, 23.1, 24.7); the SP is the party of two
    # MPs and ISIS the group whose victims are supported (24.7); Airbnb is an example of
    # short-stay places (10.1); LinkedIn hosts the online community (31.a).
    graph = real_graph.graph
    mentioned = {
        (identifier(graph, s), str(o).rsplit("/", 1)[-1])
        for s, o in graph.subject_objects(MH.mentions)
    }
    assert mentioned == {
        ("4.4", "tweede-kamer"),
        ("4.9", "tweede-kamer"),
        ("23.1", "tweede-kamer"),
        ("24.7", "tweede-kamer"),
        ("24.7", "sp"),
        ("24.7", "isis"),
        ("10.1", "airbnb"),
        ("31.a", "linkedin"),
    }
    for kind in (MH.PoliticalParty, MH.ArmedGroup, MH.Parliament):
        for bystander in graph.subjects(RDF.type, kind):
            assert not set(graph.objects(bystander, MH.involvedIn)), bystander
    assert (ORGANISATION.sp, RDF.type, MH.PoliticalParty) in graph
    assert (ORGANISATION.isis, RDF.type, MH.ArmedGroup) in graph
    assert (ORGANISATION["tweede-kamer"], RDF.type, MH.Parliament) in graph


def test_eu_bodies_are_told_apart(real_graph: KnowledgeGraph):
    graph = real_graph.asserted
    kinds = {
        "europol": MH.EUAgency,
        "ela": MH.EUAgency,
        "europese-commissie": MH.EUInstitution,
        "empact": MH.EUProgrammeOrFund,
        "eutf": MH.EUProgrammeOrFund,
        "eu": MH.EUBody,
    }
    for slug, kind in kinds.items():
        assert graph.value(ORGANISATION[slug], RDF.type) == kind, slug


def test_outcomes_apart_from_status(real_graph: KnowledgeGraph):
    # Dropped: 15.1 (line 688) and 15.5; not feasible: 5.3 and 20.2; a negative finding:
    # 34.2 (line 1625); left to a new cabinet: 19.3, 34.3; postponed: 25.2.1 (line 1137), 33.6.
    graph = real_graph.asserted
    by_outcome: dict[str, set[str]] = {}
    for node, outcome in graph.subject_objects(MH.outcome):
        by_outcome.setdefault(str(outcome).rsplit("/", 1)[-1], set()).add(identifier(graph, node))
    assert by_outcome["geschrapt"] == {"15.1", "15.5"}
    assert by_outcome["niet-haalbaar"] == {"5.3", "20.2"}
    assert by_outcome["negatieve-bevinding"] == {"34.2"}
    assert by_outcome["aan-volgend-kabinet"] == {"19.3", "34.3"}
    assert by_outcome["uitgesteld"] == {"25.2.1", "33.6"}
    completed = {identifier(graph, a) for a in graph.subjects(MH.status, STATUS.voltooid)}
    assert by_outcome["opgeleverd"] == completed - {"34.2"}
    assert len(by_outcome["opgeleverd"]) == 39
    stopped = {identifier(graph, a) for a in graph.subjects(MH.status, STATUS.gestopt)}
    assert stopped == {"5.3", "15.1", "15.5", "20.2"}
    assert not set(graph.subjects(MH.status, STATUS["niet-van-toepassing"]))


def test_dates_as_the_text_states_them(real_graph: KnowledgeGraph):
    graph = real_graph.asserted
    stated = {identifier(graph, a): str(v) for a, v in graph.subject_objects(MH.expectedEndPeriod)}
    assert len(stated) == len(set(graph.subjects(MH.expectedEndDate, None))) == 21
    assert stated["1.1"] == "2022-33~"  # 'Begin 2022' (line 11)
    assert stated["21.1"] == stated["21.2"] == "2022-21"  # 'voorjaar 2022'
    assert stated["14.1"] == "2021-36~"  # 'tot eind 2021'
    event = Namespace(ID["gebeurtenis/"])
    assert str(graph.value(event["33.1-3"], MH.expectedPeriod)) == "2022-34"  # line 1552
    assert str(graph.value(event["19.1-1"], MH.expectedPeriod)) == "2022-40"  # line 806
    assert str(graph.value(event["4.3-1"], MH.expectedPeriod)) == "2021-36/2022-33"


def test_every_tag_has_exactly_one_basis(real_graph: KnowledgeGraph):
    asserted = real_graph.asserted
    assert not set(asserted.triples((None, MH.targetGroup, None)))
    assert not set(asserted.triples((None, MH.exploitationForm, None)))
    bases = (
        (MH.targetGroupAimedAt, MH.targetGroupConcerned, MH.targetGroupInferred),
        (MH.exploitationFormAimedAt, MH.exploitationFormConcerned, MH.exploitationFormInferred),
    )
    for family in bases:
        seen: dict[tuple, int] = {}
        for prop in family:
            for pair in asserted.subject_objects(prop):
                seen[pair] = seen.get(pair, 0) + 1
        assert all(count == 1 for count in seen.values())
    general = Namespace(ID["uitbuiting/"])["alle-vormen"]
    assert set(asserted.subjects(MH.exploitationFormAimedAt, general)) == set()
    assert (activity("15.1"), MH.targetGroupAimedAt, DOELGROEP.werkgevers) in asserted
    assert (activity("34.4"), MH.targetGroupConcerned, DOELGROEP.amv) in asserted


def test_every_activity_has_its_2021_assessment(real_graph: KnowledgeGraph):
    graph = real_graph.asserted
    report = ID["rapport/programmaresultaten-2021"]
    for node in activities(graph):
        (assessment,) = set(graph.subjects(MH.assessmentOf, node))
        assert graph.value(assessment, PROV.wasDerivedFrom) == report
        assert str(graph.value(assessment, DCTERMS.date)) == "2021-11"
        assert graph.value(assessment, MH.assessedStatus) == graph.value(node, MH.status)
        assert str(assessment).endswith(f"/{identifier(graph, node)}-2021")
    assert len(activities(graph)) == 128
