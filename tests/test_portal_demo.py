"""The programme page's demo (issue #15, item 5): the programme's two contacts
and one contact for every partner commune, Moroccan and Belgian, in French and
Arabic; useful links; programme documents, one reserved to partners — loaded
twice without duplicates."""

import json
from pathlib import Path

import pytest
from wagtail.models import Collection

from documents.access import PROGRAMME_KEY, PROGRAMME_PRIVATE_KEY
from documents.models import HubDocument
from hub import keys
from portal.demo.loader import load_programme_documents, load_useful_links
from portal.models import UsefulLink
from programme.contacts_loader import load_contacts
from programme.models import Commune, Contact
from tests.factories import isolated_media_root  # noqa: F401 (autouse fixture)
from tests.parsed_pages import parsed

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "programme/data"


def load_twice():
    for _ in range(2):
        load_contacts(DATA / "contacts.json")
        load_useful_links()
        load_programme_documents()


def test_every_commune_has_a_contact_in_both_languages(client):
    load_twice()
    for code in ("fr", "ar"):
        communes = Commune.objects.filter(locale__language_code=code)
        assert communes.count() == 20
        for commune in communes:
            assert commune.contacts.exists(), commune.slug
        programme = Contact.objects.filter(
            locale__language_code=code, commune__isnull=True
        )
        assert sorted(programme.values_list("name", flat=True)) == [
            "Charlotte Mali",
            "Jean-Michel Reniers",
        ]
    entries = json.loads((DATA / "contacts.json").read_text(encoding="utf-8"))
    assert Contact.objects.count() == 2 * len(entries["contacts"])
    for contact in Contact.objects.all():
        assert contact.email.endswith("@example.org")
    arabic = Contact.objects.get(name="Charlotte Mali", locale__language_code="ar")
    assert arabic.role == "منسقة البرنامج"
    page = parsed(client.get("/ar/programme/"))
    assert "منسقة البرنامج" in page.select_one("#programme-contacts").parent.text


def test_links_and_documents_are_loaded_once(client):
    load_twice()
    assert UsefulLink.objects.filter(locale__language_code="fr").count() == 6
    assert UsefulLink.objects.count() == 12
    public = HubDocument.objects.filter(collection=keys.get(Collection, PROGRAMME_KEY))
    private = HubDocument.objects.filter(
        collection=keys.get(Collection, PROGRAMME_PRIVATE_KEY)
    )
    assert (public.count(), private.count()) == (3, 1)
    page = parsed(client.get("/fr/programme/"))
    listed = [a.get_text() for a in page.select("a.document-link")]
    assert sorted(listed) == sorted(public.values_list("title", flat=True))
