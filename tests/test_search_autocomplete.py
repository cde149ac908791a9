"""Title autocomplete: the JSON endpoint (/api/search/autocomplete/), the search
form's progressive enhancement (autocomplete.js) and, with Chromium, the browser."""

import re
import shutil
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction, Site

from home.models import HomePage
from search.autocomplete import MAX_SUGGESTIONS
from search.facets import bump_version
from search.openapi import schema
from tests.test_browser import browser_page, site  # noqa: F401 (fixtures)
from tests.test_search_hostile import queries
from tests.test_search_page import html, make_page, translate

pytestmark = pytest.mark.django_db

URL = "/api/search/autocomplete/"
SCRIPT = "search/autocomplete.js"


@pytest.fixture(autouse=True)
def fresh_cache():
    """A facet index that matches this test's (rolled back) pages."""
    cache.clear()
    bump_version()


@pytest.fixture
def pages():
    """French and Arabic pages of the three types; one Arabic title has harakat."""
    training = make_page("Formation des élus", page_type="training")
    return {
        "training": training,
        "form": make_page("Formulaire de subvention", page_type="template"),
        "budget": make_page("Budget participatif"),
        "training_ar": translate(training, "تكوين المنتخبين"),
        "harakat": make_page("المُشارَكة المُواطِنة", language="ar"),
        "plain": make_page("المشاركة الشبابية", language="ar", page_type="template"),
    }


