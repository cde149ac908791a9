"""Signal receivers are connected once each, for explicit senders
(``signal_handlers.py`` of documents, practices and search): deleting an
object that is not a page no longer runs the facet index's receiver, while page
publish, unpublish, delete and move still invalidate it."""

import inspect
import weakref

import pytest
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch.dispatcher import _make_id
from django_tasks.signals import task_finished
from django_tasks_db.management.commands.db_worker import Worker
from taggit.models import Tag
from wagtail import signals as wagtail_signals
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    TaskState,
    WorkflowState,
    get_page_models,
)

import documents.signal_handlers as documents_handlers
import practices.signal_handlers as practices_handlers
import search.signal_handlers as search_handlers
from documents.models import DocumentVersion
from documents.signals import file_stored
from practices.models import PracticePage
from practices.publishing import notifications
from programme.models import Commune, DocumentKind, Region, TargetPublic, Theme
from search import facets, glossary, promotions
from search.models import GlossaryEntry
from tests.factories import PracticePageFactory, TrainingPageFactory

PAGE_SIGNALS = (
    wagtail_signals.page_published,
    wagtail_signals.page_unpublished,
    wagtail_signals.post_page_move,
)
VOCABULARIES = (Tag, Theme, Region, Commune, TargetPublic, DocumentKind)


def expected_connections():
    """(signal, sender, receiver) for every receiver of the project."""
    document = get_document_model()
    yield post_init, document, practices_handlers._remember_collection
    yield post_save, document, practices_handlers._document_moved
    for signal in (post_save, post_delete):
        yield (
            signal,
            CollectionViewRestriction,
            practices_handlers._collection_restriction_changed,
        )
        yield signal, PageViewRestriction, search_handlers.facets_changed
        yield signal, SearchPromotion, search_handlers.promotions_changed
        yield signal, GlossaryEntry, search_handlers.glossary_changed
    yield post_delete, DocumentVersion, documents_handlers.delete_earlier_file
    yield file_stored, document, documents_handlers.read_new_file
    # For every sender: see test_the_worker_sends_task_finished_from_an_instance.
    yield task_finished, None, search_handlers.index_written
    yield (
        wagtail_signals.task_submitted,
        TaskState,
        notifications.commune_review_submission_notifier,
    )
    for (name, sender, _uid, _class), notifier in zip(
        notifications.WAGTAIL_NOTIFIERS,
        notifications.reliable_wagtail_notifiers,
        strict=True,
    ):
        yield getattr(wagtail_signals, name), sender, notifier
    for model in get_page_models():
        for signal in PAGE_SIGNALS:
            yield signal, model, search_handlers.facets_changed
        for signal in (
            wagtail_signals.post_page_move,
            wagtail_signals.page_slug_changed,
        ):
            yield signal, model, search_handlers.promotions_changed
    yield post_delete, Page, search_handlers.facets_changed
    yield (
        m2m_changed,
        PageViewRestriction.groups.through,
        search_handlers.facets_changed,
    )
    for model in VOCABULARIES:
        yield post_save, model, search_handlers.facets_changed


def live_receivers(signal, sender):
    sync, async_ = signal._live_receivers(sender)
    return [*sync, *async_]


def test_every_receiver_is_connected_exactly_once():
    for signal, sender, receiver in expected_connections():
        found = live_receivers(signal, sender).count(receiver)
        assert found == 1, (signal, sender, receiver, found)


def test_connecting_again_adds_nothing():
    before = {
        signal: len(signal.receivers) for signal, _s, _r in expected_connections()
    }
    documents_handlers.connect()
    practices_handlers.connect()
    search_handlers.connect()
    after = {signal: len(signal.receivers) for signal in before}
    assert after == before
    test_every_receiver_is_connected_exactly_once()


def test_wagtail_notifiers_are_replaced_not_doubled():
    """One mail per workflow signal: Wagtail's own notifier gave way to ours."""
    for name, sender in (
        ("task_submitted", TaskState),
        ("workflow_submitted", WorkflowState),
        ("workflow_rejected", WorkflowState),
        ("workflow_approved", WorkflowState),
    ):
        receivers = live_receivers(getattr(wagtail_signals, name), sender)
        wagtails = [r for r in receivers if type(r).__module__ == "wagtail.admin.mail"]
        assert wagtails == []


OUR_MODULES = ("hub", "programme", "documents", "practices", "search", "home")


def _module_of(receiver):
    receiver = getattr(receiver, "__func__", receiver)
    return getattr(receiver, "__module__", None) or type(receiver).__module__


SIGNALS = {
    "post_init": post_init,
    "post_save": post_save,
    "post_delete": post_delete,
    "m2m_changed": m2m_changed,
    "page_published": wagtail_signals.page_published,
    "page_unpublished": wagtail_signals.page_unpublished,
    "post_page_move": wagtail_signals.post_page_move,
    "page_slug_changed": wagtail_signals.page_slug_changed,
    "file_stored": file_stored,
}


