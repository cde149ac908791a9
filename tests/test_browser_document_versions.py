"""Browser lane: a new file for a published document waits for the
coordination, who validates it from the version list of the document's edit
view (documents/pending_files.py, documents/version_review.py): the buttons
post the edit form to their own address, in a real browser, with Wagtail's
scripts on the page."""

import pytest
from django.urls import reverse
from wagtail.models import Collection

from home.site_structure import ensure_site
from programme.loader import load_taxonomy
from tests.conftest import TAXONOMY
from tests.factories import (
    HubDocumentFactory,
    TemplatePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
    pdf_bytes,
)
from tests.test_browser import browser_page  # noqa: F401 (fixture)
from tests.test_browser_translation_editor import log_in
from tests.workflow_helpers import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEWER = pdf_bytes("Convention, version corrigée de mars")


def test_the_coordination_validates_a_new_file_in_the_edit_view(
    live_server,
    browser_page,  # noqa: F811
    django_user_model,
):
    ensure_site()
    load_taxonomy(TAXONOMY)
    Collection.fix_tree()
    coordinator = make_user(django_user_model, "coordination", language="fr")
    coordinator.is_superuser = True
    coordinator.save()
    document = HubDocumentFactory(title="Convention type", file__filename="c.pdf")
    TemplatePageFactory(title="Modèle de convention", attachments=[document])
    log_in(browser_page, live_server, coordinator)
    edit_url = live_server.url + reverse("wagtaildocs:edit", args=[document.pk])

    browser_page.goto(edit_url)
    browser_page.set_input_files(
        "input[name=file]",
        {"name": "convention.pdf", "mimeType": "application/pdf", "buffer": NEWER},
    )
    browser_page.fill("[name=version_note]", "Article 4 corrigé")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Enregistrer", exact=True).click()
    document.refresh_from_db()
    assert document.versions.get(pending=True).note == "Article 4 corrigé"
    assert "mars" not in document.extracted_text

    browser_page.goto(edit_url)
    assert "en attente de validation" in browser_page.inner_text("ol.document-versions")
    with browser_page.expect_navigation():
        browser_page.get_by_role("button", name="Valider et publier ce fichier").click()
    assert browser_page.url == edit_url
    assert "La version 2 est validée" in browser_page.content()
    document.refresh_from_db()
    assert not document.versions.filter(pending=True).exists()
    assert "mars" in document.extracted_text
