"""Open data (issue #16, item 4): CSV and JSON of the public practices and their
participants per language, a data dictionary, the licence the coordination
sets, and a DCAT-AP catalogue that parses as RDF."""

import csv
import io

import pytest
import rdflib
from django.test import Client
from wagtail.models import PageViewRestriction

from opendata.datasets import PARTICIPANT_COLUMNS, PRACTICE_COLUMNS
from opendata.models import OpenDataSettings
from tests.factories import PracticePageFactory, add_participation, translate
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


@pytest.fixture
def content():
    public = PracticePageFactory(
        title="Conseil des jeunes",
        commune="tanger",
        themes=["participation-citoyenne", "budget-participatif"],
        target_publics=["youth", "women"],
        tags=["jeunesse"],
        contacts="Mme Amrani, 06 00 00 00 00",
        funding_own=1000,
        indicators=[("indicator", {"label": "Jeunes élus au conseil", "value": "12"})],
    )
    add_participation(public, "youth", 40)
    add_participation(public, "women", 12)
    arabic = translate(public, title="مجلس الشباب")
    private = PracticePageFactory(title="Budget zorglub", commune="tanger")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([role_group("partners")])
    add_participation(private, "youth", 999)
    draft = PracticePageFactory(title="Brouillon zorglub", commune="tiznit")
    draft.unpublish()
    return locals()


def read_csv(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_practices_csv_lists_the_public_live_fiches_of_the_language(
    content, django_user_model
):
    member = django_user_model.objects.create_user("membre", password="x")
    member.groups.add(role_group("partners"))
    partner = Client()
    partner.force_login(member)
    for client in (Client(), partner):
        rows = read_csv("/fr/donnees/pratiques.csv", client)
        assert [row["title"] for row in rows] == ["Conseil des jeunes"]
    row = rows[0]
    assert list(row) == list(PRACTICE_COLUMNS)
    assert row["url"] == content["public"].full_url
    assert row["commune"] == "tanger" and row["commune_name"] == "Tanger"
    assert row["themes"] == "budget-participatif|participation-citoyenne"
    assert row["target_publics"] == "women|youth"
    assert row["participants"] == "52"
    assert row["funding_own"] == "1000"
    arabic = read_csv("/ar/donnees/pratiques.csv")
    assert [(r["title"], r["commune_name"]) for r in arabic] == [
        ("مجلس الشباب", "طنجة")
    ]


def test_no_personal_data_and_nothing_private_in_any_download(content):
    for url in (
        "/fr/donnees/pratiques.csv",
        "/fr/donnees/pratiques.json",
        "/fr/donnees/participants.csv",
        "/fr/donnees/participants.json",
        "/fr/donnees/indicateurs.csv",
    ):
        body = Client().get(url).content.decode()
        assert "Amrani" not in body and "06 00" not in body, url
        assert "zorglub" not in body and "999" not in body, url


def test_participants_per_public(content):
    rows = read_csv("/fr/donnees/participants.csv")
    assert list(rows[0]) == list(PARTICIPANT_COLUMNS)
    ref = content["public"].ref
    assert sorted(
        (r["practice_ref"], r["target_public"], r["count"]) for r in rows
    ) == [
        (ref, "women", "12"),
        (ref, "youth", "40"),
    ]


def test_indicators_of_public_fiches(content):
    rows = read_csv("/fr/donnees/indicateurs.csv")
    assert [(r["practice_ref"], r["label"]) for r in rows] == [
        (content["public"].ref, "Jeunes élus au conseil")
    ]
    assert rows[0]["value"].startswith("12")


def test_json_carries_the_licence_the_coordination_chose(content):
    data = Client().get("/fr/donnees/pratiques.json").json()
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [item["title"] for item in data["items"]] == ["Conseil des jeunes"]
    settings = OpenDataSettings.load()
    settings.licence = "odbl-1.0"
    settings.save()
    data = Client().get("/fr/donnees/pratiques.json").json()
    assert data["licence"]["url"] == "https://opendatacommons.org/licenses/odbl/1-0/"


def test_the_page_lists_datasets_dictionary_and_licence_in_both_languages(content):
    page = Client().get("/fr/donnees/").content.decode()
    assert 'rel="license"' in page and "CC BY 4.0" in page
    assert (
        "/fr/donnees/pratiques.csv" in page and "/fr/donnees/catalogue.jsonld" in page
    )
    for column in PRACTICE_COLUMNS:
        assert f'<code dir="ltr">{column}</code>' in page
    arabic = Client().get("/ar/donnees/").content.decode()
    assert "البيانات المفتوحة" in arabic and "/ar/donnees/pratiques.csv" in arabic


def test_unknown_dataset_or_format_is_not_found(content):
    for url in ("/fr/donnees/secrets.csv", "/fr/donnees/pratiques.xlsx"):
        assert Client().get(url).status_code == 404


def test_dcat_catalogue_parses_and_describes_each_distribution(content):
    settings = OpenDataSettings.load()
    settings.contact_email = "donnees@example.org"
    settings.save()
    response = Client().get("/fr/donnees/catalogue.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    graph = rdflib.Graph().parse(data=response.content, format="json-ld")
    catalogues = list(graph.subjects(rdflib.RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    datasets = list(graph.objects(catalogues[0], DCAT.dataset))
    assert len(datasets) == 3
    for dataset in datasets:
        assert (dataset, rdflib.RDF.type, DCAT.Dataset) in graph
        assert graph.value(dataset, DCT.title).language == "fr"
        assert graph.value(dataset, DCAT.contactPoint) is not None
        downloads = {
            str(graph.value(distribution, DCAT.downloadURL))
            for distribution in graph.objects(dataset, DCAT.distribution)
        }
        assert len(downloads) == 2
        for url in downloads:
            path = url.removeprefix("http://testserver")
            assert Client().get(path).status_code == 200
    licences = set(graph.objects(None, DCT.license))
    assert licences == {rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")}
