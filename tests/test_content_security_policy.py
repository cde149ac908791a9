"""The Content-Security-Policy of each kind of response (hub/content_security.py).

Public HTML: scripts and styles from the site only, nothing inline; the admin:
what Wagtail's admin needs (inline scripts and styles); anything else (JSON,
files): nothing at all. The public templates are also read for inline scripts,
handlers and styles, which the public policy would block.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from practices.models.roles import EDITOR, CommuneRole
from programme.models import Commune
from tests.factories import (
    HubDocumentFactory,
    PracticePageFactory,
    TemplatePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    locale,
)
from tests.workflow_helpers import practice_form

pytestmark = pytest.mark.django_db

SELF, NONE, INLINE = "'self'", "'none'", "'unsafe-inline'"
PUBLIC = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF],
    "frame-src": ["https:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
ADMIN = {
    "default-src": [SELF],
    "script-src": [SELF, INLINE],
    "style-src": [SELF, INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "connect-src": [SELF],
    "frame-src": [SELF, "https:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
NOT_HTML = {"default-src": [NONE], "frame-ancestors": [NONE]}


def policy(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def practice():
    return PracticePageFactory(title="Cantine solidaire", commune="tanger")


@pytest.fixture
def agent(client):
    user = User.objects.create_user("agent", password="x")
    tanger = Commune.objects.get(slug="tanger", locale=locale("fr"))
    user.groups.add(CommuneRole.objects.get(commune=tanger, role=EDITOR).group)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "url",
    [
        "/fr/",
        "/ar/",
        "/fr/search/?q=cantine",
        "/ar/search/?q=cantine",
        "/fr/compte/connexion/",
        "/fr/nulle-part/",  # 404
    ],
)
def test_public_pages(client, practice, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("text/html")
    assert policy(response) == PUBLIC


def test_practice_page(client, practice):
    response = client.get(practice.url)
    assert response.status_code == 200
    assert policy(response) == PUBLIC


def test_not_modified_answers_leave_the_pages_policy_alone(client, practice):
    """A 304 updates the headers the browser stored with the page: with a policy
    of its own (it has no Content-Type, so the strict one for what is not HTML)
    the page would lose its styles the next time it is shown."""
    page = client.get(practice.url)
    again = client.get(practice.url, headers={"If-None-Match": page["ETag"]})
    assert again.status_code == 304
    assert "Content-Security-Policy" not in again


def test_share_form(client, agent):
    response = client.get("/fr/partager/")
    assert response.status_code == 200
    assert policy(response) == PUBLIC


def test_not_found_page(client):
    response = client.get("/fr/nulle-part/")
    assert response.status_code == 404
    assert policy(response) == PUBLIC


@pytest.mark.parametrize(
    "url",
    [
        "/api/search/?q=cantine",
        "/api/search/openapi.json",
        "/api/search/autocomplete/?q=cant",
        "/api/search/?page=abc",  # an error answer is JSON too
        "/api/v2/openapi.json",  # the read API's document and its 404
        "/api/v2/pages/-1/",
    ],
)
def test_json_api(client, practice, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/")
    assert policy(response) == NOT_HTML


def test_document_download(client):
    """Wagtail's document view writes its own policy, as strict, and keeps it."""
    document = HubDocumentFactory()
    TemplatePageFactory(attachments=[document])  # published: served to visitors
    response = client.get(document.url)
    assert response.status_code == 200
    assert policy(response) == {"default-src": [NONE]}


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/"])
def test_admin(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert policy(response) == ADMIN


def test_admin_login_page(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert policy(response) == ADMIN


def test_admin_page_editor(admin_client, practice):
    response = admin_client.get(f"/admin/pages/{practice.pk}/edit/")
    assert response.status_code == 200
    assert policy(response) == ADMIN


def test_admin_preview_of_a_public_page(admin_client, practice):
    """The previewed page is rendered through the middleware as a public page
    would be, but shown in the admin's frame: it has the admin's policy."""
    url = f"/admin/pages/{practice.pk}/edit/preview/"
    data = practice_form("Cantine solidaire", practice.slug)
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url + "?mode=")
    assert "Cantine solidaire" in response.content.decode()
    assert policy(response) == ADMIN


# The public templates have nothing the public policy would block ---------------

PUBLIC_TEMPLATE_DIRS = [
    settings.BASE_DIR / "hub/templates",
    settings.BASE_DIR / "home/templates",
    settings.BASE_DIR / "practices/templates/practices",
    settings.BASE_DIR / "search/templates",
    settings.BASE_DIR / "alerts/templates",
]
BLOCKED = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def public_templates():
    return sorted(p for d in PUBLIC_TEMPLATE_DIRS for p in Path(d).rglob("*.html"))


def test_public_templates_have_no_inline_script_or_style():
    templates = public_templates()
    assert len(templates) > 20
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {what}"
        for path in templates
        for what, pattern in BLOCKED.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
