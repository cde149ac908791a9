"""The search engine heals itself after an outage (issue #12, part 3).

Engine tests (the engine lane, ``SEARCH_URL``; skipped without an engine, failed
under REQUIRE_SERVICES=engine) use the lane's real engine node under an index
prefix of their own, emptied after each test. The outage is real: the backend
is pointed at a closed port (connection refused), then at the real engine
again. A reset engine is a real one whose indexes were deleted; a short index,
one whose documents were deleted in bulk.

Database-only tests need no engine: the kept-writes table (one row per object,
latest action wins, never breaking the caller's transaction), the heal
command's output, /readyz "off", the coordination's e-mail in French and
Arabic.
"""

from __future__ import annotations

import json
import os

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend
from modelsearch.backends import get_search_backend
from wagtail.models import Page
from wagtail.users.models import UserProfile

from hub.search_backends import search_backends
from practices.models import PracticePage
from search import heal_notice, healing, index_check, kept_writes
from search.backends.engine import EngineAtomicIndexRebuilder
from search.index_check import SHORT_GAP, IndexState
from search.models import KeptWrite
from search.resilience import forget_engine_failures
from tests.conftest import delete_hub_pages, require_service
from tests.engine_node import ENGINE, SEARCH_URL, engine_answers
from tests.engine_node import delete_indexes as delete_engine_indexes
from tests.factories import PracticePageFactory
from tests.test_search_resilience import closed_port_url
from tests.workflow_helpers import coordinators, make_user

pytestmark = pytest.mark.django_db

PREFIX = f"passerelle_test_{os.getpid()}_heal"
PAGE_INDEX = f"{PREFIX}_wagtailcore_page"
DATABASE_BACKEND = "wagtail.search.backends.database"


def use_engine(settings, url):
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        ENGINE, url, DATABASE_BACKEND, index=PREFIX
    )
    forget_engine_failures()


def use_database_only(settings):
    settings.WAGTAILSEARCH_BACKENDS = search_backends("database", "", DATABASE_BACKEND)


@pytest.fixture(autouse=True)
def fresh_heal_state():
    """No lock, flag or cached count of an earlier test."""
    keys = [healing.RUNNING_KEY, healing.ENQUEUED_KEY, kept_writes.REBUILDING_KEY]
    keys.append(f"search-heal:states:{PREFIX}_")
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


def kept():
    return {
        (row.model_label, row.object_pk): (row.action, row.attempts)
        for row in KeptWrite.objects.all()
    }


def readyz(client):
    response = client.get("/readyz")
    return response.status_code, json.loads(response.content)


# --- the engine -----------------------------------------------------------------------


def delete_indexes():
    delete_engine_indexes(PREFIX)


@pytest.fixture(scope="module", autouse=True)
def engine_indexes_removed():
    """The module's indexes are left on the engine between its tests (building
    the eleven of them takes seconds) and deleted at the end."""
    yield
    if engine_answers():
        delete_indexes()


@pytest.fixture
def engine(settings):
    """The real engine under this module's prefix with every index built — by a
    first heal when some is missing — and no hub page in it (the database rolls
    back after each test, the engine does not)."""
    require_service(
        engine_answers(),
        "SEARCH_URL is not set or no search engine answers there "
        "(start one with .ci/search-engine.sh start)",
        "engine",
    )
    use_engine(settings, SEARCH_URL)
    search = backend()
    aliased = search.es.indices.get_alias(index=f"{PREFIX}_*")
    aliases = {alias for found in aliased.values() for alias in found["aliases"]}
    if aliases != {index.name for index in index_check.indexes(search)}:
        delete_indexes()
        report = healing.heal()
        assert report.engine == "ok" and len(report.rebuilt) == len(report.states)
    else:
        delete_hub_pages(search)
    KeptWrite.objects.all().delete()  # what building the page skeleton kept
    index_check.forget_states(search)
    mail.outbox.clear()
    return SEARCH_URL


def backend():
    return get_search_backend("default")


