"""Translators edit translations and nothing else (practices/publishing/
translator_scope.py): their group's right on the Arabic tree only opens pages
that wagtail-localize translated; they create no page.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale

from home.models import HomePage
from practices.models import PracticePage
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.workflow_helpers import (
    add_url,
    coordinators,
    edit_url,
    editor_group,
    make_user,
    practice_form,
    section,
    translators,
)

pytestmark = pytest.mark.django_db


def messages_of(client, response):
    """The messages the redirect leads to, as the next page shows them."""
    page = client.get(response["Location"])
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    return [m.get_text(" ", strip=True) for m in soup.select(".messages li")]


def flashed(response):
    """The messages queued by the request (shown by whatever page comes next)."""
    return [str(m) for m in response.wsgi_request._messages]


@pytest.fixture
def translator(client, django_user_model):
    user = make_user(django_user_model, "traduction", translators())
    client.force_login(user)
    return user


@pytest.fixture
def localize_translation(django_user_model):
    """The Arabic wagtail-localize translation of a French practice."""
    from wagtail_localize.operations import translate_object

    coordinator = make_user(django_user_model, "coordination", coordinators())
    practice = PracticePageFactory(commune="tanger", title="Cantine solidaire")
    arabic = Locale.objects.get(language_code="ar")
    translate_object(practice, [arabic], user=coordinator)
    return PracticePage.objects.get(
        translation_key=practice.translation_key, locale=arabic
    )


@pytest.fixture
def arabic_original():
    """A practice written directly in Arabic (not a translation)."""
    return PracticePageFactory(language="ar", commune="tanger", title="مطعم تضامني")


def test_translator_opens_a_translation(client, translator, localize_translation):
    """A wagtail-localize translation opens in the translation editor, with the
    script that lays Arabic fields out right to left."""
    response = client.get(edit_url(localize_translation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "js-translation-editor" in html
    assert "practices/admin/translation-direction.js" in html


def test_translator_cannot_edit_an_arabic_original(client, translator, arabic_original):
    """An Arabic page that is not a translation: sent back to the explorer with
    an explanation; a POST changes nothing."""
    response = client.get(edit_url(arabic_original))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_explore", args=(arabic_original.get_parent().pk,)
    )
    assert any(
        "vous ne pouvez modifier que des traductions" in m
        for m in messages_of(client, response)
    )
    data = {**practice_form("Changé", arabic_original.slug), "action-submit": "1"}
    assert client.post(edit_url(arabic_original), data).status_code == 302
    arabic_original.refresh_from_db()
    assert arabic_original.title == "مطعم تضامني"
    assert arabic_original.get_latest_revision() is None
    assert arabic_original.current_workflow_state is None


@pytest.mark.parametrize("page_name", ["home", "section"])
def test_translator_cannot_edit_structure_pages(client, translator, page_name):
    """The Arabic home and commune sections are not translations either."""
    pages = {
        "home": HomePage.objects.get(locale__language_code="ar"),
        "section": section("tanger", "ar"),
    }
    response = client.get(edit_url(pages[page_name]))
    assert response.status_code == 302
    assert "/edit/" not in response["Location"]


def test_translator_cannot_edit_french_pages(client, translator):
    """No right at all in the French tree."""
    practice = PracticePageFactory(commune="tanger")
    response = client.get(edit_url(practice))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_translator_cannot_create_pages(client, translator):
    """No "add" in the Arabic tree: the create view refuses."""
    parent = section("tanger", "ar")
    response = client.get(add_url(parent))
    assert response.status_code == 302
    data = {**practice_form("جديد", "jadid"), "action-submit": "1"}
    assert client.post(add_url(parent), data).status_code == 302
    assert not PracticePage.objects.filter(slug="jadid").exists()


def test_translator_creates_no_page_even_with_add_right(client, translator):
    """Should the group ever be given "add" on the Arabic tree, the hook still
    refuses creating a page, with an explanation."""
    GroupPagePermission.objects.create(
        group=translators(),
        page=HomePage.objects.get(locale__language_code="ar"),
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="add_page"
        ),
    )
    parent = section("tanger", "ar")
    response = client.get(add_url(parent))
    assert response.status_code == 302
    assert any("vous ne créez pas de pages" in m for m in messages_of(client, response))
    data = {**practice_form("جديد", "jadid"), "action-submit": "1"}
    assert client.post(add_url(parent), data).status_code == 302
    assert not PracticePage.objects.filter(slug="jadid").exists()


def test_translator_who_also_edits_for_a_commune_keeps_that_right(
    client, django_user_model, arabic_original
):
    """A Tanger editor who also translates still edits Tanger's Arabic
    practices: only rights that come from the translation group are narrowed."""
    user = make_user(django_user_model, "double", translators(), editor_group("tanger"))
    client.force_login(user)
    assert client.get(edit_url(arabic_original)).status_code == 200
    assert client.get(add_url(section("tanger", "ar"))).status_code == 200


def test_translators_translate_creates_a_draft(
    client, translator, django_capture_on_commit_callbacks
):
    """« Traduire » on a live French practice gives the translator an Arabic
    draft to work on: nothing is published before the coordination approves."""
    practice = PracticePageFactory(commune="tanger", title="Cantine solidaire")
    arabic = Locale.objects.get(language_code="ar")
    with django_capture_on_commit_callbacks(
        execute=True
    ):  # wagtail-localize publishes on commit
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=(practice.pk,)),
            {"locales": [arabic.pk]},
        )
    assert response.status_code == 302
    page = PracticePage.objects.get(
        translation_key=practice.translation_key, locale=arabic
    )
    assert not page.live
    assert client.get(edit_url(page)).status_code == 200


def sync_and_publish(client, translated_page, django_capture_on_commit_callbacks):
    """POST wagtail-localize's "Sync translated pages" with "Publish immediately"."""
    from wagtail_localize.models import Translation

    translation = Translation.objects.get(
        source__object_id=translated_page.translation_key,
        target_locale=translated_page.locale,
    )
    url = reverse("wagtail_localize:update_translations", args=(translation.source_id,))
    with django_capture_on_commit_callbacks(
        execute=True
    ):  # wagtail-localize publishes on commit
        return client.post(url, {"publish_translations": "on"})


