"""Routing a deep URL in one query per routing page (hub/routing.py) answers
every URL as Wagtail's own walk does: the same page, the same 404s, the same
privacy checks, each language in its own tree."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from home.models import HomePage
from practices.publishing.sections import section_for
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice():
    return PracticePageFactory(title="Budget ouvert", commune="tanger")


def components(page):
    return [part for part in page.url.split("/") if part][1:]  # without /fr/


def route(path_components, language="fr", home=None):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    home = home or HomePage.objects.get(locale__language_code=language)
    return home.route(request, path_components)


def test_a_fiche_routes_to_itself_in_fewer_queries(practice, django_assert_num_queries):
    """Four levels: the pages the path names (one query: the practice index's
    own routes, commune/ and tag/, do not answer a fiche's path, so it is not
    made specific) and the fiche made specific. Wagtail's walk took six."""
    path = components(practice)
    assert len(path) == 3
    home = HomePage.objects.get(locale__language_code="fr")
    with django_assert_num_queries(2):
        found = route(path, home=home)
    assert found.page.pk == practice.pk
    assert type(found.page).__name__ == "PracticePage"


def test_the_breadcrumb_reads_the_parent_the_route_found(
    practice, django_assert_num_queries
):
    found = route(components(practice))
    with django_assert_num_queries(0):
        parent = found.page.get_parent()
    assert parent.pk == practice.get_parent().pk


def test_a_missing_or_extra_level_is_a_404(client, practice):
    assert client.get(practice.url).status_code == 200
    assert client.get(practice.url + "suite/").status_code == 404
    assert client.get(practice.url.replace("/tanger/", "/figuig/")).status_code == 404
    assert client.get("/fr/pratiques/tanger/inconnue/").status_code == 404
    with pytest.raises(Http404):
        route([*components(practice), "suite"])


def test_slugs_match_exactly_as_wagtail_matches_them(client, practice):
    upper = practice.url.replace(practice.slug, practice.slug.upper())
    assert client.get(upper).status_code == 404
    with pytest.raises(Http404):
        route([part.upper() for part in components(practice)])


def test_same_slug_in_two_sections_each_routes_to_its_own(client):
    tanger = PracticePageFactory(title="Budget", slug="budget", commune="tanger")
    figuig = PracticePageFactory(title="Budget", slug="budget", commune="figuig")
    assert route(components(tanger)).page.pk == tanger.pk
    assert route(components(figuig)).page.pk == figuig.pk
    assert tanger.url != figuig.url


def test_a_non_live_page_at_the_end_is_a_404(client, practice):
    practice.unpublish()
    assert client.get(practice.url).status_code == 404


def test_non_live_pages_on_the_way_still_route(client, practice):
    """Wagtail routes through an unpublished section to a live fiche."""
    section = section_for(practice.commune, practice.locale)
    section.unpublish()
    assert client.get(practice.url).status_code == 200
    assert client.get(section.url or "/fr/pratiques/tanger/").status_code == 404


def test_routable_index_sub_routes_still_answer(client, practice):
    practice.tags.add("budget")
    practice.save_revision().publish()
    assert client.get("/fr/pratiques/").status_code == 200
    assert client.get("/fr/pratiques/commune/tanger/").status_code == 200
    assert client.get("/fr/pratiques/tag/budget/").status_code == 200
    assert client.get("/fr/pratiques/commune/nulle-part/").status_code == 404


def test_private_pages_still_go_through_the_view_restrictions(
    client, django_user_model, practice
):
    """A restriction on the fiche or on a section on the way: the visitor who
    may not see it is sent to log in, a member is served."""
    partners = role_group("partners")
    restriction = PageViewRestriction.objects.create(
        page=section_for(practice.commune, practice.locale),
        restriction_type=PageViewRestriction.GROUPS,
    )
    restriction.groups.set([partners])
    response = client.get(practice.url)
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]
    member = django_user_model.objects.create_user("membre", password="x")
    member.groups.add(partners)
    client.force_login(member)
    assert client.get(practice.url).status_code == 200


def test_each_language_routes_in_its_own_tree(client, practice):
    """The Arabic URL reaches the Arabic translation; a draft translation is
    a 404 there while the French page stays served."""
    arabic = translate(practice, "ar", title="ميزانية مفتوحة")
    assert client.get(arabic.url).status_code == 200
    assert route(components(arabic), "ar").page.pk == arabic.pk
    assert route(components(practice), "fr").page.pk == practice.pk
    arabic.unpublish()
    assert client.get(arabic.url).status_code == 404
    assert client.get(practice.url).status_code == 200


def test_a_french_only_page_is_not_found_under_arabic(client, practice):
    path = practice.url.replace("/fr/", "/ar/", 1)
    assert client.get(path).status_code == 404


def test_an_unpublished_index_still_leads_to_its_fiches_not_its_routes(
    client, practice
):
    """Wagtail's RoutablePageMixin answers its own routes on a live page only,
    and otherwise walks its children: the same here."""
    practice.tags.add("budget")
    practice.save_revision().publish()
    index = practice.get_parent().get_parent()
    index.unpublish()
    assert client.get(practice.url).status_code == 200
    assert client.get("/fr/pratiques/commune/tanger/").status_code == 404
    assert client.get("/fr/pratiques/tag/budget/").status_code == 404
