"""A PostgreSQL restart costs no request an error (issue #12, part 1).

Workers keep their database connection between requests (``CONN_MAX_AGE``).
When PostgreSQL restarts, every kept connection is dead; without
``CONN_HEALTH_CHECKS`` the next request of each worker fails on it (a 500) and
only then is it replaced. With it, Django checks a kept connection at the start
of a request (``request_started`` → ``close_old_connections``) and reconnects.

A restart is what ``pg_terminate_backend`` does to one connection: the server
ends it under the client's feet. PostgreSQL lane only (CI requires it there).
"""

import psycopg
import pytest
from django.db import close_old_connections, connection
from wagtail.models import Page

from tests.conftest import require_service

# serialized_rollback, as every transactional test here: the database is
# restored for the tests after it (a plain flush re-creates content types).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def kill(backend_pid):
    """End one server process from another connection, as a restart would."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [backend_pid])


def test_the_next_request_reconnects_after_the_connection_died():
    require_service(connection.vendor == "postgresql", "not on PostgreSQL", "postgres")
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["CONN_MAX_AGE"] > 0
    count = Page.objects.count()
    kill(connection.connection.info.backend_pid)
    close_old_connections()  # what Django does as each request starts
    assert Page.objects.count() == count
