"""Editors' promoted results (Wagtail search promotions) on the search page and in
the API, and the query statistics (hits) that the admin reports."""

import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.search_promotions.models import (
    Query,
    QueryDailyHits,
    SearchPromotion,
)
from wagtail.models import PageViewRestriction

from search import promotions
from search.facets import bump_version
from search.openapi import schema
from search.params import MAX_QUERY_LENGTH
from tests.test_search_page import html, make_page, result_titles, translate

pytestmark = pytest.mark.django_db

API = "/api/search/"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Forget cached promotions and recent searches (``REPEAT_SECONDS``) of other
    tests: the local-memory cache outlives the rolled-back database."""
    cache.clear()
    bump_version()


def promote(query, *pages, description=""):
    """Promote ``pages``, in this order, for ``query`` (as the admin does)."""
    for order, page in enumerate(pages):
        SearchPromotion.objects.create(
            query=Query.get(query), page=page, sort_order=order, description=description
        )


def hits(query_string):
    query = Query.objects.filter(query_string=query_string).first()
    return query.hits if query else 0


def promoted_section(content):
    start = content.find('<section class="promoted"')
    return content[start : content.index("</section>", start)] if start >= 0 else ""


# --- promoted results ----------------------------------------------------------


def test_promoted_pages_come_first_on_the_page(client):
    """Promoted pages are shown, labelled « Recommandé », in the editors' order,
    above the results — even a page the query does not match."""
    make_page("Fiche budget Tanger", summary="budget")
    guide = make_page("Guide des subventions", page_type="template")
    charter = make_page("Charte de participation", page_type="training")
    promote("budget", charter, guide, description="Le guide à lire en premier.")
    content = html(client.get("/fr/search/", {"q": "budget"}))
    section = promoted_section(content)
    assert "Recommandé" in section
    assert section.index("Charte de participation") < section.index(
        "Guide des subventions"
    )
    assert f'href="/fr/modeles/{guide.slug}/"' in section
    assert "Le guide à lire en premier." in section
    assert "Module de formation" in section  # the type label
    first_result = content.index('<ol class="search-results">')
    assert content.index('<section class="promoted"') < first_result
    assert result_titles(content) == ["Fiche <mark>budget</mark> Tanger"]
    assert "1 résultat pour « <bdi>budget</bdi> »" in content


def test_promotions_only_in_the_searched_language(client):
    """Only promotions in the searched language show: French on /fr/search/, Arabic
    on /ar/search/ and with lang=ar; in "all languages", the interface's."""
    french = make_page("Budget participatif", summary="budget")
    arabic = translate(french, "الميزانية التشاركية", "budget")
    promote("budget", french, arabic)
    section = promoted_section(html(client.get("/fr/search/", {"q": "budget"})))
    assert "Budget participatif" in section
    assert "الميزانية التشاركية" not in section
    section = promoted_section(html(client.get("/ar/search/", {"q": "budget"})))
    assert "الميزانية التشاركية" in section
    assert "Budget participatif" not in section
    assert '<h3 class="promoted-title" lang="ar" dir="rtl">' in section
    assert "موصى به" in section  # « Recommandé »
    content = html(client.get("/fr/search/", {"q": "budget", "lang": "ar"}))
    assert "الميزانية التشاركية" in promoted_section(content)
    content = html(client.get("/ar/search/", {"q": "budget", "lang": "all"}))
    assert "Budget participatif" not in promoted_section(content)


def test_unpublished_and_private_pages_are_not_promoted(client):
    """A promoted page that is unpublished or restricted disappears at once."""
    shown = make_page("Guide public")
    hidden = make_page("Guide retiré")
    private = make_page("Guide interne")
    promote("guide", shown, hidden, private)
    content = html(client.get("/fr/search/", {"q": "guide"}))
    assert "Guide retiré" in promoted_section(content)
    hidden.unpublish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    section = promoted_section(html(client.get("/fr/search/", {"q": "guide"})))
    assert "Guide public" in section
    assert "Guide retiré" not in section
    assert "Guide interne" not in section


def test_promotion_matches_the_normalised_query(client):
    """Editors' queries and visitors' queries match whatever the case and spaces."""
    page = make_page("Budget participatif")
    promote("Budget   Participatif", page)
    assert Query.objects.get().query_string == "budget participatif"
    data = client.get(API, {"q": "  BUDGET\tparticipatif ", "lang": "fr"}).json()
    assert [p["title"] for p in data["promoted"]] == ["Budget participatif"]


def test_a_new_promotion_shows_at_once(client):
    """Promotions are cached, but adding or removing one shows on the next search."""
    page = make_page("Budget participatif")
    assert client.get(API, {"q": "budget", "lang": "fr"}).json()["promoted"] == []
    promote("budget", page)
    assert len(client.get(API, {"q": "budget", "lang": "fr"}).json()["promoted"]) == 1
    SearchPromotion.objects.all().delete()
    assert client.get(API, {"q": "budget", "lang": "fr"}).json()["promoted"] == []


