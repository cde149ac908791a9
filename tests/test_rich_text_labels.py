"""Wagtail's rich text editors get an accessible name on the page editors
(practices/publishing/rich_text_labels.py): the script that gives it is on the
editor of a page and of a new page. That it names every editor is proven in
Chromium by the browser matrix (axe on the page editor, no violation)."""

import pytest
from django.urls import reverse

from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db

SCRIPT = "practices/admin/rich-text-labels.js"


def test_page_editors_load_the_label_script(admin_client):
    practice = PracticePageFactory()
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(practice.pk,)))
    assert edit.status_code == 200
    assert SCRIPT in edit.content.decode()
    parent = practice.get_parent()
    add = admin_client.get(
        reverse("wagtailadmin_pages:add", args=("practices", "practicepage", parent.pk))
    )
    assert add.status_code == 200
    assert SCRIPT in add.content.decode()


def test_the_public_site_does_not_load_it(client):
    practice = PracticePageFactory()
    assert SCRIPT not in client.get(practice.url).content.decode()
