"""A commune page, Moroccan or Belgian: its partner linked, its population by
sex (or that the programme has none), and the document templates and training
modules that go with its practices: only what the viewer may see."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import (
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.parsed_pages import parsed

pytestmark = pytest.mark.django_db


def test_the_partner_commune_is_linked(client):
    page = parsed(client.get("/fr/pratiques/commune/tiznit/"))
    assert page.select_one('main p a[href="/fr/pratiques/commune/anderlecht/"]')
    belgian = parsed(client.get("/fr/pratiques/commune/anderlecht/"))
    assert belgian.select_one('main p a[href="/fr/pratiques/commune/tiznit/"]')


@pytest.mark.parametrize(
    ("slug", "language", "expected"),
    [
        ("tiznit", "fr", "74 699 habitants (36 597 femmes, 38 102 hommes)"),
        ("tiznit", "ar", "74.699 نسمة (النساء: 36.597، الرجال: 38.102)"),
        # Belgian communes have no figures in the data: said, not hidden.
        ("anderlecht", "fr", "Population : non renseignée dans les données"),
        ("anderlecht", "ar", "عدد السكان: غير متوفر في معطيات البرنامج."),
    ],
)
def test_population_by_sex_or_that_there_is_none(client, slug, language, expected):
    page = parsed(client.get(f"/{language}/pratiques/commune/{slug}/"))
    assert expected in text(page)


def test_templates_and_trainings_that_go_with_its_practices(client):
    practice = PracticePageFactory(commune="tiznit", themes=["egalite-femmes-hommes"])
    linked = TemplatePageFactory(title="Grille de suivi")
    linked.related_practices = [practice]
    linked.save()
    TemplatePageFactory(title="Budget genre", themes=["egalite-femmes-hommes"])
    TemplatePageFactory(title="Sans rapport", themes=["accueil-migrants"])
    TrainingPageFactory(title="Former au genre", themes=["egalite-femmes-hommes"])
    page = parsed(client.get("/fr/pratiques/commune/tiznit/"))
    lists = page.select("main ul.resource-links")
    titles = [[a.get_text() for a in ul("a")] for ul in lists]
    assert titles == [["Budget genre", "Grille de suivi"], ["Former au genre"]]
    # A Belgian commune: those of its Moroccan partner's practices.
    belgian = parsed(client.get("/fr/pratiques/commune/anderlecht/"))
    assert "Former au genre" in text(belgian)


def restrict(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )


def test_private_pages_are_never_listed_to_anonymous(client, django_user_model):
    private_practice = PracticePageFactory(
        commune="tiznit", themes=["accueil-migrants"]
    )
    restrict(private_practice)
    PracticePageFactory(commune="tiznit", themes=["egalite-femmes-hommes"])
    private_template = TemplatePageFactory(
        title="Modèle privé", themes=["egalite-femmes-hommes"]
    )
    restrict(private_template)
    # Shares a theme only with the private practice: that would reveal it.
    TrainingPageFactory(title="Accueil des migrants", themes=["accueil-migrants"])
    anonymous = text(parsed(client.get("/fr/pratiques/commune/tiznit/")))
    assert "Modèle privé" not in anonymous
    assert "Accueil des migrants" not in anonymous
    member = django_user_model.objects.create_user("membre", password="x")
    client.force_login(member)
    logged_in = text(parsed(client.get("/fr/pratiques/commune/tiznit/")))
    assert "Modèle privé" in logged_in and "Accueil des migrants" in logged_in


def text(page):
    return " ".join(page.get_text().split())
