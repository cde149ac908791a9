"""« Les résultats en chiffres » (issue #15): every figure of the dashboard is
the sum the test computes from the database itself; charts and CSVs say the
same as the tables; private practices count only for those who may see them."""

import csv
import io
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from wagtail.models import PageViewRestriction

from practices.models import PracticePage, PracticeParticipation
from programme.models import Commune, TargetPublic
from tests.conftest import TAXONOMY
from tests.factories import PracticePageFactory, add_participation, translate
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
TABLES = (
    "participants-region",
    "participants-commune",
    "participants-theme",
    "participants-annee",
    "pratiques-etat",
    "pratiques-theme",
    "objectif-2026",
)


@pytest.fixture(autouse=True)
def no_cached_pages():
    cache.clear()


def practice(title, commune, participants, **fields):
    page = PracticePageFactory(title=title, commune=commune, **fields)
    for public, count in participants.items():
        add_participation(page, public, count)
    return page


@pytest.fixture
def practices():
    """Practices in three communes of two regions, one translated (it must
    count once), one draft (never counted)."""
    budget = practice(
        "Budget des jeunes",
        "tanger",
        {"youth": 4130, "women": 1817},
        themes=["budget-participatif", "participation-citoyenne"],
        status="completed",
        year=2022,
    )
    translate(budget, "ar", title="ميزانية الشباب")
    practice(
        "Guichet migrants",
        "tanger",
        {"migrants": 2340, "women": 1357},
        themes=["participation-citoyenne"],
        status="ongoing",
        year=2019,
    )
    practice(
        "Médina accessible",
        "chefchaouen",
        {"specific-needs": 23},
        status="completed",
        year=2021,
    )
    practice(
        "Centre d'écoute",
        "tiznit",
        {"women": 1870},
        themes=["participation-citoyenne"],
        status="ongoing",
    )
    draft = practice("Brouillon", "tiznit", {"youth": 999}, year=2020)
    draft.unpublish()


def parse_number(text):
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits)


def tables_of(response):
    """{slug: {row label: [numbers]}} and the headers, from the page."""
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    found = {}
    for slug in TABLES:
        section = page.find(id=slug)
        table = section.find("table")
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        rows = {
            tr.th.get_text(strip=True): [
                parse_number(td.get_text()) for td in tr.find_all("td")
            ]
            for tr in table.select("tbody tr")
        }
        found[slug] = {"headers": headers, "rows": rows, "section": section}
    return found


def dashboard(client, language="fr"):
    with translation.override(language):
        return tables_of(client.get(f"/{language}/resultats/"))


def name(model, slug, language="fr"):
    return model.objects.get(slug=slug, locale__language_code=language).name


def expected_participants(group_of):
    """Independently: participants of live French pages (every practice of
    the fixture is French; its Arabic translation is the same practice)."""
    table = defaultdict(Counter)
    rows = PracticeParticipation.objects.filter(
        page__live=True, page__locale__language_code="fr"
    ).select_related("page", "target_public")
    for row in rows:
        for group in group_of(row.page):
            table[group][row.target_public.slug] += row.count
    return table


PUBLICS = ["youth", "women", "specific-needs", "migrants"]


def as_rows(table, label):
    return {
        label(group): [counts[p] for p in PUBLICS] + [sum(counts.values())]
        for group, counts in table.items()
    }


def test_participants_per_public_by_region_commune_theme_and_year(client, practices):
    shown = dashboard(client)
    by_region = expected_participants(lambda p: [p.region.name])
    assert shown["participants-region"]["rows"] == as_rows(by_region, str)
    by_commune = expected_participants(lambda p: [p.commune.name])
    assert shown["participants-commune"]["rows"] == as_rows(by_commune, str)
    by_theme = expected_participants(
        lambda p: [t.name for t in p.themes.all()] or ["Non renseigné"]
    )
    assert shown["participants-theme"]["rows"] == as_rows(by_theme, str)
    by_year = expected_participants(lambda p: [p.year or "Année non renseignée"])
    assert shown["participants-annee"]["rows"] == as_rows(by_year, str)
    assert shown["participants-region"]["headers"] == [
        "Région",
        *(name(TargetPublic, p) for p in PUBLICS),
        "Total",
    ]
    # Tanger's practice translated into Arabic counts once.
    assert shown["participants-commune"]["rows"]["Tanger"][-1] == 4130 + 1817 + 3697


