"""Shared fixtures: a test database that already holds the site skeleton and the
programme's vocabularies, because every page needs them."""

import os
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from home.site_structure import ensure_site
from practices.publishing.roles import ensure_roles
from programme.loader import load_taxonomy

TAXONOMY = Path(__file__).resolve().parents[1] / "programme/data/taxonomy.json"
# "1" (or "all"): every service is required; otherwise a comma-separated list of the
# services this CI lane provides (browser, gettext, engine, redis, postgres, s3).
# Locally: none.
REQUIRED = {s.strip() for s in os.environ.get("REQUIRE_SERVICES", "").split(",") if s}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_site()
        load_taxonomy(TAXONOMY)
        ensure_roles()  # groups, commune sections, collections, workflows
        snapshot_the_skeleton()


def snapshot_the_skeleton():
    """The snapshot a ``serialized_rollback`` test restores after the flush of
    the transactional test before it is taken by Django right after the
    migrations: retaken here, with the skeleton, so that such a test finds the
    site, the vocabularies and the roles already there (rebuilding them cost
    each browser test about 4 s). Only where Django took one (a test of the run
    asks for ``serialized_rollback``)."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if hasattr(connection, "_test_serialized_contents"):
            creation = connection.creation
            connection._test_serialized_contents = creation.serialize_db_to_string()


def skeleton_restored(request):
    """Whether this test starts from that snapshot, the skeleton included: a
    ``serialized_rollback`` test. A transactional test without it starts from
    an empty database and builds the skeleton itself."""
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback"))


@pytest.fixture(autouse=True)
def fresh_content_version():
    """Each test starts at a new content version (hub.content_version): a
    fragment cached by an earlier test, whose pages were rolled back and whose
    ids are reused, is never served to this one."""
    from django.core.cache import cache

    from hub.content_version import content_version

    cache.delete(content_version.key)


def require_service(available, reason, service):
    """Skip when ``service`` is absent — or fail when the CI lane says it provides
    it (REQUIRE_SERVICES), so that a lane can never silently skip there."""
    if available:
        return
    if REQUIRED & {"1", "all", service}:
        pytest.fail(f"{reason} (REQUIRE_SERVICES={','.join(sorted(REQUIRED))})")
    pytest.skip(reason)


S3_STORAGE = "hub.media_storage.PrivateMediaStorage"


def media_on_s3():
    """Whether the media storage of these settings is S3 (MEDIA_S3_BUCKET set)."""
    return settings.STORAGES["default"]["BACKEND"] == S3_STORAGE


def s3_answers(endpoint_url):
    """Whether an S3 server answers HTTP at ``endpoint_url`` (moto: any answer)."""
    if not endpoint_url:
        return False
    try:
        urllib.request.urlopen(endpoint_url, timeout=2).close()
    except urllib.error.HTTPError:
        return True  # it answered, with an error status: it is there
    except OSError:
        return False
    return True


def require_s3():
    """The S3 peer of MEDIA_S3_ENDPOINT_URL (moto in the S3 lane): skip without
    it, fail when REQUIRE_SERVICES names ``s3``."""
    endpoint = settings.MEDIA_S3_ENDPOINT_URL
    require_service(
        s3_answers(endpoint),
        f"no S3 peer answers at MEDIA_S3_ENDPOINT_URL ({endpoint or 'not set'})",
        "s3",
    )
    return endpoint


@pytest.fixture(autouse=True)
def media_key_prefix():
    """S3 lane only (media on S3): each test stores its files under its own key
    prefix of the lane's bucket, and they are deleted after it — as each test
    on local disk gets its own MEDIA_ROOT (``isolated_media_root``): names
    never collide between tests, xdist workers or runs. Fails when the lane
    requires ``s3`` and the bucket is not there."""
    if not media_on_s3():
        if "s3" in REQUIRED:
            pytest.fail("REQUIRE_SERVICES names s3 but MEDIA_S3_BUCKET is not set")
        yield
        return
    from django.core.files.storage import default_storage
    from django.test import override_settings

    require_s3()
    default = settings.STORAGES["default"]
    location = f"{default['OPTIONS'].get('location', 'test')}/{uuid.uuid4().hex[:12]}"
    options = {**default["OPTIONS"], "location": location}
    with override_settings(
        STORAGES={**settings.STORAGES, "default": {**default, "OPTIONS": options}}
    ):
        yield
        default_storage.bucket.objects.filter(Prefix=f"{location}/").delete()


@pytest.fixture(autouse=True)
def engine_page_index(request, monkeypatch):
    """Engine lane only (``SEARCH_BACKEND`` is an engine): each test that uses the
    database starts with no hub page in the engine's page index, and every search
    sees the writes made before it.

    The database rolls back after each test, the engine does not: page ids are
    reused by the next test, so a document left behind would answer for another
    page. So the documents of hub pages (practice, template, training) are deleted
    at the start of each such test (the index, its mappings and the other pages'
    documents stay). And the engine makes writes searchable about once a second,
    later than a test searches: the engine backends with this process's index
    prefix refresh its indexes (``_refresh``) before each search. On the database
    backend this does nothing: its index table rolls back with the rest.
    """
    from django.utils.module_loading import import_string

    from hub.search_backends import ENGINE_BACKENDS
    from hub.settings import test as test_settings

    config = test_settings.WAGTAILSEARCH_BACKENDS["default"]
    if config["BACKEND"] not in ENGINE_BACKENDS.values():
        yield
        return
    from search.backends.engine import INDEX_NOT_FOUND, is_error_type

    prefix = config["INDEX_PREFIX"]
    backend_class = import_string(config["BACKEND"])
    backend = backend_class({k: v for k, v in config.items() if k != "BACKEND"})
    search = backend_class._search

    def refresh_then_search(self, *args, **kwargs):
        if self.index_prefix == prefix:
            self.es.indices.refresh(index=f"{prefix}*", allow_no_indices=True)
        return search(self, *args, **kwargs)

    monkeypatch.setattr(backend_class, "_search", refresh_then_search)

    uses_db = request.node.get_closest_marker("django_db") or (
        {"db", "transactional_db"} & set(request.fixturenames)
    )
    if uses_db:
        try:
            delete_hub_pages(backend)
        except backend.transport_errors as exc:
            if not is_error_type(exc, INDEX_NOT_FOUND):
                raise  # no page index yet: the first page written creates it
    yield


def delete_hub_pages(backend):
    """Delete the hub pages' documents from ``backend``'s page index and make it
    visible. A search for their ids and a bulk delete: the OpenSearch of the lane
    (the integ-test zip) has no reindex module, hence no ``_delete_by_query``."""
    from wagtail.models import Page

    from practices import content_types

    alias = backend.get_index_for_model(Page).name
    types = [f"{m._meta.app_label}.{m.__name__}" for m in content_types.models()]
    backend.es.indices.refresh(index=alias)
    hits = backend.es.search(
        index=alias,
        body={
            "query": {"terms": {"_django_content_type": types}},
            "_source": False,
            "size": 10_000,
        },
    )["hits"]["hits"]
    if hits:
        actions = [{"_op_type": "delete", "_id": hit["_id"]} for hit in hits]
        backend.bulk(backend.es, actions, index=alias, refresh=True)


@pytest.fixture(autouse=True)
def french_by_default():
    """Every test starts in the source language: a request to an /ar/ page leaves
    Arabic active in the thread, which would leak into the next test's messages."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


# The browser lane's session fixtures, defined once for every module (at the
# end: they import require_service from here).
from tests.browser_fixtures import chromium, demo  # noqa: E402, F401
