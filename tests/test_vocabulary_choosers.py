"""The vocabulary fields of the page editor (themes, target publics, region,
commune, partnership, document kind, a participation's public) offer the terms of
the page's own language only, and the multiple ones as checkboxes rather than a
Ctrl-click list, still saving the same terms."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale

from practices.models import PracticePage
from programme.models import Commune, DocumentKind, Region, TargetPublic, Theme
from tests.factories import (
    PracticePageFactory,
    TemplatePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.test_admin import form_errors, practice_data

pytestmark = pytest.mark.django_db


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def offered(form, name):
    """The term ids a field offers, whatever its widget (an inline row's empty
    form is the content of a ``<template>``, parsed apart)."""
    for template in form.select("template"):
        inner = BeautifulSoup(template.decode_contents(), "html.parser")
        if inner.select(f'[name="{name}"]'):
            form = inner
    values = {o["value"] for o in form.select(f'select[name="{name}"] option')}
    values |= {i["value"] for i in form.select(f'input[name="{name}"]')}
    return {int(v) for v in values if v}


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_practice_editor_offers_its_language_terms_only(admin_client, language):
    page = PracticePageFactory(commune="tanger", language=language)
    form = edit_form(admin_client, page)
    mine = Locale.objects.get(language_code=language)
    for name, model in [
        ("themes", Theme),
        ("target_publics", TargetPublic),
        ("participations-__prefix__-target_public", TargetPublic),
    ]:
        expected = set(model.objects.filter(locale=mine).values_list("pk", flat=True))
        assert offered(form, name) == expected, name
    # The commune may be narrowed further (a section's editors: their commune).
    for name, model in [("commune", Commune), ("region", Region)]:
        ids = offered(form, name)
        assert ids and ids <= set(
            model.objects.filter(locale=mine).values_list("pk", flat=True)
        )
    assert offered(form, "partnership")


def test_template_editor_offers_its_language_kinds_only(admin_client):
    page = TemplatePageFactory(language="ar")
    form = edit_form(admin_client, page)
    arabic = Locale.objects.get(language_code="ar")
    expected = set(Theme.objects.filter(locale=arabic).values_list("pk", flat=True))
    assert offered(form, "themes") == expected
    kinds = set(DocumentKind.objects.filter(locale=arabic).values_list("pk", flat=True))
    assert offered(form, "kind") == kinds


def test_multiple_terms_are_checkboxes(admin_client):
    form = edit_form(admin_client, PracticePageFactory(commune="tanger"))
    for name in ["themes", "target_publics"]:
        assert not form.select(f'select[name="{name}"]'), name
        boxes = form.select(f'input[type="checkbox"][name="{name}"]')
        assert boxes, name
        labels = [b.find_parent("label").get_text(strip=True) for b in boxes]
        assert "Budget participatif" in labels or "Jeunes" in labels


def test_checked_terms_are_saved(admin_client):
    page = PracticePageFactory(commune="tanger", themes=["budget-participatif"])
    data = practice_data("fr", slug=page.slug)
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {**data, "action-publish": "action-publish"},
    )
    assert response.status_code == 302, form_errors(response)
    saved = PracticePage.objects.get(pk=page.pk)
    assert [t.slug for t in saved.themes.all()] == ["action-sociale-proximite"]
    form = edit_form(admin_client, saved)
    checked = form.select('input[name="themes"][checked]')
    assert [int(c["value"]) for c in checked] == [saved.themes.get().pk]
