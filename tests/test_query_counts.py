"""Each public page runs a fixed number of queries, whatever the amount of content.

Every test runs twice, with 3 and with 30 practices (or templates, trainings), each with
several themes, publics, tags and attachments, and asserts the *same* exact count:
a count that grows with data (an N+1 query in a card or a section) fails one of the
two runs. The page is requested once before measuring, so per-process caches
(content types, site root paths) are warm, as they are in production.
"""

import pytest

from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    add_participation,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)

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


def assert_page_queries(client, django_assert_num_queries, url, expected):
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


def test_home_page_query_count(client, django_assert_num_queries, practices):
    """Home: figures, latest practices and entry points in 20 queries."""
    assert_page_queries(client, django_assert_num_queries, "/fr/", 20)


def test_practice_index_query_count(client, django_assert_num_queries, practices):
    """Practice index: filter options, one page of cards in 22 queries."""
    assert_page_queries(client, django_assert_num_queries, "/fr/pratiques/", 22)


def test_filtered_practice_index_query_count(
    client, django_assert_num_queries, practices
):
    """A filtered, paginated index costs the same as the plain one."""
    url = "/fr/pratiques/?theme=budget-participatif&public=women&page=2"
    assert_page_queries(client, django_assert_num_queries, url, 22)


def test_practice_detail_query_count(client, django_assert_num_queries, practices):
    """Practice fiche: terms, participations, attachments, tags and related
    practices in 27 queries: the 23 of before, plus two for routing through
    the commune's section (Wagtail's ``route`` reads each level's child, then
    its specific page), one for which attached documents the visitor may not
    download (``documents.visibility``), one for the adopt-and-adapt lineage,
    origin and adaptations together (``practices.adaptation.lineage``)."""
    url = practices[0].url
    assert_page_queries(client, django_assert_num_queries, url, 27)


def test_template_index_query_count(client, django_assert_num_queries, templates):
    """Template index: cards with kind and file formats in 20 queries."""
    assert_page_queries(client, django_assert_num_queries, "/fr/modeles/", 20)


def test_training_index_query_count(client, django_assert_num_queries, trainings):
    """Training index: cards with file formats in 20 queries."""
    assert_page_queries(client, django_assert_num_queries, "/fr/formations/", 20)


def test_commune_page_query_count(client, django_assert_num_queries, practices):
    """Commune page: the commune, its partnerships and its practices (listed
    once, already narrowed) in 24 queries."""
    url = "/fr/pratiques/commune/tanger/"
    assert_page_queries(client, django_assert_num_queries, url, 24)


def test_tag_page_query_count(client, django_assert_num_queries, practices):
    """Tag page: the tag and its practices (listed once) in 22 queries."""
    url = "/fr/pratiques/tag/budget/"
    assert_page_queries(client, django_assert_num_queries, url, 22)
