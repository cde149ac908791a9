"""The programme page in Debian's Chromium (issue #15): « Le programme Maroc »
of the demo served as production serves it, in French and Arabic, at phone
(390 px) and desktop widths: no sideways scrolling, axe-core finds nothing,
the four sections and the contact form are there; a full-page screenshot of
each is saved to ``PORTAL_SCREENSHOTS`` (default: a temporary directory) for a
person to look at.

The demo and Chromium fixtures are the matrix's (tests/test_browser_matrix.py),
in its xdist group.
"""

import os
import tempfile
from pathlib import Path

import pytest

from tests import page_tour
from tests.test_browser_matrix import assert_fits_and_accessible, open_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo_site")]

SCREENSHOTS = Path(
    os.environ.get("PORTAL_SCREENSHOTS")
    or Path(tempfile.gettempdir()) / "passerelle-portal-screenshots"
)
SECTIONS = {
    "fr": "Personnes de contact",
    "ar": "الأشخاص الذين يمكن الاتصال بهم",
}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_programme_page_fits_and_is_accessible(demo, chromium, lang, viewport):
    context, page = open_page(chromium, page_tour.VIEWPORTS[viewport], lang)
    try:
        response = page.goto(demo.url(f"/{lang}/programme/"))
        assert response.status == 200
        assert page.evaluate("document.documentElement.dir") == (
            "rtl" if lang == "ar" else "ltr"
        )
        assert page.get_by_role("heading", name=SECTIONS[lang]).is_visible()
        assert page.locator("a.document-link").count() >= 1
        assert_fits_and_accessible(page, f"programme ({lang}, {viewport})")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(SCREENSHOTS / f"programme-{lang}-{viewport}.png"), full_page=True
        )
        form = page.locator("#programme-contacts ~ ul a[href*='/contact/']").first
        form.click()
        page.wait_for_load_state()
        assert page.locator("form textarea").count() == 1
        assert_fits_and_accessible(page, f"contact form ({lang}, {viewport})")
    finally:
        context.close()
