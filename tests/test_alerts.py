"""Alerts (issue #16, item 2): a member follows a theme, a commune, a public or
a saved search and receives the new and updated fiches by e-mail — weekly
through the command, or as soon as a page is published — in their language,
never twice, never what they may not see; one-click unsubscribe without
login; the follows go with the account and come with the member's data."""

import io
import json
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.users.models import UserProfile

from alerts.models import Follow, SentAlert
from tests.factories import PracticePageFactory, TemplatePageFactory
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db

THEME = "participation-citoyenne"
LRI, PDI = "\u2066", "\u2069"


def member(django_user_model, name, partner=False, language=None):
    user = django_user_model.objects.create_user(
        name, email=f"{name}@example.org", password="mot-de-passe-1"
    )
    if partner:
        user.groups.add(role_group("partners"))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def logged_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def follow(client, kind, value, language="fr", status=302):
    response = client.post(
        f"/{language}/compte/alertes/suivre/",
        {"kind": kind, "value": value, "next": f"/{language}/pratiques/"},
    )
    assert response.status_code == status
    return response


def partners_only(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([role_group("partners")])


def digests():
    mail.outbox.clear()
    call_command("send_alert_digests", stdout=io.StringIO())
    return {message.to[0]: message for message in mail.outbox}


def test_a_member_follows_changes_and_stops_through_the_views(django_user_model):
    amina = member(django_user_model, "amina")
    client = logged_in(amina)
    PracticePageFactory(title="Conseil des jeunes", commune="tanger", themes=[THEME])
    listing = client.get(f"/fr/pratiques/?theme={THEME}").content.decode()
    assert "Suivre « Participation citoyenne »" in listing
    assert 'action="/fr/compte/alertes/suivre/"' in listing
    response = follow(client, "theme", THEME)
    assert response.url == "/fr/pratiques/"
    follow(client, "theme", THEME)  # twice: still one follow
    follow(client, "search", "q=conseil&page=3&sort=date&theme=" + THEME)
    refused = follow(client, "theme", "pas-un-theme", status=400)
    assert "Impossible de suivre ceci" in refused.content.decode()
    refused = follow(client, "commune", "nulle-part", language="ar", status=400)
    assert "تعذرت المتابعة" in refused.content.decode()
    follow(client, "search", "page=2&sort=date", status=400)  # everything
    assert Follow.objects.filter(user=amina).count() == 2
    assert "Vous suivez « Participation citoyenne »" in (
        client.get(f"/fr/pratiques/?theme={THEME}").content.decode()
    )
    search = client.get(f"/fr/search/?q=conseil&theme={THEME}").content.decode()
    assert "Vous suivez cette recherche" in search
    page = client.get("/fr/compte/alertes/").content.decode()
    assert "Participation citoyenne" in page and "conseil" in page
    assert "Hebdomadaire" in page and "Immédiate" in page
    assert 'href="/fr/compte/alertes/"' in client.get("/fr/compte/").content.decode()
    theme = Follow.objects.get(user=amina, kind="theme")
    client.post(f"/fr/compte/alertes/{theme.pk}/frequence/", {"frequency": "immediate"})
    theme.refresh_from_db()
    assert theme.frequency == "immediate"
    client.post(f"/fr/compte/alertes/{theme.pk}/arreter/")
    assert list(Follow.objects.filter(user=amina).values_list("kind", flat=True)) == [
        "search"
    ]
    # Another member's follow cannot be touched; a visitor must log in.
    other = logged_in(member(django_user_model, "karim"))
    search_follow = Follow.objects.get(user=amina)
    assert (
        other.post(f"/fr/compte/alertes/{search_follow.pk}/arreter/").status_code == 404
    )
    anonymous = Client().post("/fr/compte/alertes/suivre/", {"kind": "theme"})
    assert anonymous.status_code == 302 and "/compte/connexion/" in anonymous.url
    assert Client().get("/fr/pratiques/?theme=" + THEME).content.count(b"Suivre") == 0


def test_the_weekly_digest_sends_what_each_member_may_see_once(django_user_model):
    partner = member(django_user_model, "sophie", partner=True)
    agent = member(django_user_model, "agent")
    for user in (partner, agent):
        follow(logged_in(user), "theme", THEME)
    follow(logged_in(partner), "commune", "tanger")  # the same fiche, twice matched
    public = PracticePageFactory(
        title="Conseil des jeunes", commune="tanger", themes=[THEME]
    )
    private = PracticePageFactory(
        title="Budget réservé", commune="tanger", themes=[THEME]
    )
    partners_only(private)
    template = TemplatePageFactory(title="Modèle de charte", themes=[THEME])
    PracticePageFactory(title="Accueil des migrants", themes=["accueil-migrants"])
    PracticePageFactory(title="مجلس الشباب", language="ar", themes=[THEME])

    sent = digests()
    assert set(sent) == {"sophie@example.org", "agent@example.org"}
    to_partner, to_agent = sent["sophie@example.org"], sent["agent@example.org"]
    for title in ("Conseil des jeunes", "Budget réservé", "Modèle de charte"):
        assert title in to_partner.body
    assert "Budget réservé" not in to_agent.body
    assert "Conseil des jeunes" in to_agent.body and "Modèle de charte" in to_agent.body
    for message in sent.values():
        assert "Accueil des migrants" not in message.body
        assert "مجلس الشباب" not in message.body  # followed in French
        assert message.body.count("Conseil des jeunes") == 1
        assert "[Nouveau]" in message.body and "Mise à jour" not in message.body
        assert public.get_url(None) in message.body
        assert message.subject.startswith("Passerelle : ")
        assert message.content_subtype == "plain"
        unsubscribe = message.extra_headers["List-Unsubscribe"]
        assert (
            unsubscribe.startswith("<http")
            and "/fr/compte/alertes/desabonnement/" in unsubscribe
        )
        assert message.extra_headers["List-Unsubscribe-Post"] == (
            "List-Unsubscribe=One-Click"
        )
    assert "3 fiches" in to_partner.subject
    assert digests() == {}  # run again: nothing twice

    public.title = "Conseil des jeunes (bilan)"
    public.save_revision().publish()
    sent = digests()
    assert set(sent) == {"sophie@example.org", "agent@example.org"}
    for message in sent.values():
        assert "[Mise à jour]" in message.body and "(bilan)" in message.body
        assert "Modèle de charte" not in message.body
    assert digests() == {}
    assert template.pk in SentAlert.objects.values_list("page_id", flat=True)


def test_a_digest_is_in_the_members_language_with_isolated_values(django_user_model):
    nadia = member(django_user_model, "nadia", language="ar")
    follow(logged_in(nadia), "theme", THEME, language="ar")
    PracticePageFactory(title="Conseil des jeunes", themes=[THEME])
    PracticePageFactory(title="Budget 2024", language="ar", themes=[THEME])
    message = digests()["nadia@example.org"]
    assert "Conseil des jeunes" not in message.body  # French content: not followed
    assert "\u2068Budget 2024\u2069" in message.body  # Latin title, isolated
    assert "مرحبا" in message.body or "السلام" in message.body
    assert f"{LRI} http" in message.body and f" {PDI}" in message.body
    assert "Passerelle" in message.subject and "بطاق" in message.subject


def test_an_immediate_follow_is_sent_when_a_page_is_published(
    django_user_model, django_capture_on_commit_callbacks
):
    amina = member(django_user_model, "amina")
    weekly = member(django_user_model, "weekly")
    follow(logged_in(amina), "public", "youth")
    follow(logged_in(weekly), "public", "youth")
    Follow.objects.filter(user=amina).update(frequency="immediate")
    page = PracticePageFactory(title="Conseil des jeunes", target_publics=["youth"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    assert "Conseil des jeunes" in mail.outbox[0].body
    assert "amina@example.org" not in digests()  # already sent: not in the week's


def test_unsubscribe_works_without_login_after_a_confirmation(django_user_model):
    amina = member(django_user_model, "amina")
    follow(logged_in(amina), "theme", THEME)
    PracticePageFactory(title="Conseil des jeunes", themes=[THEME])
    header = digests()["amina@example.org"].extra_headers["List-Unsubscribe"]
    path = "/" + header.strip("<>").split("/", 3)[3]
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(path)  # a mail scanner's prefetch: nothing happens
    assert page.status_code == 200 and "Arrêter mes alertes" in page.content.decode()
    assert Follow.objects.filter(user=amina).exists()
    arabic = visitor.get(path.replace("/fr/", "/ar/"))
    assert arabic.status_code == 200 and 'lang="ar"' in arabic.content.decode()
    response = visitor.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Follow.objects.filter(user=amina).exists()
    for language in ("fr", "ar"):
        tampered = visitor.post(path.replace("/fr/", f"/{language}/")[:-3] + "xx/")
        assert tampered.status_code == 400
        html = tampered.content.decode()
        assert f'lang="{language}"' in html and "<h1>" in html
    assert visitor.get("/fr/compte/alertes/desabonnement/n'importe/").status_code == 400


def test_the_follows_go_with_the_account_and_come_with_its_data(django_user_model):
    amina = member(django_user_model, "amina")
    client = logged_in(amina)
    follow(client, "theme", THEME)
    PracticePageFactory(title="Conseil des jeunes", themes=[THEME])
    digests()
    data = json.loads(client.get("/fr/compte/mes-donnees.json").content)
    assert data["alerts"]["follows"][0]["value"] == THEME
    assert len(data["alerts"]["sent"]) == 1
    client.post(
        "/fr/compte/supprimer/", {"password": "mot-de-passe-1", "confirm": "on"}
    )
    assert not django_user_model.objects.filter(username="amina").exists()
    assert Follow.objects.count() == 0 and SentAlert.objects.count() == 0


def test_the_purge_erases_old_sent_records(django_user_model, settings):
    amina = member(django_user_model, "amina")
    page = PracticePageFactory(title="Conseil des jeunes")
    old = SentAlert.objects.create(user=amina, page=page, published_at=timezone.now())
    SentAlert.objects.filter(pk=old.pk).update(
        sent_at=timezone.now() - timedelta(days=settings.ALERTS_SENT_RETENTION_DAYS + 1)
    )
    recent = SentAlert.objects.create(
        user=amina, page=page, published_at=timezone.now() - timedelta(days=1)
    )
    call_command("purge_personal_data", stdout=io.StringIO())
    assert list(SentAlert.objects.values_list("pk", flat=True)) == [recent.pk]


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPDataError(554, b"refused")


def test_a_refused_mail_is_sent_at_the_next_run(django_user_model, settings):
    amina = member(django_user_model, "amina")
    follow(logged_in(amina), "theme", THEME)
    PracticePageFactory(title="Conseil des jeunes", themes=[THEME])
    settings.EMAIL_BACKEND = "tests.test_alerts.RefusingBackend"
    assert digests() == {} and not SentAlert.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "Conseil des jeunes" in digests()["amina@example.org"].body