@pytest.mark.parametrize("signal", SIGNALS.values(), ids=SIGNALS.keys())
def test_no_receiver_of_ours_listens_to_every_sender(signal):
    anyone = _make_id(None)
    ours = []
    for (_uid, sender_id), ref, *_rest in signal.receivers:
        receiver = ref() if isinstance(ref, weakref.ReferenceType) else ref
        if sender_id == anyone and receiver is not None:
            if _module_of(receiver).split(".")[0] in OUR_MODULES:
                ours.append(receiver)
    assert ours == []


def test_the_worker_sends_task_finished_from_an_instance():
    """Why ``search.signal_handlers.index_written`` listens to every sender:
    django-tasks-db's worker sends ``task_finished`` from the backend instance
    after a success (and from its class after a failure). When this fails, the
    worker sends a class: connect the receiver for ``DatabaseBackend`` only,
    and list ``task_finished`` in SIGNALS below."""
    source = inspect.getsource(Worker.run_task)
    assert "backend_type = task.get_backend()" in source
    assert "sender=backend_type" in source


@pytest.fixture
def facet_bumps(monkeypatch):
    """The calls of ``facets.bump_version`` (the receivers call it by name)."""
    calls = []
    monkeypatch.setattr(facets, "bump_version", lambda **kw: calls.append(kw))
    return calls


@pytest.fixture
def promotion_bumps(monkeypatch):
    calls = []
    monkeypatch.setattr(promotions, "bump_version", lambda **kw: calls.append(kw))
    return calls


@pytest.mark.django_db
def test_deleting_objects_that_are_not_pages_does_not_bump_the_facet_index(
    facet_bumps,
):
    tag = Tag.objects.create(name="Éphémère", slug="ephemere")
    user = get_user_model().objects.create_user("passant", password="x-long-pass")
    entry = GlossaryEntry.objects.create(french="budget", arabic="ميزانية")
    facet_bumps.clear()

    tag.delete()
    user.delete()
    entry.delete()

    assert facet_bumps == []


@pytest.mark.django_db
def test_glossary_changes_bump_the_glossary_only(monkeypatch, facet_bumps):
    calls = []
    monkeypatch.setattr(glossary, "bump_version", lambda **kw: calls.append(kw))
    entry = GlossaryEntry.objects.create(french="commune", arabic="جماعة")
    entry.delete()
    assert len(calls) == 2
    assert facet_bumps == []


@pytest.mark.django_db
def test_publishing_a_hub_page_bumps_the_facet_index_once(facet_bumps):
    page = PracticePageFactory(title="Budget ouvert")
    facet_bumps.clear()
    page.save_revision().publish()
    assert len(facet_bumps) == 1


@pytest.mark.django_db
def test_unpublishing_a_hub_page_bumps_the_facet_index(facet_bumps):
    page = TrainingPageFactory(title="Formation des élus")
    facet_bumps.clear()
    page.unpublish()
    assert len(facet_bumps) == 1


@pytest.mark.django_db
def test_deleting_a_hub_page_bumps_the_facet_index(facet_bumps):
    page = PracticePageFactory(title="Pratique supprimée")
    facet_bumps.clear()
    page.delete()
    # Wagtail also sends page_unpublished before deleting a live page.
    assert len(facet_bumps) >= 1
    assert not PracticePage.objects.filter(pk=page.pk).exists()


@pytest.mark.django_db
def test_deleting_a_hub_page_changes_the_facet_index_version():
    """Through the real version (no patch): the receiver reaches the cache."""
    page = PracticePageFactory(title="Pratique supprimée")
    facets.bump_version()
    before = facets.INDEX.version.peek()
    page.delete()
    assert facets.INDEX.version.peek() != before


@pytest.mark.django_db
def test_moving_a_hub_page_bumps_the_facet_index_and_the_promotions(
    facet_bumps, promotion_bumps
):
    page = PracticePageFactory(title="Pratique déplacée")
    other = PracticePageFactory(title="Nouvelle section")
    facet_bumps.clear()
    promotion_bumps.clear()
    page.move(other, pos="last-child")
    assert len(facet_bumps) == 1
    assert len(promotion_bumps) >= 1


@pytest.mark.django_db
def test_restriction_and_term_changes_bump_the_facet_index(facet_bumps):
    page = PracticePageFactory(title="Pratique réservée")
    facet_bumps.clear()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert len(facet_bumps) == 1
    restriction.delete()
    assert len(facet_bumps) == 2
    Tag.objects.create(name="Nouvelle", slug="nouvelle")
    assert len(facet_bumps) == 3