def test_promotions_in_the_api(client):
    """The API lists the promoted pages (ref, type, title, url, language) of the
    requested language, on the first page only; the schema documents them."""
    french = make_page("Budget participatif", summary="budget")
    arabic = translate(french, "الميزانية التشاركية", "budget")
    guide = make_page("Guide", page_type="template")
    promote("budget", guide, arabic, french)
    data = client.get(API, {"q": "budget", "lang": "fr"}).json()
    assert data["promoted"] == [
        {
            "ref": guide.ref,
            "type": "template",
            "title": "Guide",
            "url": f"/fr/modeles/{guide.slug}/",
            "language": "fr",
        },
        {
            "ref": french.ref,
            "type": "practice",
            "title": "Budget participatif",
            "url": f"/fr/pratiques/{french.slug}/",
            "language": "fr",
        },
    ]
    in_arabic = client.get(API, {"q": "budget", "lang": "ar"}).json()["promoted"]
    assert [p["ref"] for p in in_arabic] == [arabic.ref]
    assert client.get(API, {"q": "budget", "page": "2"}).json()["promoted"] == []
    assert client.get(API, {"lang": "fr"}).json()["promoted"] == []
    schemas = schema()["components"]["schemas"]
    assert "promoted" in schemas["SearchResponse"]["required"]
    assert set(schemas["Promoted"]["properties"]) == set(data["promoted"][0])


def test_warm_searches_read_promotions_from_the_cache(client):
    """A repeated search reads neither promotions nor statistics tables."""
    promote("budget", make_page("Budget participatif"))
    for url in ("/fr/search/", API):
        client.get(url, {"q": "budget"})
        with CaptureQueriesContext(connection) as context:
            assert client.get(url, {"q": "budget"}).status_code == 200
        tables = " ".join(q["sql"] for q in context.captured_queries)
        assert "wagtailsearchpromotions" not in tables


# --- query statistics ------------------------------------------------------------


def test_hits_are_recorded_once_per_search_on_the_page_and_in_the_api(client):
    """Each search counts one hit for its normalised query; reloading it, paging
    or filtering it within a minute does not count again."""
    make_page("Budget participatif", summary="budget")
    client.get("/fr/search/", {"q": "Budget   Participatif"})
    assert hits("budget participatif") == 1
    client.get("/fr/search/", {"q": "Budget   Participatif"})
    client.get("/fr/search/", {"q": "budget participatif", "page": "2"})
    client.get("/fr/search/", {"q": "budget participatif", "type": "practice"})
    assert hits("budget participatif") == 1
    client.get(API, {"q": "BUDGET participatif"})
    assert hits("budget participatif") == 2
    client.get(API, {"q": "BUDGET participatif", "lang": "all"})
    assert hits("budget participatif") == 2
    client.get("/ar/search/", {"q": "budget participatif"}, REMOTE_ADDR="10.0.0.2")
    assert hits("budget participatif") == 3
    assert QueryDailyHits.objects.count() == 1  # one row per query and day


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!! ???",
        "<script>alert(1)</script>",
        "budget\x00",
        "budget\x1b[31m",
        "\u202ebudget",
        "{{ 7*7 }}",
        "http://spam.example/budget",
        "budget " * 40,
    ],
)
def test_empty_and_hostile_queries_are_not_recorded(client, query):
    """Empty, unsearchable and hostile queries answer normally (the API refuses
    one over its declared length) but are not counted."""
    assert client.get("/fr/search/", {"q": query}).status_code == 200
    expected = 400 if len(query) > MAX_QUERY_LENGTH else 200
    assert client.get(API, {"q": query, "lang": "fr"}).status_code == expected
    assert not QueryDailyHits.objects.exists()


def test_statistics_failures_never_break_a_search(client, monkeypatch, caplog):
    """When recording a hit or reading promotions fails, the search still answers
    (the failure is logged)."""
    make_page("Budget participatif", summary="budget")

    def broken(*args, **kwargs):
        raise DatabaseError("statistics table is locked")

    monkeypatch.setattr(Query, "add_hit", broken)
    monkeypatch.setattr(promotions, "_load", broken)
    content = html(client.get("/fr/search/", {"q": "budget"}))
    assert "1 résultat pour « <bdi>budget</bdi> »" in content
    data = client.get(API, {"q": "budget", "lang": "fr"}).json()
    assert (data["count"], data["promoted"]) == (1, [])
    assert "Could not record a hit" in caplog.text
    assert "Could not read the promotions" in caplog.text


def test_a_bug_in_the_promotions_is_not_hidden(client, monkeypatch):
    """Only database and cache trouble is swallowed; a programming error in the
    promotions surfaces (in tests and in the error log), it does not silently
    drop them from every search."""
    make_page("Budget participatif", summary="budget")

    def buggy(*args, **kwargs):
        raise TypeError("a bug")

    monkeypatch.setattr(promotions, "_load", buggy)
    with pytest.raises(TypeError):
        client.get(API, {"q": "budget", "lang": "fr"})


def test_popular_queries_show_in_the_admin_report(client, django_user_model):
    """Searches show in Wagtail's "Search terms" report, with their hits."""
    make_page("Budget participatif", summary="budget")
    client.get("/fr/search/", {"q": "Budget participatif"})
    client.get(API, {"q": "jardin partagé"})
    editor = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", "pass"
    )
    client.force_login(editor)
    response = client.get(reverse("wagtailsearchpromotions:search_terms"))
    content = html(response)
    assert "budget participatif" in content
    assert "jardin partagé" in content
    index = client.get(reverse("wagtailsearchpromotions:index"))
    assert index.status_code == 200
