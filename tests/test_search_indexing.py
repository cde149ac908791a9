"""What search indexes: every fiche section, the names of the terms a page points
at, and the text of its attached documents — on the database backend and on the
engine — and the engine's page index, which the first write creates when missing.

The database-backend tests run in every lane (they configure the database backend
only). The engine tests need ``SEARCH_URL`` (``.ci/engine-lane.sh``); each of them
uses an index prefix of its own (``passerelle_test_<pid>_indexing_<n>``), so it
starts from an engine without any index, as a fresh production engine would.
"""

from __future__ import annotations

import itertools
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils.module_loading import import_string
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_models
from modelsearch.management.commands import (
    rebuild_modelsearch_index as update_index_command,
)
from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail.rich_text import RichText

from hub.search_backends import ENGINE_BACKENDS, search_backends
from practices.models import PracticePage, TemplatePage, TrainingPage
from practices.models.base import ATTACHMENTS_TEXT_LIMIT
from programme.models import Partnership, Region, TargetPublic, Theme
from search.backends.engine import AUTO_INDEX_SUFFIX
from search.resilience import forget_engine_failures, run_search
from tests.conftest import require_service
from tests.engine_node import (
    ENGINE,
    SEARCH_URL,
    assert_passerelle_analysis,
    delete_indexes,
    engine_answers,
    refusal,
)
from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    isolated_media_root,  # noqa: F401 (autouse: uploads go to a temporary folder)
)
from tests.import_helpers import import_file, make_pdf, practice, write_jsonl
from tests.upload_corpus import corrupt_pdf, good_docx, good_pdf

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = "search.backends.database"
PREFIX = f"passerelle_test_{os.getpid()}_indexing"
_prefixes = itertools.count()


def document(name, data, title=None):
    """A HubDocument uploaded from ``data`` (its text extracted on save)."""
    return HubDocumentFactory(
        file=ContentFile(data, name=name), title=title or f"Pièce {name}"
    )


def found(query, model=PracticePage, backend="default"):
    """Ids of the live ``model`` pages that ``query`` finds (operator "and")."""
    results = model.objects.live().search(query, operator="and", backend=backend)
    return {page.pk for page in results}


# --- database backend ---------------------------------------------------------------


@pytest.fixture
def database_search(settings):
    """The database backend alone, whatever the lane (SEARCH_BACKEND)."""
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        "database", "", DATABASE_BACKEND, database_options={"SEARCH_CONFIG": "simple"}
    )


def indicators(label, value="12"):
    return StreamValue(
        PracticePage.indicators.field.stream_block,
        [("indicator", {"label": label, "value": value})],
    )


PRACTICE_FIELDS = {
    "actors_services": "Service zéphyrin des espaces verts",
    "actors_associations": "Association Zéphyrine des quartiers",
    "actors_authorities": "Agence zéphyrine de développement",
    "resources": RichText("<p>Deux agents <b>zéphyrins</b> à mi-temps.</p>"),
    "contacts": "zephyrine@commune.example",
    "indicators": lambda: indicators("Ruches zéphyrines installées"),
}


@pytest.mark.parametrize("field", PRACTICE_FIELDS)
def test_practice_fiche_sections_are_searchable(database_search, field):
    """A word found only in actors_services / actors_associations /
    actors_authorities / resources / contacts / indicators finds the fiche."""
    value = PRACTICE_FIELDS[field]
    value = value() if callable(value) else value
    page = PracticePageFactory(title="Fiche A", **{field: value})
    PracticePageFactory(title="Fiche B")
    assert found("zephyrine") == {page.pk}


@pytest.mark.parametrize(
    ("field", "model", "slug"),
    [
        ("themes", Theme, "recherche-financements"),
        ("target_publics", TargetPublic, "specific-needs"),
        ("region", Region, "souss-massa"),
        ("partnership", Partnership, "anderlecht-tiznit"),
    ],
)
def test_practice_term_names_are_searchable(database_search, field, model, slug):
    """The name of a theme, a target public, the region or the partnership of a
    fiche (in the fiche's language) finds it; a fiche without that term is not
    found."""
    term = model.objects.get(slug=slug, locale__language_code="fr")
    value = [slug] if field in ("themes", "target_publics") else slug
    page = PracticePageFactory(title="Fiche A", **{field: value})
    PracticePageFactory(title="Fiche B")
    assert found(term.name) == {page.pk}, term.name


