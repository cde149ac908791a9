"""Index pages: filters (alone and combined), pagination, and URLs that people
mangle by hand or that messaging apps truncate — always a page, never an error."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import (
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)

pytestmark = pytest.mark.django_db

IGNORED = "Certains filtres de l'adresse ne correspondent à rien et ont été ignorés."
INDEX = "/fr/pratiques/"


def listed(response):
    """Titles of the cards on a listing page, in order."""
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get_text() for a in page.select("ul.cards li.card h3 a")]


def text(response):
    return BeautifulSoup(response.content.decode(), "html.parser").get_text()


@pytest.fixture
def catalogue():
    """Four French practices that differ on every filter, plus an Arabic practice
    and a draft that a French listing must never show."""
    PracticePageFactory(
        title="A budget jeunes Tanger",
        themes=["budget-participatif"],
        commune="tanger",
        target_publics=["youth"],
        tags=["jeunesse"],
        year=2021,
    )
    PracticePageFactory(
        title="B budget femmes Tiznit",
        themes=["budget-participatif"],
        commune="tiznit",
        target_publics=["women"],
        tags=["genre"],
        year=2020,
    )
    PracticePageFactory(
        title="C migrants Tanger",
        themes=["accueil-migrants"],
        commune="tanger",
        target_publics=["migrants"],
        tags=["jeunesse"],
        year=2020,
    )
    PracticePageFactory(
        title="D égalité Figuig",
        themes=["egalite-femmes-hommes"],
        commune="figuig",
        target_publics=["women"],
        year=2019,
    )
    PracticePageFactory(
        language="ar", title="E عربي", themes=["budget-participatif"], year=2021
    )
    # A draft whose theme, tag and year no live page uses: never offered.
    PracticePageFactory(
        title="F brouillon",
        live=False,
        themes=["gouvernance-transparence"],
        tags=["brouillon"],
        year=2018,
    )


def titles(*letters):
    names = {
        "A": "A budget jeunes Tanger",
        "B": "B budget femmes Tiznit",
        "C": "C migrants Tanger",
        "D": "D égalité Figuig",
    }
    return {names[letter] for letter in letters}


def test_unfiltered_index_lists_live_practices_of_its_language(client, catalogue):
    """Without filters: the four live French practices, newest year first."""
    assert listed(client.get(INDEX)) == [
        "A budget jeunes Tanger",
        "B budget femmes Tiznit",
        "C migrants Tanger",
        "D égalité Figuig",
    ]
    assert "4 résultats" in text(client.get(INDEX))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=budget-participatif", "AB"),
        ("region=souss-massa", "B"),
        ("commune=tanger", "AC"),
        ("public=women", "BD"),
        ("tag=jeunesse", "AC"),
        ("year=2020", "BC"),
    ],
)
def test_single_filter(client, catalogue, query, expected):
    """Each filter alone keeps exactly the matching practices."""
    assert set(listed(client.get(f"{INDEX}?{query}"))) == titles(*expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=budget-participatif&commune=tanger", "A"),
        ("public=women&year=2020", "B"),
        ("tag=jeunesse&year=2020&region=tanger-tetouan-al-hoceima", "C"),
        ("theme=budget-participatif&public=youth&tag=jeunesse&year=2021", "A"),
    ],
)
def test_combined_filters_are_anded(client, catalogue, query, expected):
    """Several filters keep only the practices matching all of them."""
    assert set(listed(client.get(f"{INDEX}?{query}"))) == titles(*expected)


def test_filters_without_match_say_so(client, catalogue):
    """Valid filters that match nothing give an empty list with advice."""
    response = client.get(f"{INDEX}?theme=budget-participatif&region=oriental")
    assert listed(response) == []
    assert "Rien ne correspond à ces filtres. Essayez d'en retirer un." in text(
        response
    )


def test_active_filter_is_selected_in_the_form(client, catalogue):
    """The form shows the active filter as selected and offers to clear it."""
    response = client.get(f"{INDEX}?theme=budget-participatif")
    page = BeautifulSoup(response.content.decode(), "html.parser")
    selected = page.select_one("#filter-theme option[selected]")
    assert selected["value"] == "budget-participatif"
    assert selected.get_text() == "Budget participatif (2)"
    assert page.find("a", string="Effacer les filtres")["href"] == "?#resultats"


def test_year_options_are_the_years_in_use(client, catalogue):
    """The year filter offers only years of listed practices, newest first."""
    page = BeautifulSoup(client.get(INDEX).content.decode(), "html.parser")
    years = [o["value"] for o in page.select("#filter-year option")]
    assert years == ["", "2021", "2020", "2019"]


def test_arabic_index_filters_arabic_practices_by_shared_slug(client, catalogue):
    """The Arabic index filters by the same slugs and lists Arabic pages only."""
    response = client.get("/ar/pratiques/?theme=budget-participatif")
    assert listed(response) == ["E عربي"]
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.select_one("#filter-theme option[selected]").get_text() == (
        "الميزانية التشاركية (1)"
    )


def options(response, name):
    """The values a filter offers (without "Tous"), in order."""
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [o["value"] for o in page.select(f"#filter-{name} option") if o["value"]]


def test_options_are_the_values_the_listed_pages_use(client, catalogue):
    """Each filter offers only what the live pages of the index, in its language,
    use (by name), not every term: nothing only a draft or an Arabic page has."""
    response = client.get(INDEX)
    assert options(response, "theme") == [
        "accueil-migrants",
        "budget-participatif",
        "egalite-femmes-hommes",
    ]
    assert options(response, "region") == [
        "oriental",
        "souss-massa",
        "tanger-tetouan-al-hoceima",
    ]
    assert options(response, "commune") == ["figuig", "tanger", "tiznit"]
    assert options(response, "public") == ["women", "youth", "migrants"]
    assert options(response, "tag") == ["genre", "jeunesse"]
    assert options(response, "year") == ["2021", "2020", "2019"]


def option_labels(response, name):
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [o.get_text() for o in page.select(f"#filter-{name} option") if o["value"]]


def test_options_count_the_pages_they_would_list(client, catalogue):
    """Each option tells how many pages choosing it lists, with the other
    active filters; a requested value that now lists nothing says 0."""
    response = client.get(INDEX)
    assert option_labels(response, "commune") == [
        "Figuig (1)",
        "Tanger (2)",
        "Tiznit (1)",
    ]
    assert option_labels(response, "year") == ["2021 (1)", "2020 (2)", "2019 (1)"]
    response = client.get(f"{INDEX}?commune=tanger&year=2021")
    assert option_labels(response, "theme") == ["Budget participatif (1)"]
    assert option_labels(response, "year") == ["2021 (1)", "2020 (1)"]
    assert option_labels(response, "tag") == ["jeunesse (1)"]
    response = client.get(f"{INDEX}?commune=figuig&year=2021")
    assert "2021 (0)" in option_labels(response, "year")  # kept, to remove it
    # Choosing an option lists as many pages as it said.
    for value, label in zip(
        options(response, "theme"), option_labels(response, "theme"), strict=True
    ):
        count = int(label.rsplit("(", 1)[1].rstrip(")"))
        listing = client.get(f"{INDEX}?commune=figuig&year=2021&theme={value}")
        assert len(listed(listing)) == count


def test_options_follow_the_other_active_filters(client, catalogue):
    """With a filter active, the others offer only what the pages it lists use;
    its own select still offers its other values, to switch to one of them."""
    response = client.get(f"{INDEX}?commune=tanger")
    assert options(response, "theme") == ["accueil-migrants", "budget-participatif"]
    assert options(response, "public") == ["youth", "migrants"]
    assert options(response, "year") == ["2021", "2020"]
    assert options(response, "commune") == ["figuig", "tanger", "tiznit"]


def test_active_value_stays_offered_when_the_others_exclude_it(client, catalogue):
    """Two filters that no page matches together: both stay selected, so the
    visitor sees them and can remove one."""
    response = client.get(f"{INDEX}?theme=budget-participatif&region=oriental")
    assert listed(response) == []
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.select_one("#filter-region option[selected]")["value"] == "oriental"
    assert page.select_one("#filter-theme option[selected]")["value"] == (
        "budget-participatif"
    )
    assert "oriental" in options(response, "region")
    assert IGNORED not in text(response)


def test_value_no_listed_page_uses_is_ignored(client, catalogue):
    """A term only a draft uses is not offered: asking for it is ignored with
    the notice, and the index lists everything."""
    response = client.get(f"{INDEX}?theme=gouvernance-transparence")
    assert set(listed(response)) == titles(*"ABCD")
    assert IGNORED in text(response)


def test_arabic_index_offers_the_arabic_pages_values(client, catalogue):
    """The Arabic index offers the terms its Arabic pages use, in Arabic."""
    page = BeautifulSoup(client.get("/ar/pratiques/").content.decode(), "html.parser")
    themes = [o.get_text() for o in page.select("#filter-theme option") if o["value"]]
    assert themes == ["الميزانية التشاركية (1)"]
    assert options(client.get("/ar/pratiques/"), "commune") == []


def test_commune_options_are_moroccan_communes_only(client, catalogue):
    """A fiche in a Belgian commune's section does not make that commune a
    choice: the commune facet holds the Moroccan partner communes only."""
    PracticePageFactory(title="G Molenbeek", commune="molenbeek-saint-jean")
    response = client.get(INDEX)
    assert options(response, "commune") == ["figuig", "tanger", "tiznit"]
    response = client.get(f"{INDEX}?commune=molenbeek-saint-jean")
    assert IGNORED in text(response)


@pytest.fixture
def thirty_practices():
    return PracticePageFactory.create_batch(30, year=2020)


def test_pagination_splits_thirty_practices_into_three_pages(client, thirty_practices):
    """Twelve per page: 12, 12 and 6 practices, with "Page n sur 3"."""
    pages = [client.get(f"{INDEX}?page={n}") for n in (1, 2, 3)]
    assert [len(listed(r)) for r in pages] == [12, 12, 6]
    assert "Page 2 sur 3" in text(pages[1])
    all_titles = [t for r in pages for t in listed(r)]
    assert sorted(all_titles) == sorted(p.title for p in thirty_practices)


def test_pagination_links_keep_the_filters(client, thirty_practices):
    """Previous/next links of page 2 keep the active filters."""
    response = client.get(f"{INDEX}?year=2020&page=2")
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.select_one('a[rel="prev"]')["href"] == "?year=2020&page=1#resultats"
    assert page.select_one('a[rel="next"]')["href"] == "?year=2020&page=3#resultats"


def test_one_page_of_results_has_no_pagination(client, catalogue):
    """Fewer than twelve results: no pagination block."""
    assert "Page 1 sur" not in text(client.get(INDEX))


@pytest.mark.parametrize(
    ("page", "expected"),
    [("abc", 12), ("9999", 6), ("0", 6), ("-1", 6), ("2.5", 12), ("", 12)],
)
def test_malformed_page_number_falls_back(client, thirty_practices, page, expected):
    """A non-number gives the first page, an out-of-range number the last one."""
    assert len(listed(client.get(f"{INDEX}?page={page}"))) == expected


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "theme=unknown",
        "commune=atlantide",
        "region=%00",
        "public=" + "x" * 5000,
        "tag=%D8%AA%D8%AC%D8%B1%D8%A8%D8%A9",
        "theme=%D9%85%D9%8A%D8%B2%D8%A7%D9%86%D9%8A%D8%A9",
    ],
)
def test_unknown_filter_value_is_ignored_with_a_notice(client, catalogue, query):
    """An unknown, malformed, Arabic or very long value is ignored, the page
    says so, and lists everything as if the filter were absent."""
    response = client.get(f"{INDEX}?{query}")
    assert set(listed(response)) == titles(*"ABCD")
    assert IGNORED in text(response)


def test_ignored_filter_does_not_drop_valid_ones(client, catalogue):
    """A bad filter next to a good one: the good one still applies."""
    response = client.get(f"{INDEX}?theme=budget-participatif&year=abc")
    assert set(listed(response)) == titles("A", "B")
    assert IGNORED in text(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=%00", "ABCD"),
        ("theme[]=x", "ABCD"),
        ("theme[]=budget-participatif&page[]=2", "ABCD"),
        ("utm_source=whatsapp&fbclid=abc", "ABCD"),
        ("page=" + "9" * 400, "ABCD"),
        ("%ff%fe=%ff", "ABCD"),
        ("theme=budget-participatif%00", "ABCD"),
        ("theme=budget-participatif&q=%00", "AB"),
    ],
)
def test_strange_query_strings_answer_normally(client, catalogue, query, expected):
    """Parameters the page does not know, bracketed names, null bytes, invalid
    UTF-8 and huge numbers give the page (200), never an error."""
    response = client.get(f"{INDEX}?{query}")
    assert response.status_code == 200
    assert set(listed(response)) == titles(*expected)


def test_very_long_query_string_answers_normally(client, catalogue):
    """A 20 000-character query string (a pasted blob) still gives the page."""
    response = client.get(f"{INDEX}?theme={'é' * 10_000}&year=2020")
    assert set(listed(response)) == titles("B", "C")


def test_index_intro_is_shown(client):
    """The index page's introduction, written in the admin, is shown."""
    from practices.models import PracticeIndexPage

    index = PracticeIndexPage.objects.get(locale__language_code="fr")
    index.intro = "<p>Ce qui marche, commune par commune.</p>"
    index.save()
    assert "Ce qui marche, commune par commune." in text(client.get(INDEX))