def engine_finds(query):
    """Practices the engine itself finds (no fallback), after a refresh."""
    search = backend()
    search.es.indices.refresh(index=f"{PREFIX}_*")
    return list(search.search(query, PracticePage.objects.live(), operator="and"))


def in_engine(page) -> bool:
    search = backend()
    search.es.indices.refresh(index=PAGE_INDEX)
    return bool(search.es.exists(index=PAGE_INDEX, id=str(page.pk)))


def engine_count() -> int:
    search = backend()
    search.es.indices.refresh(index=PAGE_INDEX)
    return search.es.count(index=PAGE_INDEX)["count"]


def test_publish_during_an_outage_is_found_after_the_heal(
    settings, engine, django_user_model
):
    coordinator = make_user(django_user_model, "coord", coordinators())
    use_engine(settings, closed_port_url())
    page = PracticePageFactory(language="fr", title="Ruches communales")
    page.save_revision().publish()
    assert kept()[("wagtailcore.Page", str(page.pk))][0] == "index"

    use_engine(settings, engine)
    assert engine_finds("ruches") == []  # the outage's write is missing
    report = healing.heal()
    assert (report.engine, report.rebuilt, report.left) == ("ok", [], 0)
    assert report.replayed >= 1
    assert engine_finds("ruches") == [page]
    assert kept() == {}
    # The coordination hears of it once, not per write, not on the next heal.
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert healing.heal().notified == 0
    assert len(mail.outbox) == 1


def test_delete_during_an_outage_is_replayed(settings, engine):
    page = PracticePageFactory(language="fr", title="Jardin partagé")
    page.save_revision().publish()
    assert in_engine(page)
    pk = page.pk

    use_engine(settings, closed_port_url())
    page.delete()
    assert kept()[("wagtailcore.Page", str(pk))][0] == "delete"

    use_engine(settings, engine)
    assert in_engine(Page(pk=pk))  # still there: the delete was missed
    report = healing.heal()
    assert report.deleted == 1 and report.left == 0
    assert not in_engine(Page(pk=pk))
    assert kept() == {}


def test_a_reset_engine_is_rebuilt_behind_its_alias(
    settings, engine, client, django_user_model
):
    """Every index deleted (an engine that came back empty): /readyz says
    degraded and asks for a heal, which rebuilds each index behind its alias;
    then /readyz says ok, every page is found, the coordination is told once."""
    coordinator = make_user(django_user_model, "coord", coordinators(), language="ar")
    pages = [
        PracticePageFactory(language="fr", title=f"Compostage quartier {n}")
        for n in range(3)
    ]
    for page in pages:
        page.save_revision().publish()
    # The engine goes down and comes back empty (reset, lost volume).
    use_engine(settings, closed_port_url())
    code, body = readyz(client)
    assert (code, body["checks"]["engine"]) == (200, "degraded")
    delete_indexes()
    use_engine(settings, engine)
    search = backend()
    assert not search.es.indices.exists_alias(name=PAGE_INDEX)

    code, body = readyz(client)  # the immediate task backend heals here
    assert (code, body["status"], body["checks"]["engine"]) == (
        200,
        "degraded",
        "degraded",
    )
    assert search.es.indices.exists_alias(name=PAGE_INDEX)
    assert not search.es.indices.exists(index=f"{PAGE_INDEX}_auto")
    code, body = readyz(client)
    assert (code, body["status"], body["checks"]["engine"]) == (200, "ok", "ok")
    assert sorted(engine_finds("compostage"), key=lambda p: p.pk) == pages
    assert engine_count() == Page.objects.count()
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert mail.outbox[0].subject.startswith("البحث")  # in the coordinator's Arabic


