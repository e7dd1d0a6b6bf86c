"""The published site in a real browser (Debian's Chromium), opened from disk.

A person searches, filters the activities list and shares the filtered view, downloads
what is shown, reads pages on a phone and with JavaScript off, and switches language; axe-
core checks every main page. No script from the data ever runs. The slow tests do the same
on the real publication and write the screenshots of docs/gallery/.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from browsers import PHONE, axe_violations, page_width, sideways, watch

GALLERY = Path(__file__).parent.parent / "docs" / "gallery"
MAIN_PAGES = [
    "index.html",
    "activities.html",
    "doc/activiteit/7.1.html",
    "doc/actielijn/1.html",
    "doc/resultaat/7.html",
    "doc/organisatie/ind.html",
    "index/mh-Organisation.html",
    "doc/country/NGA.html",
    "doc/instrument/kst-1-2.html",
    "network.html",
    "countries.html",
    "search.html?q=terugkeer",
    "queries.html",
    "def/index.html",
    "en/doc/activiteit/7.1.html",
    "en/activities.html",
]


@pytest.fixture(scope="module")
def root(fixture_publication) -> str:
    return fixture_publication.as_uri() + "/"


@pytest.fixture
def page(chromium):
    """A tab that fails the test on any script error or dialog (alert) it meets."""
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    problems = watch(page)
    yield page
    context.close()
    assert problems == [], "a script failed, or one from the data ran"


def search_results(page, root: str, query: str, path: str = "search.html") -> list[str]:
    page.goto(f"{root}{path}?q={query}")
    page.wait_for_selector("#search-page[data-ready=true]")
    return page.locator("#search-results li a").all_inner_texts()


def test_search_finds_by_short_name_number_and_words(page, root):
    assert search_results(page, root, "IND")[0] == "Immigratie- en Naturalisatiedienst"
    assert search_results(page, root, "DT%26V")[0] == "Dienst Terugkeer en Vertrek"
    found = search_results(page, root, "7.1")
    assert found[:2] == ["7.1 Terugkeerprogramma", "7.1.1 Terugkeer naar Nigeria"]
    assert search_results(page, root, "motie 1-2")[0] == "Motie van het lid Voorbeeld"
    assert search_results(page, root, "Nigeria")[0] == "Nigeria"


def test_a_whole_word_outranks_the_start_of_a_longer_one(page, root):
    search_results(page, root, "IND")
    items = [
        {"n": "", "l": {"nl": "Voorlichting aan individuen"}, "a": [], "u": "prefix"},
        {"n": "", "l": {"nl": "Training"}, "a": [], "u": "whole", "w": "met de IND"},
    ]
    for item in items:
        item["k"] = item["l"]
        item["w"] = item["l"]["nl"] + " " + item.get("w", "")
    found = page.evaluate("items => search(items, 'IND').map(item => item.u)", items)
    assert found == ["whole", "prefix"]


def test_more_words_narrow_the_search(page, root):
    wide = search_results(page, root, "terugkeer")
    page.fill("#search-words", "terugkeer nigeria")
    narrow = page.locator("#search-results li a").all_inner_texts()
    assert len(narrow) < len(wide)
    assert set(narrow) <= set(wide)
    assert narrow[0] == "7.1.1 Terugkeer naar Nigeria"
    assert "terugkeer+nigeria" in page.url  # the query stays in the URL
    page.fill("#search-words", "terugkeer nigeria ongeveer")
    assert page.locator("#search-results li").count() == 0
    assert page.inner_text("#search-count") == "Niets gevonden."


def test_the_search_box_of_every_page_leads_to_the_results(page, root):
    page.goto(root + "doc/activiteit/1.1.html")
    page.fill("#site-search", "veilige terugkeer")  # words of a description
    page.press("#site-search", "Enter")
    page.wait_for_selector("#search-page[data-ready=true]")
    assert page.locator("#search-results li a").first.inner_text() == "7.1 Terugkeerprogramma"
    page.locator("#search-results li a").first.click()
    assert page.locator("h1").inner_text() == "7.1 Terugkeerprogramma"


def test_english_search_leads_to_english_pages(page, root):
    found = search_results(page, root, "return", path="en/search.html")
    assert "7.1 Return programme" in found
    page.get_by_role("link", name="7.1 Return programme").click()
    assert page.url.endswith("/en/doc/activiteit/7.1.html")


def test_a_label_full_of_markup_is_found_as_text(page, root):
    search_results(page, root, "script")
    first = page.locator("#search-results li a").first
    assert first.inner_text().startswith('1.2 <script>alert(1)</script> "zorg"')
    assert page.locator("#search-results script, #search-results img").count() == 0


def visible_numbers(page) -> list[str]:
    return page.locator("#activity-list tbody tr:visible td:first-child").all_inner_texts()


def open_list(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#facets[data-ready=true]")


def check(page, facet: str, value: str) -> None:
    box = page.locator(f"#facets input[name={facet}][value='{value}']")
    box.locator("xpath=ancestor::details[@class='facet']").evaluate("d => d.open = true")
    box.check()


def count_of(page, facet: str, value: str) -> str:
    label = page.locator(f"#facets label:has(input[name={facet}][value='{value}'])")
    return label.locator(".n").inner_text()


def test_facets_combine_count_and_share_their_view(page, chromium, root):
    open_list(page, root + "activities.html")
    assert visible_numbers(page) == ["1.1", "1.2", "1.10", "7.1", "7.1.1"]
    check(page, "status", "vertraagd")
    assert visible_numbers(page) == ["1.2", "7.1.1"]
    # Counts say what each further choice would show.
    assert count_of(page, "line", "1") == "1" and count_of(page, "line", "2") == "1"
    assert count_of(page, "status", "voltooid") == "2"  # the status facet ignores itself
    check(page, "line", "2")
    assert visible_numbers(page) == ["7.1.1"]
    assert page.inner_text("#shown") == "1"
    assert count_of(page, "status", "voltooid") == "0"
    assert "status=vertraagd" in page.url and "line=2" in page.url
    # The URL is the view: another tab opened on it shows the same rows.
    shared = chromium.new_page()
    open_list(shared, page.url)
    assert visible_numbers(shared) == ["7.1.1"]
    assert shared.locator("#facets input[name=status][value=vertraagd]").is_checked()
    shared.close()
    page.click("#clear-facets")
    assert len(visible_numbers(page)) == 5
    assert page.url.endswith("activities.html")


def test_on_a_phone_the_list_comes_before_the_filters(chromium, root):
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    open_list(page, root + "activities.html?status=vertraagd&line=1")
    # Each row is a block of its own, which must not undo a row's hiding.
    assert visible_numbers(page) == ["1.2"]
    # The filters wait behind their heading, which says how many are chosen; the rows
    # shown are on the first screen.
    assert page.locator("#facets summary h2").inner_text() == "Filters (2 gekozen)"
    assert page.locator("#facets input[name=status]").first.is_hidden()
    row = page.locator("#activity-list tbody tr:visible").first.bounding_box()
    assert row["y"] + row["height"] <= PHONE["height"]
    page.locator("#facets details.filters > summary").click()
    check(page, "status", "voltooid")
    assert visible_numbers(page) == ["1.1", "1.2", "1.10"]
    assert page.locator("#facets summary h2").inner_text() == "Filters (3 gekozen)"
    context.close()


def test_an_organisation_facet_with_a_role(page, root):
    open_list(page, root + "activities.html?org=ministerie-jenv")
    assert visible_numbers(page) == ["1.1", "1.2", "7.1"]
    check(page, "role", "funder")
    assert visible_numbers(page) == ["1.1", "7.1"]
    open_list(page, root + "activities.html?org=ministerie-jenv&role=partner")
    assert visible_numbers(page) == ["1.2"]
    open_list(page, root + "activities.html?place=west-afrika")
    assert visible_numbers(page) == ["1.1", "1.2", "7.1"]  # Nigeria lies in West Africa
    open_list(page, root + "activities.html?target=slachtoffers&type=opvang&exploitation=arbeid")
    assert visible_numbers(page) == ["7.1"]
    open_list(page, root + "activities.html?q=terugkeer")
    assert visible_numbers(page) == ["7.1", "7.1.1"]


def test_the_csv_holds_exactly_the_rows_shown(page, root):
    open_list(page, root + "activities.html?status=vertraagd&status=voltooid")
    shown = [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in page.locator("#activity-list tbody tr:visible").all()
    ]
    with page.expect_download() as download:
        page.click("#download-csv")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Nr.", "Titel", "Stand van zaken", "Actielijn", "Resultaat", "IRI"]
    assert [row[:5] for row in rows[1:]] == shown
    assert [row[0] for row in rows[1:]] == ["1.1", "1.2", "1.10", "7.1.1"]
    assert rows[1][5].endswith("/doc/activiteit/1.1.html")


def test_the_network_opens_the_filtered_list(page, root):
    page.goto(root + "network.html")
    row = page.locator(
        "tr", has=page.get_by_role("link", name="Ministerie van Justitie en Veiligheid")
    )
    row.get_by_role("link", name="2", exact=True).click()
    page.wait_for_selector("#facets[data-ready=true]")
    assert visible_numbers(page) == ["1.1", "1.2"]


def test_breadcrumbs_and_the_language_switch(page, root):
    page.goto(root + "doc/activiteit/7.1.1.html")
    crumbs = page.get_by_role("navigation", name="Kruimelpad")
    assert crumbs.locator("li").all_inner_texts() == [
        "Home",
        "2 Betere ondersteuning",
        "7 Terugkeer",
        "7.1 Terugkeerprogramma",
        "7.1.1 Terugkeer naar Nigeria",
    ]
    page.get_by_role("link", name="English").click()
    assert page.locator("h1").inner_text() == "7.1.1 Return to Nigeria"
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name="7 Return").click()
    assert page.url.endswith("/en/doc/resultaat/7.html")
    page.get_by_role("link", name="Nederlands").click()
    assert page.locator("h1").inner_text() == "7 Terugkeer"


def test_the_language_switch_keeps_the_search_and_the_filters(page, root):
    search_results(page, root, "terugkeer")
    page.fill("#search-words", "terugkeer nigeria")
    page.get_by_role("link", name="English").click()
    page.wait_for_selector("#search-page[data-ready=true]")
    assert page.url.endswith("/en/search.html?q=terugkeer+nigeria")
    assert page.locator("#search-results li a").first.inner_text() == "7.1.1 Return to Nigeria"
    open_list(page, root + "en/activities.html?status=vertraagd")
    check(page, "line", "2")
    page.get_by_role("link", name="Nederlands").click()
    page.wait_for_selector("#facets[data-ready=true]")
    assert page.url.endswith("/activities.html?status=vertraagd&line=2")
    assert visible_numbers(page) == ["7.1.1"]


def test_the_raw_triples_wait_behind_a_disclosure(page, root):
    page.goto(root + "doc/activiteit/7.1.html")
    raw = page.locator("details.raw")
    assert not raw.get_attribute("open")
    assert not page.get_by_text("Vastgelegd in de bronbestanden").is_visible()
    raw.locator("summary").click()
    assert page.get_by_text("Vastgelegd in de bronbestanden").is_visible()


def test_pages_read_without_javascript(chromium, root):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(root + "doc/activiteit/7.1.html")
    assert page.locator("h1").inner_text() == "7.1 Terugkeerprogramma"
    assert page.get_by_text("€ 9,9 mln").is_visible()
    page.goto(root + "activities.html")
    assert page.locator("#activity-list tbody tr:visible").count() == 5
    assert page.locator("#facets").is_hidden()
    assert page.get_by_text("De filters werken met JavaScript").is_visible()
    page.goto(root + "search.html?q=IND")
    assert page.get_by_text("Zoeken werkt met JavaScript").is_visible()
    assert page.get_by_role("link", name="Activiteiten").first.is_visible()
    context.close()


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_a_phone_needs_no_sideways_scrolling(chromium, root, path):
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(root + path)
    assert page_width(page) <= PHONE["width"], path
    # Nor inside a box: tables of things become one block per row, the network narrows.
    assert sideways(page) == [], path
    context.close()


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_no_serious_accessibility_violation(page, axe_source, root, path):
    page.goto(root + path)
    if page.locator("#search-page").count():
        page.wait_for_selector("#search-page[data-ready=true]")
    if page.locator("#facets").count():
        page.wait_for_selector("#facets[data-ready=true]")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert axe_violations(page, axe_source) == []


# --- the real publication: the gallery ----------------------------------------------------

GALLERY_PAGES = {
    "home": "index.html",
    "activities-filtered": "activities.html?status=vertraagd&line=3",
    "activity": "doc/activiteit/25.1.html",
    "action-line": "doc/actielijn/3.html",
    "result": "doc/resultaat/24.html",
    "organisation": "doc/organisatie/ind.html",
    "country": "doc/country/NGA.html",
    "network": "network.html",
    "countries": "countries.html",
    "search": "search.html?q=DT%26V",
    "activity-en": "en/doc/activiteit/24.7.html",
}


@pytest.fixture(scope="module")
def real_root(real_publication) -> str:
    return real_publication.as_uri() + "/"


def settle(page) -> None:
    if page.locator("#search-page").count():
        page.wait_for_selector("#search-page[data-ready=true]")
    if page.locator("#facets").count():
        page.wait_for_selector("#facets[data-ready=true]")


@pytest.mark.slow
@pytest.mark.parametrize("name", list(GALLERY_PAGES))
def test_the_real_pages_for_the_gallery(chromium, axe_source, real_root, name):
    """Each main page of the real publication at desktop and phone width: screenshots for
    the README's gallery, no sideways scrolling on a phone, no serious axe violation."""
    GALLERY.mkdir(parents=True, exist_ok=True)
    for suffix, viewport in (("", {"width": 1280, "height": 900}), ("-phone", PHONE)):
        context = chromium.new_context(viewport=viewport)
        page = context.new_page()
        problems = watch(page)
        page.goto(real_root + GALLERY_PAGES[name])
        settle(page)
        page.screenshot(path=GALLERY / f"{name}{suffix}.png")
        assert page_width(page) <= viewport["width"]
        assert sideways(page) == []
        assert axe_violations(page, axe_source) == []
        assert problems == []
        context.close()


@pytest.mark.slow
def test_the_real_activities_list_filters_on_the_reports_numbers(chromium, real_root):
    page = chromium.new_page()
    page.goto(real_root + "activities.html")
    page.wait_for_selector("#facets[data-ready=true]")
    assert page.locator("#activity-list tbody tr:visible").count() == 128
    # Result 25 of the report: its activities and their numbered parts (25.1.1, …).
    check(page, "result", "25")
    numbers = visible_numbers(page)
    assert numbers[:2] == ["25.1", "25.1.1"] and all(n.startswith("25.") for n in numbers)
    page.close()
