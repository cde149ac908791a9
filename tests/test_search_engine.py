"""Search on a real OpenSearch or Elasticsearch node: the engine lanes.

Runs when ``SEARCH_URL`` points at a node that answers (``.ci/search-engine.sh
start``; ``.ci/engine-lane.sh`` does it all); skips otherwise, or fails under
``REQUIRE_SERVICES=1`` (CI). Each test points ``WAGTAILSEARCH_BACKENDS`` at the node
with ``search_backends(ENGINE, SEARCH_URL, …)`` (``tests.engine_node``: the engine
the lane names in ``SEARCH_BACKEND``) and an index prefix of its
own process (``passerelle_test_<pid>_engine``), deleted when the module ends: the
database rolls back after each test, the engine does not. For the same reason every
test rebuilds the index (``update_index``) after creating its pages: primary keys
are reused after a rollback, so documents left by an earlier test must not answer.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from contextlib import nullcontext
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.module_loading import import_string
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_models
from modelsearch.management.commands import (
    rebuild_modelsearch_index as update_index_command,
)
from modelsearch.query import Or, PlainText
from wagtail.models import Locale, Page

from hub.search_backends import ENGINE_BACKENDS, search_backends
from practices.models import PracticePage, TemplatePage, TrainingPage
from search.analysis import analyse_query
from search.backends import engine as engine_module
from search.backends import field_ranking
from search.backends.engine import EngineAtomicIndexRebuilder
from search.backends.field_ranking import RANKING_FIELD
from search.engine_settings import (
    AUTOCOMPLETE_FILTERS,
    FULL_TEXT_FILTERS,
    index_settings,
)
from search.resilience import forget_engine_failures, run_search
from tests.conftest import require_service
from tests.engine_node import (
    ENGINE,
    SEARCH_URL,
    assert_passerelle_analysis,
    delete_indexes,
    engine_answers,
)
from tests.factories import (
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
)

pytestmark = pytest.mark.django_db

INDEX = f"passerelle_test_{os.getpid()}_engine"
PAGE_INDEX = f"{INDEX}_wagtailcore_page"  # the alias that searches use
DATABASE_BACKEND = "wagtail.search.backends.database"
ARABIC = re.compile("[\u0600-\u06ff]")


def _load_cases() -> dict:
    """tests/data/fr_ar_cases.json, the contract of every lane (the repository's
    own file: a fresh clone must pass its tests on its own)."""
    path = Path(__file__).resolve().parent / "data/fr_ar_cases.json"
    return json.loads(path.read_text(encoding="utf-8"))


CASES = _load_cases()


@pytest.fixture(scope="module", autouse=True)
def delete_test_indexes():
    """Delete this process's indexes (and their aliases) when the module ends."""
    yield
    if engine_answers():
        delete_indexes(INDEX)


@pytest.fixture
def engine(settings):
    """The engine backend at SEARCH_URL, configured as the lead's settings do."""
    require_service(
        engine_answers(),
        "SEARCH_URL is not set or no search engine answers there "
        "(start one with .ci/search-engine.sh start)",
        "engine",
    )
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        ENGINE, SEARCH_URL, DATABASE_BACKEND, index=INDEX
    )
    forget_engine_failures()
    backend = get_search_backend()
    assert type(backend) is import_string(ENGINE_BACKENDS[ENGINE])
    yield backend
    forget_engine_failures()


def rebuild_all():
    """What operators run: every index of every backend (engine: atomic switch)."""
    call_command("update_index", verbosity=0)


def page_models():
    return [model for model in get_indexed_models() if issubclass(model, Page)]


