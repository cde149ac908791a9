"""The search page (/fr/search/, /ar/search/): results, filters, scope, sort,
pagination, highlighting, the no-results page and the number of queries.

``make_page`` and ``translate`` (the small page helpers of the search tests) live
here and are imported by the other ``test_search_*`` modules.
"""

import itertools
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from practices.models import (
    PracticeIndexPage,
    PracticePage,
    TemplateIndexPage,
    TemplatePage,
    TrainingIndexPage,
    TrainingPage,
)
from programme.models import Commune, DocumentKind, Region, TargetPublic, Theme
from search.facets import bump_version

pytestmark = pytest.mark.django_db

PAGE_TYPES = {
    "practice": (PracticePage, PracticeIndexPage),
    "template": (TemplatePage, TemplateIndexPage),
    "training": (TrainingPage, TrainingIndexPage),
}
_slugs = itertools.count()

ANALYSIS_BACKEND = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].startswith(
    "search.backends"
)
needs_analysis = pytest.mark.skipif(
    not ANALYSIS_BACKEND,
    reason="Arabic/French conflations need the analysing database backend "
    "(WAGTAILSEARCH_BACKENDS['default']['BACKEND'] = 'search.backends.…').",
)


def make_page(title, *, page_type="practice", language="fr", summary="", **fields):
    """Publish a page under its index. Terms are slugs, resolved in the page's
    locale: ``themes=[...]``, ``target_publics=[...]``, ``region=``, ``commune=``,
    ``kind=`` (templates);
    ``tags=[...]`` are tag names; ``year`` defaults to 2021."""
    model, index_model = PAGE_TYPES[page_type]
    index = index_model.objects.get(locale__language_code=language)
    locale = index.locale
    themes = fields.pop("themes", ())
    publics = fields.pop("target_publics", ())
    tags = fields.pop("tags", ())
    single_terms = (("region", Region), ("commune", Commune), ("kind", DocumentKind))
    for name, term_model in single_terms:
        if name in fields:
            fields[name] = term_model.objects.get(slug=fields[name], locale=locale)
    fields.setdefault("year", 2021)
    page = model(
        title=title,
        summary=summary,
        locale=locale,
        slug=f"search-{next(_slugs)}",
        **fields,
    )
    index.add_child(instance=page)
    page.themes = list(Theme.objects.filter(slug__in=themes, locale=locale))
    if publics:
        page.target_publics = list(
            TargetPublic.objects.filter(slug__in=publics, locale=locale)
        )
    page.tags.add(*tags)
    page.save_revision().publish()
    return page


def translate(page, title, summary=""):
    """Publish the Arabic translation of ``page``."""
    translation = page.copy_for_translation(Locale.objects.get(language_code="ar"))
    translation.title = title
    translation.summary = summary
    translation.save_revision().publish()
    return translation


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """The facet index is per process; the test database is rolled back between
    tests without any signal, so each test starts from a fresh version."""
    bump_version()


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def result_titles(page_html):
    return re.findall(r'<h3 lang="\w+" dir="\w+"><a href="[^"]+">(.*?)</a>', page_html)


def plain(text):
    return re.sub(r"</?mark>", "", text)


def test_search_lists_matching_pages_of_the_language(client):
    """A query finds the matching pages of the page's language, with a link, the
    type, a snippet with the match marked, and the result count."""
    make_page(
        "Budget participatif à Tanger", summary="Un budget voté par les habitants"
    )
    make_page("Potager scolaire", summary="Des légumes à l'école")
    make_page(
        "Budget des associations", page_type="template", summary="Modèle de budget"
    )
    content = html(client.get("/fr/search/", {"q": "budget"}))
    assert "2 résultats pour « <bdi>budget</bdi> »" in content
    assert sorted(plain(t) for t in result_titles(content)) == [
        "Budget des associations",
        "Budget participatif à Tanger",
    ]
    assert '<p class="snippet" dir="auto" lang="fr">' in content
    assert "Un <mark>budget</mark> voté par les habitants" in content
    assert "Modèle de document" in content


def test_browsing_without_query_lists_everything_newest_first(client):
    """With no query, the page lists every page of the language, newest first."""
    make_page("Première fiche")
    make_page("Deuxième fiche", page_type="training")
    make_page("Fiche en arabe", language="ar")
    content = html(client.get("/fr/search/"))
    assert "2 contenus" in content
    assert result_titles(content) == ["Deuxième fiche", "Première fiche"]