def test_arabic_term_names_are_searchable(database_search):
    """The Arabic name of a target public finds the Arabic fiche, through the
    Arabic analysis (النساء → نساء)."""
    page = PracticePageFactory(title="بطاقة", language="ar", target_publics=["women"])
    PracticePageFactory(title="بطاقة أخرى", language="ar")
    assert found("نساء") == {page.pk}


def test_template_and_training_fields_are_searchable(database_search):
    """A template's kind name; a training's prerequisites, trainer contacts and
    target public names."""
    kind_page = TemplatePageFactory(title="Modèle A", kind="call-for-projects")
    TemplatePageFactory(title="Modèle B", kind="project-sheet")
    assert found("appel projets", TemplatePage) == {kind_page.pk}

    training = TrainingPageFactory(
        title="Formation A",
        prerequisites="Savoir utiliser un tableur zéphyrin.",
        trainer_contacts="Amina Zéphyrine, formatrice",
        target_publics=["youth"],
    )
    TrainingPageFactory(title="Formation B")
    assert found("tableur", TrainingPage) == {training.pk}
    assert found("amina", TrainingPage) == {training.pk}
    assert found("jeunes", TrainingPage) == {training.pk}


@pytest.mark.parametrize(
    ("factory", "model"),
    [
        (PracticePageFactory, PracticePage),
        (TemplatePageFactory, TemplatePage),
        (TrainingPageFactory, TrainingPage),
    ],
)
def test_attached_pdf_and_docx_text_is_searchable(database_search, factory, model):
    """Words found only in an attached PDF or DOCX (text extracted on upload), or
    in a document's title, find the page, whatever its type."""
    pdf = document("budget.pdf", good_pdf("Hydroponie communale"))
    word = document("convention.docx", good_docx("Apiculture urbaine"), "Annexe Z")
    assert "Hydroponie" in pdf.extracted_text
    page = factory(title="Page A", attachments=[pdf, word])
    factory(title="Page B", attachments=1)
    for query in ("hydroponie", "apiculture urbaine", "annexe z"):
        assert found(query, model) == {page.pk}, query


def test_corrupt_attachment_does_not_break_indexing(database_search):
    """A PDF that cannot be read gets an extraction problem and no text; the page
    is still published and indexed: found by its fields and the document's
    title."""
    broken = document("broken.pdf", corrupt_pdf(), "Rapport illisible")
    assert broken.extraction_problem and not broken.extracted_text
    page = PracticePageFactory(
        title="Fiche A",
        actors_associations="Association Zéphyrine",
        attachments=[broken],
    )
    assert page.live
    assert found("zephyrine") == {page.pk}
    assert found("illisible") == {page.pk}


def test_attachment_added_then_removed_reindexes_on_publish(database_search):
    """Attaching a document and publishing once makes its text searchable
    (the page is indexed after its attachments are stored, not before); removing
    it and publishing again removes it from the index."""
    page = PracticePageFactory(title="Fiche A")
    pdf = document("guide.pdf", good_pdf("Hydroponie communale"))
    page.attachments = [page.attachments.model(document=pdf)]
    page.save_revision().publish()
    assert found("hydroponie") == {page.pk}
    page = PracticePage.objects.get(pk=page.pk)
    page.attachments = []
    page.save_revision().publish()
    assert found("hydroponie") == set()


def test_terms_set_on_creation_are_indexed_at_once(database_search):
    """A page saved once with its themes and tags (as the factories and the
    admin's first publish do) is indexed with them, not with the previous state."""
    theme = Theme.objects.get(slug="recherche-financements", locale__language_code="fr")
    page = PracticePageFactory(themes=[theme.slug], tags=["zephyrine"])
    assert found(theme.name) == {page.pk}
    assert found("zephyrine") == {page.pk}


def test_attachments_text_is_capped_and_prefetched(database_search):
    """``attachments_text`` joins titles and texts, at most ATTACHMENTS_TEXT_LIMIT
    characters; the objects update_index reads have their attachments prefetched
    (no query per page)."""
    long_text = document("long.pdf", good_pdf("Texte"), "Long")
    long_text.extracted_text = "mot " * 40_000  # 160,000 characters
    long_text.save()
    other = document("court.pdf", good_pdf("Texte"), "Court")
    page = PracticePageFactory(attachments=[long_text, other])
    text = page.attachments_text()
    assert len(text) == ATTACHMENTS_TEXT_LIMIT
    assert text.startswith("Long\nmot mot")

    (indexed,) = PracticePage.get_indexed_objects().filter(pk=page.pk)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert indexed.attachments_text() == text
    assert len(queries) == 0


