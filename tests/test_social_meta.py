"""Canonical URLs, OpenGraph / Twitter cards and schema.org JSON-LD (issue #16,
item 3): what a shared link previews and what search engines read of a fiche."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from practices.models import PracticeIndexPage
from tests.factories import (
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    translate,
)

pytestmark = pytest.mark.django_db


def head(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def meta(soup, name):
    tag = soup.find("meta", attrs={"property": name}) or soup.find(
        "meta", attrs={"name": name}
    )
    return tag and tag["content"]


def json_ld(soup):
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_a_practice_told_in_steps_is_a_howto_with_its_steps():
    practice = PracticePageFactory(
        title="Maison des jeunes participative",
        commune="tanger",
        themes=["budget-participatif"],
        tags=["jeunesse"],
        body=[
            ("paragraph", "<p>Un quartier sans lieu pour les jeunes.</p>"),
            ("step", {"title": "Enquête", "period": "2019", "description": "Porte"}),
            ("step", {"title": "Assemblée", "period": "", "description": ""}),
        ],
    )
    data = json_ld(head(practice.url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "HowTo"
    assert data["name"] == data["headline"] == "Maison des jeunes participative"
    assert data["url"] == practice.full_url
    assert data["inLanguage"] == "fr"
    assert data["keywords"] == "jeunesse"
    assert data["author"]["name"] == "Tanger"
    assert data["author"]["location"]["geo"]["@type"] == "GeoCoordinates"
    assert [(s["position"], s["name"], s["text"]) for s in data["step"]] == [
        (1, "Enquête", "Porte"),
        (2, "Assemblée", "Assemblée"),
    ]


def test_a_practice_without_steps_is_an_article_in_its_language():
    practice = PracticePageFactory(title="Cellule d'écoute", commune="tiznit")
    arabic = translate(practice, title="مركز الإنصات")
    data = json_ld(head(arabic.url))
    assert data["@type"] == "Article"
    assert data["name"] == "مركز الإنصات"
    assert data["inLanguage"] == "ar"
    assert data["author"]["name"] == "تيزنيت"


def test_a_training_is_a_course_and_a_template_a_creative_work_of_its_kind():
    training = TrainingPageFactory(
        title="Animer une réunion",
        prerequisites="Aucun",
        sessions=[
            ("session", {"title": "Accueil", "duration": "1 h", "description": "Tour"}),
            ("note", "Pause"),
        ],
    )
    course = json_ld(head(training.url))
    assert course["@type"] == "Course"
    assert course["provider"]["@type"] == "Organization"
    assert course["coursePrerequisites"] == "Aucun"
    assert course["syllabusSections"] == [
        {"@type": "Syllabus", "name": "Accueil", "description": "Tour"}
    ]
    template = TemplatePageFactory(title="Modèle de PV", kind="meeting-minutes")
    work = json_ld(head(template.url))
    assert work["@type"] == "CreativeWork"
    assert work["genre"] == template.kind.name


def test_no_title_can_close_the_json_ld_script():
    hostile = 'Budget </script><script>alert("x")</script> & co'
    practice = PracticePageFactory(title=hostile, commune="tanger")
    soup = head(practice.url)
    assert json_ld(soup)["name"] == hostile
    assert not soup.find("script", string=lambda text: text and "alert" in text[:20])


def test_open_graph_and_twitter_cards_of_a_fiche():
    practice = PracticePageFactory(
        title="Budget ouvert", summary="Les habitants votent.", commune="tanger"
    )
    translate(practice, title="ميزانية مفتوحة")
    soup = head(practice.url)
    assert soup.find("link", rel="canonical")["href"] == practice.full_url
    assert meta(soup, "og:title") == meta(soup, "twitter:title") == "Budget ouvert"
    assert meta(soup, "og:description") == "Les habitants votent."
    assert meta(soup, "og:url") == practice.full_url
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:locale") == "fr_MA"
    assert meta(soup, "og:locale:alternate") == "ar_MA"
    assert meta(soup, "og:image").endswith(".png")
    assert meta(soup, "og:image").startswith("http")
    assert meta(soup, "twitter:card") == "summary"


def test_canonical_of_a_list_drops_filters_and_keeps_the_page_number():
    index = PracticeIndexPage.objects.get(locale__language_code="fr")
    soup = head(index.url + "?theme=budget-participatif&sort=recent")
    assert soup.find("link", rel="canonical")["href"] == index.full_url
    assert meta(soup, "og:type") == "website"
    PracticePageFactory.create_batch(25, commune="tanger")
    soup = head(index.url + "?page=2&theme=x")
    assert soup.find("link", rel="canonical")["href"] == index.full_url + "?page=2"


def test_a_commune_page_is_described_as_the_commune():
    PracticePageFactory(commune="tanger")
    index = PracticeIndexPage.objects.get(locale__language_code="ar")
    soup = head(index.url + "commune/tanger/")
    assert soup.find("link", rel="canonical")["href"] == (
        index.full_url + "commune/tanger/"
    )
    assert meta(soup, "og:title") == "طنجة"
    assert meta(soup, "og:locale") == "ar_MA"


def test_forms_and_searches_have_a_canonical_but_no_card():
    soup = head("/fr/search/?q=budget")
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/fr/search/"
    assert meta(soup, "og:title") is None
    assert not soup.find_all("script", type="application/ld+json")
