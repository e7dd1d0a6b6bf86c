"""The static site of the fixture publication: layout, links, what the pages say, escaping.

The expected numbers, names, amounts and dates are those written into the fixture
(tests/fixtures/publish/data/*.ttl), not ones the code under test produced.
"""

from __future__ import annotations

import json
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
    """Every href and src of a page, the alternates it declares and its language."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.alternates: list[tuple[str, str]] = []
        self.languages: dict[str, str] = {}
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.targets.append(values[name])
        if tag == "html":
            self.lang = values.get("lang", "")
        if tag == "link" and values.get("rel") == "alternate":
            if "type" in values:
                self.alternates.append((values["type"], values["href"]))
            if "hreflang" in values:
                self.languages[values["hreflang"]] = values["href"]


def links_of(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def reading_part(html: str) -> str:
    """The page as a reader meets it: the main part before the disclosure of triples."""
    main = html.split('<main id="content">')[1]
    return main.split('<details class="raw">')[0]


def text_of(html: str) -> str:
    """The words of ``html``, its no-break spaces (as in "€ 9,9 mln") read as spaces."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_layout_is_as_documented(site):
    for path in [
        "index.html",
        "en/index.html",
        "activities.html",
        "en/activities.html",
        "search.html",
        "assets/search-index.js",
        "assets/site.js",
        "assets/style.css",
        "doc/activiteit/1.1.html",
        "en/doc/activiteit/1.1.html",
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
        "index/mh-Activity.html",
        "queries/status-of-activities.rq",
    ]:
        assert (site / path).is_file(), path
    assert not (site / "en" / "doc" / "activiteit" / "1.1.ttl").exists()  # one copy of the RDF


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


def test_every_page_has_its_twin_in_the_other_language(site):
    for page in html_pages(site):
        relative = page.relative_to(site).as_posix()
        links = links_of(page)
        if relative.startswith("en/"):
            assert links.lang == "en", relative
            twin = site / relative.removeprefix("en/")
            assert (page.parent / links.languages["nl"]).resolve() == twin.resolve(), relative
        else:
            assert links.lang == "nl", relative
            twin = site / "en" / relative
            assert (page.parent / links.languages["en"]).resolve() == twin.resolve(), relative


def test_resource_pages_declare_their_turtle_and_json_ld(site):
    page = site / "doc" / "activiteit" / "1.1.html"
    alternates = dict(links_of(page).alternates)
    assert alternates == {"text/turtle": "1.1.ttl", "application/ld+json": "1.1.jsonld"}
    english = dict(links_of(site / "en" / "doc" / "activiteit" / "1.1.html").alternates)
    assert english == {
        "text/turtle": "../../../doc/activiteit/1.1.ttl",
        "application/ld+json": "../../../doc/activiteit/1.1.jsonld",
    }
    described = Graph().parse(page.parent / "1.1.ttl")
    activity = URIRef(BASE + "id/activiteit/1.1")
    assert (activity, SKOS.prefLabel, None) in described
    assert set(Graph().parse(page.parent / "1.1.jsonld", format="json-ld")) == set(described)


def test_an_activity_reads_like_a_document(site):
    html = read(site, "doc/activiteit/7.1.html")
    reading = reading_part(html)
    text = text_of(reading)
    assert '<h1><span class="number">7.1</span> Terugkeerprogramma</h1>' in reading
    badge = '<span class="badge status-volgens-planning">In uitvoering en volgens planning</span>'
    assert badge in reading
    crumbs = text_of(reading.split('<nav class="crumbs"')[1].split("</nav>")[0])
    assert re.search(
        r"Home .*2 Betere ondersteuning .*7 Terugkeer .*7\.1 Terugkeerprogramma", crumbs
    )
    assert "Een programma voor veilige terugkeer." in text
    # Organisations by role, in the order of the roles.
    roles = text_of(reading.split('id="roles-h"')[1].split("</section>")[0])
    assert re.search(
        r"Trekker Dienst Terugkeer en Vertrek .*Uitvoerder Immigratie- en Naturalisatiedienst "
        r".*Funder Ministerie van Justitie en Veiligheid",
        roles,
        re.I,
    )
    # Money, dates and figures as a Dutch reader writes them.
    assert "€ 9,9 mln" in text and "€ 9.900.000" in text
    assert "mei 2021" in text and "3 november 2021" in text and "2022" in text
    assert text.index("mei 2021") < text.index("3 november 2021") < text.index("2022")
    assert "1.234 Aantal begeleide terugkeerders." in text
    # The legal instrument with its official text, the sub-item in the tree, what is unplaced.
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-1-2.html" rel="external"' in reading
    assert re.search(r"7\.1\.1 Terugkeer naar Nigeria In uitvoering maar met vertraging", text)
    assert "Nieuwe eigenschap" in text or "nieuwe eigenschap" in text
    assert "Een waarde die de opmaak niet kent" in text
    assert "A value the layout does not know" not in text  # only the page's language
    # No raw RDF in the reading order: it waits behind the disclosure, asserted and inferred apart.
    for raw in ("xsd:decimal", "rdf:type", "9900000.0", "mh:"):
        assert raw not in reading, raw
    details = html.split('<details class="raw">')[1]
    assert "Vastgelegd in de bronbestanden" in details
    assert "Afgeleid door OWL RL-redeneren" in details
    assert "xsd:decimal" not in details.split("Afgeleid door OWL RL-redeneren")[0]  # not on 7.1


