"""The query page in a real browser (headless Chromium): stored queries, results, errors.

The fixture graph holds a label full of markup and a ``javascript:`` IRI; the page must show
both as text, so the document title an injected script would change stays as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browsers import PHONE, axe_violations, page_width, sideways, watch
from mhgraph.serve import Settings, serving

HOSTILE_LABEL = (
    "<script>document.title='owned'</script><img src=x onerror=\"document.title='owned'\">"
)


@pytest.fixture(scope="module")
def url(serve_project, tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    with serving(serve_project, Settings(workers=2), site_dir=site) as (_, base_url):
        yield base_url


@pytest.fixture(scope="module")
def browser(chromium):
    context = chromium.new_context()
    yield context
    context.close()


@pytest.fixture
def page(browser, url):
    """The query page in English."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + "en/query")
    page.wait_for_selector("#stored option[value='activities']", state="attached")
    yield page
    page.close()
    assert errors == []


def run(page) -> None:
    page.click("#run")
    page.wait_for_selector("#query-form[data-state=done], #query-form[data-state=failed]")


def test_a_stored_query_fills_the_table(page):
    page.select_option("#stored", "activities")
    assert "SELECT ?activity ?label" in page.input_value("#editor")
    run(page)
    rows = page.locator("#results tbody tr")
    assert rows.count() == 3
    link = rows.nth(0).locator("td").nth(0).locator("a")
    assert link.get_attribute("href") == "/id/activiteit/1.1"
    assert link.inner_text() == "activiteit:1.1"
    assert rows.nth(0).locator("td").nth(1).inner_text().startswith("Police training")
    # The label with markup is text in the cell, not elements in the page.
    hostile = rows.nth(1).locator("td").nth(1)
    assert hostile.inner_text().startswith(HOSTILE_LABEL)
    assert hostile.locator("script, img").count() == 0
    assert page.title() == "Query the graph — mhgraph"
    assert "format=csv" in page.get_attribute("#download-csv", "href")


def test_a_stored_query_with_a_parameter(page):
    page.select_option("#stored", "activity-by-number")
    page.fill("#parameter-number", "1.3")
    run(page)
    cells = page.locator("#results tbody td")
    assert cells.count() == 1
    assert cells.nth(0).inner_text() == "activiteit:1.3"


def test_a_javascript_iri_is_not_a_link(page):
    page.fill("#editor", "SELECT ?page WHERE { ?activity mh:webPage ?page }")
    run(page)
    cell = page.locator("#results tbody td").nth(0)
    assert cell.inner_text() == "javascript:document.title='owned'"
    assert cell.locator("a").count() == 0


def test_a_bad_query_shows_its_error(page):
    page.fill("#editor", "SELEKT ?s WHERE { ?s ?p ?o }")
    run(page)
    error = page.locator("#error")
    assert error.is_visible()
    assert "SPARQL syntax error" in error.inner_text()
    assert page.locator("#results").is_hidden()


def test_the_editor_starts_with_the_prefixes(page):
    text = page.input_value("#editor")
    assert "PREFIX activiteit: <https://w3id.org/mhgraph/id/activiteit/>" in text
    run(page)
    assert page.locator("#results tbody tr").count() == 3


def test_a_query_in_the_url_opens_in_the_editor(browser, url):
    page = browser.new_page()
    page.goto(url + "en/query?query=DESCRIBE%20activiteit%3A1.3")
    page.wait_for_selector("#stored option[value='activities']", state="attached")
    assert page.input_value("#editor") == "DESCRIBE activiteit:1.3"
    page.close()


# --- the publication as the server serves it ------------------------------------------


@pytest.fixture(scope="module")
def served(serve_project):
    """The server with the publication it makes itself, which links to its query page."""
    with serving(serve_project, Settings(workers=1)) as (_, base_url):
        yield base_url


@pytest.fixture
def tab(chromium):
    context = chromium.new_context()
    page = context.new_page()
    problems = watch(page)
    yield page
    context.close()
    assert problems == [], "a script failed, was refused, or came from the data"


def test_the_home_page_leads_to_the_query_page_and_back(tab, served):
    tab.goto(served)
    navigation = tab.get_by_role("navigation", name="Hoofdnavigatie")
    assert navigation.get_by_role("link", name="SPARQL-endpoint").get_attribute("href") == "/sparql"
    navigation.get_by_role("link", name="Bevragen").click()
    tab.wait_for_selector("#stored option[value='activities']", state="attached")
    assert tab.url == served + "query"
    assert tab.locator("h1").inner_text() == "De graaf bevragen"  # the Dutch site's query page
    tab.get_by_role("link", name="Home", exact=True).click()
    assert tab.url == served + "index.html"
    assert tab.locator("h1").inner_text().startswith("Samen tegen mensenhandel")
    tab.get_by_role("link", name="English").click()
    tab.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Query").click()
    tab.wait_for_selector("#stored option[value='activities']", state="attached")
    assert tab.url == served + "en/query"
    assert tab.locator("h1").inner_text() == "Query the graph"
    tab.get_by_role("link", name="Home", exact=True).click()
    assert tab.url == served + "en/index.html"
    tab.get_by_role("link", name="Query", exact=True).first.click()
    tab.fill("#site-search", "politie")
    tab.press("#site-search", "Enter")
    tab.wait_for_selector("#search-page[data-ready=true]")
    assert tab.locator("#search-results li a").first.inner_text() == "1.1 Police training"


