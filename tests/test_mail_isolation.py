"""Plain-text workflow e-mails in Arabic isolate what they quote of the other
direction (issue #14, item 2): a French title, a Latin user name, a link.

There is no ``<bdi>`` in plain text: a value whose first strong letter is not
of the mail's direction (or that has none) is wrapped in U+2068 FIRST STRONG
ISOLATE … U+2069 POP DIRECTIONAL ISOLATE, a link in U+2066 LEFT-TO-RIGHT
ISOLATE … U+2069. A French mail quoting French values is unchanged.
"""

import pytest
from django.core import mail

from tests.factories import isolated_media_root  # noqa: F401 (autouse fixture)
from tests.test_notifications import TITLE, submit
from tests.workflow_helpers import (
    comment_on,
    edit_url,
    editor_group,
    make_user,
    reviewer_group,
)

pytestmark = pytest.mark.django_db

FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


@pytest.fixture
def mails(client, django_user_model):
    """The submission mails of a French-titled practice, by recipient."""
    editor = make_user(django_user_model, "editeur", editor_group("tanger"))
    for name, language in (("relecteur", "fr"), ("mourajie", "ar")):
        make_user(django_user_model, name, reviewer_group("tanger"), language=language)
    page = submit(client, editor)
    return page, {m.to[0].split("@")[0]: m for m in mail.outbox}


def test_the_arabic_mail_isolates_the_title_the_name_and_the_links(mails):
    page, by_recipient = mails
    arabic = by_recipient["mourajie"]
    assert f"{FSI}{TITLE}{PDI}" in arabic.subject
    assert f"{FSI}{TITLE}{PDI}" in arabic.body
    assert f"{FSI}mourajie{PDI}" in arabic.body
    # Spaced inside the isolate, so that no mail reader takes U+2069 into the link.
    assert f"{LRI} http://testserver{edit_url(page)} {PDI}" in arabic.body
    # The step's name is Arabic, as the mail: nothing to isolate.
    assert f"{FSI}مراجعة الجماعة" not in arabic.body


def test_the_french_mail_quoting_french_values_is_unchanged(mails):
    page, by_recipient = mails
    french = by_recipient["relecteur"]
    for text in (french.subject, french.body):
        assert not {FSI, LRI, PDI} & set(text)
    assert f"http://testserver{edit_url(page)}" in french.body


def submitted_by_katib(client, django_user_model):
    """The practice submitted by an author reading Arabic, and Tanger's
    reviewer, with a full name in Latin script, logged in; no mail yet."""
    author = make_user(
        django_user_model, "katib", editor_group("tanger"), language="ar"
    )
    reviewer = make_user(django_user_model, "relecteur", reviewer_group("tanger"))
    reviewer.first_name, reviewer.last_name = "Anne", "Martin"
    reviewer.save()
    page = submit(client, author)
    mail.outbox.clear()
    client.force_login(reviewer)
    return page


def test_a_request_for_changes_in_arabic_isolates_the_reviewer_and_comment(
    client, django_user_model
):
    from tests.workflow_helpers import act

    page = submitted_by_katib(client, django_user_model)
    act(client, page, "reject", "Précisez le budget.")
    (message,) = mail.outbox
    assert f"{FSI}{TITLE}{PDI}" in message.subject
    assert f"{FSI}Anne Martin{PDI}" in message.body
    assert f"{FSI}Précisez le budget.{PDI}" in message.body


# Wagtail's own mails, sent without our workflow notifiers: the comment
# notification of the page editor and the admin's password reset.


@pytest.fixture
def comment_mail(client, django_user_model):
    """The comment notification an Arabic-reading author (subscribed to the
    comments of the page they created) receives of a French reviewer's comment."""
    page = submitted_by_katib(client, django_user_model)
    comment_on(client, page, TITLE, "Précisez le budget.")
    (message,) = mail.outbox
    assert message.to == ["katib@example.org"]
    return page, message


def test_the_arabic_comment_mail_isolates_title_names_comment_and_links(
    comment_mail,
):
    page, message = comment_mail
    for text in (message.subject, message.body):
        assert f"{FSI}{TITLE}{PDI}" in text
        assert f"{FSI}Anne Martin{PDI}" in text
    assert f"{FSI}katib{PDI}" in message.body
    assert f"{FSI}Précisez le budget.{PDI}" in message.body
    assert f"{LRI} http://testserver{edit_url(page)} {PDI}" in message.body
    assert f"{LRI} http://testserver/admin/account/#tab-notifications {PDI}" in (
        message.body
    )


def test_a_french_comment_mail_is_unchanged(client, django_user_model):
    author = make_user(
        django_user_model, "auteur", editor_group("tanger"), language="fr"
    )
    reviewer = make_user(django_user_model, "relecteur", reviewer_group("tanger"))
    page = submit(client, author)
    mail.outbox.clear()
    client.force_login(reviewer)
    comment_on(client, page, TITLE, "Précisez le budget.")
    (message,) = mail.outbox
    for text in (message.subject, message.body):
        assert not {FSI, LRI, PDI} & set(text)
    assert "Précisez le budget." in message.body


def reset_password(client, django_user_model, language):
    """The mail the admin's « forgotten password » form sends, asked for in
    ``language``."""
    make_user(django_user_model, "katib")
    response = client.post(
        "/admin/password_reset/",
        {"email": "katib@example.org"},
        headers={"accept-language": language},
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    return message


def test_the_arabic_password_reset_mail_isolates_the_link_and_the_username(
    client, django_user_model
):
    message = reset_password(client, django_user_model, "ar")
    assert "كلمة المرور" in message.subject + message.body
    assert f"{LRI} http://testserver/admin/password_reset/confirm/" in message.body
    assert f"{FSI}katib{PDI}" in message.body


def test_the_french_password_reset_mail_is_unchanged(client, django_user_model):
    message = reset_password(client, django_user_model, "fr")
    assert not {FSI, LRI, PDI} & set(message.subject + message.body)
    assert "http://testserver/admin/password_reset/confirm/" in message.body
