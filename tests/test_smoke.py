"""The site skeleton answers in both languages."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "lang", "direction"), [("/fr/", "fr", "ltr"), ("/ar/", "ar", "rtl")]
)
def test_home_page_language_and_direction(client, url, lang, direction):
    """Each language's home page declares its language and writing direction."""
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in response.content.decode()


def test_root_redirects_to_a_language(client):
    """The bare domain sends visitors to a language prefix."""
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] in ("/fr/", "/ar/")
