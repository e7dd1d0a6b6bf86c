"""Debian's Chromium driven by Playwright, and axe-core from npm, for the browser tests.

Tests that need the browser skip where it is missing (scripts/install-services installs
it); tests of accessibility skip where axe-core is missing (scripts/test installs it with
npm into scripts/npm/).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).parent.parent / "scripts" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium; Playwright gives each context a fresh, temporary profile."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} is not installed (scripts/install-services)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        hint = "npm ci --prefix scripts/npm" if shutil.which("npm") else "npm is not installed"
        pytest.skip(f"axe-core is not installed in scripts/npm ({hint}; scripts/test does it)")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page, axe: str, impacts=("serious", "critical")) -> list[str]:
    """The rules axe-core finds broken on the page, at the given impacts, with where."""
    page.add_script_tag(content=axe)
    found = page.evaluate(
        # No preload: axe-core would fetch the stylesheets again, which a page opened from
        # disk may not do (and the page's own loading is what the tests watch).
        """async () => (await axe.run(document, {resultTypes: ['violations'], preload: false}))
              .violations
              .map(v => ({id: v.id, impact: v.impact,
                          where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return [f"{v['id']} ({v['impact']}) at {v['where']}" for v in found if v["impact"] in impacts]


def page_width(page) -> int:
    """How wide the document is; wider than the viewport means sideways scrolling."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )


def sideways(page) -> list[str]:
    """The boxes of the page a reader must scroll sideways inside (a table wider than the
    screen in its scrolling box): a page that fits a phone has none that are shown."""
    return page.evaluate(
        """[...document.querySelectorAll('body *')]
             .filter(e => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1
                          && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
             .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} px`)"""
    )


def watch(page) -> list[str]:
    """Collect the page's script errors, its console errors (a file that did not load, a
    script the content security policy refused) and dialogs (a script from the data)."""
    problems: list[str] = []

    def on_dialog(dialog):
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: problems.append(f"error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    return problems
