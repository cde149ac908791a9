"""A translation's way from the translator to the site, as the admin offers it.

The translator finds the French pages awaiting translation in their own list,
starts a translation there, submits it from wagtail-localize's editor (its main
action); the coordination approves it from the dashboard or publishes it from
the same editor — both end the workflow the same way: approved, logged, the
translator told by e-mail.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from practices.models import PracticePage
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)
from tests.workflow_helpers import (
    act,
    coordinators,
    edit_url,
    editor_group,
    make_user,
    start_translation,
    succeeded,
    translate_title,
    translators,
)

pytestmark = pytest.mark.django_db

TITLE = "Cantine solidaire"
ARABIC_TITLE = "مطعم تضامني"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def flashed(response):
    """The messages queued by the request (shown by whatever page comes next)."""
    return [str(m) for m in response.wsgi_request._messages]


@pytest.fixture
def people(django_user_model):
    return {
        "translator": make_user(django_user_model, "traduction", translators()),
        "coordinator": make_user(django_user_model, "coordination", coordinators()),
    }


def as_user(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def in_review(client, people):
    """A translation of a live French practice, submitted by the translator."""
    practice = PracticePageFactory(commune="tanger", title=TITLE)
    page = start_translation(as_user(client, people["coordinator"]), practice)
    translate_title(page, ARABIC_TITLE)
    response = as_user(client, people["translator"]).post(
        edit_url(page), {"action-submit": "1"}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    mail.outbox.clear()
    return page


def approve_from_dashboard(client, page):
    assert succeeded(act(client, page, "approve"))


def publish_from_translation_editor(client, page, capture):
    # The editor's « Publier dans … » button posts action=publish to the edit URL.
    with capture(execute=True):  # wagtail-localize publishes on commit
        response = client.post(edit_url(page), {"action": "publish"})
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["dashboard", "translation editor"])
def test_both_ways_of_publishing_a_translation_end_the_same(
    client, in_review, people, path, django_capture_on_commit_callbacks
):
    """Approving from the dashboard and publishing from the translation editor
    both approve the workflow (not « Annulé »), publish the translated page,
    log the approval by the coordinator and e-mail the translator."""
    page = in_review
    state = page.current_workflow_state
    coordinator = as_user(client, people["coordinator"])
    if path == "dashboard":
        approve_from_dashboard(coordinator, page)
    else:
        publish_from_translation_editor(
            coordinator, page, django_capture_on_commit_callbacks
        )

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    assert page.live
    assert page.title == ARABIC_TITLE
    approval = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve")
    assert [entry.user for entry in approval] == [people["coordinator"]]
    assert not PageLogEntry.objects.filter(
        page=page, action="wagtail.workflow.cancel"
    ).exists()
    to_translator = [m for m in mail.outbox if m.to == ["traduction@example.org"]]
    # Wagtail's "approved" notification (workflow_state_approved_subject.txt).
    (message,) = to_translator
    assert ARABIC_TITLE in message.subject
    assert "approuvée" in message.subject


@pytest.mark.parametrize(
    ("language", "label"), [("fr", "Publier dans "), ("ar", "نشر باللغة ")]
)
def test_publish_label_keeps_its_space_before_the_language(
    client, django_user_model, language, label
):
    """The editor's button is "Publish in " + the locale's name: wagtail-localize's
    French catalogue drops the space (« Publier dansالعربية »); ours keeps it."""
    user = make_user(django_user_model, "lecteur", coordinators(), language=language)
    response = as_user(client, user).get(reverse("wagtail_localize:javascript_catalog"))
    assert response.status_code == 200
    # Django writes the catalogue with json.dumps (non-ASCII escaped).
    assert f'"Publish in ": {json.dumps(label)}' in response.content.decode()


def pages_to_translate(client):
    """(title, state) of each row of « Pages à traduire »."""
    response = client.get(reverse("practices_pages_to_translate"))
    assert response.status_code == 200
    return [
        tuple(td.get_text(" ", strip=True) for td in row.select("td")[:4:3])
        for row in soup(response).select("tr[data-page-to-translate]")
    ]


def test_translator_lists_the_pages_awaiting_translation(client, people):
    """Live French pages with no Arabic translation are listed, with their
    commune, date and state; a draft or an up-to-date translation is not."""
    PracticePageFactory(commune="tanger", title=TITLE)
    PracticePageFactory(commune="tanger", title="Brouillon", live=False)
    done = PracticePageFactory(commune="tiznit", title="Déjà traduite")
    start_translation(as_user(client, people["coordinator"]), done)

    translator = as_user(client, people["translator"])
    assert pages_to_translate(translator) == [(TITLE, "Pas encore traduite")]
    response = translator.get(reverse("practices_pages_to_translate"))
    row = soup(response).select_one("tr[data-page-to-translate]")
    assert "Tanger" in row.get_text()
    assert row.select_one("form button").get_text(strip=True) == "Traduire"


def test_a_translation_of_an_older_version_is_listed_again(client, people):
    """The original, republished after its translation was made, is back in
    the list as a translation to bring up to date."""
    practice = PracticePageFactory(commune="tanger", title=TITLE)
    start_translation(as_user(client, people["coordinator"]), practice)
    practice.summary = "Un nouveau résumé."
    practice.save_revision().publish()
    translator = as_user(client, people["translator"])
    assert pages_to_translate(translator) == [(TITLE, "Traduction à mettre à jour")]


def test_translate_starts_the_translation_and_opens_its_editor(client, people):
    """« Traduire » (a POST) makes the Arabic translation with wagtail-localize
    and redirects the translator to its editor, which they may open."""
    practice = PracticePageFactory(commune="tanger", title=TITLE)
    translator = as_user(client, people["translator"])
    response = translator.post(reverse("practices_translate_page", args=(practice.pk,)))
    arabic = PracticePage.objects.get(
        translation_key=practice.translation_key, locale__language_code="ar"
    )
    assert response.status_code == 302
    assert response["Location"] == edit_url(arabic)
    assert not arabic.live
    editor = translator.get(edit_url(arabic))
    assert editor.status_code == 200
    assert "js-translation-editor" in editor.content.decode()
    assert pages_to_translate(translator) == []


def test_only_translators_and_coordination_see_the_list(
    client, people, django_user_model
):
    """Reached from the admin menu and the dashboard by those who may start a
    translation; refused to others."""
    translator = as_user(client, people["translator"])
    home = translator.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("practices_pages_to_translate") in home  # menu
    assert 'id="pages-to-translate' in home  # dashboard panel
    editor = make_user(django_user_model, "redaction", editor_group("tanger"))
    client.force_login(editor)
    assert client.get(reverse("practices_pages_to_translate")).status_code == 302
    practice = PracticePageFactory(commune="tanger", title=TITLE)
    client.post(reverse("practices_translate_page", args=(practice.pk,)))
    assert not PracticePage.objects.filter(
        locale__language_code="ar", translation_key=practice.translation_key
    ).exists()


def test_submit_is_the_main_action_of_the_translators_editor(client, people):
    """The footer of the translator's translation editor is ours, its main
    (and only) action « Soumettre à la validation »; after submitting, the
    editor says the translation waits for validation."""
    practice = PracticePageFactory(commune="tanger", title=TITLE)
    page = start_translation(as_user(client, people["coordinator"]), practice)
    translate_title(page, ARABIC_TITLE)
    translator = as_user(client, people["translator"])
    response = translator.get(edit_url(page))
    assert "translation-submit-only" in soup(response).body["class"]
    footer = soup(response).select_one("footer[data-translation-submit]")
    (button,) = footer.select("button")
    assert button["name"] == "action-submit"
    assert button.get_text(strip=True) == "Soumettre à la validation"

    response = translator.post(edit_url(page), {"action-submit": "1"}, follow=True)
    text = [m.get_text(" ", strip=True) for m in soup(response).select(".messages li")]
    assert any("attend maintenant la validation" in m for m in text), text
    footer = soup(response).select_one("footer[data-translation-submit]")
    assert not footer.select("button")
    assert "attend la validation" in footer.get_text()


def test_a_translator_refused_a_french_page_is_pointed_to_the_list(client, people):
    """A French page's editor refuses the translator (translator_scope.py); the
    refusal says where French pages are translated, with a link to the list."""
    practice = PracticePageFactory(commune="tanger", title=TITLE)
    response = as_user(client, people["translator"]).get(edit_url(practice))
    assert response["Location"] == reverse("wagtailadmin_home")
    # The message carries its button (wagtail.admin.messages): HTML.
    refusal = "Les pages en français se traduisent depuis « Pages à traduire »."
    assert any(refusal in message for message in flashed(response))
    dashboard = soup(client.get(response["Location"]))
    links = [a["href"] for a in dashboard.select(".messages a")]
    assert reverse("practices_pages_to_translate") in links


def test_the_refusal_speaks_the_translators_admin_language(client, django_user_model):
    """The message is stored after Wagtail's view, outside the admin language
    it renders in (page_refusal.py): still in Arabic for an Arabic admin."""
    practice = PracticePageFactory(commune="tanger", title=TITLE)
    user = make_user(django_user_model, "mutarjim", translators(), language="ar")
    response = as_user(client, user).get(edit_url(practice))
    refusal = "تُترجم الصفحات الفرنسية من « صفحات للترجمة »."
    assert any(refusal in message for message in flashed(response))


def test_the_list_speaks_the_translators_admin_language(client, django_user_model):
    """In an Arabic admin: the list's title, state, commune and action in Arabic."""
    PracticePageFactory(commune="tanger", title=TITLE)
    user = make_user(django_user_model, "mutarjim", translators(), language="ar")
    response = as_user(client, user).get(reverse("practices_pages_to_translate"))
    page = soup(response)
    assert "صفحات للترجمة" in page.title.get_text()
    row = page.select_one("tr[data-page-to-translate]")
    assert "لم تُترجم بعد" in row.get_text()
    assert "طنجة" in row.get_text()
    assert row.select_one("button").get_text(strip=True) == "ترجمة"
