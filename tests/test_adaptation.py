"""Adopt and adapt: a commune editor makes a linked draft of another commune's
practice, and both fiches (pages and search API) show the lineage."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupPagePermission,
    Locale,
    PageViewRestriction,
)
from wagtail_localize.models import TranslationSource

from home.site_structure import ensure_site
from hub.content_version import content_version
from practices.adaptation.lineage import lineages
from practices.models import PracticePage
from practices.publishing.roles import ensure_roles
from programme.loader import load_taxonomy
from search.facets import bump_version
from tests.conftest import TAXONOMY
from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    add_participation,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)
from tests.test_browser import browser_page  # noqa: F401 (fixture)
from tests.workflow_helpers import (
    PASSWORD,
    editor_group,
    make_user,
    reviewer_group,
    section,
)

pytestmark = pytest.mark.django_db

BUTTON = "Adapter cette pratique dans ma commune"


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """The search API reads a per-process facet index: start each test afresh."""
    bump_version()


@pytest.fixture
def original():
    """A live Tanger practice with description, results and attachments."""
    page = PracticePageFactory(
        title="Budget participatif des jeunes",
        commune="tanger",
        themes=["budget-participatif"],
        target_publics=["youth"],
        tags=["budget", "jeunesse"],
        objectives="<p>Associer les jeunes au budget.</p>",
        body=[("paragraph", "<p>Trois assemblées de quartier.</p>")],
        results="<p>250 jeunes ont voté.</p>",
        contacts="Service jeunesse, Tanger",
        funding_own=10000,
        start_date="2021-01-01",
        attachments=[HubDocumentFactory()],
    )
    add_participation(page, "youth", 250)
    return page


@pytest.fixture
def tiznit_editor(django_user_model):
    return make_user(django_user_model, "redaction-tiznit", editor_group("tiznit"))


def logged_in(user):
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def adapt(client, page, **data):
    return client.post(reverse("adapt-practice", args=[page.pk]), data)


def adaptations_of(page):
    return PracticePage.objects.filter(
        adapted_from__translation_key=page.translation_key
    )


def publish(page):
    page.save_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


# The button


def test_button_shown_to_an_editor_of_another_commune(original, tiznit_editor):
    """A Tiznit editor sees a POST form (with CSRF token) to adapt a Tanger
    practice."""
    form = soup(logged_in(tiznit_editor).get(original.url)).select_one(
        "form.adapt-form"
    )
    assert form.button.get_text() == BUTTON
    assert form["method"] == "post"
    assert form["action"] == f"/fr/adapter/{original.pk}/"
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    assert form.select_one("select") is None  # one commune: nothing to choose


@pytest.mark.parametrize("who", ["anonymous", "same-commune", "no-role", "reviewer"])
def test_button_hidden_from_others(client, django_user_model, original, who):
    """No button for a visitor, an editor of the practice's own commune, a user
    without role, or a reviewer (not an editor) of another commune."""
    groups = {
        "anonymous": None,
        "same-commune": [editor_group("tanger")],
        "no-role": [],
        "reviewer": [reviewer_group("tiznit")],
    }[who]
    if groups is not None:
        client = logged_in(make_user(django_user_model, who, *groups))
    page = soup(client.get(original.url))
    assert page.select_one("form.adapt-form") is None
    assert BUTTON not in str(page)


def test_editor_of_several_communes_chooses_one(django_user_model, original):
    """An editor of Tiznit and Zagora (and Tanger) chooses among the two others;
    the draft goes to the chosen one."""
    user = make_user(
        django_user_model,
        "multi",
        editor_group("tiznit"),
        editor_group("zagora"),
        editor_group("tanger"),
    )
    client = logged_in(user)
    form = soup(client.get(original.url)).select_one("form.adapt-form")
    options = [o["value"] for o in form.select("select[name=commune] option")]
    assert options == ["tiznit", "zagora"]
    assert adapt(client, original).status_code == 400  # did not say which
    assert not adaptations_of(original).exists()
    adapt(client, original, commune="zagora")
    draft = adaptations_of(original).get()
    assert draft.get_parent().pk == section("zagora").pk


# Creating the draft


def test_adapting_creates_a_linked_draft_in_own_section(original, tiznit_editor):
    """The draft is in Tiznit's section, not live, linked to the original, with
    its description and none of its results; the editor opens on the
    Adaptation tab."""
    client = logged_in(tiznit_editor)
    response = adapt(client, original)
    draft = adaptations_of(original).get()
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert response.status_code == 302
    assert response["Location"] == f"{edit}#tab-adaptation"
    assert draft.get_parent().pk == section("tiznit").pk
    assert draft.commune.slug == "tiznit"
    assert (draft.live, draft.owner, draft.locale) == (
        False,
        tiznit_editor,
        original.locale,
    )
    assert draft.adapted_from == original
    assert draft.title == "Budget participatif des jeunes (adaptation)"
    assert draft.summary == original.summary
    assert draft.objectives == original.objectives
    assert draft.body.raw_data[0]["value"] == "<p>Trois assemblées de quartier.</p>"
    assert [t.slug for t in draft.themes.all()] == ["budget-participatif"]
    assert [p.slug for p in draft.target_publics.all()] == ["youth"]
    assert sorted(t.name for t in draft.tags.all()) == ["budget", "jeunesse"]
    assert (draft.results, draft.contacts, draft.funding_own) == ("", "", None)
    assert (draft.start_date, draft.attachments.count()) == (None, 0)
    assert draft.participations.count() == 0
    assert draft.get_latest_revision() is not None
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    for name in ("adaptation_context", "adaptation_legal", "adaptation_budget"):
        assert f'name="{name}"' in editor.content.decode()
    assert 'name="adaptation_partners"' in editor.content.decode()


def test_second_click_opens_the_same_draft(original, tiznit_editor):
    """Adapting again goes to the existing draft, without a second copy."""
    client = logged_in(tiznit_editor)
    first = adapt(client, original)
    second = adapt(client, original)
    assert adaptations_of(original).count() == 1
    assert second["Location"] == first["Location"]


def test_adapting_another_language_version_opens_the_same_draft(
    original, tiznit_editor
):
    """A commune adapts a practice once: after adapting the French fiche, the
    button on its Arabic version opens the same (French) draft."""
    arabic = translate(original, title="الميزانية التشاركية للشباب")
    client = logged_in(tiznit_editor)
    first = adapt(client, original)
    assert adapt(client, arabic)["Location"] == first["Location"]
    assert adaptations_of(original).count() == 1


def test_adapting_an_arabic_practice_makes_an_arabic_draft(original, tiznit_editor):
    """The draft is in the original's locale, in Tiznit's Arabic section, with
    an Arabic title mark."""
    arabic = translate(original, title="الميزانية التشاركية للشباب")
    adapt(logged_in(tiznit_editor), arabic)
    draft = PracticePage.objects.get(adapted_from=arabic)
    assert draft.locale.language_code == "ar"
    assert draft.get_parent().pk == section("tiznit", "ar").pk
    assert draft.title == "الميزانية التشاركية للشباب (تكييف)"


def test_csrf_token_is_required(original, tiznit_editor):
    """Without the page's CSRF token the POST is refused (403) and nothing is
    made; with the token from the page's form it works."""
    client = Client(enforce_csrf_checks=True)
    client.login(username=tiznit_editor.username, password=PASSWORD)
    assert adapt(client, original).status_code == 403
    assert not adaptations_of(original).exists()
    form = soup(client.get(original.url)).select_one("form.adapt-form")
    token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    response = client.post(form["action"], {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert adaptations_of(original).count() == 1


# Refusals: a clear message or a 404, never a 500, nothing created


def test_a_get_explains_how_to_adapt(original, tiznit_editor):
    response = logged_in(tiznit_editor).get(
        reverse("adapt-practice", args=[original.pk])
    )
    assert response.status_code == 405
    assert "utilisez le bouton" in response.content.decode()
    assert not adaptations_of(original).exists()


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("anonymous", "Connectez-vous avec un compte de rédaction"),
        ("no-role", "Seuls les comptes de rédaction"),
        ("reviewer", "Seuls les comptes de rédaction"),
        ("same-commune", "déjà celle de votre commune"),
    ],
)
def test_forged_posts_are_refused_with_a_message(
    client, django_user_model, original, who, message
):
    groups = {
        "no-role": [],
        "reviewer": [reviewer_group("tiznit")],
        "same-commune": [editor_group("tanger")],
    }.get(who)
    if groups is not None:
        client = logged_in(make_user(django_user_model, who, *groups))
    response = adapt(client, original)
    assert response.status_code == 403
    assert message in response.content.decode()
    assert not adaptations_of(original).exists()