def test_update_index_indexes_attachment_text(database_search):
    """update_index (bulk, prefetched attachments) indexes the documents' text."""
    page = PracticePageFactory(
        attachments=[document("guide.pdf", good_pdf("Hydroponie communale"))]
    )
    call_command("update_index", backend_name="default", verbosity=0)
    assert found("hydroponie") == {page.pk}


# --- engine -------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def delete_test_indexes():
    """Delete this module's engine indexes (and aliases) when it ends."""
    yield
    if engine_answers():
        delete_indexes(PREFIX)


@pytest.fixture
def engine(settings):
    """The lane's engine backend at SEARCH_URL with an index prefix no test used
    before: no index, no alias, as on a fresh engine."""
    require_service(
        engine_answers(),
        "SEARCH_URL is not set or no search engine answers there "
        "(start one with .ci/search-engine.sh start)",
        "engine",
    )
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        ENGINE,
        SEARCH_URL,
        DATABASE_BACKEND,
        index=f"{PREFIX}_{next(_prefixes)}",
        database_options={"SEARCH_CONFIG": "simple"},
    )
    forget_engine_failures()
    backend = get_search_backend()
    assert type(backend) is import_string(ENGINE_BACKENDS[ENGINE])
    assert engine_indexes(backend) == []
    yield backend
    forget_engine_failures()


def engine_indexes(backend):
    """The concrete indexes of ``backend``'s prefix (the wildcard form of
    ``indices.exists`` answers True when nothing matches)."""
    return sorted(backend.es.indices.get(index=f"{backend.index_prefix}*"))


def page_alias(backend):
    return backend.get_index_for_model(Page).name


def concrete_indexes(backend, alias):
    return sorted(backend.es.indices.get_alias(name=alias))


def engine_found(backend, query, queryset=None):
    """run_search on the engine after a refresh: (ids, backend name, degraded)."""
    backend.es.indices.refresh(index=page_alias(backend))
    queryset = PracticePage.objects.live() if queryset is None else queryset
    results, name, degraded = run_search(queryset, query, operator="and")
    return {page.pk for page in results}, name, degraded


def engine_messages(caplog):
    return [
        record
        for record in caplog.records
        if record.name == "search.backends.engine" and record.levelname != "DEBUG"
    ]


def test_first_publish_creates_the_index_with_our_analysis(engine, caplog):
    """On an engine without our page index, the first page published creates it —
    ``<alias>_auto`` behind the alias, with the French+Arabic analysis — logs a
    warning saying so, and is found on the engine at once (not degraded)."""
    alias = page_alias(engine)
    with caplog.at_level("WARNING", logger="search.backends.engine"):
        page = PracticePageFactory(
            title="Maison de quartier", actors_associations="Association Zéphyrine"
        )
    assert concrete_indexes(engine, alias) == [f"{alias}_{AUTO_INDEX_SUFFIX}"]
    (warning,) = engine_messages(caplog)
    assert warning.levelname == "WARNING"
    assert alias in warning.getMessage() and "update_index" in warning.getMessage()

    assert_passerelle_analysis(engine.es, alias, f"{alias}_{AUTO_INDEX_SUFFIX}")
    if ENGINE == "opensearch":
        tokens = engine.es.indices.analyze(
            index=alias,
            body={"analyzer": "default", "text": "l’école des Bénéficiaires والمشاركة"},
        )["tokens"]
        assert [t["token"] for t in tokens] == ["ecol", "beneficiai", "مشارك"]

    assert engine_found(engine, "zephyrine") == ({page.pk}, "default", False)
    assert engine_found(engine, "quartiers maisons") == ({page.pk}, "default", False)


def page_models():
    return [model for model in get_indexed_models() if issubclass(model, Page)]