def rebuild():
    """``update_index --backend default`` for the page index only: the real command
    and rebuilder, ~1 s instead of ~10 s for the 11 indexes of every model."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(update_index_command, "get_indexed_models", page_models)
        call_command("update_index", backend_name="default", verbosity=0)


def page_index_name(backend) -> str:
    """The concrete index behind the alias (exactly one)."""
    names = list(backend.es.indices.get_alias(name=PAGE_INDEX))
    assert len(names) == 1, names
    return names[0]


def refresh(backend):
    """Make the latest writes visible (the engine refreshes every second anyway)."""
    backend.es.indices.refresh(index=PAGE_INDEX)


def search_pages(query, **filters):
    return list(
        PracticePage.objects.live().filter(**filters).search(query, operator="and")
    )


# --- settings and analysis ---------------------------------------------------------


def client_timeout(client):
    if ENGINE == "elasticsearch":
        return client._request_timeout
    return client.transport.get_connection().timeout


def client_retries(client):
    if ENGINE == "elasticsearch":
        return client._max_retries
    return client.transport.max_retries


def test_elasticsearch_indexes_the_python_analysis(engine):
    """Elasticsearch: the engine stores the Python chain's terms (whitespace
    analyzer) — French and Arabic, folded and stemmed — and autocomplete
    prefixes as edge n-grams."""
    if ENGINE != "elasticsearch":
        pytest.skip("Elasticsearch lane only (OpenSearch analyses in the engine)")
    page = PracticePageFactory(
        language="fr", title="l’école des Bénéficiaires والمشاركة ٢٠٢٤"
    )
    rebuild()
    name = page_index_name(engine)
    assert_passerelle_analysis(engine.es, PAGE_INDEX, name)
    source = engine.es.get(index=PAGE_INDEX, id=str(page.pk))["_source"]
    assert source["title"] == "ecol des beneficiai مشارك 2024"
    assert {"e", "ec", "eco", "ecol", "ecole", "مشارك"} <= set(
        " ".join(source["_edgengrams"]).split()
    )
    assert search_pages("Écoles bénéficiaire المشاركة 2024") == [page]


def test_documents_keep_the_ranking_texts(engine):
    """Each page document stores (never indexes) the analysed title and zoned
    body that ``field_ranking`` orders by — what the database index holds."""
    page = PracticePageFactory(
        language="fr",
        title="Les coopératives",
        summary="Des femmes rurales.",
        context="<p>Un marché hebdomadaire.</p>",
    )
    rebuild()
    mapping = engine.es.indices.get_mapping(index=PAGE_INDEX)[page_index_name(engine)][
        "mappings"
    ]["properties"]
    assert mapping[RANKING_FIELD] == {"type": "object", "enabled": False}
    source = engine.es.get(index=PAGE_INDEX, id=str(page.pk))["_source"]
    texts = source[RANKING_FIELD]
    assert texts["title"] == "les coperatif"
    summary, body, attachments = texts["body"].split(" | ")
    assert "feme rural" in summary and "march hebdomadai" in body
    assert attachments == ""
    # Stored, not indexed: a query on it matches nothing.
    assert not engine.es.search(
        index=PAGE_INDEX, body={"query": {"match": {RANKING_FIELD: "coperatif"}}}
    )["hits"]["hits"]


def test_index_settings_are_applied(engine):
    """The index that update_index builds carries index_settings(): the default
    analyzers are the French+Arabic chain, autocomplete is folded the same way, and
    the engine's own _analyze turns mixed text into the expected terms."""
    if ENGINE != "opensearch":
        pytest.skip("OpenSearch lane only (Elasticsearch analyses in Python)")
    rebuild()
    name = page_index_name(engine)
    assert name.startswith(f"{PAGE_INDEX}_")  # a rebuilt index behind the alias
    analysis = engine.es.indices.get_settings(index=PAGE_INDEX)[name]["settings"][
        "index"
    ]["analysis"]
    analyzers = analysis["analyzer"]
    assert analyzers["default"]["filter"] == FULL_TEXT_FILTERS
    assert analyzers["default_search"]["filter"] == FULL_TEXT_FILTERS
    expected = index_settings()["settings"]["analysis"]["analyzer"]
    for name_ in ("edgengram_analyzer", "edgengram_search_analyzer", "standard"):
        assert analyzers[name_]["filter"] == expected[name_]["filter"], name_
    assert analyzers["standard"]["filter"][: len(AUTOCOMPLETE_FILTERS)] == (
        AUTOCOMPLETE_FILTERS
    )
    assert analysis["filter"]["fr_ar_elision"]["type"] == "elision"
    assert analysis["filter"]["fr_ar_french_stem"]["language"] == "light_french"

    tokens = engine.es.indices.analyze(
        index=PAGE_INDEX,
        body={
            "analyzer": "default",
            "text": "l’école des Bénéficiaires والمشاركة التعاونيات ٢٠٢٤",
        },
    )["tokens"]
    # The stemmers run to the Python chain's fixed point (STEM_PASSES):
    # « bénéficiaires » → beneficiair → beneficiai, « التعاونيات » → تعاون → تعا.
    terms = ["ecol", "beneficiai", "مشارك", "تعا", "2024"]
    assert [t["token"] for t in tokens] == terms
    assert analyse_query("l’école des Bénéficiaires والمشاركة التعاونيات ٢٠٢٤") == terms


