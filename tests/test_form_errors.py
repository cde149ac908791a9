"""Forms that lead to the error (issue #13): the summary at the top names each
faulty field by its label and links to its input, focus goes to it without
script, the page title says « Erreur », and each faulty input is marked invalid
and described by its help and its message."""

import re
from html import unescape

import pytest

from tests.test_share_form import editor, editor_client  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def summary_of(html):
    match = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S)
    assert match, "no error summary"
    return match[0]


def links_of(summary):
    return [
        (anchor, unescape(label))
        for anchor, label in re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    ]


def tag_with_id(html, element_id):
    match = re.search(
        rf'<(input|select|textarea)\b[^>]*\bid="{element_id}"[^>]*>', html
    )
    assert match, f"no input with id {element_id}"
    return match[0]


def test_share_summary_names_and_links_every_faulty_field(editor_client):  # noqa: F811
    html = editor_client.post(
        "/fr/partager/",
        {"language": "fr", "funding_own": "12,5", "themes": ["999999"]},
    ).content.decode()
    summary = summary_of(html)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert "autofocus" in summary
    assert "Certaines informations sont à corriger" in summary
    assert "Tout ce que vous avez écrit a été gardé." in summary
    links = links_of(summary)
    assert links == [
        ("id_title", "Titre de la pratique"),
        ("id_summary", "La pratique en deux ou trois phrases"),
        ("id_funding_own", "Fonds propres de la commune (MAD)"),
        # A group of checkboxes: the link lands on its first box.
        ("id_themes_0", "Thèmes"),
    ]
    for anchor, _label in links:
        assert 'aria-invalid="true"' in tag_with_id(html, anchor)
    assert re.search(r"<title>Erreur : Partager une pratique", html)
    # Only one thing takes focus on load: the summary.
    assert html.count("autofocus") == 1


def test_faulty_input_is_described_by_its_help_and_its_message(editor_client):  # noqa: F811
    html = editor_client.post("/fr/partager/", {"language": "fr"}).content.decode()
    summary_input = tag_with_id(html, "id_summary")
    assert 'aria-describedby="id_summary_helptext id_summary_error"' in summary_input
    assert 'id="id_summary_helptext"' in html
    assert re.search(r'<ul class="errorlist" id="id_summary_error"><li>', html)
    # The title has an example but no help text: the example describes it too.
    title_input = tag_with_id(html, "id_title")
    assert 'aria-describedby="id_title_helptext id_title_error"' in title_input


def test_a_group_of_boxes_is_described_by_its_message(editor_client):  # noqa: F811
    html = editor_client.post(
        "/fr/partager/", {"language": "fr", "themes": ["999999"]}
    ).content.decode()
    assert re.search(r'<fieldset aria-describedby="[^"]*id_themes_error"', html)


def test_no_summary_before_any_error(editor_client):  # noqa: F811
    html = editor_client.get("/fr/partager/").content.decode()
    assert "error-summary" not in html
    assert "<title>Partager une pratique" in html


def test_arabic_share_summary(editor_client):  # noqa: F811
    html = editor_client.post("/ar/partager/", {"language": "ar"}).content.decode()
    assert re.search(r"<title>خطأ: ", html)
    assert ("id_title", "عنوان الممارسة") in links_of(summary_of(html))


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_login_summary_names_the_missing_password(client, language):
    html = client.post(
        f"/{language}/compte/connexion/", {"username": "quelquun", "password": ""}
    ).content.decode()
    summary = summary_of(html)
    label = {"fr": "Mot de passe", "ar": "كلمة المرور"}[language]
    assert links_of(summary) == [("id_password", label)]
    # A login form never sends the password back: no « all was kept ».
    assert "gardé" not in summary and "الاحتفاظ" not in summary
    assert html.count("autofocus") == 1  # the summary, not the username


def test_wrong_password_is_in_the_summary(client):
    html = client.post(
        "/fr/compte/connexion/", {"username": "quelquun", "password": "faux"}
    ).content.decode()
    summary = summary_of(html)
    assert "mot de passe valides" in unescape(summary)
    assert links_of(summary) == []
    assert re.search(r"<title>Erreur : Se connecter", html)


def test_login_page_before_any_error_focuses_the_username(client):
    html = client.get("/fr/compte/connexion/").content.decode()
    assert "error-summary" not in html
    assert "autofocus" in tag_with_id(html, "id_username")


@pytest.fixture
def private_page():
    from wagtail.models import PageViewRestriction

    from tests.factories import PracticePageFactory

    page = PracticePageFactory(title="Budget à mot de passe", commune="tanger")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="sésame"
    )
    return (
        page,
        f"/{{lang}}/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
    )


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_private_page_password_form_leads_to_the_error(client, private_page, language):
    """Wagtail's shared-password form, in the site's layout, with the summary."""
    page, url = private_page
    html = client.post(
        url.format(lang=language), {"password": "faux", "return_url": page.url}
    ).content.decode()
    assert '<meta name="viewport"' in html
    label = {"fr": "Mot de passe", "ar": "كلمة المرور"}[language]
    assert links_of(summary_of(html)) == [("id_password", label)]
    assert 'aria-invalid="true"' in tag_with_id(html, "id_password")
    assert re.search({"fr": "<title>Erreur : ", "ar": "<title>خطأ: "}[language], html)
