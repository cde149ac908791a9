"""Who did what (issue #14, items 13 and 14): the demonstration accounts are
people with names — the two Tanger accounts are not both « Tanger » in the
history and the e-mails — whose account preferences can be saved (Wagtail's
form requires a first and a last name), and a translation is credited to the
translator who started it, not to the author of the original."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.admin.templatetags.wagtailadmin_tags import user_display_name
from wagtail.models import Locale, PageLogEntry
from wagtail.users.models import UserProfile

from practices.demo.users import create_demo_users, demo_accounts
from practices.models import PracticePage
from practices.publishing.roles import ensure_roles
from tests import workflow_helpers as flow
from tests.factories import (
    PracticePageFactory,
    isolated_media_root,  # noqa: F401 (autouse fixture)
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    create_demo_users(ensure_roles(), "changeme")
    return {u.username: u for u in get_user_model().objects.all()}


def test_every_demo_account_is_a_person_with_a_name(demo):
    for username, *_rest in demo_accounts():
        user = demo[username]
        assert user.first_name and user.last_name, username
    names = {user_display_name(demo[u]) for u, *_r in demo_accounts()}
    assert len(names) == len(demo_accounts())
    assert user_display_name(demo["tanger.redaction"]) != "Tanger"


def test_history_and_mails_name_the_two_tanger_accounts_apart(client, demo):
    """The editor submits, the reviewer asks for changes: the page's history
    and the author's e-mail name the reviewer, not « Tanger »."""
    editor, reviewer = demo["tanger.redaction"], demo["tanger.relecture"]
    assert editor.get_full_name() != reviewer.get_full_name()
    client.force_login(editor)
    data = {**flow.practice_form("Cantine", "cantine"), "action-submit": "1"}
    assert client.post(flow.add_url(flow.section("tanger")), data).status_code == 302
    page = PracticePage.objects.get(slug="cantine")
    mail.outbox.clear()
    client.force_login(reviewer)
    flow.act(client, page, "reject", "Précisez le budget.")
    (message,) = [m for m in mail.outbox if m.to == [editor.email]]
    assert reviewer.get_full_name() in message.body
    history = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    text = history.content.decode()
    assert editor.get_full_name() in text and reviewer.get_full_name() in text


def account_form(client):
    """Wagtail's account page as its form posts it: every field's value."""
    soup = BeautifulSoup(
        client.get(reverse("wagtailadmin_account")).content, "html.parser"
    )
    form = soup.find("form", attrs={"method": re.compile("post", re.I)})
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("file", "submit"):
            continue
        if field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", field.text)
    return data


@pytest.mark.parametrize("username", ["tanger.redaction", "coordination"])
def test_demo_account_switches_the_admin_to_arabic(client, demo, username):
    client.force_login(demo[username])
    data = account_form(client) | {"locale-preferred_language": "ar"}
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert UserProfile.get_for_user(demo[username]).preferred_language == "ar"


def test_translation_is_credited_to_the_translator(client, django_user_model):
    """wagtail-localize copies the original (« Traduire »): the Arabic page's
    creation is logged under the translator, who owns it — not under the
    commune editor who wrote the original."""
    editor = flow.make_user(django_user_model, "katib", flow.editor_group("tanger"))
    translator = flow.make_user(django_user_model, "moutarjim", flow.translators())
    page = PracticePageFactory(commune="tanger", owner=editor)
    arabic_locale = Locale.objects.get(language_code="ar")
    client.force_login(translator)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=(page.pk,)),
        {"locales": [arabic_locale.pk]},
    )
    assert response.status_code == 302
    arabic = PracticePage.objects.get(
        translation_key=page.translation_key, locale=arabic_locale
    )
    entries = PageLogEntry.objects.filter(page_id=arabic.pk)
    assert entries.get(action="wagtail.create").user == translator
    assert not entries.filter(user=editor).exists()
    assert arabic.owner == translator