def test_update_index_uses_the_rebuild_client(engine):
    """update_index writes with REBUILD_TIMEOUT, searches keep the 2 s TIMEOUT."""
    assert client_timeout(engine.es) == 2
    assert client_retries(engine.es) == 0
    assert client_timeout(engine.rebuild_es) == engine.rebuild_timeout
    assert engine.rebuild_timeout > 2


# --- the shared French+Arabic contract ---------------------------------------------


def test_every_must_match_case_is_found(engine, subtests):
    """Each must_match case of fr_ar_cases.json: a live page (in the document's
    language) whose summary is the case's document is found by
    ``PracticePage.objects.live().search(query, operator="and")`` on the engine."""
    pages = []
    for number, case in enumerate(CASES["must_match"]):
        language = "ar" if ARABIC.search(case["document"]) else "fr"
        pages.append(
            PracticePageFactory(
                language=language,
                title=f"Fiche {number}",
                summary=case["document"],
            )
        )
    rebuild()
    for case, page in zip(CASES["must_match"], pages, strict=True):
        with subtests.test(rule=case["rule"], query=case["query"]):
            assert page in search_pages(case["query"]), case


def test_must_match_cases_within_the_documents_language(engine):
    """The same contract holds when the search is limited to the document's
    language, as the search page does (one query for all cases of a language)."""
    fr, ar = (
        Locale.objects.get(language_code="fr"),
        Locale.objects.get(language_code="ar"),
    )
    page_fr = PracticePageFactory(language="fr", summary="Études d'évaluations")
    page_ar = PracticePageFactory(language="ar", summary="الدراسات والمشاركة")
    rebuild()
    assert search_pages("etudes evaluation", locale=fr) == [page_fr]
    assert search_pages("دراسة مشاركة", locale=ar) == [page_ar]
    assert search_pages("دراسة مشاركة", locale=fr) == []


# --- autocomplete, filters ----------------------------------------------------------


def test_autocomplete_completes_french_and_arabic_prefixes(engine):
    """Autocomplete (title) completes a half-typed French word whose stem is shorter
    than the prefix ("formati" → "Formation": stem "form") and an Arabic prefix with
    its article ("المشار" → "المشاركة"), without matching unrelated titles."""
    formation = PracticePageFactory(language="fr", title="Formation des agents")
    other = PracticePageFactory(language="fr", title="Budget participatif")
    arabic = PracticePageFactory(language="ar", title="المشاركة المواطنة")
    rebuild()
    live = PracticePage.objects.live()
    for prefix in ("formati", "Formati", "FORMAT", "formations"):
        found = list(live.autocomplete(prefix))
        assert formation in found, prefix
        assert other not in found, prefix
    for prefix in ("المشار", "مشار", "المشاركة"):
        found = list(live.autocomplete(prefix))
        assert arabic in found, prefix
        assert formation not in found, prefix


def test_locale_filter(engine):
    """A query that matches pages in both languages returns only the requested
    locale's pages when filtered by locale (2024 and ٢٠٢٤ analyse alike)."""
    fr, ar = (Locale.objects.get(language_code=code) for code in ("fr", "ar"))
    page_fr = PracticePageFactory(language="fr", summary="Bilan 2024 des communes")
    page_ar = PracticePageFactory(language="ar", summary="حصيلة ٢٠٢٤ للجماعات")
    rebuild()
    assert set(search_pages("2024")) == {page_fr, page_ar}
    assert search_pages("2024", locale=fr) == [page_fr]
    assert search_pages("2024", locale=ar) == [page_ar]
    results, backend_name, degraded = run_search(
        PracticePage.objects.live().filter(locale=ar), "2024", operator="and"
    )
    assert (results, backend_name, degraded) == ([page_ar], "default", False)


