"""Each public page runs a fixed number of queries, whatever the amount of content.

Every test runs twice, with 3 and with 30 practices (or templates, trainings), each with
several themes, publics, tags and attachments, and asserts the *same* exact count:
a count that grows with data (an N+1 query in a card or a section) fails one of the
two runs. The page is requested once before measuring, so per-process caches
(content types, site root paths) are warm, as they are in production.

Two counts per page: ``warm``, the page's cached fragments already built
(``hub.content_version``: what is the same for every visitor), and ``cold``,
right after the content version moved (a publication anywhere), when each
fragment is rebuilt. Every page starts with the same queries:

* routing (``hub.routing``): the site, the active language's locale, the site
  root made specific, the pages the URL names (one query; the practice index
  made specific only for its own routes, commune/ and tag/, and one more
  query for the pages below it) and the page made specific;
* Wagtail's view-restriction check: the page's ancestors, their restrictions.

A logged-in partner adds the session, the user and, where a fragment depends
on what the viewer may see, the user's groups (``hub.visibility.visibility_key``).
"""

import pytest
from django.test import Client

from hub.content_version import content_version
from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    add_participation,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.workflow_helpers import role_group

pytestmark = [pytest.mark.django_db, pytest.mark.parametrize("amount", [3, 30])]

THEMES = ["budget-participatif", "accueil-migrants", "participation-citoyenne"]


@pytest.fixture(autouse=True)
def no_search_indexing(settings):
    """The pages measured here do not search: skip indexing to build data faster."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**backend, "AUTO_UPDATE": False}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }


@pytest.fixture
def documents():
    """Two documents that every page attaches (one attachment row per page and
    document, which is what an N+1 query would walk through)."""
    return HubDocumentFactory.create_batch(2)


@pytest.fixture
def practices(amount, documents):
    """``amount`` practices in Tanger, all tagged "budget", each with its own tag
    too, three themes, two publics, two participations and two attachments."""
    pages = []
    for n in range(amount):
        practice = PracticePageFactory(
            commune="tanger",
            partnership="molenbeek-tanger",
            themes=THEMES,
            target_publics=["women", "youth"],
            tags=["budget", f"sujet-{n}", "jeunesse"],
            attachments=documents,
            year=2019 + n % 3,
        )
        add_participation(practice, "women", 10 + n)
        add_participation(practice, "youth", 20 + n)
        pages.append(practice)
    return pages


@pytest.fixture
def templates(amount, documents):
    return [
        TemplatePageFactory(
            kind="call-for-projects",
            themes=THEMES[:2],
            tags=["budget", f"sujet-{n}"],
            attachments=documents,
        )
        for n in range(amount)
    ]


@pytest.fixture
def trainings(amount, documents):
    return [
        TrainingPageFactory(
            target_publics=["youth"], tags=["budget"], attachments=documents
        )
        for _n in range(amount)
    ]


@pytest.fixture
def partner(django_user_model):
    """A logged-in partner member, who sees the partners-only pages."""
    user = django_user_model.objects.create_user("partenaire", password="x")
    user.groups.add(role_group("partners"))
    client = Client()
    client.force_login(user)
    return client


# Issue #13 added one query to each cold list (how many more fiches the other
# language has, ``practices.other_language``) and to each cold fiche (the
# documents of its translations, ``practices.translation_attachments``): both
# cached until content changes, so the warm counts did not move.
def assert_page_queries(client, django_assert_num_queries, url, warm, cold):
    client.get(url)
    with django_assert_num_queries(warm):
        response = client.get(url)
    assert response.status_code == 200
    content_version.bump()  # another page published: every fragment rebuilt
    with django_assert_num_queries(cold):
        response = client.get(url)
    assert response.status_code == 200


def test_home_page_query_count(client, django_assert_num_queries, practices):
    """Home, warm: routing (3) and the restriction check (2), 5 queries (20
    before the fragments); cold, 19: plus the figures (6), the entry points (3
    vocabularies, the index page), the programme page's link, the latest
    practices, the language switcher and the navigation."""
    assert_page_queries(client, django_assert_num_queries, "/fr/", 5, 19)


def test_practice_index_query_count(client, django_assert_num_queries, practices):
    """Practice index, warm: routing (5), the restriction check (2), the count
    and one page of cards (4: cards, themes, attachments, documents), 12 queries
    (22 before); cold, 21: plus the filter options (one query per filter), the
    other language's count, the language switcher and the navigation."""
    assert_page_queries(client, django_assert_num_queries, "/fr/pratiques/", 12, 21)


