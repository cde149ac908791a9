"""Browser lane: « Copier le lien » becomes a button that copies the fiche's
address (same-origin script, no inline code), and stays a link without
JavaScript."""

import pytest

from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.test_browser import browser_page, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_copy_button_copies_the_address(site, live_server, browser_page):  # noqa: F811
    practice = PracticePageFactory(title="Budget des jeunes")
    browser_page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    browser_page.goto(live_server.url + practice.url)
    assert browser_page.locator("a[data-copy-link]").count() == 0  # now a button
    browser_page.get_by_role("button", name="Copier le lien").click()
    status = browser_page.locator(".share-links [role=status]")
    status.filter(has_text="Lien copié.").wait_for()
    copied = browser_page.evaluate("navigator.clipboard.readText()")
    assert copied == live_server.url + practice.url


def test_without_javascript_it_is_a_link(site, live_server, browser_page):  # noqa: F811
    practice = PracticePageFactory(title="Budget des jeunes")
    context = browser_page.context.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + practice.url)
    link = page.get_by_role("link", name="Copier le lien")
    assert link.get_attribute("href") == live_server.url + practice.url
    context.close()