def test_a_hundred_probes_enqueue_one_heal(settings, engine, client, tmp_path):
    """With tasks run by a worker (django-tasks' dummy backend keeps them
    unrun): every probe says degraded while kept writes wait, and only one heal
    task is enqueued; once the worker ran it, the next probe says ok."""
    settings.MEDIA_ROOT = tmp_path
    use_engine(settings, closed_port_url())
    page = PracticePageFactory(language="fr", title="Repair café")
    page.save_revision().publish()
    assert KeptWrite.objects.exists()
    use_engine(settings, engine)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }

    answers = {readyz(client)[1]["checks"]["engine"] for _ in range(100)}
    assert answers == {"degraded"}
    (enqueued,) = default_task_backend.results
    assert enqueued.task.func is healing.heal_search_task.func
    summary = enqueued.task.call()  # what the worker does
    assert summary["left"] == 0 and summary["replayed"] >= 1
    assert readyz(client)[1]["checks"]["engine"] == "ok"
    assert engine_finds("repair") == [page]
    # Engine trouble again right after: kept again, but the next heal waits a
    # minute (what a heal could not repair is not retried at every probe).
    use_engine(settings, closed_port_url())
    backend().add(page)  # the index task, as the worker would run it
    assert KeptWrite.objects.exists()
    use_engine(settings, engine)
    assert readyz(client)[1]["checks"]["engine"] == "degraded"
    assert len(default_task_backend.results) == 1
    cache.delete(healing.ENQUEUED_KEY)  # a minute later
    assert readyz(client)[1]["checks"]["engine"] == "degraded"
    assert len(default_task_backend.results) == 2


def test_a_short_index_is_rebuilt(settings, engine):
    pages = [
        PracticePageFactory(language="fr", title=f"Potager scolaire {n}")
        for n in range(SHORT_GAP + 3)
    ]
    for page in pages:
        page.save_revision().publish()
    search = backend()
    total = Page.objects.count()
    assert engine_count() == total
    doomed = [{"_op_type": "delete", "_id": str(p.pk)} for p in pages]
    search.bulk(search.es, doomed, index=PAGE_INDEX, refresh=True)
    assert engine_count() == total - len(pages)

    report = healing.heal()
    assert [name for name, _ in report.rebuilt] == [PAGE_INDEX], report.states[0]
    assert engine_count() == total
    assert len(engine_finds("potager")) == len(pages)
    # A handful missing is left to the kept writes, not rebuilt.
    search.bulk(search.es, doomed[:SHORT_GAP], index=PAGE_INDEX, refresh=True)
    assert healing.heal().rebuilt == []


def test_a_write_during_the_rebuild_is_not_lost(settings, engine, monkeypatch):
    """A page published while the index is being rebuilt (after the rebuild read
    the database, before the alias switch) is written to the index about to be
    replaced: it is kept and replayed after the switch."""
    late = []
    finish = EngineAtomicIndexRebuilder.finish

    def publish_then_finish(rebuilder):
        if rebuilder.alias.name == PAGE_INDEX and not late:
            page = PracticePageFactory(language="fr", title="Verger municipal")
            page.save_revision().publish()
            late.append(page)
        finish(rebuilder)

    monkeypatch.setattr(EngineAtomicIndexRebuilder, "finish", publish_then_finish)
    delete_indexes()
    report = healing.heal()
    assert PAGE_INDEX in [name for name, _ in report.rebuilt]
    assert late and engine_finds("verger") == late
    assert kept() == {}


# --- no engine needed -----------------------------------------------------------------


def test_one_row_per_object_the_latest_action_wins():
    page = PracticePageFactory(language="fr", title="Bibliothèque de rue")
    assert kept_writes.keep([page], KeptWrite.INDEX) == 1
    assert kept_writes.keep([page.page_ptr], KeptWrite.DELETE) == 1
    assert kept() == {("wagtailcore.Page", str(page.pk)): ("delete", 2)}
    kept_writes.written([page], KeptWrite.INDEX)
    assert kept() == {}


def test_a_write_during_a_rebuild_is_kept_even_when_it_succeeds():
    page = PracticePageFactory(language="fr", title="Bibliothèque de rue")
    cache.set(kept_writes.REBUILDING_KEY, True, 60)
    kept_writes.written([page], KeptWrite.INDEX)
    assert kept() == {("wagtailcore.Page", str(page.pk)): ("index", 1)}


