"""Contacts written as free text get mailto: and tel: links, the text kept as
written; numbers read in order inside Arabic sentences (``<bdi dir="ltr">``)."""

import pytest
from bs4 import BeautifulSoup

from hub.contact_links import linked_contacts, tel_target
from tests.factories import (
    PracticePageFactory,
    TrainingPageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)


@pytest.mark.parametrize(
    "written, target",
    [
        ("05 39 12 34 56", "+212539123456"),
        ("06.61.23.45.67", "+212661234567"),
        ("+212 6 61 23 45 67", "+212661234567"),
        ("00212 528-86-01-23", "+212528860123"),
        ("+32 (0)2 123 45 67", "+3221234567"),
        ("0032 2 511 22 33", "+3225112233"),
        ("0475 12 34 56", "+32475123456"),
        ("02 511 22 33", "+3225112233"),
        ("05.12.2021", None),  # a date
        ("0123", None),
    ],
)
def test_phone_targets_are_e164(written, target):
    assert tel_target(written) == target


def links(html):
    return [(a["href"], a.get_text()) for a in BeautifulSoup(html, "html.parser")("a")]


def test_french_text_keeps_its_words_and_links_what_it_can():
    text = "Mme Alaoui, tél. 05 39 12 34 56, contact@tanger.ma (réunion le 05.12.2021)"
    html = linked_contacts(text)
    assert BeautifulSoup(html, "html.parser").get_text() == text
    assert links(html) == [
        ("tel:+212539123456", "05 39 12 34 56"),
        ("mailto:contact@tanger.ma", "contact@tanger.ma"),
    ]
    assert '<bdi dir="ltr"><a href="tel:+212539123456">' in html


def test_arabic_text_around_numbers_and_addresses():
    text = "الهاتف: +212 6 61 23 45 67، البريد:info@tiznit.ma"
    html = linked_contacts(text)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.get_text() == text
    assert links(html) == [
        ("tel:+212661234567", "+212 6 61 23 45 67"),
        ("mailto:info@tiznit.ma", "info@tiznit.ma"),  # not the Arabic before it
    ]
    assert soup.bdi["dir"] == "ltr"


def test_markup_in_contacts_is_escaped():
    html = linked_contacts('<script>x</script> "a"@b.ma')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_practice_and_training_pages_link_their_contacts(client):
    practice = PracticePageFactory(
        contacts="Service social : 05 39 94 00 00\nsocial@tanger.ma"
    )
    training = TrainingPageFactory(trainer_contacts="Formatrice : +32 475 12 34 56")
    page = BeautifulSoup(client.get(practice.url).content.decode(), "html.parser")
    assert page.select_one('a[href="tel:+212539940000"]').get_text() == (
        "05 39 94 00 00"
    )
    assert page.select_one('a[href="mailto:social@tanger.ma"]')
    page = BeautifulSoup(client.get(training.url).content.decode(), "html.parser")
    assert page.select_one('bdi[dir=ltr] a[href="tel:+32475123456"]')
