"""The 404 page: the site's own, styled, in the visitor's language, with a
search box and a way home — also under the development settings (``make run``),
where Django would show its debug page listing every URL pattern."""

import pytest
from django.test import override_settings

from hub.settings import dev
from tests.parsed_pages import parsed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, title", [("fr", "Page introuvable"), ("ar", "الصفحة غير موجودة")]
)
def test_development_settings_show_the_sites_404_page(client, language, title):
    with override_settings(DEBUG=True, MIDDLEWARE=dev.MIDDLEWARE):
        html = parsed(client.get(f"/{language}/nulle-part/"), 404)
    assert html.h1.get_text() == title
    assert html.html["lang"] == language
    assert html.select_one("link[rel=stylesheet]")  # styled, not Django's page
    assert "Using the URLconf" not in html.get_text()
    form = html.select_one("form[role=search]")
    assert form["action"] == f"/{language}/search/"
    assert form.select_one("input[name=q]")["id"] == form.label["for"]
    assert html.select_one(f'main a[href="/{language}/"]')  # home


def test_without_the_setting_debug_shows_djangos_page(client):
    """What the middleware changes: DEBUG alone shows Django's technical page
    (so the test above cannot pass without it)."""
    with override_settings(DEBUG=True):
        response = client.get("/fr/nulle-part/")
    assert response.status_code == 404
    assert b"Page introuvable" not in response.content


def test_production_404_page_has_the_search_box(client):
    html = parsed(client.get("/fr/pratiques/nulle-part/"), 404)
    assert html.select_one("form[role=search] input[name=q]")
