"""Every public page renders in both languages, with what a visitor expects on it."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    add_participation,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    translate,
)

pytestmark = pytest.mark.django_db

PAGE_KINDS = [
    "home",
    "practice_index",
    "practice",
    "template_index",
    "template",
    "training_index",
    "training",
    "commune",
    "tag",
    "search",
]
LANGUAGES = [("fr", "ltr", "ar"), ("ar", "rtl", "fr")]


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def switcher_link(response, language):
    """The language switcher's link to ``language``, or None."""
    nav = soup(response).select_one("nav.language-switcher")
    return nav.find("a", attrs={"lang": language})


def translated_practice():
    practice = PracticePageFactory(
        title="Budget participatif des jeunes",
        commune="tanger",
        themes=["budget-participatif"],
        tags=["budget"],
    )
    translate(practice, title="الميزانية التشاركية للشباب")


def translated_template():
    translate(TemplatePageFactory(title="Convention type"), title="اتفاقية نموذجية")


def translated_training():
    training = TrainingPageFactory(title="Animer une réunion publique")
    translate(training, title="تنشيط اجتماع عمومي")


# kind -> (URL pattern, content it needs besides the site skeleton)
PAGE_URLS = {
    "home": ("/{lang}/", None),
    "practice_index": ("/{lang}/pratiques/", None),
    "practice": (
        "/{lang}/pratiques/tanger/budget-participatif-des-jeunes/",
        "practice",
    ),
    "template_index": ("/{lang}/modeles/", None),
    "template": ("/{lang}/modeles/convention-type/", "template"),
    "training_index": ("/{lang}/formations/", None),
    "training": ("/{lang}/formations/animer-une-reunion-publique/", "training"),
    "commune": ("/{lang}/pratiques/commune/tanger/", "practice"),
    "tag": ("/{lang}/pratiques/tag/budget/", "practice"),
    "search": ("/{lang}/search/?q=budget", "practice"),
}
CONTENT = {
    "practice": translated_practice,
    "template": translated_template,
    "training": translated_training,
}


@pytest.fixture
def page_url(kind):
    """The URL of one page type in a language (``page_url(lang="ar")``), after
    creating the French content it shows and its Arabic translation.

    The translations keep the French slugs, so ``/fr/x/`` ↔ ``/ar/x/``.
    """
    pattern, content = PAGE_URLS[kind]
    if content:
        CONTENT[content]()
    return pattern.format