def test_auto_created_index_has_the_mappings_update_index_builds(engine):
    """The mappings of the auto-created index are those update_index puts (every
    page model's fields, nested term names, copies into _all_text); update_index
    later replaces it by a rebuilt index and deletes it."""
    alias = page_alias(engine)
    PracticePageFactory(title="Jardins partagés")
    auto = f"{alias}_{AUTO_INDEX_SUFFIX}"
    auto_mappings = engine.es.indices.get_mapping(index=auto)[auto]["mappings"]
    properties = auto_mappings["properties"]
    assert properties["practices_hubpagemixin__attachments_text"]["copy_to"] == [
        "_all_text"
    ]
    assert properties["practices_practicepage__target_publics"]["type"] == "nested"

    with pytest.MonkeyPatch.context() as patch:  # the page index only: faster
        patch.setattr(update_index_command, "get_indexed_models", page_models)
        call_command("update_index", backend_name="default", verbosity=0)
    (rebuilt,) = concrete_indexes(engine, alias)
    assert rebuilt != auto and not engine.es.indices.exists(index=auto)
    rebuilt_mappings = engine.es.indices.get_mapping(index=rebuilt)[rebuilt]
    assert rebuilt_mappings["mappings"] == auto_mappings


def test_attachment_text_is_found_on_the_engine(engine):
    """The text of an attached DOCX, and the page's term names, are found on the
    engine (the index created by the first write)."""
    word = document("convention.docx", good_docx("Apiculture urbaine"))
    page = TemplatePageFactory(
        title="Convention", kind="call-for-projects", attachments=[word]
    )
    TemplatePageFactory(title="Autre modèle")
    templates = TemplatePage.objects.live()
    assert engine_found(engine, "apiculture", templates) == (
        {page.pk},
        "default",
        False,
    )
    assert engine_found(engine, "appel projets", templates)[0] == {page.pk}


def test_import_on_a_fresh_engine_is_found_at_once(engine, tmp_path, client):
    """``import_practices`` on a fresh engine: the imported fiche is searchable on
    the engine right away — by a section and by its attachment's text, and through
    /api/search/ — without ``update_index``."""
    make_pdf(tmp_path / "files/guide.pdf", "Hydroponie communale")
    record = practice(
        "hydro",
        actors_associations="Association Zéphyrine",
        attachments=[{"path": "files/guide.pdf", "title": "Guide"}],
    )
    import_file(write_jsonl(tmp_path, [record]))
    page = PracticePage.objects.get(ref="hydro")
    for query in ("zephyrine", "hydroponie"):
        assert engine_found(engine, query) == ({page.pk}, "default", False), query
    answer = client.get("/api/search/", {"q": "hydroponie", "lang": "fr"}).json()
    assert [result["ref"] for result in answer["results"]] == ["hydro"]
    assert (answer["backend"], answer["degraded"]) == ("default", False)


def test_bulk_write_on_a_fresh_engine_creates_the_index(engine):
    """add_bulk (what the database lanes' update paths use) creates a missing
    index the same way, here the one of a vocabulary."""
    themes = list(Theme.objects.filter(locale__language_code="fr"))
    engine.add_bulk(Theme, themes)
    alias = engine.get_index_for_model(Theme).name
    assert concrete_indexes(engine, alias) == [f"{alias}_{AUTO_INDEX_SUFFIX}"]
    engine.es.indices.refresh(index=alias)
    assert engine.es.count(index=alias)["count"] == len(themes)


def test_no_index_without_our_analysis_is_ever_created(engine, caplog, monkeypatch):
    """If the index cannot be created (the engine refuses), or the alias name is
    taken by a plain index, the write is refused and logged, the publish
    succeeds, and no index is created by the write itself (require_alias)."""
    alias = page_alias(engine)

    def refuse(index, client, name, body):
        raise refusal()

    monkeypatch.setattr(type(engine).index_class, "_create_index", refuse)
    with caplog.at_level("ERROR", logger="search.backends.engine"):
        page = PracticePageFactory(title="Maison de quartier")
    assert page.live
    (error,) = engine_messages(caplog)
    assert "heal_search_index" in error.getMessage()
    assert engine_indexes(engine) == []
    monkeypatch.undo()

    # A concrete index under the alias name (made by hand): not replaced, not used.
    engine.es.indices.create(index=alias)
    caplog.clear()
    with caplog.at_level("ERROR", logger="search.backends.engine"):
        PracticePageFactory(title="Maison des jeunes")
    messages = [r.getMessage() for r in engine_messages(caplog)]
    assert any("instead of an alias" in message for message in messages)
    assert engine.es.count(index=alias)["count"] == 0
    assert engine_indexes(engine) == [alias]
