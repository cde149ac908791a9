"""Tag pages reveal no private or draft tag (issue #9, item 7):
``/<lang>/pratiques/tag/<slug>/`` answers 404 unless a live page in that
language, visible to the viewer, carries the tag — so a tag used only on a
draft or on a partners-only page is not even named to anyone else. The search
page does not name such a tag either (an active filter's label).
"""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from wagtail.models import PageViewRestriction

from search.facets import bump_version
from tests.factories import (
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    translate,
)
from tests.workflow_helpers import partners

pytestmark = pytest.mark.django_db

TAG_PAGE = "/{lang}/pratiques/tag/{slug}/"


@pytest.fixture(autouse=True)
def fresh_index():
    cache.clear()
    bump_version()


@pytest.fixture
def member(django_user_model):
    user = django_user_model.objects.create_user("membre")
    user.groups.add(partners())
    client = Client()
    client.force_login(user)
    return client


def restrict(page):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([partners()])
    bump_version()


def tag_page(client, slug, lang="fr"):
    return client.get(TAG_PAGE.format(lang=lang, slug=slug))


def test_a_tag_on_a_public_live_practice_has_its_page():
    PracticePageFactory(title="Budget ouvert", tags=["Jeunesse active"])
    response = tag_page(Client(), "jeunesse-active")
    assert response.status_code == 200
    assert "Budget ouvert" in response.content.decode()


def test_a_tag_only_on_a_draft_is_not_found(member, admin_client):
    """A draft (never published, or unpublished since) carries no tag page,
    for nobody: not even for a superuser, since the page is not live."""
    PracticePageFactory(title="Brouillon", tags=["Projet secret"], live=False)
    unpublished = PracticePageFactory(title="Retirée", tags=["Ancien projet"])
    unpublished.unpublish()
    for client in (Client(), member, admin_client):
        for slug in ("projet-secret", "ancien-projet"):
            response = tag_page(client, slug)
            assert response.status_code == 404, slug
            assert b"Projet secret" not in response.content
            assert b"Ancien projet" not in response.content


def test_a_tag_only_on_a_private_page_is_found_only_by_those_who_may_see_it(
    member, admin_client, django_user_model
):
    private = PracticePageFactory(title="Budget confidentiel", tags=["Zorglub"])
    restrict(private)
    outsider = Client()
    outsider.force_login(django_user_model.objects.create_user("curieux"))
    for client in (Client(), outsider):
        response = tag_page(client, "zorglub")
        assert response.status_code == 404
        assert b"Zorglub" not in response.content
    for client in (member, admin_client):
        response = tag_page(client, "zorglub")
        assert response.status_code == 200
        assert "Budget confidentiel" in response.content.decode()


def test_a_tag_on_a_public_page_stays_when_a_private_page_shares_it():
    PracticePageFactory(title="Budget ouvert", tags=["Budget"])
    restrict(PracticePageFactory(title="Budget confidentiel", tags=["Budget"]))
    response = tag_page(Client(), "budget")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Budget ouvert" in text
    assert "Budget confidentiel" not in text


@pytest.mark.parametrize("factory", [TemplatePageFactory, TrainingPageFactory])
def test_templates_and_trainings_keep_their_tag_links(factory):
    """Template and training pages link their tags to the same tag page."""
    page = factory(title="Ressource", tags=["Outils"])
    response = Client().get(page.url)
    assert 'href="/fr/pratiques/tag/outils/"' in response.content.decode()
    assert tag_page(Client(), "outils").status_code == 200


def test_tag_pages_are_per_language():
    """A tag carried only in French has no Arabic tag page, and back."""
    PracticePageFactory(title="Budget ouvert", tags=["Budget"])
    assert tag_page(Client(), "budget", lang="fr").status_code == 200
    assert tag_page(Client(), "budget", lang="ar").status_code == 404
    translate(PracticePageFactory(title="Autre", tags=["Eau"]))
    assert tag_page(Client(), "eau", lang="ar").status_code == 200


def test_search_does_not_name_a_private_tag(member):
    """Filtering the search on a private page's tag finds nothing, and does
    not print the tag's name (only the slug the visitor typed)."""
    PracticePageFactory(title="Budget ouvert", tags=["Budget"])
    restrict(PracticePageFactory(title="Budget confidentiel", tags=["Zorglub X"]))
    url = "/fr/search/"
    anonymous = Client().get(url, {"tag": "zorglub-x"})
    text = BeautifulSoup(anonymous.content, "html.parser").get_text()
    assert "Zorglub X" not in text
    assert "Budget confidentiel" not in text
    seen = member.get(url, {"tag": "zorglub-x"})
    assert "Zorglub X" in BeautifulSoup(seen.content, "html.parser").get_text()