def test_keeping_never_breaks_the_callers_transaction(settings, caplog):
    """The table gone (a real database error): the editor's publish, inside its
    own transaction, still succeeds — the failed keep rolled back its savepoint
    only (on PostgreSQL the transaction would be aborted otherwise)."""
    page = PracticePageFactory(language="fr", title="Fête des voisins")
    use_engine(settings, closed_port_url())
    with caplog.at_level("ERROR", logger="search.kept_writes"):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE {KeptWrite._meta.db_table}")
            page.title = "Fête des voisins du quartier"
            page.save_revision().publish()
            assert Page.objects.filter(pk=page.pk, live=True).exists()
            transaction.set_rollback(True)  # the table comes back
    assert "Could not keep the failed search-engine write" in caplog.text


def test_the_command_without_an_engine(settings):
    use_database_only(settings)
    out = _call("heal_search_index")
    assert "No search engine is configured" in out


def test_the_command_with_the_engine_down(settings):
    use_engine(settings, closed_port_url())
    PracticePageFactory(language="fr", title="Atelier vélo")
    left = KeptWrite.objects.count()
    assert left >= 1
    with pytest.raises(CommandError, match=f"{left} kept write"):
        _call("heal_search_index")
    assert KeptWrite.objects.count() == left


def test_readyz_says_off_without_an_engine(settings, client, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    use_database_only(settings)
    code, body = readyz(client)
    assert (code, body["checks"]["engine"]) == (200, "off")


def test_the_coordination_is_told_in_each_ones_language(django_user_model):
    french = make_user(django_user_model, "coord-fr", coordinators(), language="fr")
    arabic = make_user(django_user_model, "coord-ar", coordinators(), language="ar")
    make_user(django_user_model, "someone")  # not a coordinator
    report = healing.HealReport(
        rebuilt=[(PAGE_INDEX, 12)], replayed=3, deleted=1, outage_since=timezone.now()
    )
    assert heal_notice.notify_coordination(report) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {french.email, arabic.email}
    fr, ar = by_address[french.email], by_address[arabic.email]
    assert fr.subject.startswith("Recherche")
    assert "Modifications rattrapées : 4" in fr.body
    assert "Index reconstruits : 1" in fr.body
    assert ar.subject.startswith("البحث")
    assert "4" in ar.body and "Recherche" not in ar.body
    for message in (fr, ar):  # nothing for operators only
        assert PAGE_INDEX not in message.body and "127.0.0.1" not in message.body


def test_the_dashboard_says_search_is_degraded_while_writes_wait(
    settings, client, django_user_model
):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    client.force_login(admin)
    dashboard = reverse("wagtailadmin_home")
    use_engine(settings, closed_port_url())
    assert "Recherche en mode simplifié" not in client.get(dashboard).text
    PracticePageFactory(language="fr", title="Grainothèque")
    count = KeptWrite.objects.count()
    assert count >= 1
    page = client.get(dashboard).text
    assert "Recherche en mode simplifié" in page
    assert f"Modifications en attente d'indexation : {count}." in page
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "ar"
    profile.save()
    assert "البحث في الوضع المبسّط" in client.get(dashboard).text
    use_database_only(settings)  # no engine: nothing to say
    assert "البحث في الوضع المبسّط" not in client.get(dashboard).text


@pytest.mark.parametrize(
    ("documents", "objects", "rebuild"),
    [
        (None, 0, True),  # missing
        (100, 100, False),
        (95, 100, False),  # within 90 %
        (80, 100, True),
        (2, 2 + SHORT_GAP, False),  # clearly short in ratio, but a handful
        (1, 2 + SHORT_GAP, True),
    ],
)
def test_what_needs_a_rebuild(documents, objects, rebuild):
    assert IndexState("i", documents, objects).needs_rebuild is rebuild


def _call(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