def test_commune_page_lists_only_its_practices(client, catalogue):
    """The commune page lists the commune's practices and accepts more filters."""
    url = f"{INDEX}commune/tanger/"
    assert set(listed(client.get(url))) == titles("A", "C")
    assert listed(client.get(f"{url}?theme=accueil-migrants")) == ["C migrants Tanger"]


def test_tag_page_lists_only_tagged_practices(client, catalogue):
    """The tag page lists the practices carrying the tag, in this language."""
    response = client.get(f"{INDEX}tag/jeunesse/")
    assert set(listed(response)) == titles("A", "C")
    assert "Mot-clé : jeunesse" in text(response)


def test_template_index_filters_by_kind(client):
    """The template index filters templates by document kind."""
    TemplatePageFactory(title="Appel 2021", kind="call-for-projects")
    TemplatePageFactory(title="Convention", kind="partnership-agreement")
    response = client.get("/fr/modeles/?kind=call-for-projects")
    assert listed(response) == ["Appel 2021"]
    assert len(listed(client.get("/fr/modeles/"))) == 2


def test_template_index_offers_the_kinds_in_use(client):
    """The kind filter offers the kinds of the listed templates only."""
    TemplatePageFactory(kind="call-for-projects")
    TemplatePageFactory(kind="partnership-agreement")
    TemplatePageFactory(kind="charter", live=False)
    response = client.get("/fr/modeles/")
    assert options(response, "kind") == ["call-for-projects", "partnership-agreement"]


def test_template_index_ignores_unknown_kind(client):
    """An unknown kind is ignored with the notice."""
    TemplatePageFactory(kind="call-for-projects")
    response = client.get("/fr/modeles/?kind=unknown")
    assert len(listed(response)) == 1
    assert IGNORED in text(response)


def test_template_cards_show_kind_and_formats(client):
    """Template cards show the kind and the format of each file."""
    TemplatePageFactory(kind="call-for-projects", attachments=2)
    card = BeautifulSoup(
        client.get("/fr/modeles/").content.decode(), "html.parser"
    ).select_one("li.card")
    assert "Appel à projets" in card.get_text()
    assert [s.get_text() for s in card.select(".format")] == ["PDF", "PDF"]


def test_training_index_filters_by_public(client):
    """The training index filters modules by target public."""
    TrainingPageFactory(title="Pour les jeunes", target_publics=["youth"])
    TrainingPageFactory(title="Pour les femmes", target_publics=["women"])
    assert listed(client.get("/fr/formations/?public=youth")) == ["Pour les jeunes"]
