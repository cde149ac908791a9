"""Lists tell how many more fiches exist in the other language (issue #13):
« 2 ممارستان أخريان متاحتان بالفرنسية فقط » on the Arabic practice index,
linking to the French list with the same filters; counted among the pages the
viewer may see, of the list's type and filters, without a translation here."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import (
    PracticePageFactory,
    TemplatePageFactory,
    TrainingPageFactory,
    translate,
)
from tests.test_private_content import restrict
from tests.workflow_helpers import role_group

pytestmark = pytest.mark.django_db


def hint(client, url):
    response = client.get(url)
    assert response.status_code == 200
    found = BeautifulSoup(response.content.decode(), "html.parser").select_one(
        ".other-language-hint a"
    )
    return (" ".join(found.get_text().split()), found["href"]) if found else None


@pytest.fixture
def french_practices():
    """Four French practices in Tanger: one translated, one private, two about
    participatory budgets."""
    translated = PracticePageFactory(commune="tanger", themes=["budget-participatif"])
    translate(translated)
    PracticePageFactory(commune="tanger", themes=["budget-participatif"])
    PracticePageFactory(commune="tanger", themes=["egalite-femmes-hommes"])
    private = PracticePageFactory(commune="tanger", themes=["budget-participatif"])
    restrict(private, role_group("partners"))


def test_arabic_index_tells_of_the_french_only_practices(client, french_practices):
    assert hint(client, "/ar/pratiques/") == (
        "ممارستان أخريان متاحتان بالفرنسية فقط",
        "/fr/pratiques/",
    )


def test_the_hint_follows_the_filters(client, french_practices):
    assert hint(client, "/ar/pratiques/?theme=budget-participatif") == (
        "ممارسة أخرى متاحة بالفرنسية فقط",
        "/fr/pratiques/?theme=budget-participatif",
    )


def test_commune_page_tells_too(client, french_practices):
    assert hint(client, "/ar/pratiques/commune/tanger/") == (
        "ممارستان أخريان متاحتان بالفرنسية فقط",
        "/fr/pratiques/commune/tanger/",
    )


def test_partners_are_told_of_the_private_one_too(client, french_practices):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("partenaire", password="x")
    user.groups.add(role_group("partners"))
    client.force_login(user)
    text, _href = hint(client, "/ar/pratiques/")
    assert text == "3 ممارسات أخرى متاحة بالفرنسية فقط"


def test_french_index_tells_of_the_arabic_only_ones(client):
    PracticePageFactory(language="ar", commune="tanger")
    assert hint(client, "/fr/pratiques/") == (
        "1 pratique de plus en arabe",
        "/ar/pratiques/",
    )


@pytest.mark.parametrize(
    ("factory", "url", "text"),
    [
        (TemplatePageFactory, "/ar/modeles/", "نموذج آخر متاح بالفرنسية فقط"),
        (
            TrainingPageFactory,
            "/ar/formations/",
            "وحدة تكوينية أخرى متاحة بالفرنسية فقط",
        ),
    ],
)
def test_template_and_training_lists(client, factory, url, text):
    factory()
    assert hint(client, url)[0] == text


def test_no_hint_when_everything_is_translated(client):
    translate(PracticePageFactory())
    assert hint(client, "/ar/pratiques/") is None
    assert hint(client, "/fr/pratiques/") is None