def test_the_english_page_writes_money_and_dates_in_english(site):
    text = text_of(reading_part(read(site, "en/doc/activiteit/7.1.html")))
    assert "7.1 Return programme" in text
    assert "In progress and on schedule" in text
    assert "€ 9.9 million" in text and "€ 9,900,000" in text
    assert "May 2021" in text and "3 November 2021" in text
    assert "1,234 Number of returnees supported." in text
    assert "A value the layout does not know" in text


def test_a_funding_page_leads_back_to_its_activity(site):
    reading = reading_part(read(site, "doc/financiering/7.1-1.html"))
    crumbs = text_of(reading.split('<nav class="crumbs"')[1].split("</nav>")[0])
    assert re.search(r"2 Betere ondersteuning .*7 Terugkeer .*7\.1 Terugkeerprogramma", crumbs)
    assert "€ 9,9 mln" in text_of(reading)


def test_an_action_line_is_a_tree_with_a_status_summary(site):
    reading = reading_part(read(site, "doc/actielijn/1.html"))
    text = text_of(reading)
    tally = text_of(reading.split('id="tally-h"')[1].split("</section>")[0])
    assert "Voltooid: 2" in tally and "In uitvoering maar met vertraging: 1" in tally
    tree = text_of(reading.split('id="tree-h"')[1].split("</section>")[0])
    assert re.search(
        r"1 Signalering door professionals 1\.1 Training politie Voltooid "
        r"1\.2 .*In uitvoering maar met vertraging 1\.10 Campagne Voltooid",
        tree,
    )
    assert "Betere signalering" in text