def test_arabic_page_searches_arabic_content_right_to_left(client):
    """/ar/search/ searches the Arabic pages; results carry lang and dir."""
    make_page("Budget participatif", summary="Budget")
    make_page("الميزانية التشاركية", language="ar", summary="الميزانية")
    content = html(client.get("/ar/search/", {"q": "الميزانية"}))
    assert '<html lang="ar" dir="rtl">' in content
    assert result_titles(content) == ["<mark>الميزانية</mark> التشاركية"]
    assert '<h3 lang="ar" dir="rtl">' in content
    assert '<p class="snippet" dir="auto" lang="ar">' in content


def test_all_languages_shows_a_translated_practice_once(client):
    """In "all languages", a practice and its translation appear once (in the
    interface language), with a link to the other language."""
    page = make_page("Budget participatif", summary="budget")
    translate(page, "الميزانية التشاركية", "budget الميزانية")
    make_page("Budget en arabe seulement", language="ar", summary="budget")
    content = html(client.get("/fr/search/", {"q": "budget", "lang": "all"}))
    titles = [plain(t) for t in result_titles(content)]
    assert sorted(titles) == ["Budget en arabe seulement", "Budget participatif"]
    assert "Aussi en :" in content
    assert f'href="/ar/pratiques/{page.slug}/" hreflang="ar"' in content
    assert '<h3 lang="ar" dir="rtl">' in content


def test_filters_show_counts_and_combine_with_and(client):
    """Each filter value shows the number of results it would leave; following
    two filter links keeps both (AND) and lists the intersection."""
    make_page("Budget A", themes=["budget-participatif"], target_publics=["women"])
    make_page("Budget B", themes=["budget-participatif"], target_publics=["youth"])
    make_page("Budget C", themes=["accueil-migrants"], target_publics=["women"])
    content = html(client.get("/fr/search/", {"q": "budget"}))
    assert re.search(r"Budget participatif</bdi> \(2\)", content)
    assert re.search(r"Femmes</bdi> \(2\)", content)
    content = html(
        client.get(
            "/fr/search/",
            {"q": "budget", "theme": "budget-participatif", "public": "women"},
        )
    )
    assert [plain(t) for t in result_titles(content)] == ["Budget A"]
    assert "1 résultat pour « <bdi>budget</bdi> »" in content
    assert "Filtres actifs" in content
    assert 'href="?q=budget&amp;public=women#resultats"' in content  # removes the theme


def test_document_kind_is_a_filter_with_counts(client):
    """Templates are counted and filtered by document kind, labelled from the
    facet table and the vocabulary in the interface language."""
    make_page("Budget appel", page_type="template", kind="call-for-projects")
    make_page("Budget convention", page_type="template", kind="partnership-agreement")
    make_page("Budget pratique")
    content = html(client.get("/fr/search/", {"q": "budget"}))
    assert "Type de document" in content
    assert re.search(r"Appel à projets</bdi> \(1\)", content)
    content = html(
        client.get("/fr/search/", {"q": "budget", "kind": "call-for-projects"})
    )
    assert [plain(t) for t in result_titles(content)] == ["Budget appel"]
    assert "Type de document : <bdi>Appel à projets</bdi>" in content
    arabic = html(client.get("/ar/search/", {"q": "budget", "lang": "fr"}))
    assert re.search(r"طلب مشاريع</bdi> \(1\)", arabic)


def test_commune_filter_offers_moroccan_communes_only(client):
    """A fiche in a Belgian commune is found, but its commune is no filter
    value: the commune facet holds the Moroccan partner communes only."""
    make_page("Budget Tanger", commune="tanger")
    make_page("Budget Molenbeek", commune="molenbeek-saint-jean")
    content = html(client.get("/fr/search/", {"q": "budget"}))
    assert "2 résultats" in content
    assert re.search(r"Tanger</bdi> \(1\)", content)
    assert "Molenbeek" not in re.sub(r"<h3 lang.*?</h3>", "", content, flags=re.S)


def test_active_filter_can_be_removed(client):
    """An active filter is listed with a link that drops it and keeps the rest."""
    make_page("Budget A", themes=["budget-participatif"], commune="tanger")
    content = html(client.get("/fr/search/", {"q": "budget", "commune": "tanger"}))
    assert "Commune : <bdi>Tanger</bdi>" in content
    assert '<a href="?q=budget#resultats" title="Retirer ce filtre">' in content


def test_sort_by_date_puts_the_newest_first(client):
    """sort=date orders the matches by publication date, newest first."""
    make_page("Budget ancien", summary="budget budget budget budget")
    make_page("Budget récent", summary="un mot")
    content = html(client.get("/fr/search/", {"q": "budget", "sort": "date"}))
    assert [plain(t) for t in result_titles(content)] == [
        "Budget récent",
        "Budget ancien",
    ]
    assert "Tri : Date" in content