def test_arabic_refusal_is_in_arabic(original, tiznit_editor):
    response = logged_in(tiznit_editor).get(f"/ar/adapter/{original.pk}/")
    assert response.status_code == 405
    assert 'dir="rtl"' in response.content.decode()
    assert "utilisez le bouton" not in response.content.decode()


def test_editor_without_rights_on_the_section_is_refused(original, tiznit_editor):
    """The section's page permissions decide: an editor group that lost them
    gets a message, and nothing is made."""
    GroupPagePermission.objects.filter(
        group=editor_group("tiznit"), page=section("tiznit")
    ).delete()
    response = adapt(logged_in(tiznit_editor), original)
    assert response.status_code == 403
    assert "ne peut pas créer de fiche" in response.content.decode()
    assert not adaptations_of(original).exists()


def test_drafts_private_and_missing_practices_are_404(original, tiznit_editor):
    """A draft, an unpublished page, a practice under a view restriction the
    user does not pass, and a page that does not exist all answer 404."""
    client = logged_in(tiznit_editor)
    draft = PracticePageFactory(commune="tanger", live=False)
    unpublished = PracticePageFactory(commune="tanger")
    unpublished.unpublish()
    private = PracticePageFactory(commune="tanger")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([editor_group("tanger")])
    for page in (draft, unpublished, private):
        assert adapt(client, page).status_code == 404
        assert not adaptations_of(page).exists()
    assert client.post("/fr/adapter/999999/").status_code == 404