def test_practices_by_status_and_theme(client, practices):
    shown = dashboard(client)
    live = PracticePage.objects.live().filter(locale__language_code="fr")
    statuses = Counter(live.values_list("status", flat=True))
    assert shown["pratiques-etat"]["rows"] == {
        "Prévue": [statuses["planned"]],
        "En cours": [statuses["ongoing"]],
        "Terminée": [statuses["completed"]],
        "Arrêtée": [statuses["stopped"]],
    }
    themes = Counter()
    for page in live:
        themes.update([t.name for t in page.themes.all()] or ["Non renseigné"])
    assert shown["pratiques-theme"]["rows"] == {k: [v] for k, v in themes.items()}


def test_progress_toward_the_2026_objective(client, practices):
    shown = dashboard(client)
    moroccan = Commune.objects.filter(country="MA", locale__language_code="fr")
    reached = defaultdict(set)
    for row in PracticeParticipation.objects.filter(
        page__live=True, count__gt=0, page__commune__in=moroccan
    ).select_related("target_public", "page__commune"):
        reached[row.target_public.slug].add(row.page.commune.slug)
    assert moroccan.count() == 10
    assert shown["objectif-2026"]["rows"] == {
        name(TargetPublic, p): [len(reached[p]), 10] for p in PUBLICS
    }
    assert shown["objectif-2026"]["rows"][name(TargetPublic, "women")] == [2, 10]


def test_the_csv_files_are_the_tables(client, practices):
    for language in ("fr", "ar"):
        shown = dashboard(client, language)
        for slug in TABLES:
            response = client.get(f"/{language}/resultats/{slug}.csv")
            assert response.status_code == 200
            assert response["Content-Type"] == "text/csv; charset=utf-8"
            assert response.content.startswith(b"\xef\xbb\xbf")  # BOM, for Excel
            lines = list(
                csv.reader(
                    io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"
                )
            )
            assert lines[0] == shown[slug]["headers"], (language, slug)
            assert {line[0]: [int(v) for v in line[1:]] for line in lines[1:]} == shown[
                slug
            ]["rows"], (language, slug)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_chart_is_valid_svg_with_one_bar_per_row(client, practices, language):
    with translation.override(language):
        response = client.get(f"/{language}/resultats/")
    page = BeautifulSoup(response.content.decode(), "html.parser")
    for slug in TABLES:
        section = page.find(id=slug)
        svg = ElementTree.fromstring(str(section.find("svg")))
        assert svg.get("role") == "img" and svg.get("aria-labelledby")
        assert svg.find(f"{SVG}title").text == section.h2.get_text(strip=True)
        bars = svg.findall(f"{SVG}g[@class='bar']")
        labels = [tr.th.get_text(strip=True) for tr in section.select("tbody tr")]
        assert len(bars) == len(labels)
        assert [bar.find(f"{SVG}title").text.split(" – ")[0] for bar in bars] == labels
        assert svg.get("direction") == ("rtl" if language == "ar" else "ltr")
    communes = page.find(id="participants-commune").find("svg")
    labels = ElementTree.fromstring(str(communes)).findall(
        f".//{SVG}text[@class='label']"
    )
    assert name(Commune, "tanger", language) in [label.text for label in labels]


def bar_geometry(language, client):
    with translation.override(language):
        page = BeautifulSoup(
            client.get(f"/{language}/resultats/").content.decode(), "html.parser"
        )
    svg = ElementTree.fromstring(str(page.find(id="pratiques-etat").find("svg")))
    width = float(svg.get("width"))
    rect = svg.find(f".//{SVG}rect")
    label = svg.find(f".//{SVG}text[@class='label']")
    return width, float(rect.get("x")), float(rect.get("width")), float(label.get("x"))


