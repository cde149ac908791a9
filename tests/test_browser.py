"""Browser lane: Debian's Chromium, driven by Playwright, on a live server.

Playwright's browser download cannot happen here, so it launches the system
Chromium (``CHROMIUM_PATH``, default /usr/bin/chromium). Without it the lane
skips locally and fails in CI (REQUIRE_SERVICES=1).
"""

import os
import shutil

import pytest

from home.site_structure import ensure_site
from programme.loader import load_taxonomy
from tests.conftest import TAXONOMY, require_service, skeleton_restored

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback restores what migrations created (root page, collection)
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page(monkeypatch):
    require_service(
        bool(CHROMIUM), "Chromium is missing (apt-get install chromium)", "browser"
    )
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls
    # made by the live server's fixtures are still synchronous and safe here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        yield page
        browser.close()


@pytest.fixture
def site(request):
    """Transactional tests start from an empty database: rebuild the skeleton
    (restored with the snapshot for ``serialized_rollback`` ones)."""
    if not skeleton_restored(request):
        ensure_site()
        load_taxonomy(TAXONOMY)


@pytest.mark.parametrize(
    ("path", "lang", "direction"), [("/fr/", "fr", "ltr"), ("/ar/", "ar", "rtl")]
)
def test_computed_direction(site, live_server, browser_page, path, lang, direction):
    """The browser lays out French left-to-right and Arabic right-to-left."""
    browser_page.goto(live_server.url + path)
    assert browser_page.evaluate("document.documentElement.lang") == lang
    computed = browser_page.evaluate("getComputedStyle(document.body).direction")
    assert computed == direction


def test_navigation_is_mirrored_in_arabic(site, live_server, browser_page):
    """In Arabic the brand sits on the right and the language switcher on the left."""
    browser_page.goto(live_server.url + "/ar/")
    brand = browser_page.locator(".brand").bounding_box()
    switcher = browser_page.locator(".language-switcher").bounding_box()
    assert brand["x"] > switcher["x"]


def test_language_switcher_leads_to_the_other_language(site, live_server, browser_page):
    """Clicking « العربية » on the French home opens the Arabic home."""
    browser_page.goto(live_server.url + "/fr/")
    browser_page.locator(".language-switcher a[hreflang=ar]").click()
    browser_page.wait_for_url("**/ar/")
    assert browser_page.evaluate("document.documentElement.dir") == "rtl"
