"""« Les résultats en chiffres » in Debian's Chromium (issue #15): the
dashboard of the README's demo, in French and Arabic, on a phone (390 px) and
a desktop: nothing wider than the window (a wide table scrolls inside its own
box), axe-core finds no violation, the Arabic charts are mirrored. Screenshots
go to a temporary directory (RESULTS_SCREENSHOTS to keep them)."""

import os
import tempfile
from pathlib import Path

import pytest

from tests import page_tour
from tests.test_browser_matrix import assert_fits_and_accessible, open_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo_site")]

SHOTS = Path(os.environ.get("RESULTS_SCREENSHOTS") or tempfile.mkdtemp())


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_dashboard_fits_and_is_accessible(demo, chromium, lang, viewport):
    context, page = open_page(chromium, page_tour.VIEWPORTS[viewport], lang)
    try:
        response = page.goto(demo.url(f"/{lang}/resultats/"))
        assert response.status == 200
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator("svg.chart").count() == 7
        assert_fits_and_accessible(page, f"results ({lang}, {viewport})")
        page.screenshot(path=SHOTS / f"results-{lang}-{viewport}.png", full_page=True)
        # Mirrored in Arabic: the first bar starts on the right of its chart.
        chart = page.locator("#pratiques-etat svg.chart").bounding_box()
        bar = page.locator("#pratiques-etat svg.chart rect").first.bounding_box()
        middle = chart["x"] + chart["width"] / 2
        if lang == "ar":
            assert bar["x"] + bar["width"] > middle
        else:
            assert bar["x"] < middle
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_fiche_shows_its_structured_indicators(demo, chromium, lang):
    """Value and unit, then start, objective, year and public in smaller type."""
    context, page = open_page(chromium, page_tour.VIEWPORTS["phone"], lang)
    try:
        page.goto(demo.url(demo.paths[lang]["practice"]))
        indicators = page.locator("div.indicator")
        assert indicators.count() >= 2
        assert page.locator(".indicator-context").count() >= 1
        indicators.first.scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / f"fiche-indicators-{lang}.png")
    finally:
        context.close()
