"""Shared fixtures: a test database that already holds the site skeleton and the
programme's vocabularies, because every page needs them."""

import os
from pathlib import Path

import pytest

from practices.site_structure import ensure_site
from practices.taxonomy_loader import load_taxonomy

TAXONOMY = Path(__file__).resolve().parents[1] / "practices/demo/taxonomy.json"
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_site()
        load_taxonomy(TAXONOMY)


def require_service(available, reason):
    """Skip when a lane's service is absent — or fail, in CI (REQUIRE_SERVICES=1),
    so that a lane can never silently skip there."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)
