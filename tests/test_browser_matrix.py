"""Phone-first pages, proven in Debian's Chromium (issue #13, "Proof in CI").

The README's demo served as production serves it (tests/browser_site.py), every
page type in French and Arabic, at 390×844 and 1280×900 (and 320 px wide for
overflow): no sideways scrolling, axe-core finds no violation of any impact;
the keyboard reaches the first search result in at most 5 Tab presses after
the skip link; Lighthouse's phone profile scores ≥ 95 for accessibility, best
practices and SEO on home, practice and search. The journeys of an agent run
here too; the editor's, reviewer's and translator's are in their own files.

One xdist group: one worker builds the demo once and runs all of these.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests import page_tour
from tests.browser_site import DEMO_PASSWORD
from tests.conftest import require_service
from tests.lighthouse import LIGHTHOUSE_PAGES, lighthouse_available, lighthouse_scores
from tests.page_tour import EDITOR, PUBLIC, RESULT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo_site")]

LANGUAGES = ("fr", "ar")


def open_page(chromium, viewport, lang):
    context = chromium.new_context(viewport=viewport, locale=lang)
    return context, context.new_page()


def assert_fits_and_accessible(page, where, axe=True):
    overflow = page_tour.overflow(page)
    assert overflow <= 0, (
        f"{where}: {overflow} px wider than the window: "
        f"{page_tour.widest_elements(page)}"
    )
    if axe:
        violations = page_tour.axe_violations(page)
        assert not violations, f"{where}: {page_tour.describe(violations)}"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC)
def test_public_page_fits_and_is_accessible(demo, chromium, name, lang, viewport):
    context, page = open_page(chromium, page_tour.VIEWPORTS[viewport], lang)
    try:
        response = page.goto(demo.url(demo.paths[lang][name]))
        assert response.status == (404 if name == "not-found" else 200)
        assert page.evaluate("document.documentElement.lang") == lang
        assert_fits_and_accessible(page, f"{name} ({lang}, {viewport})")
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_overflows_at_320_px(demo, chromium, lang):
    """The narrowest phones still in use: every public page, no axe rerun."""
    context, page = open_page(chromium, page_tour.NARROW, lang)
    try:
        for name in PUBLIC:
            page.goto(demo.url(demo.paths[lang][name]))
            assert_fits_and_accessible(page, f"{name} ({lang}, 320)", axe=False)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_member_pages_fit_and_are_accessible(demo, chromium, lang, viewport):
    """The share form with its errors, the admin dashboard and a fiche's editor,
    as a commune's editor sees them."""
    context, page = open_page(chromium, page_tour.VIEWPORTS[viewport], lang)
    try:
        page_tour.log_in(page, demo.base_url, lang, EDITOR, DEMO_PASSWORD)
        page_tour.submit_share_form_empty(page, demo.base_url, lang)
        assert page.locator(".error-summary").is_visible()
        assert_fits_and_accessible(page, f"share with errors ({lang}, {viewport})")
        for name, path in demo.paths["admin"].items():
            page.goto(demo.url(path))
            assert_fits_and_accessible(page, f"admin {name} ({lang}, {viewport})")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_search_result_within_five_tabs(demo, chromium, lang, viewport):
    context, page = open_page(chromium, page_tour.VIEWPORTS[viewport], lang)
    try:
        page.goto(demo.url(demo.paths[lang]["search"]))
        tabs = page_tour.tabs_to(page, RESULT)
        assert tabs is not None and tabs <= 5, f"{tabs} Tab presses"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_shows_results_before_filters(demo, chromium, lang):
    """On a phone the first result is on the first screen, the filters fold
    into a panel that opens without JavaScript."""
    context, page = open_page(chromium, page_tour.PHONE, lang)
    try:
        page.goto(demo.url(demo.paths[lang]["search"]))
        assert page_tour.top_of(page, RESULT) < page_tour.PHONE["height"]
        panel = page.locator("details.filters-panel")
        assert panel.count() == 1
        assert page_tour.header_share(page) <= 15
    finally:
        context.close()


def test_agent_journey_keeps_filters_across_languages(demo, chromium):
    """An agent on a phone: search, filter, open a practice, download its
    document, then read the list in Arabic with the filter kept."""
    context, page = open_page(chromium, page_tour.PHONE, "fr")
    try:
        page.goto(demo.url("/fr/search/?q=participation"))
        page.locator("details.filters-panel summary").click()
        with page.expect_navigation(wait_until="load"):
            page.locator(".facet-theme a").first.click()
        query = parse_qs(urlsplit(page.url).query)
        assert "theme" in query and query["q"] == ["participation"]
        with page.expect_navigation(wait_until="load"):
            page.locator(RESULT).first.click()
        assert page.locator("h1").is_visible()
        page.goto(demo.url(demo.paths["fr"]["practice"]))
        link = page.locator(".attachments a[href*='/documents/']").first
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename
        page.goto(demo.url(demo.paths["fr"]["practice-index-filtered"]))
        # Wait for the Arabic page itself: read straight after the click, the
        # document can be the one being replaced (documentElement is null).
        with page.expect_navigation(wait_until="load"):
            page.locator(".language-switcher a[hreflang=ar]").click()
        assert page.locator("html").get_attribute("lang") == "ar"
        kept = parse_qs(urlsplit(page.url).query)
        sent = parse_qs(urlsplit(demo.paths["fr"]["practice-index-filtered"]).query)
        assert kept["theme"] == sent["theme"]
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_lighthouse_phone_scores(demo, name, lang):
    require_service(
        lighthouse_available(),
        "Lighthouse is missing (npm ci --prefix .ci/lighthouse)",
        "browser",
    )
    scores = lighthouse_scores(demo.url(demo.paths[lang][name]))
    for category in ("accessibility", "best-practices", "seo"):
        assert scores[category] >= 95, scores
