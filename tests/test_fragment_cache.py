"""Cached fragments (hub.content_version) never show one visitor what only
another may see, change when what they show changes, and hold nothing
per-user.

Every test requests a page first as the viewer who sees *more*, so that a
fragment shared by mistake would be served, warm, to the one who sees less
(and the other way round).

Tests marked "bump" change another page inside
``django_capture_on_commit_callbacks(execute=True)`` and call nothing by hand:
the signal wiring of the full-page cache (hub/page_cache_invalidation.py)
bumps the content version at once and again after the commit, on publish,
unpublish, privacy and vocabulary changes. Without that wiring they fail.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from programme.models import Theme
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)
from tests.test_private_content import restrict
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners():
    return role_group("partners")


@pytest.fixture
def member(django_user_model, partners):
    user = django_user_model.objects.create_user("membre", password="x")
    user.groups.add(partners)
    client = Client()
    client.force_login(user)
    return client


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def original():
    return PracticePageFactory(
        title="Budget des jeunes", commune="tanger", themes=["budget-participatif"]
    )


@pytest.fixture
def private_adaptation(original, partners):
    adaptation = PracticePageFactory(
        title="Budget des jeunes à Tiznit", commune="tiznit", adapted_from=original
    )
    restrict(adaptation, partners)
    return adaptation


# Viewers ---------------------------------------------------------------------


def test_lineage_is_cached_per_viewer(client, member, original, private_adaptation):
    """A member sees the private adaptation; an anonymous visitor, asking the
    same page after, does not — nor the member after the visitor."""
    for _round in range(2):
        seen = soup(member.get(original.url)).select_one(".adapted-by")
        assert "Tiznit" in seen.get_text()
        assert soup(client.get(original.url)).select_one(".adapted-by") is None


def test_language_switcher_is_cached_per_viewer(client, member, original, partners):
    """A private translation is "not translated yet" to an anonymous visitor,
    even after a member was shown its link."""
    arabic = translate(original, "ar", title="ميزانية الشباب")
    restrict(arabic, partners)
    for _round in range(2):
        links = soup(member.get(original.url)).select(".other-language a")
        assert [a["href"] for a in links] == [arabic.url]
        page = soup(client.get(original.url))
        assert page.select(".other-language a") == []
        assert arabic.url not in str(page)


def test_filter_options_are_cached_per_viewer(client, member, partners):
    """A theme only a private practice uses is offered to members only."""
    PracticePageFactory(title="Publique", themes=["budget-participatif"])
    private = PracticePageFactory(title="Privée", themes=["accueil-migrants"])
    restrict(private, partners)

    def themes(viewer):
        page = soup(viewer.get("/fr/pratiques/"))
        return {o["value"] for o in page.select("#filter-theme option") if o["value"]}

    for _round in range(2):
        assert themes(member) == {"budget-participatif", "accueil-migrants"}
        assert themes(client) == {"budget-participatif"}


def test_home_figures_are_cached_per_viewer(client, member, partners):
    PracticePageFactory(title="Publique")
    restrict(PracticePageFactory(title="Privée"), partners)

    def practices_figure(viewer):
        figures = soup(viewer.get("/fr/")).select(".figures strong")
        return figures[3].get_text()

    for _round in range(2):
        assert practices_figure(member) == "2"
        assert practices_figure(client) == "1"


# Nothing per-user in a fragment ----------------------------------------------


def test_each_visitor_gets_their_own_csrf_token_and_name(django_user_model, original):
    """The logout form (CSRF token, name) and the rest of a warm page: two
    members never get each other's."""
    pages = []
    for name in ("alice", "bruno"):
        user = django_user_model.objects.create_user(name, password="x")
        viewer = Client()
        viewer.force_login(user)
        viewer.get(original.url)  # warm for whoever comes next
        pages.append(soup(viewer.get(original.url)))
    tokens = [
        p.select_one(".logout-form input[name=csrfmiddlewaretoken]")["value"]
        for p in pages
    ]
    assert tokens[0] != tokens[1]
    assert [p.select_one(".account-name").get_text() for p in pages] == [
        "alice",
        "bruno",
    ]


def test_a_preview_never_reaches_the_cache(client, original):
    """A draft's preview is rendered afresh (Wagtail's cache tags skip
    previews): visitors keep seeing the published page, and the preview never
    shows a cached fragment of the published one."""
    client.get(original.url)  # fragments warm
    draft = original.get_latest_revision_as_object()
    draft.title = "Titre du brouillon"
    draft.summary = "Résumé du brouillon."
    preview = draft.make_preview_request()
    assert b"Titre du brouillon" in preview.content
    assert "Résumé du brouillon." in preview.content.decode()
    page = client.get(original.url).content.decode()
    assert "Titre du brouillon" not in page
    assert "Résumé du brouillon." not in page


# Changes ---------------------------------------------------------------------


def test_publishing_the_page_itself_renews_its_fragments(client, original):
    """The page's own publication changes its fragments' key (wagtailpagecache:
    id, URL, last publication): no bump needed."""
    client.get(original.url)
    original.title = "Budget des jeunes, deuxième édition"
    original.save_revision().publish()
    page = soup(client.get(original.url))
    assert page.h1.get_text() == "Budget des jeunes, deuxième édition"


def test_bump_publishing_another_page_shows_in_related_practices(
    client, original, django_capture_on_commit_callbacks
):
    """bump: a practice published on the same theme appears among the related."""
    assert soup(client.get(original.url)).select(".cards .card") == []
    with django_capture_on_commit_callbacks(execute=True):
        other = PracticePageFactory(
            title="Budget des seniors", commune="figuig", themes=["budget-participatif"]
        )
        other.save_revision().publish()
    cards = soup(client.get(original.url)).select(".cards .card h3")
    assert [c.get_text() for c in cards] == ["Budget des seniors"]


def test_bump_unpublishing_an_adaptation_removes_it_from_the_lineage(
    client, original, django_capture_on_commit_callbacks
):
    """bump: the lineage leads to no unpublished page."""
    adaptation = PracticePageFactory(
        title="Budget à Tiznit", commune="tiznit", adapted_from=original
    )
    assert soup(client.get(original.url)).select_one(".adapted-by") is not None
    with django_capture_on_commit_callbacks(execute=True):
        adaptation.unpublish()
    assert soup(client.get(original.url)).select_one(".adapted-by") is None


def test_bump_restricting_a_translation_hides_it_from_the_switcher(
    client, original, partners, django_capture_on_commit_callbacks
):
    """bump: a translation made private is "not translated yet" to visitors."""
    arabic = translate(original, "ar", title="ميزانية الشباب")
    assert [
        a["href"] for a in soup(client.get(original.url)).select(".other-language a")
    ] == [arabic.url]
    with django_capture_on_commit_callbacks(execute=True):
        restrict(arabic, partners)
    assert soup(client.get(original.url)).select(".other-language a") == []


def test_bump_a_renamed_theme_is_renamed_on_the_page(
    client, original, django_capture_on_commit_callbacks
):
    """bump: vocabulary (programme snippets) renamed."""
    client.get(original.url)
    theme = Theme.objects.get(slug="budget-participatif", locale=original.locale)
    theme.name = "Budget citoyen"
    with django_capture_on_commit_callbacks(execute=True):
        theme.save()
    chips = soup(client.get(original.url)).select(".chips a")
    assert "Budget citoyen" in [a.get_text() for a in chips]