def test_search_page_queryset_on_the_engine(engine):
    """The queryset of the search page (live pages of the three content types in one
    locale, ``.only("id")``) runs on the engine, ranked or in tree order."""
    fr = Locale.objects.get(language_code="fr")
    practice = PracticePageFactory(language="fr", title="Éclairage public solaire")
    template = TemplatePageFactory(language="fr", title="Modèle éclairage")
    training = TrainingPageFactory(language="fr", title="Formation éclairage")
    PracticePageFactory(language="ar", title="éclairage")
    rebuild()
    queryset = (
        Page.objects.live()
        .type(PracticePage, TemplatePage, TrainingPage)
        .filter(locale=fr)
        .only("id")
    )
    wanted = {practice.pk, template.pk, training.pk}
    for by_relevance in (True, False):
        results, backend_name, degraded = run_search(
            queryset,
            "eclairage",
            operator="and",
            order_by_relevance=by_relevance,
            limit=10_000,
        )
        assert (backend_name, degraded) == ("default", False)
        assert {page.pk for page in results} == wanted
    assert [page.pk for page in results] == sorted(
        wanted, key=lambda pk: Page.objects.get(pk=pk).path
    )


def test_ids_only_ranks_like_the_objects(engine, django_assert_num_queries):
    """What the search service asks (``ids_only=True``): the pks of the results
    that loading the objects gives, in the same order — by relevance or not, with a
    limit, for an ``Or`` (the glossary's branch) — read from the engine alone (one
    request, no database query). Unbounded, upstream's scroll answers."""
    fr = Locale.objects.get(language_code="fr")
    for n in range(24):
        PracticePageFactory(
            language="fr", title=f"Jardin {n}", summary="jardin potager " * (n % 5)
        )
    TemplatePageFactory(language="fr", title="Modèle de jardin potager")
    PracticePageFactory(language="ar", title="jardin potager")
    rebuild()
    queryset = (
        Page.objects.live()
        .type(PracticePage, TemplatePage, TrainingPage)
        .filter(locale=fr)
        .only("id")
    )
    either = Or([PlainText("potager"), PlainText("jardin")])
    for query, by_relevance, limit in itertools.product(
        ["jardin", "jardin potager", either], (True, False), (None, 5, 10_000)
    ):
        kwargs = {"operator": "and", "order_by_relevance": by_relevance}
        objects, *_ = run_search(queryset, query, limit=limit, **kwargs)
        counted = django_assert_num_queries(0) if limit else nullcontext()
        with counted:
            ids, backend_name, degraded = run_search(
                queryset, query, limit=limit, ids_only=True, **kwargs
            )
        assert (backend_name, degraded) == ("default", False)
        assert ids == [page.pk for page in objects], (query, by_relevance, limit)
    assert len(objects) == 25


def test_only_the_reranked_hits_are_read_with_their_texts(engine, monkeypatch):
    """One search request for the ids (it scores the matches once), then the
    ranking texts of the first ``RERANKED`` only (5 here, 200 in use), looked up
    by pk — never every hit's texts, never a second scoring of every match."""
    for module in (engine_module, field_ranking):
        monkeypatch.setattr(module, "RERANKED", 5)
    pages = [
        PracticePageFactory(language="fr", title=f"Jardin {n}", summary="potager")
        for n in range(12)
    ]
    rebuild()
    requests = []
    results_class = engine_module.PksSearchResultsMixin
    hits, texts = results_class._hits, results_class._ranking_texts

    def recorded_hits(results, start, stop):
        requests.append(("ids", start, stop))
        return hits(results, start, stop)

    def recorded_texts(results, pks):
        requests.append(("texts", len(pks)))
        return texts(results, pks)

    monkeypatch.setattr(results_class, "_hits", recorded_hits)
    monkeypatch.setattr(results_class, "_ranking_texts", recorded_texts)

    def search(limit):
        requests.clear()
        queryset = PracticePage.objects.live()
        return run_search(
            queryset, "jardin", operator="and", limit=limit, ids_only=True
        )[0]

    ids = search(10_000)
    assert requests == [("ids", 0, 10_000), ("texts", 5)]
    assert sorted(ids) == sorted(page.pk for page in pages)
    assert search(None) == ids  # upstream's scroll for the ids
    assert requests == [("texts", 5)]
    assert search(3) == ids[:3]
    assert requests == [("ids", 0, 5), ("texts", 5)]