@pytest.mark.parametrize(("lang", "direction", "other"), LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_renders_in_its_language_and_direction(
    client, page_url, kind, lang, direction, other
):
    """Each page type answers 200 and declares its language and direction."""
    response = client.get(page_url(lang=lang))
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in response.content.decode()


@pytest.mark.parametrize(("lang", "direction", "other"), LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_hreflang_alternates_point_to_translation(
    client, page_url, kind, lang, direction, other
):
    """The <head> announces the page and its translation with hreflang links."""
    response = client.get(page_url(lang=lang))
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup(response).select('head link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        lang: "http://testserver" + page_url(lang=lang),
        other: "http://testserver" + page_url(lang=other),
    }


@pytest.mark.parametrize(("lang", "direction", "other"), LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_language_switcher_leads_to_translation(
    client, page_url, kind, lang, direction, other
):
    """The switcher links to the same page in the other language and marks the
    current language as such."""
    response = client.get(page_url(lang=lang))
    link = switcher_link(response, other)
    assert link["href"] == page_url(lang=other)
    assert "untranslated" not in link.get("class", [])
    nav = soup(response).select_one("nav.language-switcher")
    assert nav.find(attrs={"aria-current": "true"})["lang"] == lang


@pytest.mark.parametrize(
    ("factory", "lang", "other"),
    [
        (PracticePageFactory, "fr", "ar"),
        (TemplatePageFactory, "fr", "ar"),
        (TrainingPageFactory, "fr", "ar"),
        (PracticePageFactory, "ar", "fr"),
    ],
)
def test_switcher_on_untranslated_page_says_so_and_leads_home(
    client, factory, lang, other
):
    """A page without translation says "pas encore traduite" and links to the
    other language's home page instead."""
    page = factory(language=lang)
    response = client.get(page.url)
    link = switcher_link(response, other)
    assert link["href"] == f"/{other}/"
    assert "untranslated" in link["class"]
    assert link.find_next_sibling("small").get_text()
    if lang == "fr":
        assert link.parent.small.get_text() == "(pas encore traduite)"
    assert not soup(response).select(f'link[rel="alternate"][hreflang="{other}"]')


def test_draft_translation_is_not_offered(client):
    """A translation that is not published yet is not linked from the original."""
    practice = PracticePageFactory()
    translate(practice, publish=False)
    response = client.get(practice.url)
    assert switcher_link(response, "ar")["href"] == "/ar/"
    assert "Pas encore traduite en" in response.content.decode()


@pytest.fixture
def full_practice():
    """A practice with every section of the fiche filled in."""
    practice = PracticePageFactory(
        title="Maison des jeunes participative",
        summary="Les jeunes gèrent eux-mêmes le programme de la maison.",
        context="<p>Un quartier sans lieu pour les jeunes.</p>",
        objectives="<p>Donner la parole aux jeunes.</p>",
        body=[
            ("heading", "Étape 1 : diagnostic"),
            ("step", {"title": "Enquête", "period": "2019", "description": "Porte"}),
            ("testimony", {"quote": "Enfin un lieu à nous.", "author": "Salma"}),
        ],
        actors_services="Service jeunesse",
        actors_associations="Association Horizons",
        actors_authorities="Province de Tanger",
        resources="<p>Deux animateurs.</p>",
        funding_own=150000,
        funding_external=1250000,
        results="<p>300 jeunes inscrits.</p>",
        indicators=[("indicator", {"label": "Jeunes inscrits", "value": "300"})],
        difficulties="<p>Le local a fermé six mois.</p>",
        lessons="<p>Impliquer les parents dès le début.</p>",
        transferability="<p>Un local et un animateur suffisent.</p>",
        contacts="jeunesse@example.org",
        start_date=datetime.date(2019, 3, 1),
        end_date=datetime.date(2021, 6, 30),
        year=2021,
        commune="tanger",
        partnership="molenbeek-tanger",
        themes=["participation-citoyenne"],
        target_publics=["youth"],
        tags=["maison-des-jeunes"],
    )
    add_participation(practice, "youth", 1200)
    return practice


def test_practice_detail_shows_every_fiche_section(client, full_practice):
    """The fiche shows all its sections under their French headings."""
    response = client.get(full_practice.url)
    assert response.status_code == 200
    headings = [h.get_text() for h in soup(response).select("article h2")]
    for expected in [
        "Contexte et problème",
        "Objectifs",
        "Ce qui a été fait",
        "Acteurs",
        "Ressources et financement",
        "Résultats et preuves",
        "Difficultés rencontrées",
        "Enseignements",
        "Transférabilité",
        "Partenariat",
        "Dates",
        "Contacts",
        "Mots-clés",
    ]:
        assert expected in headings
    text = soup(response).select_one("article").get_text()
    for content in [
        "Un quartier sans lieu pour les jeunes.",
        "Enquête",
        "Enfin un lieu à nous.",
        "Association Horizons",
        "Province de Tanger",
        "Le local a fermé six mois.",
        "Un local et un animateur suffisent.",
        "jeunesse@example.org",
        "Tanger – Molenbeek-Saint-Jean",
    ]:
        assert content in text


def test_practice_detail_shows_classification(client, full_practice):
    """Commune (linked to its page), region, year, status, theme and public."""
    article = soup(client.get(full_practice.url)).select_one("article")
    meta = article.select_one("p.meta")
    assert meta.find("a")["href"] == "/fr/pratiques/commune/tanger/"
    assert "Tanger-Tétouan-Al Hoceïma" in meta.get_text()
    assert "2021" in meta.get_text()
    assert "Terminée" in meta.get_text()
    chips = {a.get_text(): a["href"] for a in article.select("ul.chips a")}
    assert chips["Participation citoyenne"] == (
        "/fr/pratiques/?theme=participation-citoyenne"
    )
    assert chips["Jeunes"] == "/fr/pratiques/?public=youth"
    assert chips["maison-des-jeunes"] == "/fr/pratiques/tag/maison-des-jeunes/"


def test_practice_detail_shows_figures_with_grouping(client, full_practice):
    """Funding and participants are printed with French thousands grouping."""
    text = soup(client.get(full_practice.url)).get_text()
    assert "150\xa0000 MAD" in text
    assert "1\xa0250\xa0000 MAD" in text
    assert "1\xa0400\xa0000 MAD" in text
    assert "1\xa0200" in text


def test_practice_indicators_render_as_definition_list(client, full_practice):
    """Indicators are <dt>/<dd> pairs directly inside the list, without the
    StreamField wrapper <div> that would make the list invalid."""
    response = client.get(full_practice.url)
    indicators = soup(response).find("h3", string="Indicateurs").find_next("dl")
    assert indicators.select_one("div.indicator > dt").get_text() == "Jeunes inscrits"
    assert indicators.select_one("div.indicator > dd").get_text() == "300"
    assert not indicators.select("div.block-indicator")


def test_practice_detail_lists_attachments_with_format_size_language(client):
    """Each attachment shows its format, its size and its language."""
    document = HubDocumentFactory(title="Charte de la maison", language="ar")
    practice = PracticePageFactory(attachments=[document])
    response = client.get(practice.url)
    item = soup(response).select_one("ul.attachments li")
    assert item.find("a")["href"] == document.url
    assert item.find("a").get_text() == "Charte de la maison"
    meta = item.select_one(".meta").get_text()
    assert "PDF" in meta
    with translation.override("fr"):
        assert filesizeformat(document.file_size) in meta  # "1,3\xa0Kio"
    assert (item.find("a")["lang"], item.find("a")["hreflang"]) == ("ar", "ar")
    assert item.select_one(".document-language").get_text() == "Document en arabe"


def test_practice_detail_shows_related_practices(client):
    """Related practices share a theme or the commune, in the same language only."""
    practice = PracticePageFactory(themes=["budget-participatif"], commune="tanger")
    same_theme = PracticePageFactory(title="Même thème", themes=["budget-participatif"])
    same_commune = PracticePageFactory(title="Même commune", commune="tanger")
    PracticePageFactory(title="Sans rapport", themes=["accueil-migrants"])
    PracticePageFactory(language="ar", title="عربي", themes=["budget-participatif"])
    response = client.get(practice.url)
    section = soup(response).find("h2", string="Pratiques proches").parent
    titles = {a.get_text() for a in section.select("h3 a")}
    assert titles == {same_theme.title, same_commune.title}


def test_practice_detail_links_to_its_translation(client):
    """The fiche offers to read it in the other language once translated."""
    practice = PracticePageFactory()
    arabic = translate(practice, title="ممارسة")
    link = soup(client.get(practice.url)).select_one("p.other-language a")
    assert link["href"] == arabic.url
    assert link.get_text() == "Cette fiche existe aussi en arabe."
    back = soup(client.get(arabic.url)).select_one("p.other-language a")
    assert back["href"] == practice.url


def test_practice_detail_says_when_not_translated(client):
    """Before translation, the fiche says it is not translated yet."""
    practice = PracticePageFactory()
    paragraph = soup(client.get(practice.url)).select_one("p.other-language")
    assert "Pas encore traduite en" in paragraph.get_text()
    assert paragraph.find("a") is None


def test_template_page_shows_kind_attachments_and_themes(client):
    """A template shows its document kind, its files and its themes."""
    template = TemplatePageFactory(
        kind="call-for-projects", attachments=2, themes=["budget-participatif"]
    )
    article = soup(client.get(template.url)).select_one("article")
    assert "Appel à projets" in article.select_one("p.meta").get_text()
    assert len(article.select("ul.attachments li")) == 2
    assert "Budget participatif" in article.get_text()


def test_training_sessions_render_as_list_items(client):
    """Sessions are <li> children of the ordered list (no wrapper <div>), and a
    note between sessions is a list item too."""
    training = TrainingPageFactory(
        objectives="<p>Savoir animer.</p>",
        audience="Agents communaux",
        sessions=[
            ("session", {"title": "Accueil", "duration": "1 h", "description": ""}),
            ("note", "Pause déjeuner"),
            (
                "session",
                {"title": "Mise en pratique", "duration": "", "description": ""},
            ),
        ],
    )
    sessions = soup(client.get(training.url)).select_one("ol.sessions")
    items = sessions.find_all(recursive=False)
    assert [item.name for item in items] == ["li", "li", "li"]
    assert "Accueil" in items[0].get_text()
    assert items[1].get_text() == "Pause déjeuner"


def test_training_page_shows_objectives_and_audience(client):
    """Objectives, audience and duration of a training module are shown."""
    training = TrainingPageFactory(
        objectives="<p>Savoir animer.</p>", audience="Agents communaux"
    )
    text = soup(client.get(training.url)).select_one("article").get_text()
    assert "Objectifs pédagogiques" in text
    assert "Savoir animer." in text
    assert "Agents communaux" in text
    assert "2 jours" in text


def test_home_shows_programme_figures_in_french(client):
    """The population sums Moroccan communes of one locale (not twice), grouped
    with French non-breaking spaces."""
    figures = soup(client.get("/fr/")).select_one("ul.figures").get_text()
    assert "1\xa0385\xa0925 habitants" in figures
    assert "703\xa0464 femmes, 682\xa0123 hommes" in figures
    assert "10 communes partenaires au Maroc" in figures
    assert "2\xa0771\xa0850" not in figures


def test_home_shows_programme_figures_in_arabic(client):
    """On the Arabic home page the figures are grouped too (1.385.925)."""
    figures = soup(client.get("/ar/")).select_one("ul.figures").get_text()
    assert "1.385.925" in figures
    assert "703.464" in figures
    assert "682.123" in figures


def test_home_counts_content_of_its_language(client):
    """Practice, template and training counts are those of the page's language."""
    PracticePageFactory.create_batch(2)
    PracticePageFactory(language="ar")
    TemplatePageFactory()
    fr = soup(client.get("/fr/")).select_one("ul.figures").get_text()
    assert "2 pratiques partagées" in fr
    assert "1 modèles de document" in fr
    # Figures in order: communes, regions, inhabitants, practices, templates,
    # trainings (the Arabic labels are translated).
    ar = soup(client.get("/ar/")).select("ul.figures li > strong")
    assert [f.get_text() for f in ar] == ["10", "4", "1.385.925", "1", "0", "0"]


def test_home_lists_latest_practices_of_its_language(client):
    """The newest six practices of the language, newest first."""
    practices = PracticePageFactory.create_batch(7)
    PracticePageFactory(language="ar", title="ممارسة")
    response = client.get("/fr/")
    section = soup(response).find("h2", string="Dernières pratiques").find_next("ul")
    titles = [a.get_text() for a in section.select("h3 a")]
    assert titles == [p.title for p in reversed(practices[1:])]


def test_home_says_when_no_practice_is_published(client):
    """An empty hub says so instead of showing an empty list."""
    assert (
        "Aucune pratique publiée pour l'instant." in client.get("/fr/").content.decode()
    )


@pytest.mark.parametrize(
    ("heading", "link", "label"),
    [
        ("Entrer par thème", "?theme=budget-participatif", "Budget participatif"),
        ("Entrer par public", "?public=women", "Femmes"),
        ("Entrer par région", "?region=souss-massa", "Souss-Massa"),
    ],
)
def test_home_offers_entry_points(client, heading, link, label):
    """Themes, publics and Moroccan regions each link to the filtered index."""
    chips = soup(client.get("/fr/")).find("h2", string=heading).find_next("ul")
    links = {a.get_text(): a["href"] for a in chips.select("a")}
    assert links[label] == f"/fr/pratiques/{link}"


def test_home_entry_by_region_lists_only_moroccan_regions(client):
    """Belgian regions are not an entry point: practices are Moroccan."""
    chips = soup(client.get("/fr/")).find("h2", string="Entrer par région")
    assert "Wallonie" not in chips.find_next("ul").get_text()


def test_commune_page_shows_population_and_partnership(client):
    """A commune page shows its region, population and partnership."""
    text = soup(client.get("/fr/pratiques/commune/tanger/")).select_one("main")
    text = text.get_text()
    assert "Tanger-Tétouan-Al Hoceïma" in text
    assert "1\xa0083\xa0462 habitants (552\xa0566 femmes, 530\xa0896 hommes)" in text
    assert "Partenariat : Tanger – Molenbeek-Saint-Jean" in text
    assert "depuis 2008" in text


def test_unknown_commune_or_tag_is_not_found(client):
    """A commune or tag that does not exist answers 404 with the site's page."""
    for url in ["/fr/pratiques/commune/atlantide/", "/fr/pratiques/tag/inconnu/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Page introuvable" in response.content.decode()


def test_draft_practice_is_not_published(client):
    """A practice that is not live answers 404 and is not listed."""
    practice = PracticePageFactory(live=False, title="Brouillon secret")
    assert client.get(practice.url).status_code == 404
    assert "Brouillon secret" not in client.get("/fr/pratiques/").content.decode()
