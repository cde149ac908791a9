"""Browser lane: wagtail-localize's translation editor writes Arabic right to left.

The translator opens the Arabic translation of a French practice in the
translation editor (React), types Arabic into a field, and the browser lays
the field out right-to-left while the French source stays left-to-right
(practices/static/practices/admin/translation-direction.js).
"""

import re

import pytest
from django.urls import reverse
from wagtail.models import Collection, Locale

from home.site_structure import ensure_site
from practices.models import PracticePage
from practices.publishing.roles import ensure_roles
from programme.loader import load_taxonomy
from tests.conftest import TAXONOMY, skeleton_restored
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.test_browser import browser_page  # noqa: F401 (fixture)
from tests.workflow_helpers import PASSWORD, coordinators, make_user, translators

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARABIC = "مطعم تضامني"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


@pytest.fixture(params=["fr", "ar"])
def translation(request, django_user_model):
    """An Arabic wagtail-localize translation of a French practice, and a
    translator whose admin is in French, then in Arabic (laid out rtl)."""
    if not skeleton_restored(request):
        ensure_site()
        load_taxonomy(TAXONOMY)
        # The restored snapshot leaves the collection root's child count stale.
        Collection.fix_tree()
        ensure_roles()
    coordinator = make_user(django_user_model, "coordination", coordinators())
    translator = make_user(
        django_user_model, "traduction", translators(), language=request.param
    )
    practice = PracticePageFactory(commune="tanger", title="Cantine solidaire")
    from wagtail_localize.operations import translate_object

    arabic = Locale.objects.get(language_code="ar")
    translate_object(practice, [arabic], user=coordinator)
    page = PracticePage.objects.get(
        translation_key=practice.translation_key, locale=arabic
    )
    return page, translator


def log_in(browser, live_server, user):
    browser.goto(live_server.url + reverse("wagtailadmin_login"))
    browser.fill("input[name=username]", user.username)
    browser.fill("input[name=password]", PASSWORD)
    browser.click("button[type=submit]")
    browser.wait_for_url("**/admin/")


def direction(locator):
    return locator.evaluate("el => getComputedStyle(el).direction")


def test_arabic_target_field_is_right_to_left(
    live_server,
    browser_page,  # noqa: F811
    translation,
):
    """Typing Arabic into the title's translation: the field is rtl and lang=ar,
    the French source above it ltr and lang=fr, whatever the admin's language."""
    page, translator = translation
    log_in(browser_page, live_server, translator)
    browser_page.goto(
        live_server.url + reverse("wagtailadmin_pages:edit", args=[page.pk])
    )
    editor = browser_page.locator(".js-translation-editor")
    # The title's segment; its last button is "Translate" in the admin's language.
    editor.locator("li.incomplete").first.locator("button").last.click()
    field = editor.locator("textarea").first
    field.fill(ARABIC)
    assert direction(field) == "rtl"
    assert field.get_attribute("lang") == "ar"
    source = editor.locator("[data-translation-source]").first
    assert source.inner_text() == "Cantine solidaire"
    assert direction(source) == "ltr"
    assert source.get_attribute("lang") == "fr"


def test_translator_translates_every_segment_and_submits(
    live_server,
    browser_page,  # noqa: F811
    translation,
):
    """The translator's journey (issue #13): every segment of every tab is
    translated in the editor, then « Soumettre à la validation » hands the
    Arabic fiche to the coordination's workflow, unpublished."""
    from playwright.sync_api import expect  # as browser_page: only in this lane

    page, translator = translation
    log_in(browser_page, live_server, translator)
    browser_page.goto(
        live_server.url + reverse("wagtailadmin_pages:edit", args=[page.pk])
    )
    editor = browser_page.locator(".js-translation-editor")
    editor.locator("li.incomplete").first.wait_for()
    tabs = browser_page.locator("[role=tab]")
    for index in range(max(tabs.count(), 1)):
        if tabs.count():
            tabs.nth(index).click()
        while (left := editor.locator("li.incomplete:visible").count()) > 0:
            segment = editor.locator("li.incomplete:visible").first
            # « Translate », type, « Save »: both are the segment's last button.
            segment.locator("button").last.click()
            source = segment.locator("[data-translation-source]").inner_text()
            # The slug takes Latin letters: an Arabic one would be emptied,
            # and the translation refused as incomplete.
            typed = f"{source}-ar" if SLUG.fullmatch(source) else ARABIC
            segment.locator("textarea").fill(typed)
            segment.locator("button").last.click()
            # Saved on the server once the segment is no longer incomplete.
            expect(editor.locator("li.incomplete:visible")).to_have_count(left - 1)
    assert editor.locator("li.incomplete").count() == 0

    # Its footer's main action is « Soumettre à la validation »: wagtail-localize's
    # own footer (whose main button was « Supprimer ») is hidden.
    expect(editor.locator("footer.footer")).to_be_hidden()
    submit = browser_page.locator(
        "[data-translation-submit] button[name=action-submit]"
    )
    expect(submit).to_be_visible()
    expect(submit).to_be_in_viewport()
    with browser_page.expect_navigation():
        submit.click()
    page.refresh_from_db()
    shown = browser_page.locator(".messages").all_inner_texts()
    assert page.workflow_in_progress, shown
    assert not page.live
    assert page.get_latest_revision_as_object().title == ARABIC
    # The editor says it was submitted, naming the fiche.
    assert any("Cantine solidaire" in m or ARABIC in m for m in shown), shown