# --- indexing and rebuilding --------------------------------------------------------


def test_publish_is_indexed_through_the_alias(engine):
    """After a rebuild, pages created and published later reach the engine through
    the signal handlers (written to the alias), without another update_index."""
    rebuild()
    page = PracticePageFactory(language="fr", title="Jardins partagés")
    refresh(engine)
    assert search_pages("jardin") == [page]
    page.summary = "Compostage collectif"
    page.save_revision().publish()
    refresh(engine)
    assert search_pages("compostage") == [page]
    page.delete()
    refresh(engine)
    assert search_pages("jardin") == []


def test_first_write_without_alias_creates_the_index_behind_it(
    engine, caplog, settings
):
    """Before any update_index (or after the engine lost its data), the first write
    does not let the engine auto-create an index with dynamic mappings and no
    analysis (writes carry require_alias): it creates ``<alias>_auto`` as
    update_index would — our analysis and mappings, behind the alias — logs a
    warning, and the page is found on the engine at once, not degraded. (More in
    tests/test_search_indexing.py.)"""
    fresh = f"{INDEX}_fresh"
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        ENGINE, SEARCH_URL, DATABASE_BACKEND, index=fresh
    )
    backend = get_search_backend()
    alias = f"{fresh}_wagtailcore_page"
    with caplog.at_level("WARNING", logger="search.backends.engine"):
        page = PracticePageFactory(language="fr", title="Maison de quartier")
        backend.add_bulk(PracticePage, [page])  # the alias exists now
    messages = [
        r.getMessage() for r in caplog.records if r.name == "search.backends.engine"
    ]
    assert len(messages) == 1
    assert alias in messages[0] and "update_index" in messages[0]
    assert list(backend.es.indices.get_alias(name=alias)) == [f"{alias}_auto"]
    assert_passerelle_analysis(backend.es, alias, f"{alias}_auto")
    backend.es.indices.refresh(index=alias)
    results, backend_name, degraded = run_search(
        PracticePage.objects.live(), "maison", operator="and"
    )
    assert (results, backend_name, degraded) == ([page], "default", False)


def test_update_index_is_atomic(engine, monkeypatch):
    """update_index builds a new index while the alias still points at the previous
    one — searches during the rebuild answer from it — then switches the alias and
    deletes the previous index; searches after the rebuild see every page."""
    first = PracticePageFactory(language="fr", title="Ateliers numériques")
    rebuild()
    before = page_index_name(engine)
    second = PracticePageFactory(language="fr", title="Ateliers couture")
    refresh(engine)

    seen = {}
    original_finish = EngineAtomicIndexRebuilder.finish

    def finish(rebuilder):
        if rebuilder.alias.name == PAGE_INDEX:
            # The new index is filled but not yet switched to.
            seen["alias_during"] = page_index_name(engine)
            seen["new_index"] = rebuilder.index.name
            seen["new_exists"] = engine.es.indices.exists(index=rebuilder.index.name)
            seen["results_during"] = set(search_pages("atelier"))
        return original_finish(rebuilder)

    monkeypatch.setattr(EngineAtomicIndexRebuilder, "finish", finish)
    rebuild()

    assert seen["alias_during"] == before
    assert seen["new_exists"] and seen["new_index"] != before
    assert seen["results_during"] == {first, second}
    assert page_index_name(engine) == seen["new_index"]
    assert not engine.es.indices.exists(index=before)
    assert set(search_pages("atelier")) == {first, second}


def test_update_index_rebuilds_the_database_backend_too(engine):
    """A plain update_index rebuilds both configured backends, so the fallback
    (database) has every page the engine has."""
    page = PracticePageFactory(language="fr", title="Maison des jeunes")
    rebuild_all()
    assert page_index_name(engine).startswith(f"{PAGE_INDEX}_")
    for alias in ("default", "database"):
        found = list(
            PracticePage.objects.live().search("maison", operator="and", backend=alias)
        )
        assert found == [page], alias
