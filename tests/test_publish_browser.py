"""The published site in a real browser (headless Chromium), opened from disk.

A person starts at the home page and follows links to an activity, an organisation and a
country; what they see there is checked, and no script from the data ever runs.
"""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"

sync_api = pytest.importorskip("playwright.sync_api")
if shutil.which(CHROMIUM) is None:
    pytest.skip(f"{CHROMIUM} is not installed (scripts/install-services)", allow_module_level=True)


@pytest.fixture(scope="module")
def home(fixture_publication) -> str:
    return (fixture_publication / "index.html").as_uri()


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium; Playwright gives each launch a fresh, temporary profile."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A tab that records every dialog (alert) and script error it meets."""
    page = chromium.new_page()
    page.dialogs = []
    page.errors = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    assert page.dialogs == [], "a script from the data ran"
    assert page.errors == []
    page.close()


def test_home_to_an_activity(page, home):
    page.goto(home)
    assert page.locator("h1").inner_text().startswith("Samen tegen mensenhandel")
    page.get_by_role("link", name="Activity", exact=True).first.click()
    assert page.locator("h1").inner_text().startswith("Activity")
    page.get_by_role("link", name="Training politie").click()
    assert page.locator("h1").inner_text() == "Training politie"
    status = page.get_by_role("region", name="status")
    assert "Status: Voltooid (Completed)" in status.inner_text()
    assert page.get_by_role("link", name="Ministerie van Justitie en Veiligheid").count() >= 1
    page.get_by_role("link", name="Home", exact=True).first.click()
    assert page.url == home


def test_home_to_an_organisation_and_on_to_its_activities(page, home):
    page.goto(home)
    page.get_by_role("link", name="Organisation", exact=True).click()
    page.get_by_role("link", name="Ministerie van Justitie en Veiligheid").click()
    assert page.locator("h1").inner_text() == "Ministerie van Justitie en Veiligheid"
    assert "Ministry of Justice and Security" in page.locator(".subtitle").inner_text()
    incoming = page.locator("table", has_text="Links to this resource")
    assert incoming.get_by_role("link", name="Training politie").count() >= 1
    incoming.get_by_role("link", name="Training politie").first.click()
    assert page.locator("h1").inner_text() == "Training politie"


def test_home_to_a_country_by_region(page, home):
    page.goto(home)
    page.get_by_role("link", name="countries by region").click()
    assert page.locator("h1").inner_text() == "Countries and regions"
    page.get_by_role("link", name="Nigeria", exact=True).click()
    assert page.locator("h1").inner_text() == "Nigeria"
    assert page.get_by_role("link", name="West-Afrika").count() >= 1
    assert page.get_by_role("link", name="Training politie").count() >= 1


def test_labels_full_of_markup_are_shown_as_text(page, home):
    page.goto(home)
    page.get_by_role("link", name="Activity", exact=True).first.click()
    page.get_by_role("link", name="<script>alert(1)</script>", exact=False).click()
    assert page.locator("h1").inner_text() == '<script>alert(1)</script> "zorg" & veiligheid'
    page.get_by_role("link", name='Stichting "Eerlijk" & Co', exact=False).first.click()
    assert page.locator("h1").inner_text().endswith("<img src=x onerror=alert(3)>")
    assert page.locator("main img").count() == 0


def test_the_charts_are_drawn_without_script(page, home):
    page.goto(home)
    chart = page.locator("svg.chart").first
    assert chart.is_visible()
    assert chart.bounding_box()["width"] > 300
    page.get_by_role("link", name="the network of organisations and activities").click()
    assert page.locator("svg.chart circle").count() >= 5  # three activities, two organisations
