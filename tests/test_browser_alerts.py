"""Alerts in Debian's Chromium (issue #16, item 2), on the demo: a member
follows a theme from its filtered list, finds it in « Mes alertes » (French
and Arabic, phone width, no sideways scrolling, axe-core clean) and stops it."""

import pytest

from tests import page_tour
from tests.browser_site import DEMO_PASSWORD
from tests.page_tour import EDITOR
from tests.test_browser_matrix import assert_fits_and_accessible, open_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo_site")]

THEME = "participation-citoyenne"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_follow_a_theme_then_stop_it(demo, chromium, lang):
    context, page = open_page(chromium, page_tour.VIEWPORTS["phone"], lang)
    try:
        page_tour.log_in(page, demo.base_url, lang, EDITOR, DEMO_PASSWORD)
        page.goto(demo.url(f"/{lang}/pratiques/?theme={THEME}"))
        with page.expect_navigation(wait_until="load"):
            page.locator("form.follow-form button").click()
        assert page.locator(".follow-state a").count() == 1
        with page.expect_navigation(wait_until="load"):
            page.locator(".follow-state a").click()
        assert page.url.endswith(f"/{lang}/compte/alertes/")
        assert page.locator(".alerts-list li").count() == 1
        assert_fits_and_accessible(page, f"alerts ({lang}, phone)")
        with page.expect_navigation(wait_until="load"):
            page.locator(".alerts-list form").last.locator("button").click()
        assert page.locator(".alerts-list li").count() == 0
    finally:
        context.close()