def test_translator_cannot_publish_through_sync(
    client, translator, localize_translation, django_capture_on_commit_callbacks
):
    """ "Publish immediately" in "Sync translated pages" does not publish for a
    translator: the update is kept as a draft, and they are told so."""
    response = sync_and_publish(
        client, localize_translation, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    localize_translation.refresh_from_db()
    assert not localize_translation.live
    assert any("sans être publiées" in m for m in flashed(response))


def test_coordinator_publishes_through_sync(
    client, django_user_model, localize_translation, django_capture_on_commit_callbacks
):
    """The coordination, which publishes anything, still can."""
    client.force_login(make_user(django_user_model, "coord2", coordinators()))
    response = sync_and_publish(
        client, localize_translation, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    localize_translation.refresh_from_db()
    assert localize_translation.live


def test_translator_cannot_delete_an_arabic_original_draft(
    client, translator, arabic_original
):
    """Wagtail lets a change right delete a never-published draft: not for a
    translator on a page that is not a translation (GET and POST)."""
    PracticePage.objects.filter(pk=arabic_original.pk).update(
        live=False, first_published_at=None, last_published_at=None
    )
    url = reverse("wagtailadmin_pages:delete", args=(arabic_original.pk,))
    for send in (client.get, client.post):
        response = send(url)
        assert response.status_code == 302
        assert any(
            "vous ne pouvez supprimer que des traductions" in m
            for m in flashed(response)
        )
    assert PracticePage.objects.filter(pk=arabic_original.pk).exists()