def test_pagination_keeps_the_search(client):
    """Page links carry the query, the filters and the scope."""
    for number in range(12):
        make_page(f"Budget {number}", themes=["budget-participatif"])
    params = {"q": "budget", "theme": "budget-participatif", "lang": "all"}
    content = html(client.get("/fr/search/", params))
    assert "Page 1 sur 2" in content
    assert len(result_titles(content)) == 10
    next_link = (
        "?q=budget&amp;lang=all&amp;theme=budget-participatif&amp;page=2#resultats"
    )
    assert f'href="{next_link}"' in content
    content = html(client.get("/fr/search/", {**params, "page": "2"}))
    assert len(result_titles(content)) == 2
    assert "Page 2 sur 2" in content


def test_page_beyond_the_last_shows_the_last(client):
    """A page number past the end shows the last page instead of nothing."""
    make_page("Budget")
    content = html(client.get("/fr/search/", {"q": "budget", "page": "40"}))
    assert [plain(t) for t in result_titles(content)] == ["Budget"]


def test_no_results_page_suggests_ways_out(client):
    """Without results the page suggests removing filters, shorter words, and
    the most common tags of the language; not all languages, already searched
    (issue #13: the page crosses to every language when its own is empty)."""
    make_page("Budget", tags=["Jeunesse", "Budget"], commune="tanger")
    make_page("Conseil des jeunes", tags=["Jeunesse"])
    content = html(client.get("/fr/search/", {"q": "introuvable", "commune": "tanger"}))
    assert "Aucun résultat" in content
    assert "Retirez un filtre" in content
    assert 'href="?q=introuvable"' in content
    assert "Essayez des mots plus courts" in content
    assert "Cherchez dans toutes les langues" not in content
    related = content.split("Mots-clés fréquents")[1]
    assert related.index("Jeunesse") < related.index("Budget")
    assert 'href="?tag=jeunesse"' in related


def test_bad_parameters_are_ignored_with_a_notice(client):
    """The page never fails on a bad parameter: it ignores it and says so."""
    make_page("Budget")
    content = html(
        client.get(
            "/fr/search/",
            {"q": "budget", "year": "abc", "type": "video", "page": "0", "lang": "en"},
        )
    )
    assert [plain(t) for t in result_titles(content)] == ["Budget"]
    assert content.count("Paramètre ignoré") == 4


@needs_analysis
def test_arabic_match_is_marked_with_and_without_harakat(client):
    """Searching مشاركة marks المشاركة (article, ta marbuta) and المُشارَكة."""
    make_page(
        "المواطنة",
        language="ar",
        summary="تعزيز المشاركة المواطنة ثم المُشارَكة في الميزانية",
    )
    content = html(client.get("/ar/search/", {"q": "مشاركة"}))
    assert "<mark>المشاركة</mark>" in content
    assert "<mark>المُشارَكة</mark>" in content


@needs_analysis
def test_french_match_is_marked_through_elision_and_accents(client):
    """Searching ecole marks « l’école »."""
    make_page("Potager", summary="Un potager dans la cour de l’école du quartier")
    content = html(client.get("/fr/search/", {"q": "ecole"}))
    assert "<mark>l’école</mark>" in content


def test_snippet_is_escaped(client):
    """Page text is escaped in snippets; only the marks are markup."""
    make_page("Budget", summary="<script>alert(1)</script> budget & co")
    content = html(client.get("/fr/search/", {"q": "budget"}))
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>budget</mark> &amp; co" in content
    )
    assert "<script>alert" not in content


def queries_of(client, url, params):
    """Queries of a warm request (facet index and labels already cached)."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context.captured_queries)


def make_budget_pages(count, start=0):
    for number in range(start, start + count):
        page_type = ("practice", "template", "training")[number % 3]
        make_page(
            f"Budget {number}",
            page_type=page_type,
            tags=["Budget"],
            themes=["budget-participatif"],
        )


def test_query_count_does_not_grow_with_the_matches(
    client, django_assert_max_num_queries
):
    """The search page runs as many queries for 5 matching pages as for 30."""
    make_budget_pages(5)
    params = {"q": "budget", "lang": "all"}
    five = queries_of(client, "/fr/search/", params)
    make_budget_pages(25, start=5)
    thirty = queries_of(client, "/fr/search/", params)
    assert five == thirty
    with django_assert_max_num_queries(8):
        client.get("/fr/search/", params)