# The lineage on the pages


@pytest.fixture
def adaptation(original, tiznit_editor):
    """Tiznit's adaptation of the original, with what it changed (a draft)."""
    adapt(logged_in(tiznit_editor), original)
    draft = adaptations_of(original).get()
    draft.adaptation_context = "<p>Une commune rurale, moins de jeunes.</p>"
    draft.adaptation_budget = "<p>Moitié du budget.</p>"
    draft.save()
    return draft


def test_original_lists_only_live_adaptations(client, original, adaptation):
    """The draft never shows on the original; once published it does, with its
    commune and a link."""
    assert soup(client.get(original.url)).select_one(".adapted-by") is None
    live = publish(adaptation)
    content_version.bump()  # what the page cache's signal wiring does on publish
    item = soup(client.get(original.url)).select_one(".adapted-by li")
    assert item.get_text(" ", strip=True).startswith("Tiznit —")
    assert item.a["href"] == live.url
    assert item.a.get_text() == "Budget participatif des jeunes (adaptation)"
    assert "Adaptée par :" in item.find_parent("div").get_text()


def test_private_adaptation_is_not_listed_to_visitors(client, original, adaptation):
    live = publish(adaptation)
    PageViewRestriction.objects.create(
        page=live, restriction_type=PageViewRestriction.LOGIN
    )
    assert soup(client.get(original.url)).select_one(".adapted-by") is None


