"""The static site of the fixture publication: layout, links, what the pages say, escaping."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

from mhgraph.namespaces import MH
from mhgraph.publish import doc_path

BASE = "https://w3id.org/mhgraph/"
NASTY = '<script>alert(1)</script> "zorg" & veiligheid'


@pytest.fixture(scope="module")
def site(fixture_publication) -> Path:
    return fixture_publication


class Links(HTMLParser):
    """Every href and src of a page, and the alternates it declares."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.targets.append(values[name])
        if tag == "link" and values.get("rel") == "alternate":
            self.alternates.append((values["type"], values["href"]))


def links_of(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_the_layout_is_as_documented(site):
    for path in [
        "index.html",
        "doc/activiteit/1.1.html",
        "doc/activiteit/1.1.ttl",
        "doc/activiteit/1.1.jsonld",
        "doc/country/NGA.html",
        "def/index.html",
        "def/shapes.html",
        "dumps/asserted.ttl",
        "dumps/inferred.nt.gz",
        "catalog.ttl",
        "void.ttl",
        "validation-report.ttl",
        "sitemap.xml",
        "queries.html",
        "context.jsonld",
        "network.html",
        "countries.html",
        "assets/style.css",
        "index/mh-Activity.html",
        "queries/status-of-activities.rq",
    ]:
        assert (site / path).is_file(), path


def broken_links(site: Path) -> list[str]:
    """Local links (relative, as the whole site uses) that lead to no file."""
    broken = []
    for page in html_pages(site):
        for target in links_of(page).targets:
            parts = urlsplit(target)
            if parts.scheme or target.startswith("#"):
                continue
            if not (page.parent / unquote(parts.path)).resolve().is_file():
                broken.append(f"{page.relative_to(site)} -> {target}")
    return broken


def test_every_local_link_of_every_page_resolves(site):
    assert broken_links(site) == []


def test_resource_pages_declare_their_turtle_and_json_ld(site):
    page = site / "doc" / "activiteit" / "1.1.html"
    alternates = dict(links_of(page).alternates)
    assert alternates == {"text/turtle": "1.1.ttl", "application/ld+json": "1.1.jsonld"}
    described = Graph().parse(page.parent / "1.1.ttl")
    activity = URIRef(BASE + "id/activiteit/1.1")
    assert (activity, SKOS.prefLabel, None) in described
    assert set(Graph().parse(page.parent / "1.1.jsonld", format="json-ld")) == set(described)


def test_an_activity_page_shows_label_status_and_both_kinds_of_triples(site):
    html = (site / "doc" / "activiteit" / "1.1.html").read_text(encoding="utf-8")
    assert '<h1 lang="nl">Training politie</h1>' in html
    assert "Police training" in html
    status = re.search(r'<section class="status status-voltooid".*?</section>', html, re.S)
    assert status and "Voltooid" in status.group(0) and "(Completed)" in status.group(0)
    assert "Confidence: High." in status.group(0)
    assert "Inferred by OWL RL reasoning" in html  # mh:involves follows from mh:funder
    inferred = html.split("Inferred by OWL RL reasoning")[1].split("Links to this resource")[0]
    assert "involves" in inferred
    assert 'href="../organisatie/ministerie-jenv.html"' in inferred
    assert 'href="https://example.org/training" rel="external"' in html


def test_a_page_lists_the_links_pointing_to_it(site):
    html = (site / "doc" / "organisatie" / "ministerie-jenv.html").read_text(encoding="utf-8")
    incoming = html.split("Links to this resource")[1]
    assert 'href="../activiteit/1.1.html"' in incoming  # asserted: funder
    assert "inferred by OWL RL reasoning" in incoming  # involves, from both activities


def test_class_indexes_list_their_members_in_natural_order(site):
    html = (site / "index" / "mh-Activity.html").read_text(encoding="utf-8")
    numbers = re.findall(r"<td>(1\.\d+)</td>", html)
    assert numbers == ["1.1", "1.2", "1.10"]
    organisations = (site / "index" / "mh-Organisation.html").read_text(encoding="utf-8")
    assert "eerlijk.html" in organisations and "ministerie-jenv.html" in organisations


def test_the_home_page_explains_links_and_charts(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Samen tegen mensenhandel" in html
    for target in (
        "index/mh-Activity.html",
        "index/mh-Organisation.html",
        "countries.html",
        "network.html",
        "def/index.html",
        "queries.html",
    ):
        assert f'href="{target}"' in html
    chart = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<script" not in chart
    assert "Betere signalering: Voltooid: 2" in chart  # two activities of line 1 completed
    assert "Betere signalering: In uitvoering maar met vertraging: 1" in chart


def test_countries_are_grouped_by_region(site):
    html = (site / "countries.html").read_text(encoding="utf-8")
    west_africa = html.split("West-Afrika")[1].split("</section>")[0]
    assert "Nigeria" in west_africa and "Nederland" not in west_africa
    assert html.index("No region given") < html.index("Nederland")


def test_the_network_links_organisations_to_their_activities(site):
    html = (site / "network.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert svg.count('class="edge"') == 3  # jenv funds 1.1, jenv and eerlijk partner 1.2
    assert 'href="doc/organisatie/ministerie-jenv.html"' in svg


def test_the_ontology_page_documents_every_term_with_an_anchor(site):
    html = (site / "def" / "index.html").read_text(encoding="utf-8")
    for term in ("Activity", "Ministry", "partOfResult", "funder", "webPage"):
        assert f'id="{term}"' in html
    assert "An action of the programme." in html and "Een actie van het programma." in html
    assert "Progress status" in html and 'href="../doc/status/voltooid.html"' in html
    assert "data-theme" not in html  # the catalogue's EU code lists are not the project's
    activity = (site / "doc" / "activiteit" / "1.1.html").read_text(encoding="utf-8")
    assert 'href="../../def/index.html#partOfResult"' in activity


def test_the_queries_page_lists_every_stored_query(site):
    html = (site / "queries.html").read_text(encoding="utf-8")
    assert "Which status has each activity? &lt;i&gt;&amp;&lt;/i&gt;" in html
    assert "Welke stand van zaken heeft elke activiteit?" in html
    assert 'href="queries/status-of-activities.rq"' in html


def test_the_sitemap_lists_every_page_at_the_base(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>(.*?)</loc>", sitemap))
    pages = {BASE + p.relative_to(site).as_posix() for p in html_pages(site)}
    assert locations == pages


def test_every_value_from_the_data_is_escaped(site):
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
        assert "<img src=x" not in html, page
    activity = (site / "doc" / "activiteit" / "1.2.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;zorg&#34; &amp; veiligheid" in activity
    organisation = (site / "doc" / "organisatie" / "eerlijk.html").read_text(encoding="utf-8")
    assert "Stichting &#34;Eerlijk&#34; &amp; Co &lt;img src=x onerror=alert(3)&gt;" in organisation


def test_a_javascript_iri_in_the_data_is_text_not_a_link(site):
    html = (site / "doc" / "activiteit" / "1.10.html").read_text(encoding="utf-8")
    assert "javascript:alert(2)" in html
    assert not [
        t
        for t in links_of(site / "doc" / "activiteit" / "1.10.html").targets
        if t.lower().startswith("javascript:")
    ]


@pytest.mark.slow
def test_the_real_publication_is_complete_and_its_links_resolve(real_publication, real_graph):
    site = real_publication
    for path in (
        "index.html",
        "def/index.html",
        "catalog.ttl",
        "void.ttl",
        "sitemap.xml",
        "index/mh-Activity.html",
        "index/mh-Organisation.html",
        "index/mh-Country.html",
        "network.html",
        "countries.html",
        "queries.html",
        "dumps/asserted.nt.gz",
    ):
        assert (site / path).is_file(), path
    activities = {
        s for s in real_graph.graph.subjects(RDF.type, MH.Activity) if isinstance(s, URIRef)
    }
    assert activities
    missing = [a for a in activities if not (site / doc_path(a, BASE)).is_file()]
    assert missing == []
    assert broken_links(site) == []


@pytest.mark.slow
def test_the_real_status_chart_counts_activities_with_a_status(real_publication, real_graph):
    html = (real_publication / "index.html").read_text(encoding="utf-8")
    table = html.split("The same figures as a table")[1].split("</table>")[0]
    totals = [int(n) for n in re.findall(r"<td>(\d+)</td></tr>", table)]
    with_status = set(real_graph.graph.subjects(MH.status, None))
    assert 0 < sum(totals) <= len(with_status)
