"""The privacy notice and « Mon compte » in Debian's Chromium (issue #16, item 7),
on the demo served as production serves it: French and Arabic, phone and
desktop widths, no sideways scrolling, axe-core clean; the header's name leads
to the account page and its download link gives the member's data."""

import json

import pytest

from tests import page_tour
from tests.browser_site import DEMO_PASSWORD
from tests.page_tour import EDITOR
from tests.test_browser_matrix import assert_fits_and_accessible, open_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo_site")]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_privacy_notice_and_account_page(demo, chromium, lang, viewport):
    context, page = open_page(chromium, page_tour.VIEWPORTS[viewport], lang)
    try:
        response = page.goto(demo.url(f"/{lang}/confidentialite/"))
        assert response.status == 200
        assert_fits_and_accessible(page, f"privacy notice ({lang}, {viewport})")
        page_tour.log_in(page, demo.base_url, lang, EDITOR, DEMO_PASSWORD)
        with page.expect_navigation(wait_until="load"):
            page.locator("a.account-name").click()
        assert page.url.endswith(f"/{lang}/compte/")
        assert_fits_and_accessible(page, f"account ({lang}, {viewport})")
        with page.expect_download() as download:
            page.locator("a[href$='/compte/mes-donnees.json']").click()
        data = json.loads(open(download.value.path(), encoding="utf-8").read())
        assert data["account"]["username"] == EDITOR
    finally:
        context.close()