def test_adaptation_shows_its_origin_and_what_changes(client, original, adaptation):
    live = publish(adaptation)
    page = soup(client.get(live.url))
    origin = page.select_one(".adapted-from")
    assert " ".join(origin.get_text().split()) == (
        "Adaptée de : Budget participatif des jeunes (Tanger)"
    )
    assert origin.a["href"] == original.url
    changes = page.select_one(".adaptation-changes")
    assert changes.h2.get_text() == "Ce qui change"
    assert [h.get_text() for h in changes.select("h3")] == ["Contexte", "Budget"]
    assert "Moitié du budget." in changes.get_text()


def test_unpublished_origin_is_not_linked(client, original, adaptation):
    live = publish(adaptation)
    original.unpublish()
    assert soup(client.get(live.url)).select_one(".adapted-from") is None


def test_lineage_adds_one_query_to_the_page(
    client, original, adaptation, django_assert_num_queries
):
    """Origin and adaptations come in one query: an adaptation's page costs
    the same as a plain fiche's plus nothing more per adaptation."""
    live = publish(adaptation)
    others = []
    for slug in ("zagora", "figuig"):
        other = PracticePageFactory(commune=slug, adapted_from=original)
        others.append(other)

    def count(url):
        client.get(url)
        content_version.bump()  # cached fragments rebuilt: the lineage is counted
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        return len(context.captured_queries)

    with_three = count(original.url)
    PracticePageFactory(commune="tinghir", adapted_from=original)
    assert count(original.url) == with_three
    content_version.bump()  # what the page cache's signal wiring does on publish
    assert len(soup(client.get(original.url)).select(".adapted-by li")) == 4
    assert count(live.url) == count(others[0].url)


def test_lineage_of_many_pages_is_one_query(
    original, adaptation, django_assert_num_queries
):
    """Origins and adaptations of any number of practices: one query."""
    live = publish(adaptation)
    pages = [original, live, *PracticePageFactory.create_batch(3, commune="zagora")]
    with django_assert_num_queries(1):
        found = lineages(pages)
    assert [link.page for link in found[original.pk].adapted_by] == [live]
    assert found[live.pk].adapted_from.page == original


# Arabic


