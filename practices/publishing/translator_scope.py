"""Translators edit translations, nothing else.

The translation group holds ``change_page`` on the whole Arabic tree, because
Wagtail grants page permissions on subtrees and translations land anywhere in
it. These ``before_edit_page`` / ``before_create_page`` hooks narrow that
down: a user whose only right on a page comes from the translation group may
open it only if wagtail-localize made it from another locale (a
``Translation`` targets it), and may create no page. Rights from another group
(a commune editor who also translates) are left untouched.
https://docs.wagtail.org/en/stable/reference/hooks.html#before-edit-page
"""

from django.contrib import messages
from django.contrib.auth.models import Group
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission

from .roles import TRANSLATORS, group_name
from .workflows import is_translation

# Wagtail lets a user with add_page edit the pages they own, so both count.
EDITING = ("add_page", "change_page")


def refuse_non_translation_edit(request, page):
    """``before_edit_page``: send a translator-only user away from a page that
    is not a translation."""
    if not _translator_only(request.user, page) or is_translation(page):
        return None
    messages.error(
        request,
        _(
            "En tant que traducteur, vous ne pouvez modifier que des traductions. "
            "« %(title)s » n'en est pas une."
        )
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def refuse_non_translation_delete(request, page):
    """``before_delete_page``: the same rule for deleting (Wagtail lets a
    change right delete a draft that was never published)."""
    if not _translator_only(request.user, page) or is_translation(page):
        return None
    messages.error(
        request,
        _(
            "En tant que traducteur, vous ne pouvez supprimer que des traductions. "
            "« %(title)s » n'en est pas une."
        )
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def refuse_create(request, parent_page, page_class):
    """``before_create_page``: translators create pages only by translating."""
    if not _translator_only(request.user, parent_page):
        return None
    messages.error(
        request,
        _(
            "En tant que traducteur, vous ne créez pas de pages : utilisez "
            "« Traduire » sur la page d'origine."
        ),
    )
    return redirect("wagtailadmin_explore", parent_page.pk)


def _translator_only(user, page):
    """True when ``user`` translates and no other group lets them edit ``page``."""
    if user.is_superuser:
        return False
    translators = Group.objects.filter(name=group_name(TRANSLATORS)).first()
    if translators is None or not user.groups.filter(pk=translators.pk).exists():
        return False
    ancestors = page.get_ancestors(inclusive=True)
    return not GroupPagePermission.objects.filter(
        group__in=user.groups.exclude(pk=translators.pk),
        page__in=ancestors,
        permission__codename__in=EDITING,
    ).exists()
