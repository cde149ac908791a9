"""Alerts never go twice, even when two digest runs meet (issue #16, item 2):
the weekly batch and an immediate alert, in two workers, for the same member.

On PostgreSQL (production's database; SQLite runs one writer at a time): a
first run holds the member's digest — it has recorded the publication and not
yet committed — while a second run starts. The second must wait for the first
and then find the publication sent, not send it again."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, transaction

from alerts.digests import send_digest
from alerts.models import Follow, SentAlert
from tests.conftest import require_service
from tests.factories import PracticePageFactory
from tests.test_background_tasks import hub_site  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_second_run_waits_for_the_first_and_sends_nothing(hub_site):  # noqa: F811
    require_service(connection.vendor == "postgresql", "not on PostgreSQL", "postgres")
    user = get_user_model().objects.create_user(
        "sophie", email="sophie@example.org", password="mot-de-passe-1"
    )
    follow = Follow.objects.create(
        user=user, kind="theme", value="participation-citoyenne", language="fr"
    )
    page = PracticePageFactory(
        title="Conseil des jeunes", themes=["participation-citoyenne"]
    )
    holding, release, failures = threading.Event(), threading.Event(), []

    def first_run():
        """What a first run does inside its member's digest: lock, record."""
        try:
            with transaction.atomic():
                get_user_model().objects.select_for_update().get(pk=user.pk)
                SentAlert.objects.create(
                    user=user, page_id=page.pk, published_at=page.last_published_at
                )
                holding.set()
                release.wait(10)
        except Exception as error:  # noqa: BLE001 (reported by the test, not lost)
            failures.append(error)
        finally:
            holding.set()
            connection.close()

    thread = threading.Thread(target=first_run)
    thread.start()
    assert holding.wait(10)
    mail.outbox.clear()
    second = threading.Thread(
        target=lambda: (send_digest(user, [follow]), connection.close())
    )
    second.start()
    second.join(1)
    assert second.is_alive(), "the second run did not wait for the first"
    release.set()
    thread.join(10)
    second.join(10)
    assert not failures
    assert mail.outbox == []
    assert SentAlert.objects.filter(user=user).count() == 1