def test_an_organisation_lists_its_activities_with_role_and_status(site):
    reading = reading_part(read(site, "doc/organisatie/ind.html"))
    table = reading.split('<table class="activities stack">')[1].split("</table>")[0]
    body = table.split("<tbody>")[1]
    rows = [text_of(r).strip() for r in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    assert rows == [
        "7.1 Terugkeerprogramma uitvoerder In uitvoering en volgens planning",
        "7.1.1 Terugkeer naar Nigeria uitvoerder In uitvoering maar met vertraging",
    ]
    money = text_of(reading.split('id="money-h"')[1].split("</section>")[0])
    assert "€ 9,9 mln" in money and "Ontvanger: Immigratie- en Naturalisatiedienst" in money
    assert "IND" in text_of(reading)  # the short name


def test_a_country_lists_its_activities_and_region(site):
    reading = reading_part(read(site, "doc/country/NGA.html"))
    table = reading.split('<table class="activities stack">')[1].split("</table>")[0]
    assert re.findall(r'<td class="number">([\d.]+)</td>', table) == ["1.1", "7.1"]
    assert 'href="../regio/west-afrika.html"' in reading


def test_a_region_gathers_the_activities_of_its_countries(site):
    reading = reading_part(read(site, "doc/regio/west-afrika.html"))
    table = reading.split('<table class="activities stack">')[1].split("</table>")[0]
    assert re.findall(r'<td class="number">([\d.]+)</td>', table) == ["1.1", "1.2", "7.1"]


def test_an_instrument_links_its_official_text_and_its_activities(site):
    reading = reading_part(read(site, "doc/instrument/kst-1-2.html"))
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-1-2.html"' in reading
    assert re.findall(r'<td class="number">([\d.]+)</td>', reading) == ["7.1"]


def test_a_concept_lists_its_activities_under_its_scheme(site):
    reading = reading_part(read(site, "doc/status/vertraagd.html"))
    crumbs = text_of(reading.split('<nav class="crumbs"')[1].split("</nav>")[0])
    assert re.search(r"Home .*Stand van zaken .*In uitvoering maar met vertraging", crumbs)
    assert 'id="tally-h"' not in reading  # every activity here has this one status
    table = reading.split('<table class="activities stack">')[1].split("</table>")[0]
    assert re.findall(r'<td class="number">([\d.]+)</td>', table) == ["1.2", "7.1.1"]
    assert '<th scope="col">Rol</th>' not in table  # said once, above the table


def rows_of_list(html: str) -> list[dict[str, str]]:
    body = html.split('id="activity-list"')[1].split("<tbody>")[1].split("</tbody>")[0]
    return [
        dict(re.findall(r'data-([a-z]+)="([^"]*)"', attributes))
        | {"number": re.search(r'<td class="number">([^<]*)</td>', row).group(1)}
        for attributes, row in re.findall(r"<tr([^>]*)>(.*?)</tr>", body, re.S)
    ]


def test_the_activities_list_carries_every_facet_value(site):
    rows = {row["number"]: row for row in rows_of_list(read(site, "activities.html"))}
    assert list(rows) == ["1.1", "1.2", "1.10", "7.1", "7.1.1"]
    assert rows["7.1"]["status"] == "volgens-planning"
    assert rows["7.1"]["line"] == "2" and rows["7.1"]["result"] == "7"
    assert set(rows["7.1"]["org"].split()) == {
        "dtv@leadOrganisation",
        "ind@executor",
        "ministerie-jenv@funder",
    }
    assert rows["7.1"]["place"].split() == ["NGA", "west-afrika"]  # the country's region too
    assert rows["7.1"]["target"] == "slachtoffers"
    assert rows["7.1"]["exploitation"] == "arbeid"
    assert rows["7.1"]["type"] == "opvang"
    assert rows["7.1.1"]["line"] == "2" and rows["7.1.1"]["result"] == "7"
    assert rows["1.2"]["place"] == "west-afrika"


def test_the_facets_show_their_overall_counts_in_the_legend_order(site):
    html = read(site, "activities.html")
    status = html.split("<summary>Stand van zaken</summary>")[1].split("</details>")[0]
    choices = re.findall(r'value="([^"]+)">.*?data-total="(\d+)"', status, re.S)
    assert choices == [("voltooid", "2"), ("volgens-planning", "1"), ("vertraagd", "2")]
    assert '<form id="facets" class="facets" hidden' in html  # shown by the script only


def search_items(site: Path) -> list[dict]:
    text = read(site, "assets/search-index.js")
    assert text.startswith("window.mhgraphSearch = ")
    return json.loads(text.removeprefix("window.mhgraphSearch = ").rstrip().rstrip(";"))["items"]


def test_the_search_index_holds_what_people_search_for(site):
    items = {item["u"]: item for item in search_items(site)}
    assert items["doc/organisatie/dtv.html"]["a"] == ["DT&V"]
    assert items["doc/organisatie/ind.html"]["l"]["en"] == "Immigration and Naturalisation Service"
    assert items["doc/activiteit/7.1.html"]["n"] == "7.1"
    assert items["doc/activiteit/7.1.html"]["s"] == "volgens-planning"
    assert "A programme for safe return." in items["doc/activiteit/7.1.html"]["w"]
    assert items["doc/instrument/kst-1-2.html"]["k"] == {"nl": "Motie", "en": "Motion"}
    assert "doc/country/NGA.html" in items and "doc/regio/west-afrika.html" in items
    assert "doc/financiering/7.1-1.html" not in items  # amounts are found through activities


def test_the_network_is_a_table_of_organisations_against_action_lines(site):
    html = read(site, "network.html")
    row = html.split('href="doc/organisatie/ministerie-jenv.html"')[1].split("</tr>")[0]
    assert re.findall(r"<td[^>]*>(?:<a[^>]*>|<strong>)?(\d*)", row) == ["2", "1", "3"]
    assert 'href="activities.html?org=ministerie-jenv&amp;line=1"' in row
    assert "<svg" not in html  # no hairball


def test_countries_are_grouped_by_region_in_a_chart_and_tables(site):
    html = read(site, "countries.html")
    chart = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<a " not in chart and "<script" not in chart  # the tables carry the links
    assert "Nigeria: 2" in chart  # activities 1.1 and 7.1
    west_africa = html.split("</svg>")[1].split("West-Afrika")[1].split("</section>")[0]
    assert "Nigeria" in west_africa and "Nederland" not in west_africa
    assert html.index("Geen regio") < html.index("Nederland", html.index("</svg>"))


def test_the_home_page_explains_links_and_charts(site):
    html = read(site, "index.html")
    assert "Samen tegen mensenhandel" in html
    for target in (
        "activities.html",
        "index/mh-Activity.html",
        "index/mh-Organisation.html",
        "countries.html",
        "network.html",
        "def/index.html",
        "queries.html",
        "search.html",
    ):
        assert f'href="{target}"' in html or f'action="{target}"' in html
    assert 'href="/query"' not in html  # only a site made for the server links to it
    chart = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "<script" not in chart
    assert "Betere signalering: Voltooid: 2" in chart  # two activities of line 1 completed
    assert "Betere signalering: In uitvoering maar met vertraging: 1" in chart


def test_the_downloads_speak_the_language_of_the_page(site):
    dutch = read(site, "index.html")
    downloads = re.search(r'<table class="downloads.*?</table>', dutch, re.S).group(0)
    assert '<th scope="col">Bestand</th>' in downloads and "zoals vastgelegd (" in downloads
    assert "as asserted" not in downloads and "Checksums" not in dutch
    # Sizes in bytes with the Dutch thousands separator (every dump is over a kilobyte).
    assert re.findall(r'data-label="Bytes">(\d{1,3}(?:\.\d{3})+)</td>', downloads)
    english = read(site, "en/index.html")
    assert "as asserted (" in english and "Checksums" in english


def test_the_ontology_page_documents_every_term_with_an_anchor(site):
    html = read(site, "def/index.html")
    for term in ("Activity", "Ministry", "partOfResult", "funder", "webPage"):
        assert f'id="{term}"' in html
    assert "An action of the programme." in html and "Een actie van het programma." in html
    assert "Progress status" in html and 'href="../doc/status/voltooid.html"' in html
    assert "data-theme" not in html  # the catalogue's EU code lists are not the project's
    activity = read(site, "doc/activiteit/1.1.html")
    assert 'href="../../def/index.html#partOfResult"' in activity
    english = read(site, "en/doc/activiteit/1.1.html")
    assert 'href="../../../en/def/index.html#partOfResult"' not in english
    assert 'href="../../def/index.html#partOfResult"' in english


def test_the_queries_page_lists_every_stored_query(site):
    html = read(site, "queries.html")
    assert "Which status has each activity? &lt;i&gt;&amp;&lt;/i&gt;" in html
    assert "Welke stand van zaken heeft elke activiteit?" in html
    assert 'href="queries/status-of-activities.rq"' in html


def test_the_sitemap_lists_every_page_at_the_base(site):
    sitemap = read(site, "sitemap.xml")
    locations = set(re.findall(r"<loc>(.*?)</loc>", sitemap))
    pages = {BASE + p.relative_to(site).as_posix() for p in html_pages(site)}
    assert locations == pages


def test_every_value_from_the_data_is_escaped(site):
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
        assert "<img src=x" not in html, page
    activity = read(site, "doc/activiteit/1.2.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;zorg&#34; &amp; veiligheid" in activity
    organisation = read(site, "doc/organisatie/eerlijk.html")
    assert "Stichting &#34;Eerlijk&#34; &amp; Co &lt;img src=x onerror=alert(3)&gt;" in organisation


def test_the_search_index_cannot_end_its_script_early(site):
    """A label holding ``</script>`` must not close anything: the index is a file of its
    own, loaded by src, and its JSON is one JavaScript expression."""
    items = search_items(site)
    labels = [item["l"]["nl"] for item in items]
    assert NASTY in labels


def test_a_javascript_iri_in_the_data_is_text_not_a_link(site):
    for path in ("doc/activiteit/1.10.html", "en/doc/activiteit/1.10.html"):
        assert "javascript:alert(2)" in read(site, path)
        assert not [t for t in links_of(site / path).targets if t.lower().startswith("javascript:")]


def test_every_word_of_the_interface_is_used_and_in_both_languages():
    from mhgraph.publish.site import i18n

    package = Path(i18n.__file__).parent
    sources = "".join(
        p.read_text(encoding="utf-8")
        for p in [*package.glob("*.py"), *package.glob("templates/*.html")]
        if p.name != "i18n.py"
    )
    for key, words in i18n.MESSAGES.items():
        assert set(words) == set(i18n.LANGUAGES), key
        assert f"'{key}'" in sources or f'"{key}"' in sources, f"unused message {key}"


@pytest.mark.slow
def test_the_real_publication_is_complete_and_its_links_resolve(real_publication, real_graph):
    site = real_publication
    for path in (
        "index.html",
        "en/index.html",
        "activities.html",
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
    assert len(activities) == 128  # 122 in the report's table and 6 sub-items of result 25
    missing = [a for a in activities if not (site / doc_path(a, BASE)).is_file()]
    assert missing == []
    assert broken_links(site) == []
    assert len(rows_of_list(read(site, "activities.html"))) == 128


@pytest.mark.slow
def test_the_real_pages_show_the_reports_amounts_and_numbers(real_publication):
    # Result 25.1 of the report: 9,9 million euro reserved in 2020 for West Africa and the Sahel.
    text = text_of(reading_part(read(real_publication, "doc/activiteit/25.1.html")))
    assert "€ 9,9 mln" in text and "€ 9.900.000" in text
    english = text_of(reading_part(read(real_publication, "en/doc/activiteit/25.1.html")))
    assert "€ 9.9 million" in english
    # Action line 3 opens with result 19, whose first activity is 19.1.
    tree = read(real_publication, "doc/actielijn/3.html").split('id="tree-h"')[1]
    numbers = re.findall(r'<span class="number">([\d.]+)</span>', tree.split("</section>")[0])
    assert numbers[:2] == ["19", "19.1"]


@pytest.mark.slow
def test_the_real_status_chart_counts_activities_with_a_status(real_publication, real_graph):
    html = read(real_publication, "index.html")
    table = html.split("<caption>")[1].split("</table>")[0]
    totals = [int(n) for n in re.findall(r'<td data-label="Totaal">(\d+)</td></tr>', table)]
    with_status = set(real_graph.graph.subjects(MH.status, None))
    assert 0 < sum(totals) <= len(with_status)


def test_a_site_published_for_the_server_links_to_its_query_page(publish_project, tmp_path):
    from mhgraph.publish import publish

    publish(publish_project, tmp_path / "site", served=True)
    for path in ("index.html", "doc/activiteit/7.1.html"):
        html = read(tmp_path / "site", path)
        assert 'href="/query"' in html and 'href="/sparql"' in html, path
    # An English page leads to the query page in English.
    for path in ("en/index.html", "en/doc/activiteit/7.1.html"):
        html = read(tmp_path / "site", path)
        assert 'href="/en/query"' in html and 'href="/query"' not in html, path


def test_pages_written_by_several_processes_are_those_of_one(publish_project, tmp_path):
    """Shared out among forked processes, the resource pages are the same files with the same
    content, and the summary counts them all."""
    import os
    import threading

    from mhgraph.publish import publish

    if threading.active_count() > 1 or len(os.sched_getaffinity(0)) < 2:
        pytest.skip("pages are written by one process here (threads running, or one core)")
    one = publish(publish_project, tmp_path / "one", workers=1)
    shared = publish(publish_project, tmp_path / "shared", workers=2)
    assert (shared.files, shared.pages) == (one.files, one.pages)
    assert shared.edition == one.edition  # its content hash made in a process of its own
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.html"))
    assert files == sorted(
        p.relative_to(tmp_path / "shared") for p in (tmp_path / "shared").rglob("*.html")
    )
    assert len(files) == one.pages
    for page in files:
        assert (tmp_path / "one" / page).read_text() == (tmp_path / "shared" / page).read_text()


def test_the_templates_are_kept_compiled_beside_the_cached_graphs(fixture_publication):
    """Compiled once, as Python keeps its bytecode; Jinja2 compiles a changed one again."""
    from mhgraph.cache import default_root
    from mhgraph.publish.site.render import environment

    kept = list((default_root() / ".templates").glob("*.cache"))
    assert len(kept) >= len(["base", "macros", "resource", "home", "search"])
    assert environment().bytecode_cache is not None


def test_a_cache_folder_that_cannot_be_made_only_costs_compiling(tmp_path, monkeypatch):
    from mhgraph.cache import ENVIRONMENT
    from mhgraph.publish.site.render import _compiled

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(ENVIRONMENT, str(blocked))
    assert _compiled() is None