def localize(page, capture):
    """The Arabic translation made by wagtail-localize (as the admin's
    "Translate" then publish)."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    with capture(execute=True):
        translation, _created = source.create_or_update_translation(
            Locale.objects.get(language_code="ar"), publish=True, fallback=True
        )
    return PracticePage.objects.get(pk=translation.pk)


def test_arabic_pages_link_arabic_translations(
    client, original, adaptation, django_capture_on_commit_callbacks
):
    """Translated with wagtail-localize, the Arabic adaptation points at the
    Arabic original (re-pointed on save) and each Arabic page links the other's
    Arabic version, with Arabic labels and commune names."""
    arabic_original = localize(original, django_capture_on_commit_callbacks)
    live = publish(adaptation)
    arabic_adaptation = localize(live, django_capture_on_commit_callbacks)
    assert arabic_adaptation.adapted_from == arabic_original
    origin = soup(client.get(arabic_adaptation.url)).select_one(".adapted-from")
    assert origin.a["href"] == arabic_original.url
    assert origin.a.get("lang") is None  # same language as the page
    assert "مقتبسة من" in origin.get_text()
    assert "(طنجة)" in origin.get_text()
    page = soup(client.get(arabic_original.url))
    item = page.select_one(".adapted-by li")
    assert item.a["href"] == arabic_adaptation.url
    assert item.get_text().startswith("تيزنيت")
    changes = soup(client.get(arabic_adaptation.url)).select_one(".adaptation-changes")
    assert changes.h2.get_text() == "ما الذي يتغير"


def test_arabic_page_links_french_adaptation_when_untranslated(
    client, original, adaptation
):
    """Without an Arabic adaptation, the Arabic original links the French one,
    marked as French."""
    arabic_original = translate(original, title="الميزانية التشاركية للشباب")
    live = publish(adaptation)
    link = soup(client.get(arabic_original.url)).select_one(".adapted-by li a")
    assert link["href"] == live.url
    assert link["lang"] == "fr"


# The search API


def api_result(client, ref, **params):
    data = client.get("/api/search/", {"lang": "all", "page_size": 50, **params}).json()
    return next(r for r in data["results"] if r["ref"] == ref)


def test_api_exposes_lineage(client, original, adaptation):
    """adapted_from / adapted_by with ref, title, URL, language and commune;
    a draft adaptation is not listed."""
    assert api_result(client, original.ref, lang="fr")["adapted_by"] == []
    live = publish(adaptation)
    bump_version()
    link = {
        "ref": live.ref,
        "title": live.title,
        "url": live.url,
        "language": "fr",
        "commune": "Tiznit",
    }
    result = api_result(client, original.ref, lang="fr")
    assert (result["adapted_from"], result["adapted_by"]) == (None, [link])
    assert api_result(client, live.ref, lang="fr")["adapted_from"] == {
        "ref": original.ref,
        "title": original.title,
        "url": original.url,
        "language": "fr",
        "commune": "Tanger",
    }


def test_api_lineage_costs_constant_queries(client, original):
    """The API runs as many queries for 3 adapted practices as for 12."""

    def queries():
        bump_version()
        params = {"lang": "fr", "page_size": 50}
        client.get("/api/search/", params)
        with CaptureQueriesContext(connection) as context:
            data = client.get("/api/search/", params).json()
        return len(context.captured_queries), data

    def add_adaptations(count):
        for _n in range(count):
            PracticePageFactory(commune="zagora", adapted_from=original)

    add_adaptations(2)
    few, data = queries()
    assert len(data["results"]) == 3
    add_adaptations(9)
    many, data = queries()
    assert len(data["results"]) == 12
    assert few == many
    by_ref = {r["ref"]: r for r in data["results"]}
    assert len(by_ref[original.ref]["adapted_by"]) == 11


def test_openapi_describes_lineage(client):
    schemas = client.get("/api/search/openapi.json").json()["components"]["schemas"]
    result = schemas["Result"]["properties"]
    assert result["adapted_from"]["nullable"] is True
    assert result["adapted_by"]["items"] == {"$ref": "#/components/schemas/Lineage"}
    assert set(schemas["Lineage"]["properties"]) == {
        "ref",
        "title",
        "url",
        "language",
        "commune",
    }


# In a browser: the button leads to the editor, on the Adaptation tab


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_button_opens_the_adaptation_tab_in_the_editor(
    live_server,
    browser_page,  # noqa: F811 (the fixture imported above)
    django_user_model,
):
    """Clicking the button on the fiche opens the page editor of the new draft
    with the « Adaptation » tab selected and its first question visible."""
    ensure_site()
    load_taxonomy(TAXONOMY)
    Collection.fix_tree()  # the restored snapshot leaves the root's child count stale
    ensure_roles()
    original = PracticePageFactory(title="Accueil des migrants", commune="tanger")
    user = make_user(django_user_model, "redaction-tiznit", editor_group("tiznit"))
    client = logged_in(user)
    browser_page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    browser_page.goto(live_server.url + original.url)
    browser_page.get_by_role("button", name=BUTTON).click()
    browser_page.wait_for_url("**/admin/pages/*/edit/#tab-adaptation")
    tab = browser_page.locator("#tab-label-adaptation")
    tab.wait_for()
    assert tab.get_attribute("aria-selected") == "true"
    assert browser_page.locator("#tab-adaptation").is_visible()
    assert browser_page.locator("#tab-fiche").is_hidden()
    assert adaptations_of(original).get().get_parent().pk == section("tiznit").pk
