"""Translators edit translations and nothing else (practices/publishing/
translator_scope.py): their group's right on the Arabic tree only opens pages
that wagtail-localize translated — a page permission policy, so that every
admin view, the admin API and the chooser obey it; they create no page.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
    """An Arabic page that is not a translation: Wagtail's own permission check
    refuses it (sent to the dashboard); a POST changes nothing."""
    response = client.get(edit_url(arabic_original))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert any("autorisations" in m for m in messages_of(client, response))
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
    """Should the group ever be given "add" on the Arabic tree, it still creates
    no page: the sections are not translations, so the right gives nothing
    there."""
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
    assert response["Location"] == reverse("wagtailadmin_home")
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
        assert response["Location"] == reverse("wagtailadmin_home")
    assert PracticePage.objects.filter(pk=arabic_original.pk).exists()


# --- The page permission policy: every door, not only the edit form ----------


def with_revision(page):
    """``page`` as the admin leaves it: with a revision, published if live."""
    revision = page.save_revision()
    if page.live:
        revision.publish()
    return PracticePage.objects.get(pk=page.pk)


def never_published(page):
    """``page`` as a draft that never went online, with a revision."""
    PracticePage.objects.filter(pk=page.pk).update(
        live=False, first_published_at=None, last_published_at=None
    )
    page = PracticePage.objects.get(pk=page.pk)
    page.save_revision()
    return page


def revision_url(page):
    return reverse(
        "wagtailadmin_pages:revisions_view", args=(page.pk, page.latest_revision_id)
    )


def page_view(name):
    """The URL of the admin's page view ``name`` for a page."""
    return lambda page: reverse(f"wagtailadmin_pages:{name}", args=(page.pk,))


# The admin's doors on a page that read it or act on it, by GET.
READ_DOORS = {
    **{name: page_view(name) for name in ("view_draft", "history", "workflow_history")},
    "revision": revision_url,
    "compare": lambda p: reverse(
        "wagtailadmin_pages:revisions_compare", args=(p.pk, "earliest", "latest")
    ),
    "api_detail": lambda p: f"/admin/api/main/pages/{p.pk}/",
}
ACTION_DOORS = {
    name: page_view(name) for name in ("move", "copy", "delete", "unpublish", "usage")
}


@pytest.mark.parametrize("door", sorted({**READ_DOORS, **ACTION_DOORS}))
@pytest.mark.parametrize("live", [True, False], ids=["live", "draft"])
def test_translator_gets_nothing_on_an_arabic_original(
    client, translator, arabic_original, door, live
):
    """Preview, revisions, history, move, copy... all refuse an Arabic page
    that is not a translation, live or draft: none shows its title."""
    page = with_revision(arabic_original) if live else never_published(arabic_original)
    url = {**READ_DOORS, **ACTION_DOORS}[door](page)
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    assert page.title not in response.content.decode()


def test_translator_cannot_lock_an_arabic_original(client, translator, arabic_original):
    """Locking (a POST) is refused too."""
    client.post(page_view("lock")(arabic_original))
    arabic_original.refresh_from_db()
    assert not arabic_original.locked


@pytest.mark.parametrize("door", sorted(READ_DOORS))
def test_translator_reads_a_translation_through_every_door(
    client, translator, localize_translation, door
):
    """The same doors open on a translation: the policy narrows, it does not
    shut the translators out."""
    localize_translation.save_revision()
    response = client.get(READ_DOORS[door](localize_translation))
    assert response.status_code == 200


def listing_ids(client, parent):
    """The ids the admin API lists under ``parent`` (the explorer's menu); it
    answers 400 for a parent the user may not explore: nothing listed."""
    response = client.get(
        "/admin/api/main/pages/", {"child_of": parent.pk, "for_explorer": 1}
    )
    if response.status_code == 400:
        return set()
    assert response.status_code == 200
    return {item["id"] for item in json.loads(response.content)["items"]}


def test_explorer_shows_translations_and_the_way_to_them_only(
    client, translator, localize_translation, arabic_original
):
    """From the explorer's root to the translation, each listing shows the next
    step — the Arabic home, the index, the section, which the translator can
    open but not edit — and never the original beside the translation."""
    response = client.get(reverse("wagtailadmin_explore_root"))
    home = HomePage.objects.get(locale__language_code="ar")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=(home.pk,))
    way = [home, *localize_translation.get_ancestors().filter(depth__gt=home.depth)]
    for parent, child in zip(way, [*way[1:], localize_translation], strict=True):
        response = client.get(reverse("wagtailadmin_explore", args=(parent.pk,)))
        assert response.status_code == 200
        assert f"/admin/pages/{child.pk}/" in response.content.decode()
        assert listing_ids(client, parent) == {child.pk}
        assert client.get(edit_url(parent)).status_code == 302
    section_page = way[-1]
    html = client.get(reverse("wagtailadmin_explore", args=(section_page.pk,)))
    assert arabic_original.title not in html.content.decode()