def test_partner_practice_index_query_count(
    partner, django_assert_num_queries, practices
):
    """The same for a logged-in partner, 15 warm and 24 cold: plus the session,
    the user and the user's groups (the filter options and the switcher are
    cached per visibility)."""
    assert_page_queries(partner, django_assert_num_queries, "/fr/pratiques/", 15, 24)


def test_filtered_practice_index_query_count(
    client, django_assert_num_queries, practices
):
    """A filtered, paginated index costs the same as the plain one, warm; cold,
    one more: the switcher checks that the filter values exist in the other
    language (one query for every vocabulary, ``practices.language_bridge``)."""
    url = "/fr/pratiques/?theme=budget-participatif&public=women&page=2"
    assert_page_queries(client, django_assert_num_queries, url, 12, 22)


def test_practice_detail_query_count(client, django_assert_num_queries, practices):
    """Practice fiche, warm: routing through the index and the commune's section
    (5, Wagtail's walk took 9: the index's own routes do not answer a fiche's
    path, so one query reads the three levels), the restriction check (2), the
    attachments and which of their documents the visitor may not download (2,
    ``documents.visibility``): 9 queries (27 before). Cold, 22: plus what the
    fragments show — commune and region, the index URL, the themes (read once
    for the chips and the related practices) and publics, participations,
    partnership, tags, related practices, the lineage (origin and adaptations
    in one query, ``practices.adaptation.lineage``), the translations'
    documents, the language switcher and the navigation; and 2 for its JSON-LD
    (tags and publics; cached like the fragments: none warm) — 24."""
    url = practices[0].url
    assert_page_queries(client, django_assert_num_queries, url, 9, 24)


def test_partner_practice_detail_query_count(
    partner, django_assert_num_queries, practices
):
    """The same for a logged-in partner, 13 warm and 28 cold: plus the session,
    the user, the user's groups (the lineage and the switcher are cached per
    visibility) and whether they edit a commune that could adapt the practice
    (the button, never cached)."""
    url = practices[0].url
    assert_page_queries(partner, django_assert_num_queries, url, 13, 28)


def test_template_index_query_count(client, django_assert_num_queries, templates):
    """Template index: cards with kind and file formats; 12 warm, 19 cold (20
    before)."""
    assert_page_queries(client, django_assert_num_queries, "/fr/modeles/", 12, 19)


def test_training_index_query_count(client, django_assert_num_queries, trainings):
    """Training index: cards with file formats; 12 warm, 19 cold (20 before)."""
    assert_page_queries(client, django_assert_num_queries, "/fr/formations/", 12, 19)


def test_commune_page_query_count(client, django_assert_num_queries, practices):
    """Commune page: the commune, its partnerships and its practices (listed
    once, already narrowed); 15 warm, 22 cold (24 before; one fewer since the
    region filter left commune pages, a commune being in one region; one more
    for the count of fiches only in the other language). Issue #15: four more,
    the partnerships drawn on the map, the templates and the training modules
    that go with the commune's practices, and its contact persons."""
    url = "/fr/pratiques/commune/tanger/"
    assert_page_queries(client, django_assert_num_queries, url, 19, 26)


def test_communes_index_query_count(client, django_assert_num_queries, practices):
    """Communes index: its three queries (partnerships, practice counts, the
    communes left) and one for the map's partnerships, whose commune links are
    built from the index itself (no query); 11 warm, 13 cold."""
    url = "/fr/pratiques/communes/"
    assert_page_queries(client, django_assert_num_queries, url, 11, 13)


def test_tag_page_query_count(client, django_assert_num_queries, practices):
    """Tag page: the tag and its practices (listed once); 13 warm, 22 cold (22
    before the fragments): one for the switcher, which looks for the tag's
    Arabic counterpart (``practices.language_bridge.translated_tag``: a second
    one only when translations carry tags)."""
    url = "/fr/pratiques/tag/budget/"
    assert_page_queries(client, django_assert_num_queries, url, 13, 22)
