"""Privacy does not trust a cache (issue #9, item 6): the search's facet index is
per process and refreshed when a cache version changes, so another process (or
a write that sends no signal) can restrict or unpublish a page without this
process's index knowing for minutes. Nothing it shows may come from that stale
knowledge: the search page, the API (results, the translations beside them,
promoted pages) and autocomplete check the database when they load what they
show.

Each test builds the index first, then changes the database as another process
would: with ``bulk_create`` / ``update``, which send no signal, so this
process's index and caches are left exactly as they were.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from search import facets
from tests.test_search_page import make_page, translate

pytestmark = pytest.mark.django_db

API = "/api/search/"
AUTOCOMPLETE = "/api/search/autocomplete/"


@pytest.fixture(autouse=True)
def fresh_index():
    cache.clear()
    facets.bump_version()


@pytest.fixture
def pages():
    """Two public practices about "budget"; searched once, so that this
    process's facet index (and promotions cache) holds both."""
    found = {
        "open": make_page("Budget ouvert", summary="budget"),
        "secret": make_page("Budget secret", summary="budget"),
    }
    SearchPromotion.objects.create(
        query=Query.get("budget"), page=found["secret"], sort_order=0
    )
    warm(Client())
    return found


def warm(client):
    """What every visitor of this process reads: the index and the caches."""
    assert client.get(API, {"q": "budget", "lang": "fr"}).json()["count"] == 2
    client.get(AUTOCOMPLETE, {"q": "budg", "lang": "fr"})
    client.get("/fr/search/", {"q": "budget"})


def restrict_elsewhere(page, kind=PageViewRestriction.LOGIN):
    """Restrict ``page`` as another process would: this one hears nothing."""
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=kind, password="x")]
    )


def unpublish_elsewhere(page):
    Page.objects.filter(pk=page.pk).update(live=False)


def text(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text()


def shown(client):
    """The titles and URLs the search page, the API and autocomplete show."""
    api = client.get(API, {"q": "budget", "lang": "fr"}).json()
    suggestions = client.get(AUTOCOMPLETE, {"q": "budg", "lang": "fr"}).json()
    page = text(client.get("/fr/search/", {"q": "budget"}))
    return {
        "api": {r["title"] for r in api["results"]}
        | {p["title"] for p in api["promoted"]},
        "autocomplete": {s["title"] for s in suggestions["suggestions"]},
        "page": {t for t in ("Budget ouvert", "Budget secret") if t in page},
    }


def test_the_index_really_is_stale(pages):
    """The premise: restricting with no signal leaves this process's facet index
    (and its restrictions) as they were."""
    index = facets.get_index()
    restrict_elsewhere(pages["secret"])
    assert facets.get_index() is index
    assert pages["secret"].pk in index.entries


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD]
)
def test_a_page_restricted_elsewhere_is_not_shown_to_visitors(pages, kind):
    restrict_elsewhere(pages["secret"], kind)
    for where, titles in shown(Client()).items():
        assert titles == {"Budget ouvert"}, where


def test_a_page_unpublished_elsewhere_is_not_shown(pages):
    unpublish_elsewhere(pages["secret"])
    for where, titles in shown(Client()).items():
        assert titles == {"Budget ouvert"}, where


def test_those_who_may_see_it_still_find_it(pages, django_user_model):
    """A "logged-in users" restriction made elsewhere: members still find it."""
    restrict_elsewhere(pages["secret"])
    client = Client()
    client.force_login(django_user_model.objects.create_user("agent"))
    for where, titles in shown(client).items():
        assert titles == {"Budget ouvert", "Budget secret"}, where


def test_a_translation_restricted_elsewhere_is_not_linked():
    """With ``lang=all``, the translations beside a result are checked too."""
    page = make_page("Budget participatif", summary="budget")
    arabic = translate(page, "الميزانية التشاركية", "budget")
    client = Client()
    first = client.get(API, {"q": "budget", "lang": "all"}).json()
    assert first["results"][0]["translations"] == [
        {"language": "ar", "url": arabic.url}
    ]
    restrict_elsewhere(arabic)
    again = client.get(API, {"q": "budget", "lang": "all"}).json()
    assert [r["title"] for r in again["results"]] == ["Budget participatif"]
    assert again["results"][0]["translations"] == []
    html = client.get("/fr/search/", {"q": "budget", "lang": "all"}).content
    assert arabic.url.encode() not in html