def test_admin_search_finds_translations_only(
    client, translator, localize_translation, arabic_original
):
    """The admin's page search lists what the user may explore: the
    translation, not the Arabic original."""
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "تضامني"})
    assert response.status_code == 200
    assert arabic_original.title not in response.content.decode()


def test_translator_who_also_edits_for_a_commune_gets_nothing_elsewhere(
    client, django_user_model
):
    """A Tanger editor who also translates: Tanger's Arabic originals through
    the editor's group, Tiznit's through nothing (the translation group gives
    nothing on an original)."""
    user = make_user(django_user_model, "double", translators(), editor_group("tanger"))
    client.force_login(user)
    tanger = never_published(
        PracticePageFactory(language="ar", commune="tanger", title="مسودة طنجة")
    )
    tiznit = never_published(
        PracticePageFactory(language="ar", commune="tiznit", title="مسودة تيزنيت")
    )
    assert client.get(READ_DOORS["view_draft"](tanger)).status_code == 200
    assert client.get(READ_DOORS["view_draft"](tiznit)).status_code == 302
    assert listing_ids(client, tiznit.get_parent()) == set()


def test_every_page_model_asks_the_policy():
    """Wagtail's per-page tester asks the policy only through the page model's
    ``permissions_for_user``: a page model without the mixin would reopen every
    Arabic original to the translators. And the registry hands out the policy."""
    from wagtail.models import Page, get_page_models
    from wagtail.permissions import policy_registry

    from practices.models.page_permissions import ScopedPagePermissions
    from practices.publishing.translator_scope import page_policy

    missing = [
        model
        for model in get_page_models()
        if model is not Page and not issubclass(model, ScopedPagePermissions)
    ]
    assert missing == []
    assert policy_registry.get_by_type(Page) is page_policy
    assert policy_registry.get_by_type(PracticePage) is page_policy


def test_users_with_a_right_on_a_page(
    django_user_model, translator, localize_translation, arabic_original
):
    """The policy's "who may" answers agree with its "may who": the translator
    changes the translation, not the original; the coordination changes both."""
    from practices.publishing.translator_scope import page_policy

    coordinator = make_user(django_user_model, "coord3", coordinators())
    for page, expected in [(localize_translation, True), (arabic_original, False)]:
        users = page_policy.users_with_permission_for_instance("change", page)
        assert (translator in users) is expected
        assert coordinator in users
        assert (
            page_policy.user_has_permission_for_instance(translator, "change", page)
            is expected
        )


def test_explorer_listing_costs_no_query_per_page(
    client, translator, django_user_model
):
    """The rule costs the translator's listing of a section as many queries
    with five translations and five originals as with one of each: it is a
    queryset filter, and each row's tester reads a per-request cache. (Wagtail
    and wagtail-localize spend queries per row of their own: only the queries
    that read the rule's tables are counted.)"""
    from wagtail_localize.operations import translate_object

    coordinator = make_user(django_user_model, "coord4", coordinators())
    arabic = Locale.objects.get(language_code="ar")
    parent = section("tanger", "ar")
    url = reverse("wagtailadmin_explore", args=(parent.pk,))

    def add_pages(first, count):
        for n in range(first, first + count):
            french = PracticePageFactory(commune="tanger", title=f"Fiche {n}")
            translate_object(french, [arabic], user=coordinator)
            PracticePageFactory(language="ar", commune="tanger", title=f"أصل {n}")

    def rule_queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        tables = ('"wagtail_localize_translation"', '"wagtailcore_grouppagepermission"')
        return [
            q["sql"]
            for q in context.captured_queries
            if any(table in q["sql"] for table in tables)
        ]

    add_pages(0, 1)
    few = rule_queries()
    add_pages(1, 4)
    many = rule_queries()
    assert len(many) == len(few) <= 6
    html = client.get(url).content.decode()
    arabic_pages = PracticePage.objects.child_of(parent)
    translations = arabic_pages.filter(title__startswith="Fiche")
    assert translations.count() == 5
    assert all(edit_url(page) in html for page in translations)
    assert "أصل" not in html


def test_a_renamed_translation_group_is_still_narrowed(
    client, translator, localize_translation, arabic_original
):
    """The group is found by key (hub.keys): renamed in the admin, its right
    still opens translations and nothing else."""
    group = translators()
    group.name = "Équipe de traduction"
    group.save()
    assert client.get(edit_url(localize_translation)).status_code == 200
    response = client.get(edit_url(arabic_original))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