def suggest(client, status=200, accept_language="fr", **params):
    response = client.get(URL, params, HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    return response.json()


def titles(data):
    return sorted(s["title"] for s in data["suggestions"])


def test_french_prefix_suggests_titles(client, pages):
    """« forma » completes « Formation des élus » (not « Formulaire »), with its
    URL, type and language."""
    data = suggest(client, q="forma", lang="fr")
    training = pages["training"]
    assert data == {
        "query": "forma",
        "suggestions": [
            {
                "title": "Formation des élus",
                "url": f"/fr/formations/{training.slug}/",
                "type": "training",
                "language": "fr",
            }
        ],
    }
    assert titles(suggest(client, q="FORM", lang="fr")) == [
        "Formation des élus",
        "Formulaire de subvention",
    ]
    assert titles(suggest(client, q="élus form", lang="fr")) == ["Formation des élus"]


@pytest.mark.parametrize("prefix", ["المشا", "المُشا", "مشار", "المشاركة المو"])
def test_arabic_prefix_with_or_without_harakat(client, pages, prefix):
    """Arabic prefixes complete titles whether the title or the query carries
    harakat, with or without the article."""
    expected = ["المشاركة الشبابية", "المُشارَكة المُواطِنة"]
    if "المو" in prefix:
        expected = ["المُشارَكة المُواطِنة"]
    data = suggest(client, q=prefix, lang="ar")
    assert titles(data) == expected
    assert {s["language"] for s in data["suggestions"]} == {"ar"}


def test_language_scope(client, pages):
    """lang=fr and lang=ar complete one language; lang=all both, each page once in
    the request's language; without lang, the request's language."""
    assert suggest(client, q="forma", lang="ar")["suggestions"] == []
    assert titles(suggest(client, q="تكو", lang="ar")) == ["تكوين المنتخبين"]
    assert titles(suggest(client, q="forma", accept_language="fr")) == [
        "Formation des élus"
    ]
    assert titles(suggest(client, q="تكو", accept_language="ar")) == ["تكوين المنتخبين"]
    assert titles(suggest(client, q="مشار", lang="all")) == [
        "المشاركة الشبابية",
        "المُشارَكة المُواطِنة",
    ]
    translated = translate(pages["budget"], "Budget participatif (ar)")
    in_french = suggest(client, q="budg", lang="all", accept_language="fr")
    assert [s["url"] for s in in_french["suggestions"]] == [pages["budget"].url]
    in_arabic = suggest(client, q="budg", lang="all", accept_language="ar")
    assert [s["url"] for s in in_arabic["suggestions"]] == [translated.url]


def test_minimum_length_and_maximum_count(client, pages):
    """Under two characters, or without any word, nothing is suggested; at most
    eight suggestions come back."""
    for query in ("", "f", " f ", "ـ", "!!", "  "):
        assert suggest(client, q=query, lang="fr")["suggestions"] == []
    for number in range(MAX_SUGGESTIONS + 3):
        make_page(f"Formation {number}", page_type="training")
    assert len(suggest(client, q="forma", lang="fr")["suggestions"]) == 8


def test_unpublished_and_private_pages_are_never_suggested(client, pages):
    """Titles of unpublished or restricted pages do not leak through autocomplete."""
    pages["training"].unpublish()
    PageViewRestriction.objects.create(
        page=pages["form"], restriction_type=PageViewRestriction.LOGIN
    )
    assert suggest(client, q="form", lang="fr")["suggestions"] == []


def test_bad_language_is_a_json_400(client):
    """An unknown lang answers 400 with a message naming the parameter."""
    data = suggest(client, status=400, q="forma", lang="en")
    assert data["parameter"] == "lang"
    assert "fr, ar, all" in data["error"]


def test_answers_are_cacheable_and_documented(client, pages):
    """Suggestions may be cached publicly for a minute; the OpenAPI schema
    documents the endpoint, its parameters and the answer's fields."""
    response = client.get(URL, {"q": "forma", "lang": "fr"})
    assert "max-age=60" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    document = schema()
    operation = document["paths"]["/api/search/autocomplete/"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["q", "lang"]
    assert set(operation["responses"]) == {"200", "400"}
    schemas = document["components"]["schemas"]
    data = response.json()
    assert set(schemas["AutocompleteResponse"]["properties"]) == set(data)
    assert set(schemas["Suggestion"]["properties"]) == set(data["suggestions"][0])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    query=st.one_of(queries, st.sampled_from(['"', "'", "\x00", "fo\x00rma", "*"])),
    lang=st.one_of(st.sampled_from(["fr", "ar", "all", ""]), st.text(max_size=5)),
)
def test_hostile_input_never_fails(client, pages, query, lang):
    """Random Unicode, quotes, query syntax and NUL bytes answer 200 (or 400 for a
    bad lang) with JSON, never a 5xx."""
    response = client.get(URL, {"q": query, "lang": lang})
    assert response.status_code in (200, 400), response.content[:300]
    data = response.json()
    assert "suggestions" in data if response.status_code == 200 else "error" in data


# --- the search form and its script ---------------------------------------------


def test_search_form_loads_the_script_and_marks_the_box(client):
    """The search page loads autocomplete.js deferred; the box names the endpoint
    and is set up for a listbox; the form still submits to the search page."""
    content = html(client.get("/ar/search/"))
    assert re.search(r'<script src="/static/search/autocomplete\.js" defer>', content)
    box = re.search(r'<input id="q" type="search"[^>]*>', content).group()
    assert 'data-autocomplete="/api/search/autocomplete/"' in box
    assert 'autocomplete="off"' in box
    assert 'aria-autocomplete="list"' in box
    assert 'aria-controls="q-suggestions"' in box
    assert '<ul id="q-suggestions" class="autocomplete-list" role="listbox"' in content
    assert 'aria-label="اقتراحات"' in content  # « Suggestions »
    assert 'action="/ar/search/" method="get"' in content


def test_script_is_small_and_self_contained():
    """The script exists, weighs under 3 KB, loads nothing from another host and
    handles the keys of a combobox; its list is laid out with logical properties."""
    path = Path(finders.find(SCRIPT))
    assert path.stat().st_size < 3 * 1024
    code = path.read_text()
    assert "http" not in code and "import " not in code
    for needle in ("ArrowDown", "ArrowUp", "Enter", "Escape", "200", "aria-expanded"):
        assert needle in code
    css = Path(finders.find("css/hub.css")).read_text()
    rules = re.findall(r"\.autocomplete-list[^{]*\{([^}]*)\}", css)
    assert rules and "inset-inline" in rules[0]
    assert not re.search(r"\b(left|right)\b", "".join(rules))  # physical sides


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's Chromium needed")
def test_typing_shows_suggestions_in_the_browser(site, live_server, browser_page):  # noqa: F811
    """In Chromium, typing « forma » in the search box lists « Formation des élus »;
    ↓ then Enter opens it, and Escape closes the list."""
    # serialized_rollback restored the Site onto Wagtail's welcome page, which
    # ensure_site() leaves alone when the hub's home exists: page URLs need it.
    default_site = Site.objects.get(is_default_site=True)
    default_site.root_page = HomePage.objects.get(locale__language_code="fr")
    default_site.save()
    bump_version()
    page = make_page("Formation des élus", page_type="training")
    make_page("Budget participatif")
    browser_page.goto(live_server.url + "/fr/search/")
    box = browser_page.locator("#q")
    box.press_sequentially("forma")
    option = browser_page.locator("#q-suggestions [role=option]")
    option.first.wait_for()
    assert option.all_inner_texts() == ["Formation des élus"]
    assert box.get_attribute("aria-expanded") == "true"
    box.press("Escape")
    assert browser_page.locator("#q-suggestions").is_hidden()
    box.press("ArrowDown")
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "q-suggestions-0"
    box.press("Enter")
    browser_page.wait_for_url(f"**/fr/formations/{page.slug}/")
