"""An editor who opens their commune's section is told why it is refused and
what to do instead (issue #14, item 9): sections are structure, practices are
added under them with Wagtail's « Ajouter une sous-page » (« إضافة صفحة فرعية »
in its Arabic admin) — in the editor's admin language."""

from html import unescape

import pytest
from django.urls import reverse

from tests.workflow_helpers import coordinators, editor_group, make_user, section

pytestmark = pytest.mark.django_db

FRENCH = (
    "Cette section est la structure de l'espace de votre commune : ajoutez-y une "
    "pratique avec « Ajouter une sous-page »."
)
ARABIC = (
    "هذه الصفحة هي هيكل فضاء جماعتكم: أضيفوا إليها ممارسة عبر « إضافة صفحة فرعية »."
)


def open_section(client, user):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=(section("tanger").pk,))
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    return unescape(response.content.decode())


@pytest.mark.parametrize(("language", "message"), [("fr", FRENCH), ("ar", ARABIC)])
def test_an_editor_refused_their_section_is_told_to_add_a_practice(
    client, django_user_model, language, message
):
    editor = make_user(
        django_user_model, "redaction", editor_group("tanger"), language=language
    )
    assert message in open_section(client, editor)


def test_an_editor_of_another_commune_gets_only_the_general_refusal(
    client, django_user_model
):
    """Nothing to add there for them: no invitation to add a practice."""
    editor = make_user(django_user_model, "redaction-b", editor_group("tiznit"))
    assert FRENCH not in open_section(client, editor)


def test_the_coordination_still_edits_the_section(client, django_user_model):
    client.force_login(make_user(django_user_model, "coordination", coordinators()))
    url = reverse("wagtailadmin_pages:edit", args=(section("tanger").pk,))
    assert client.get(url).status_code == 200
