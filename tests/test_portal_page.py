"""« Le programme Maroc »: the programme page in French and Arabic, its four
sections, and beneficiaries computed from the communes — compared here with
sums made independently from programme/data/taxonomy.json."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Collection

from documents.access import PROGRAMME_KEY, PROGRAMME_PRIVATE_KEY
from hub import keys
from portal.models import UsefulLink
from programme.models import Commune, Contact
from tests.factories import (
    HubDocumentFactory,
    TemplatePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    locale,
)
from tests.parsed_pages import parsed

pytestmark = pytest.mark.django_db

TAXONOMY = json.loads(
    (Path(__file__).resolve().parents[1] / "programme/data/taxonomy.json").read_text(
        encoding="utf-8"
    )
)
SECTIONS = {
    "fr": [
        "Documents du programme",
        "Modèles de documents",
        "Autres liens utiles",
        "Personnes de contact",
    ],
    "ar": [
        "وثائق البرنامج",
        "نماذج الوثائق",
        "روابط مفيدة أخرى",
        "الأشخاص الذين يمكن الاتصال بهم",
    ],
}
TITLES = {"fr": "Le programme Maroc", "ar": "برنامج المغرب"}


def moroccan_sums():
    communes = [c for c in TAXONOMY["communes"] if c["country"] == "MA"]
    return {
        field: sum(c[f"population_{field}"] for c in communes)
        for field in ("total", "men", "women")
    }


def digits(text):
    """The numbers in ``text``, thousands separators (space, dot) removed."""
    return [
        int(re.sub(r"[\s.\u202f\u00a0]", "", n))
        for n in re.findall(r"\d[\d\s.\u202f\u00a0]*\d|\d", text)
    ]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_page_shows_its_texts_sections_and_computed_figures(client, language):
    response = client.get(f"/{language}/programme/")
    assert response.status_code == 200
    page = parsed(response)
    assert page.h1.get_text() == TITLES[language]
    headings = [h.get_text() for h in page.select("main h2")]
    for section in SECTIONS[language]:
        assert section in headings
    sums = moroccan_sums()
    assert sums == {"total": 1385925, "men": 682123, "women": 703464}
    total = digits(page.select_one("#beneficiaries-total").get_text())
    assert total[:1] == [sums["total"]]
    assert sorted(total[1:]) == sorted([sums["men"], sums["women"]])
    tanger = next(c for c in TAXONOMY["communes"] if c["slug"] == "tanger")
    largest = page.select_one("#beneficiaries-largest").get_text()
    assert digits(largest)[:1] == [tanger["population_total"]]
    assert {tanger["population_men"], tanger["population_women"]} <= set(
        digits(largest)
    )
    share = round(100 * tanger["population_total"] / sums["total"], 1)
    assert str(share).replace(".", ",") in largest or str(share) in largest
    regions = [a.get_text() for a in page.select("#programme-regions ~ ul a")]
    expected = [
        r["name"][language] for r in TAXONOMY["regions"] if r["country"] == "MA"
    ]
    assert sorted(regions) == sorted(expected)


def test_figures_follow_the_communes_not_the_page(client):
    Commune.objects.filter(slug="figuig", locale__language_code="fr").update(
        population_total=10_000 + 10872, population_men=5105 + 5000
    )
    text = parsed(client.get("/fr/programme/")).select_one("#beneficiaries-total")
    assert digits(text.get_text())[0] == moroccan_sums()["total"] + 10_000


def test_linked_from_home_and_menu_in_both_languages(client):
    for language in ("fr", "ar"):
        home = parsed(client.get(f"/{language}/"))
        href = f"/{language}/programme/"
        assert home.select_one(f'main a[href="{href}"]')
        assert home.select_one(f'header nav a[href="{href}"]')


def programme_collection(private=False):
    return keys.get(Collection, PROGRAMME_PRIVATE_KEY if private else PROGRAMME_KEY)


def test_programme_documents_listed_private_ones_only_to_partners(client):
    from tests.workflow_helpers import role_group

    HubDocumentFactory(title="Rapport annuel 2025", collection=programme_collection())
    HubDocumentFactory(
        title="Compte rendu du comité de pilotage",
        collection=programme_collection(private=True),
    )
    HubDocumentFactory(title="Brouillon d'une commune")  # another collection
    section = parsed(client.get("/fr/programme/")).select_one(
        "section[aria-labelledby=programme-documents]"
    )
    titles = [a.get_text() for a in section.select("a.document-link")]
    assert titles == ["Rapport annuel 2025"]
    assert "Compte rendu" not in str(section)
    assert section.select_one("time")  # the document's date
    public = section.select_one("a.document-link")["href"]
    assert client.get(public).status_code == 200

    from django.contrib.auth import get_user_model

    partner = get_user_model().objects.create_user("p", password="x")
    partner.groups.add(role_group("partners"))
    client.force_login(partner)
    section = parsed(client.get("/fr/programme/")).select_one(
        "section[aria-labelledby=programme-documents]"
    )
    titles = [a.get_text() for a in section.select("a.document-link")]
    assert sorted(titles) == [
        "Compte rendu du comité de pilotage",
        "Rapport annuel 2025",
    ]


def test_templates_section_links_the_library_by_kind(client):
    TemplatePageFactory(title="Modèle de convention", kind="partnership-agreement")
    section = parsed(client.get("/fr/programme/")).select_one(
        "section[aria-labelledby=programme-templates]"
    )
    hrefs = [a["href"] for a in section("a")]
    assert "/fr/modeles/" in hrefs
    assert "/fr/modeles/?kind=partnership-agreement" in hrefs
    assert "Modèle de convention" in section.get_text()


def test_useful_links_by_category_in_the_page_language(client):
    fr, ar = locale("fr"), locale("ar")
    link = UsefulLink.objects.create(
        locale=fr,
        title="Portail national des collectivités territoriales",
        url="https://example.org/collectivites",
        category="institutions",
        language="fr",
    )
    UsefulLink.objects.create(
        locale=ar,
        translation_key=link.translation_key,
        title="البوابة الوطنية للجماعات الترابية",
        url=link.url,
        category="institutions",
        language="fr",
    )
    for language, title, category in [
        ("fr", link.title, "Institutions"),
        ("ar", "البوابة الوطنية للجماعات الترابية", "المؤسسات"),
    ]:
        section = parsed(client.get(f"/{language}/programme/")).select_one(
            "section[aria-labelledby=programme-links]"
        )
        assert section.h3.get_text() == category
        anchor = section.select_one("ul a")
        assert (anchor.get_text(), anchor["href"]) == (title, link.url)


def test_programme_contacts_are_listed_commune_contacts_are_not(client):
    fr = locale("fr")
    Contact.objects.create(
        locale=fr,
        name="Charlotte Mali",
        role="Coordinatrice du programme",
        email="charlotte.mali@example.org",
        show_email=True,
        phone="+32 2 000 00 00",
    )
    Contact.objects.create(
        locale=fr,
        name="Agent de Tanger",
        role="Chef du service social",
        commune=Commune.objects.get(slug="tanger", locale=fr),
    )
    section = parsed(client.get("/fr/programme/")).select_one(
        "section[aria-labelledby=programme-contacts]"
    )
    assert "Charlotte Mali" in section.get_text()
    assert "Agent de Tanger" not in section.get_text()
    mail = section.select_one('a[href="mailto:charlotte.mali@example.org"]')
    assert mail.bdi["dir"] == "ltr"
    assert section.select_one('a[href="tel:+3220000000"]')


# Routing and the restriction check (5), the beneficiaries, regions, practice
# index, documents (collection, restrictions, documents, versions, their
# restrictions), templates (index, kinds, latest with their attachments), links,
# contacts, the navigation and the language switcher; the map (partnerships,
# and the practice index its commune links lead to).
QUERIES = 24


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_page_shows_the_partnership_map(client, language):
    html = client.get(f"/{language}/programme/").content.decode()
    map_html = BeautifulSoup(html, "html.parser").select_one(".partnership-map")
    assert map_html is not None
    communes = {a["href"] for a in map_html.select("svg a[href]")}
    assert len(communes) == 20
    assert all(f"/{language}/" in href for href in communes)


@pytest.mark.parametrize("amount", [2, 8])
def test_query_count_is_fixed(client, django_assert_max_num_queries, amount):
    for n in range(amount):
        HubDocumentFactory(title=f"Rapport {n}", collection=programme_collection())
        TemplatePageFactory(title=f"Modèle {n}", kind="charter")
    client.get("/fr/programme/")
    with django_assert_max_num_queries(QUERIES):
        assert client.get("/fr/programme/").status_code == 200


def test_beneficiaries_are_one_query(django_assert_num_queries):
    from programme.beneficiaries import beneficiaries

    arabic = locale("ar").pk
    with django_assert_num_queries(1):
        counted = beneficiaries(arabic)
    sums = moroccan_sums()
    population = counted.population
    assert (population.total, population.men, population.women) == (
        sums["total"],
        sums["men"],
        sums["women"],
    )
    assert counted.largest.slug == "tanger"


def test_the_skeleton_makes_one_page_per_language_and_keeps_edits(client):
    from home.site_structure import ensure_site
    from portal.models import ProgrammePage

    french = ProgrammePage.objects.get(locale__language_code="fr")
    french.purpose = "<p>Texte revu par la coordination.</p>"
    french.save_revision().publish()
    ensure_site()
    ensure_site()
    pages = ProgrammePage.objects.order_by("locale__language_code")
    assert [p.locale.language_code for p in pages] == ["ar", "fr"]
    assert all(p.show_in_menus and p.slug == "programme" for p in pages)
    assert "Texte revu" in parsed(client.get("/fr/programme/")).main.get_text()
    arabic = parsed(client.get("/ar/programme/")).main.get_text()
    assert "المشاركة المواطنة" in arabic


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_home_and_programme_page_lead_to_the_results(client, language):
    for url in (f"/{language}/", f"/{language}/programme/"):
        html = client.get(url).content.decode()
        assert f'href="/{language}/resultats/"' in html, url