def test_arabic_charts_are_mirrored(client, practices):
    width, x, bar, label = bar_geometry("fr", client)
    width_ar, x_ar, bar_ar, label_ar = bar_geometry("ar", client)
    assert bar_ar == bar and width_ar == width
    assert x_ar == pytest.approx(width - x - bar)  # grows from the right
    assert label < x and label_ar > x_ar + bar_ar  # labels on the right


def test_numbers_are_grouped_in_the_locale(client, practices):
    for language, grouped in (("fr", "4\xa0130"), ("ar", "4.130")):
        with translation.override(language):
            html = client.get(f"/{language}/resultats/").content.decode()
        assert f"<td>{grouped}</td>" in html, language


@pytest.fixture
def partners():
    return role_group("partners")


def test_private_practices_never_change_public_figures(
    client, practices, partners, django_user_model
):
    before = {slug: t["rows"] for slug, t in dashboard(client).items()}
    hidden = practice(
        "Pratique réservée",
        "zagora",
        {"migrants": 500},
        themes=["participation-citoyenne"],
        year=2023,
    )
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([partners])
    login_only = practice("Pratique des membres", "figuig", {"youth": 70})
    PageViewRestriction.objects.create(
        page=login_only, restriction_type=PageViewRestriction.LOGIN
    )
    cache.clear()
    after = {slug: t["rows"] for slug, t in dashboard(Client()).items()}
    assert after == before

    member = django_user_model.objects.create_user("membre", password="x")
    member.groups.add(partners)
    seen = Client()
    seen.force_login(member)
    rows = dashboard(seen)["participants-commune"]["rows"]
    assert rows["Zagora"][PUBLICS.index("migrants")] == 500
    assert rows["Figuig"][PUBLICS.index("youth")] == 70
    objective = dashboard(seen)["objectif-2026"]["rows"]
    assert objective[name(TargetPublic, "migrants")] == [2, 10]


def test_unknown_tables_are_not_found(client, practices):
    assert client.get("/fr/resultats/inconnu.csv").status_code == 404
    assert client.get("/ar/resultats/participants.csv").status_code == 404
    assert client.get("/fr/resultats/participants-region.xlsx").status_code == 404


def test_the_dashboard_reads_the_database_a_few_times(
    client, practices, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert client.get("/fr/resultats/").status_code == 200


def test_an_empty_programme_shows_no_table_and_no_error(client):
    response = client.get("/fr/resultats/")
    assert response.status_code == 200
    assert "Les résultats en chiffres" in response.content.decode()


DEMO = Path(__file__).resolve().parents[1] / "practices/demo/practices.jsonl"


def test_every_moroccan_commune_has_two_practices_with_participants_and_figures():
    records = [json.loads(line) for line in DEMO.read_text().splitlines()]
    originals = [
        r for r in records if r["type"] == "practice" and "translation_of" not in r
    ]
    measured = Counter(
        r["commune"]
        for r in originals
        if sum(r["participants"].values()) > 0
        and any(isinstance(i.get("value"), int | float) for i in r["indicators"])
    )
    taxonomy = json.loads(TAXONOMY.read_text())
    moroccan = [c["slug"] for c in taxonomy["communes"] if c["country"] == "MA"]
    assert len(moroccan) == 10
    assert all(measured[slug] >= 2 for slug in moroccan), measured


def test_figures_are_built_once_per_version_and_visibility_class(
    client, practices, partners, django_user_model, django_assert_max_num_queries
):
    """The second visitor of a class gets the figures from the cache; a
    member's figures are their own, and a new private practice (a change of
    content) reaches members at once."""
    first = dashboard(client)
    with django_assert_max_num_queries(4):  # the page's menu, not the figures
        assert Client().get("/fr/resultats/").status_code == 200
    member = django_user_model.objects.create_user("membre", password="x")
    member.groups.add(partners)
    seen = Client()
    seen.force_login(member)
    assert (
        dashboard(seen)["participants-commune"]["rows"]
        == (first["participants-commune"]["rows"])
    )
    hidden = practice("Pratique réservée", "zagora", {"migrants": 500})
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([partners])
    rows = dashboard(seen)["participants-commune"]["rows"]
    assert rows["Zagora"][PUBLICS.index("migrants")] == 500
    assert "Zagora" not in dashboard(Client())["participants-commune"]["rows"]
