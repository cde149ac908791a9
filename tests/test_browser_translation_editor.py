"""Browser lane: wagtail-localize's translation editor writes Arabic right to left.

The translator opens the Arabic translation of a French practice in the
translation editor (React), types Arabic into a field, and the browser lays
the field out right-to-left while the French source stays left-to-right
(practices/static/practices/admin/translation-direction.js).
"""

import pytest
from django.urls import reverse
from wagtail.models import Collection, Locale

from home.site_structure import ensure_site
from practices.models import PracticePage
from practices.publishing.roles import ensure_roles
from programme.loader import load_taxonomy
from tests.conftest import TAXONOMY
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


@pytest.fixture(params=["fr", "ar"])
def translation(request, django_user_model):
    """An Arabic wagtail-localize translation of a French practice, and a
    translator whose admin is in French, then in Arabic (laid out rtl)."""
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
