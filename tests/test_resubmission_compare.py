"""A resubmitted page shows its reviewer what changed since they sent it back
(practices/publishing/resubmission_compare.py).

The editor's saves between the request for changes and the resubmission are
revisions too: compared with the revision just before it, as Wagtail does, a
resubmission showed « aucune différence » although the summary was rewritten.
The dashboard's comparison link compares with the version submitted before.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from practices.models import PracticePage
from tests import workflow_helpers as wf
from tests.factories import isolated_media_root  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.django_db

TITLE = "Cantine solidaire"
FIRST = "Des repas pour les élèves."
REWRITTEN = "Des repas chauds, chaque midi, pour 120 élèves."


def as_user(client, user):
    client.force_login(user)
    return client


def post(client, url, title, summary, submit=False):
    data = wf.practice_form(title, "cantine-solidaire", summary=summary)
    if submit:
        data["action-submit"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302
    return response


def compare_links(client):
    """The dashboard's « compare with previous version » links."""
    response = client.get(reverse("wagtailadmin_home"))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    panel = soup.select_one("#awaiting-review-content")
    return [
        a["href"]
        for a in panel.select("a[href*='/revisions/compare/']")
        if "/compare/live..." not in a["href"]
    ]


def test_reviewer_compares_a_resubmission_with_what_they_sent_back(
    client, django_user_model
):
    """Submit, request changes, rewrite the summary, save twice, resubmit: the
    reviewer's comparison link lists the summary's change."""
    editor = wf.make_user(django_user_model, "redaction", wf.editor_group("tanger"))
    reviewer = wf.make_user(django_user_model, "relecture", wf.reviewer_group("tanger"))
    post(as_user(client, editor), wf.add_url(wf.section("tanger")), TITLE, FIRST, True)
    page = PracticePage.objects.get(slug="cantine-solidaire")
    assert wf.succeeded(wf.act(as_user(client, reviewer), page, "reject", "Précisez."))

    as_user(client, editor)
    post(client, wf.edit_url(page), TITLE, REWRITTEN)
    post(client, wf.edit_url(page), f"{TITLE} de Tanger", REWRITTEN)
    post(client, wf.edit_url(page), f"{TITLE} de Tanger", REWRITTEN, submit=True)

    (link,) = compare_links(as_user(client, reviewer))
    response = client.get(link)
    assert response.status_code == 200
    # Wagtail's word diff: <span class="addition"> around what was added.
    page_soup = BeautifulSoup(response.content.decode(), "html.parser")
    added = " ".join(span.get_text() for span in page_soup.select(".addition"))
    assert "chauds" in added
    assert "120" in added