def test_the_query_page_switches_language_and_keeps_its_query(tab, served):
    tab.goto(served + "query?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D")
    tab.wait_for_selector("#stored option[value='activities']", state="attached")
    assert tab.locator("html").get_attribute("lang") == "nl"
    assert tab.locator("#stored option").first.inner_text() == "Schrijf uw eigen vraag"
    # A stored query's summary in Dutch, from its summary_nl.
    assert "activities — Elke activiteit met haar Engelse label" in tab.inner_text("#stored")
    tab.click("#run")
    tab.wait_for_selector("#query-form[data-state=done]")
    assert tab.locator("#results td").inner_text() == "ja"
    assert tab.inner_text("#status").startswith("1 rij in ")
    tab.get_by_role("link", name="English").click()
    tab.wait_for_selector("#stored option[value='activities']", state="attached")
    assert tab.url == served + "en/query?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"
    assert tab.input_value("#editor") == "ASK { ?s ?p ?o }"
    assert tab.get_by_role("button", name="Run").is_visible()
    tab.get_by_role("link", name="Nederlands").click()
    assert tab.url == served + "query?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"


def test_search_and_facets_work_under_the_servers_security_policy(tab, served):
    tab.goto(served + "search.html?q=politie")
    tab.wait_for_selector("#search-page[data-ready=true]")
    assert tab.locator("#search-results li a").first.inner_text() == "1.1 Training politie"
    tab.goto(served + "en/activities.html?org=ministerie-jenv")
    tab.wait_for_selector("#facets[data-ready=true]")
    rows = tab.locator("#activity-list tbody tr:visible td:first-child").all_inner_texts()
    assert rows == ["1.1"]


def test_without_javascript_the_query_page_asks_the_endpoint(chromium, served):
    context = chromium.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(served + "en/query")
    assert page.get_by_text("Without JavaScript the query goes straight").is_visible()
    query = "SELECT ?label WHERE { activiteit:1.1 skos:prefLabel ?label } ORDER BY ?label"
    page.fill("#editor", query)
    with page.expect_download() as download:
        page.click("#run")
    answer = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert answer == ["label", "Police training", "Training politie"]
    context.close()


@pytest.mark.parametrize("path", ["query", "en/query"])
def test_the_query_page_is_accessible_and_fits_a_phone(chromium, axe_source, served, path):
    # The server's security policy refuses inline scripts, axe-core's injection included.
    context = chromium.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(served + path)
    page.wait_for_selector("#stored option[value='activities']", state="attached")
    page.select_option("#stored", "activities")
    page.click("#run")
    page.wait_for_selector("#query-form[data-state=done]")
    assert page_width(page) <= PHONE["width"]
    assert sideways(page) == []  # the answer's IRIs and labels wrap
    assert axe_violations(page, axe_source) == []
    context.close()


@pytest.mark.parametrize("path", ["id/activiteit/1.4", "en/nowhere"])
def test_the_error_pages_are_accessible_and_fit_a_phone(chromium, axe_source, served, path):
    context = chromium.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(served + path)
    assert page.locator("form[role=search]").is_visible()  # the site's header, search included
    assert page_width(page) <= PHONE["width"]
    assert sideways(page) == []
    assert axe_violations(page, axe_source) == []
    context.close()


# --- the real graph: the query page in the gallery --------------------------------------

GALLERY = Path(__file__).parent.parent / "docs" / "gallery"


@pytest.mark.slow
def test_the_real_query_page_for_the_gallery(
    chromium, axe_source, real_project, real_graph, real_publication
):
    """The Dutch query page with a stored query's answer, at desktop and phone width."""
    with serving(
        real_project,
        Settings(workers=1),
        knowledge_graph=real_graph,
        site_dir=real_publication,
    ) as (_, base_url):
        for suffix, viewport in (("", {"width": 1280, "height": 900}), ("-phone", PHONE)):
            context = chromium.new_context(viewport=viewport, bypass_csp=True)
            page = context.new_page()
            problems = watch(page)
            page.goto(base_url + "query")
            picker = "#stored option[value='activities-of-organisation']"
            page.wait_for_selector(picker, state="attached")
            page.select_option("#stored", "activities-of-organisation")
            page.click("#run")
            page.wait_for_selector("#query-form[data-state=done]")
            # Said in Dutch, seconds with a decimal comma.
            assert re.fullmatch(r"\d+ rijen in \d+,\d\d s", page.inner_text("#status"))
            # The whole page with its answer; on a phone the top, with the form.
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=GALLERY / f"query{suffix}.png", full_page=not suffix)
            # An answer of four columns may scroll in its own box on a phone; the page not.
            assert page_width(page) <= viewport["width"]
            assert axe_violations(page, axe_source) == []
            assert problems == []
            context.close()


def test_the_not_found_page_fits_a_phone(chromium, served):
    small = {"width": 360, "height": 740}  # a smaller phone still: the IRIs must wrap
    context = chromium.new_context(viewport=small)
    page = context.new_page()
    page.goto(served + "id/activiteit/1.4")
    assert page.get_by_text("Bedoelde u").is_visible()  # outside /en/, in Dutch
    assert page_width(page) <= small["width"]
    context.close()
