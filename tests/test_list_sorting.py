"""Index pages sort by ``tri``: year (the default), last update, or title in
the page's language; the order is kept by the filters and the pagination, and
a value that is not an order is the default, never an error."""

from datetime import timedelta

import pytest
from django.utils import timezone

from practices.sorting import title_key
from tests.factories import (
    PracticePageFactory,
    TemplatePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.parsed_pages import parsed

pytestmark = pytest.mark.django_db


def listed(response):
    return [a.get_text() for a in parsed(response).select("li.card h3 a")]


@pytest.fixture
def catalogue():
    now = timezone.now()
    for title, year, days_ago, theme in [
        ("Zones de jeux", 2019, 1, "budget-participatif"),
        ("Égalité au conseil", 2021, 30, "budget-participatif"),
        ("accueil des migrants", 2020, 10, "accueil-migrants"),
        ("Budget des jeunes", 2022, 5, "budget-participatif"),
    ]:
        PracticePageFactory(
            title=title,
            year=year,
            themes=[theme],
            last_published_at=now - timedelta(days=days_ago),
        )


BUDGET, EGALITE, MIGRANTS, ZONES = (
    "Budget des jeunes",
    "Égalité au conseil",
    "accueil des migrants",
    "Zones de jeux",
)


@pytest.mark.parametrize(
    "query, order",
    [
        ("", [BUDGET, EGALITE, MIGRANTS, ZONES]),  # default: newest year first
        ("?tri=recents", [ZONES, BUDGET, MIGRANTS, EGALITE]),  # last published
        # Accents and case do not push « Égalité » after « Zones ».
        ("?tri=titre", [MIGRANTS, BUDGET, EGALITE, ZONES]),
    ],
)
def test_orders(client, catalogue, query, order):
    assert listed(client.get(f"/fr/pratiques/{query}")) == order


def test_arabic_titles_ignore_hamza_forms_and_vowel_marks():
    titles = ["بناء القدرات", "إشراك الشباب", "ترشيد الميزانية", "أرشيف الجماعة"]
    assert sorted(titles, key=title_key) == [
        "أرشيف الجماعة",
        "إشراك الشباب",
        "بناء القدرات",
        "ترشيد الميزانية",
    ]


def test_order_is_kept_with_filters_and_pages(client, catalogue):
    page = parsed(client.get("/fr/pratiques/?tri=titre&theme=budget-participatif"))
    assert page.select_one("form.filters input[name=tri]")["value"] == "titre"
    current = page.select_one(".sort-links [aria-current]")
    assert current.get_text() == "Tri : Titre"
    hrefs = [a["href"] for a in page.select(".sort-links a")]
    assert "?theme=budget-participatif#resultats" in hrefs  # the default: no tri
    assert "?theme=budget-participatif&tri=recents#resultats" in hrefs
    assert listed(client.get("/fr/pratiques/?tri=titre&theme=budget-participatif")) == [
        "Budget des jeunes",
        "Égalité au conseil",
        "Zones de jeux",
    ]


def test_pagination_follows_the_order(client):
    for n in range(14):
        TemplatePageFactory(title=f"Modèle {chr(ord('N') - n)}", year=2000 + n)
    first = parsed(client.get("/fr/modeles/?tri=titre"))
    titles = [a.get_text() for a in first.select("li.card h3 a")]
    assert titles == [f"Modèle {chr(c)}" for c in range(ord("A"), ord("M"))]
    next_link = first.select_one("a[rel=next]")["href"]
    assert "tri=titre" in next_link
    assert listed(client.get(f"/fr/modeles/{next_link}")) == ["Modèle M", "Modèle N"]


@pytest.mark.parametrize("value", ["", "date", "titre%00", "x" * 5000, "TITRE"])
def test_unknown_orders_are_the_default(client, catalogue, value):
    response = client.get(f"/fr/pratiques/?tri={value}")
    assert listed(response)[0] == "Budget des jeunes"


def test_cards_and_pages_show_the_last_update(client):
    practice = PracticePageFactory(
        title="Budget des jeunes",
        last_published_at=timezone.make_aware(timezone.datetime(2026, 3, 9, 12)),
    )
    card = parsed(client.get("/fr/pratiques/")).select_one("li.card time")
    assert card["datetime"] == "2026-03-09"
    assert card.get_text() == "mis à jour le 09/03/2026"
    page = parsed(client.get(practice.url)).select_one(".last-updated")
    assert page.get_text() == "Dernière mise à jour : 9 mars 2026"
    arabic = PracticePageFactory(
        language="ar",
        title="ميزانية الشباب",
        last_published_at=timezone.make_aware(timezone.datetime(2026, 3, 9, 12)),
    )
    updated = parsed(client.get(arabic.url)).select_one(".last-updated")
    assert updated.get_text().startswith("آخر تحديث")
    assert updated.time["datetime"] == "2026-03-09"
