"""Contact persons: shown with mailto:/tel: links when they chose so, reached
through a contact form otherwise — a form that never shows their address (not
on the programme page, the form, its errors, the success or the 429 page),
delivers the message to them with the sender as Reply-To, and refuses the
N+1th post from one address with a 429 that sends nothing. Commune pages list
their commune's contacts."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from programme.models import Commune, Contact
from tests.factories import (
    isolated_media_root,  # noqa: F401 (autouse fixture)
    locale,
)
from tests.parsed_pages import parsed

pytestmark = pytest.mark.django_db

HIDDEN = "jean-michel.reniers@example.org"


@pytest.fixture(autouse=True)
def no_earlier_posts():
    """The counts live in the (local-memory) cache, which outlives a test."""
    cache.clear()


@pytest.fixture
def hidden():
    return Contact.objects.create(
        locale=locale("fr"),
        name="Jean-Michel Reniers",
        role="Coordinateur du programme",
        organisation="Coordination du programme",
        languages=["fr", "nl"],
        email=HIDDEN,
        show_email=False,
    )


def form_url(contact, language="fr"):
    return f"/{language}/contact/{contact.pk}/"


def assert_hidden(response):
    assert HIDDEN not in response.content.decode()
    assert "reniers@" not in response.content.decode()


def test_the_page_links_the_form_never_the_address(client, hidden):
    response = client.get("/fr/programme/")
    assert_hidden(response)
    section = parsed(response).select_one("section[aria-labelledby=programme-contacts]")
    link = section.select_one(f'a[href="{form_url(hidden)}"]')
    assert link.get_text() == "Écrire à Jean-Michel Reniers"
    assert "français, néerlandais" in section.get_text()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_message_reaches_the_contact_with_reply_to(client, hidden, language):
    response = client.get(form_url(hidden, language))
    assert response.status_code == 200
    assert_hidden(response)
    response = client.post(
        form_url(hidden, language),
        {
            "name": "Nadia Amrani",
            "email": "nadia@example.ma",
            "message": "Bonjour, comment rejoindre le programme ?",
        },
    )
    assert response.status_code == 302
    sent = client.get(response["Location"])
    assert sent.status_code == 200
    assert_hidden(sent)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [HIDDEN]
    assert message.reply_to == ["nadia@example.ma"]
    assert "Nadia Amrani" in message.subject
    assert "comment rejoindre le programme" in message.body


def test_errors_are_summarised_and_nothing_is_sent(client, hidden):
    response = client.post(form_url(hidden), {"name": "", "email": "pas-une-adresse"})
    assert response.status_code == 200
    assert_hidden(response)
    page = parsed(response)
    summary = page.select_one(".error-summary")
    links = {a["href"] for a in summary("a")}
    assert links == {"#id_name", "#id_email", "#id_message"}
    assert "nom@exemple.ma" in summary.get_text()
    assert page.title.get_text().startswith("Erreur :")
    assert mail.outbox == []


@override_settings(CONTACT_FORM_LIMIT=3)
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_fourth_post_from_one_address_is_refused(client, hidden, language):
    data = {"name": "Robot", "email": "robot@example.ma", "message": "Achetez !"}
    for _ in range(3):
        assert client.post(form_url(hidden, language), data).status_code == 302
    assert len(mail.outbox) == 3
    response = client.post(form_url(hidden, language), data)
    assert response.status_code == 429
    assert response["Retry-After"]
    assert_hidden(response)
    title = {"fr": "Trop de messages envoyés", "ar": "عدد كبير جدًا من الرسائل المرسلة"}
    assert parsed(response, status=429).h1.get_text() == title[language]
    assert len(mail.outbox) == 3  # nothing sent
    other = client.post(form_url(hidden, language), data, REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302  # another address is not affected


def test_a_contact_whose_address_is_shown_has_no_form(client):
    shown = Contact.objects.create(
        locale=locale("fr"),
        name="Charlotte Mali",
        role="Coordinatrice du programme",
        email="charlotte.mali@example.org",
        show_email=True,
    )
    assert client.get(form_url(shown)).status_code == 404
    assert client.get("/fr/contact/999999/").status_code == 404


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_commune_pages_list_their_contacts(client, language):
    commune = Commune.objects.get(slug="tiznit", locale__language_code=language)
    Contact.objects.create(
        locale=commune.locale,
        name="Aicha Ouhmad",
        role="Cheffe de la division de l'action sociale",
        commune=commune,
        email="aicha@example.org",
        phone="0528 00 00 00",
    )
    response = client.get(f"/{language}/pratiques/commune/tiznit/")
    assert "aicha@example.org" not in response.content.decode()
    page = parsed(response)
    contacts = page.select_one("#contacts-title").find_parent("section")
    assert "Aicha Ouhmad" in contacts.get_text()
    assert contacts.select_one('a[href="tel:+212528000000"]')
    contact = Contact.objects.get()
    assert contacts.select_one(f"a[href$='/contact/{contact.pk}/']")


def test_admin_lists_contacts_and_names_the_collections_in_arabic(client):
    from django.contrib.auth import get_user_model
    from django.utils.translation import override

    from practices.publishing.display_names import localized_name

    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)
    Contact.objects.create(locale=locale("fr"), name="Charlotte Mali", role="R")
    response = client.get("/admin/snippets/programme/contact/?q=Mali")
    assert response.status_code == 200
    assert "Charlotte Mali" in response.content.decode()
    assert client.get("/admin/snippets/portal/usefullink/").status_code == 200
    with override("ar"):
        assert localized_name("Documents du programme") == "وثائق البرنامج"
        assert (
            localized_name("Documents du programme — réservé aux partenaires")
            == "وثائق البرنامج — خاص بالشركاء"
        )


def test_a_mail_server_down_keeps_the_message_and_says_so(client, hidden, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    response = client.post(
        form_url(hidden),
        {"name": "Nadia", "email": "nadia@example.ma", "message": "Bonjour"},
    )
    assert response.status_code == 200
    assert_hidden(response)
    page = parsed(response)
    assert "n'a pas pu être envoyé" in page.select_one(".error-summary").get_text()
    assert page.select_one("textarea").get_text().strip() == "Bonjour"


@pytest.mark.parametrize(
    "url", ["/admin/snippets/programme/contact/", "/admin/snippets/portal/usefullink/"]
)
def test_only_the_coordination_manages_contacts_and_links(client, url):
    from django.contrib.auth import get_user_model

    from tests.workflow_helpers import role_group

    users = get_user_model().objects
    coordinator = users.create_user("coord", password="x")
    coordinator.groups.add(role_group("coordinators"))
    trainer = users.create_user("trainer", password="x")
    trainer.groups.add(role_group("trainers"))
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    assert client.get(url + "add/").status_code == 200
    client.force_login(trainer)
    assert client.get(url).status_code in (302, 403)


def test_the_admin_form_saves_the_spoken_languages(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    response = client.post(
        "/admin/snippets/programme/contact/add/?locale=fr",
        {
            "name": "Salma Idrissi",
            "role": "Animatrice",
            "organisation": "",
            "commune": "",
            "languages": ["ar", "zgh"],
            "email": "salma@example.org",
            "phone": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    contact = Contact.objects.get(name="Salma Idrissi")
    assert contact.languages == ["ar", "zgh"]
    assert contact.show_email is False
    edit = parsed(client.get(f"/admin/snippets/programme/contact/edit/{contact.pk}/"))
    checked = {i["value"] for i in edit.select("input[name=languages][checked]")}
    assert checked == {"ar", "zgh"}
