"""Personal data (issue #16, item 7): a privacy notice in both languages that
quotes the retention the purge applies; a member downloads what is kept about
them and deletes their account; old sign-in records and query counts are
purged by a command."""

import datetime
import json

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.contrib.search_promotions.models import (
    Query,
    QueryDailyHits,
    SearchPromotion,
)
from wagtail.models import Comment, Page

from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(django_user_model):
    user = django_user_model.objects.create_user(
        "amina",
        email="amina@example.org",
        password="mot-de-passe-agent",
        first_name="Amina",
        last_name="Tazi",
    )
    return user


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_privacy_notice_quotes_the_retention_the_purge_applies(
    client, settings, language
):
    settings.SIGN_IN_RECORDS_RETENTION_DAYS = 45
    settings.SEARCH_QUERIES_RETENTION_DAYS = 200
    html = client.get(f"/{language}/confidentialite/").content.decode()
    assert "45" in html and "200" in html
    assert ("09-08" in html) and ("RGPD" in html or "العامة لحماية" in html)
    footer = client.get(f"/{language}/").content.decode()
    assert f'href="/{language}/confidentialite/"' in footer


def test_account_pages_need_a_login(client):
    for url in ("/fr/compte/", "/fr/compte/mes-donnees.json", "/fr/compte/supprimer/"):
        response = client.get(url)
        assert response.status_code == 302 and "/compte/connexion/" in response.url


def test_a_member_downloads_what_is_kept_about_them(
    member, member_client, django_user_model
):
    page = PracticePageFactory(
        title="Conseil des jeunes", commune="tanger", owner=member
    )
    page.save_revision(user=member)
    Comment.objects.create(page=page, user=member, text="À relire", contentpath="title")
    AccessLog.objects.create(
        username="amina", ip_address="192.0.2.1", user_agent="Phone"
    )
    other = django_user_model.objects.create_user("karim", password="x")
    AccessLog.objects.create(username="karim", ip_address="192.0.2.9", user_agent="X")
    Comment.objects.create(
        page=page, user=other, text="Secret de Karim", contentpath="title"
    )
    response = member_client.get("/fr/compte/mes-donnees.json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "amina@example.org"
    assert [p["title"] for p in data["pages_owned"]] == ["Conseil des jeunes"]
    assert len(data["versions_written"]) == 1
    assert [c["text"] for c in data["comments"]] == ["À relire"]
    addresses = [r["address"] for r in data["sign_in_records"]]
    assert "192.0.2.1" in addresses and "192.0.2.9" not in addresses
    assert "karim" not in response.content.decode().lower()
    page_html = member_client.get("/ar/compte/").content.decode()
    assert (
        "/fr/compte/mes-donnees.json" in page_html
        or "/ar/compte/mes-donnees.json" in page_html
    )


def test_a_wrong_password_deletes_nothing(member, member_client):
    response = member_client.post(
        "/fr/compte/supprimer/", {"password": "pas-le-bon", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert type(member).objects.filter(pk=member.pk).exists()


def test_deleting_the_account_keeps_the_publications_without_the_name(
    member, member_client
):
    page = PracticePageFactory(
        title="Conseil des jeunes", commune="tanger", owner=member
    )
    Comment.objects.create(page=page, user=member, text="À relire", contentpath="title")
    AccessAttempt.objects.create(
        username="amina",
        ip_address="192.0.2.1",
        user_agent="Phone",
        failures_since_start=1,
    )
    response = member_client.post(
        "/fr/compte/supprimer/", {"password": "mot-de-passe-agent", "confirm": "on"}
    )
    assert response.status_code == 302 and response.url.endswith("/compte/supprime/")
    assert not type(member).objects.filter(pk=member.pk).exists()
    assert Page.objects.get(pk=page.pk).owner is None
    assert not Comment.objects.filter(text="À relire").exists()
    assert not AccessAttempt.objects.filter(username="amina").exists()
    assert member_client.get("/fr/compte/").status_code == 302  # logged out


def test_an_administrator_cannot_delete_themself(django_user_model):
    admin = django_user_model.objects.create_superuser("chef", "", "x")
    client = Client()
    client.force_login(admin)
    response = client.post("/fr/compte/supprimer/", {"password": "x", "confirm": "on"})
    assert response.status_code == 403
    assert django_user_model.objects.filter(pk=admin.pk).exists()


def test_purge_erases_old_records_and_keeps_recent_ones_and_promotions(settings):
    settings.SIGN_IN_RECORDS_RETENTION_DAYS = 90
    settings.SEARCH_QUERIES_RETENTION_DAYS = 365
    now = timezone.now()
    old = AccessLog.objects.create(username="a", ip_address="192.0.2.1", user_agent="")
    AccessLog.objects.filter(pk=old.pk).update(
        attempt_time=now - datetime.timedelta(days=91)
    )
    recent = AccessLog.objects.create(
        username="b", ip_address="192.0.2.2", user_agent=""
    )
    forgotten = Query.get("budget participatif")
    QueryDailyHits.objects.create(
        query=forgotten, date=(now - datetime.timedelta(days=400)).date(), hits=3
    )
    promoted = Query.get("femmes")
    QueryDailyHits.objects.create(
        query=promoted, date=(now - datetime.timedelta(days=400)).date(), hits=1
    )
    SearchPromotion.objects.create(
        query=promoted, page=Page.objects.filter(depth=2).first(), sort_order=0
    )
    kept = Query.get("jeunes")
    QueryDailyHits.objects.create(query=kept, date=now.date(), hits=2)
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Query.objects.filter(pk=forgotten.pk).exists()
    assert Query.objects.filter(pk=promoted.pk).exists()
    assert QueryDailyHits.objects.filter(query=kept).count() == 1
