"""Browser lane: the partnership map on the communes index and on a commune
page, French and Arabic, phone and desktop: the SVG scales to the window (no
sideways scrolling), axe-core finds nothing, and screenshots are kept in a
temporary directory (``MAP_SCREENSHOTS`` names it) for a person to look at."""

import os
import tempfile
from pathlib import Path

import pytest

from tests import page_tour
from tests.test_browser_matrix import assert_fits_and_accessible, open_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo_site")]

SCREENSHOTS = Path(os.environ.get("MAP_SCREENSHOTS") or tempfile.mkdtemp())
PAGES = {"communes": "pratiques/communes/", "commune": "pratiques/commune/tiznit/"}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("name", PAGES)
def test_map_fits_and_is_accessible(demo, chromium, name, lang, viewport):
    context, page = open_page(chromium, page_tour.VIEWPORTS[viewport], lang)
    try:
        response = page.goto(demo.url(f"/{lang}/{PAGES[name]}"))
        assert response.status == 200
        figure = page.locator("figure.partnership-map")
        figure.wait_for()
        assert_fits_and_accessible(page, f"{name} {lang} {viewport}")
        # Every panel is inside the window, whatever its width.
        width = page_tour.VIEWPORTS[viewport]["width"]
        for box in page.locator(".map-panel svg").evaluate_all(
            "svgs => svgs.map(s => s.getBoundingClientRect().toJSON())"
        ):
            assert 0 <= box["left"] and box["right"] <= width
        assert page.locator(".map-panel svg a").count() == 20
        page.screenshot(
            path=SCREENSHOTS / f"{name}-{lang}-{viewport}.png", full_page=True
        )
    finally:
        context.close()
