"""Users of each role and the admin POSTs of the workflows, shared by the
workflow and notification tests.

Form data is built with Wagtail's helpers, as the page editor's JavaScript
posts it; workflow actions are POSTed to the same URLs as the editor's and the
dashboard's buttons (``wagtailadmin_pages:workflow_action``).
"""

import json

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Collection, Locale
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)
from wagtail.users.models import UserProfile

from documents.access import SHARED_KEY
from hub import keys
from practices.models import PracticePage
from practices.models.roles import EDITOR, REVIEWER, CommuneRole
from practices.publishing.roles import commune_collection_key, group_key
from practices.publishing.sections import section_for
from programme.models import Commune

PASSWORD = "x"


def make_user(django_user_model, username, *groups, language=None):
    """An active user with an e-mail address in ``groups`` (and a preferred
    admin language if given)."""
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )
    user.groups.add(*groups)
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def commune_group(slug, role):
    return CommuneRole.objects.get(commune__slug=slug, role=role).group


def editor_group(slug):
    return commune_group(slug, EDITOR)


def reviewer_group(slug):
    return commune_group(slug, REVIEWER)


def role_group(role):
    """The programme's group of ``role`` ("coordinators", "partners"…), found
    by its key as the code finds it, whatever its name."""
    return keys.get(Group, group_key(role))


def coordinators():
    return role_group("coordinators")


def translators():
    return role_group("translators")


def trainers():
    return role_group("trainers")


def partners():
    return role_group("partners")


def shared_collection():
    """« Modèles partagés », found by its key."""
    return keys.get(Collection, SHARED_KEY)


def commune_collection(slug, private=False):
    """A commune's collection (or its « réservé aux partenaires » child), found
    by its key."""
    commune = Commune.objects.get(slug=slug, locale__language_code="fr")
    return keys.get(Collection, commune_collection_key(commune, private=private))


def section(slug, language="fr"):
    commune = Commune.objects.get(slug=slug, locale__language_code="fr")
    return section_for(commune, Locale.objects.get(language_code=language))


def practice_form(title, slug, **fields):
    """A practice as the editor posts it: the required fields, empty lists;
    ``subscribe=True`` ticks "comment notifications" (ticked when creating)."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": fields.get("summary", "Des repas pour les élèves."),
            "context": rich_text("<p>Des élèves sans repas à midi.</p>"),
            "body": streamfield([]),
            "participations": inline_formset([]),
            "indicators": streamfield([]),
            "attachments": inline_formset([]),
            "status": "ongoing",
            "original_language": "fr",
            "comments": inline_formset(fields.get("comments", [])),
        }
    ) | ({"comment_notifications": "on"} if fields.get("subscribe") else {})


def add_url(parent, model=PracticePage):
    return reverse(
        "wagtailadmin_pages:add",
        args=(model._meta.app_label, model._meta.model_name, parent.pk),
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def action_url(page, action):
    task_state = page.current_workflow_task_state
    return reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk)
    )


def act(client, page, action, comment=""):
    """POST a workflow action as the modal of the editor or the dashboard."""
    return client.post(
        action_url(page, action),
        {"comment": comment},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def comment_on(client, page, title, text):
    """A new comment ``text`` on the title of ``page`` (titled ``title``),
    posted through the edit view as the logged-in user; the edit view's
    answer."""
    comment = {
        "id": "",
        "contentpath": "title",
        "text": text,
        "position": "",
        "resolved": "",
        "replies": inline_formset([]),
    }
    data = practice_form(title, page.slug, comments=[comment])
    return client.post(edit_url(page), data)


def succeeded(response):
    """The modal's JSON says the action was performed."""
    return json.loads(response.content)["step"] == "success"


def start_translation(client, page, language="ar"):
    """wagtail-localize's "Translate" (its submit view) into ``language``, POSTed
    by the client's user; the translated page."""
    locale = Locale.objects.get(language_code=language)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=(page.pk,)),
        {"locales": [locale.pk]},
    )
    assert response.status_code == 302
    return type(page).objects.get(translation_key=page.translation_key, locale=locale)


def translate_title(translation_page, text):
    """Save the title's translation as the translation editor's segment API does."""
    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    translation = Translation.objects.get(
        source__object_id=translation_page.translation_key,
        target_locale=translation_page.locale,
    )
    segment = StringSegment.objects.get(
        source=translation.source, context__path="title"
    )
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=translation_page.locale,
        context=segment.context,
        data=text,
    )
