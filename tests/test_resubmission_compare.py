"""A resubmitted page shows its reviewer what changed since they sent it back
(practices/publishing/resubmission_compare.py).

The editor's saves between the request for changes and the resubmission are
revisions too: compared with the revision just before it, as Wagtail does, a
resubmission showed « aucune différence » although the summary was rewritten.
The dashboard's comparison link, the edit view's status panel, the workflow
history, the page's history and the reviewers' e-mail compare with the version
submitted before.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
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


def compare_links_in(client, url, scope):
    """The links to a comparison with an earlier version (not the live one,
    not the current one) of the admin page at ``url``, inside ``scope``."""
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    # The status dialog is inside a <template> (Wagtail's JS teleports it),
    # whose content BeautifulSoup does not select into: parsed on its own.
    parts = [soup] + [
        BeautifulSoup(t.decode_contents(), "html.parser")
        for t in soup.find_all("template")
    ]
    return [
        a["href"]
        for part in parts
        for a in part.select(f"{scope} a[href*='/revisions/compare/']")
        if "/compare/live..." not in a["href"] and "...latest/" not in a["href"]
    ]


def assert_lists_the_rewrite(client, link):
    response = client.get(link)
    assert response.status_code == 200
    # Wagtail's word diff: <span class="addition"> around what was added.
    page_soup = BeautifulSoup(response.content.decode(), "html.parser")
    added = " ".join(span.get_text() for span in page_soup.select(".addition"))
    assert "chauds" in added
    assert "120" in added


def resubmit(client, django_user_model, reviewer_language=None):
    """Submit, request changes, rewrite the summary, save twice, resubmit:
    the page and its reviewer (the mails of the resubmission in the outbox)."""
    editor = wf.make_user(django_user_model, "redaction", wf.editor_group("tanger"))
    reviewer = wf.make_user(
        django_user_model,
        "relecture",
        wf.reviewer_group("tanger"),
        language=reviewer_language,
    )
    post(as_user(client, editor), wf.add_url(wf.section("tanger")), TITLE, FIRST, True)
    page = PracticePage.objects.get(slug="cantine-solidaire")
    assert wf.succeeded(wf.act(as_user(client, reviewer), page, "reject", "Précisez."))

    as_user(client, editor)
    post(client, wf.edit_url(page), TITLE, REWRITTEN)
    post(client, wf.edit_url(page), f"{TITLE} de Tanger", REWRITTEN)
    mail.outbox.clear()
    post(client, wf.edit_url(page), f"{TITLE} de Tanger", REWRITTEN, submit=True)
    return page, reviewer


def test_reviewer_compares_a_resubmission_with_what_they_sent_back(
    client, django_user_model
):
    """The dashboard's comparison link lists the summary's change."""
    page, reviewer = resubmit(client, django_user_model)
    (link,) = compare_links(as_user(client, reviewer))
    assert_lists_the_rewrite(client, link)


def test_status_panel_compares_a_resubmission_with_what_was_sent_back(
    client, django_user_model
):
    """The edit view's status panel (« Comparer avec la version précédente »,
    in the workflow dialog) lists the summary's change."""
    page, reviewer = resubmit(client, django_user_model)
    (link,) = compare_links_in(
        as_user(client, reviewer), wf.edit_url(page), ".workflow-timeline__footer"
    )
    assert_lists_the_rewrite(client, link)


def test_workflow_history_compares_each_submission_with_the_one_before(
    client, django_user_model
):
    """The workflow's history lists the submissions; the resubmission's row
    links to its comparison with the first submission."""
    page, reviewer = resubmit(client, django_user_model)
    state = page.current_workflow_state
    url = reverse(
        "wagtailadmin_pages:workflow_history_detail", args=(page.pk, state.pk)
    )
    (link,) = compare_links_in(as_user(client, reviewer), url, "#tab-tasks")
    assert_lists_the_rewrite(client, link)


@pytest.mark.parametrize(
    "language, label", [("fr", "Voir les modifications"), ("ar", "عرض التعديلات")]
)
def test_resubmission_mail_links_to_the_changes(
    client, django_user_model, language, label
):
    """The reviewer's e-mail on a resubmission, in their language, links to
    what changed since they sent the fiche back."""
    page, reviewer = resubmit(client, django_user_model, reviewer_language=language)
    (message,) = [m for m in mail.outbox if reviewer.email in m.to]
    match = re.search(rf"{label}\s*:\s*\u2066?\s*(\S+)", message.body)
    assert match, message.body
    # An Arabic mail isolates the link left to right (U+2066 … U+2069).
    url = match.group(1)
    assert url.startswith("http://testserver/")
    assert_lists_the_rewrite(
        as_user(client, reviewer), url.removeprefix("http://testserver")
    )


def test_first_submission_mail_has_no_changes_link(client, django_user_model):
    editor = wf.make_user(django_user_model, "redaction", wf.editor_group("tanger"))
    reviewer = wf.make_user(django_user_model, "relecture", wf.reviewer_group("tanger"))
    post(as_user(client, editor), wf.add_url(wf.section("tanger")), TITLE, FIRST, True)
    (message,) = [m for m in mail.outbox if reviewer.email in m.to]
    assert "Voir les modifications" not in message.body
    assert "/revisions/compare/" not in message.body


def test_page_history_compares_a_resubmission_with_what_was_sent_back(
    client, django_user_model
):
    """The page's history (« Historique »): the resubmitted version's
    « Comparer avec la version précédente » lists the summary's change."""
    page, reviewer = resubmit(client, django_user_model)
    page.refresh_from_db()
    url = reverse("wagtailadmin_pages:history", args=(page.pk,))
    links = compare_links_in(as_user(client, reviewer), url, "table")
    (link,) = [a for a in links if a.endswith(f"...{page.latest_revision_id}/")]
    assert_lists_the_rewrite(client, link)
