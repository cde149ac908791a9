"""« Pages à traduire »: where translators find and start their work.

Translators see no French page in the admin (translator_scope.py), so
wagtail-localize's « Traduire », on the original's menu, is out of their
reach. This list (admin menu and dashboard) shows the pages waiting for an
Arabic translation (translation_queue.py) and its « Traduire » starts the
translation as wagtail-localize's own view does — or, for a translation made
from an older version, reads the original again as its "Sync" does, without
publishing anything — then opens the translation editor.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from hub.localize import localised

from .translation_queue import TARGET_LANGUAGE, awaiting_page, awaiting_translation

# wagtail-localize's own right to start a translation (translators hold it).
PERMISSION = "wagtail_localize.submit_translation"
TITLE = gettext_lazy("Pages à traduire")
ICON = "globe"
# How many pages the dashboard panel lists above its link to the whole list.
PANEL_ROWS = 5


def may_translate(user):
    return user.is_active and user.has_perm(PERMISSION)


def list_url():
    return reverse("practices_pages_to_translate")


def for_display(rows):
    """``rows`` (translation_queue.Awaiting), each with its commune in the
    admin's language (one query per commune, not per row) and its action."""
    admin_locale = Locale.objects.filter(language_code=get_language()).first()
    communes = {}

    def commune_of(page):
        commune = getattr(page, "commune", None)
        if commune is not None and commune.pk not in communes:
            communes[commune.pk] = localised(
                commune, admin_locale.pk if admin_locale else None
            )
        return communes.get(getattr(commune, "pk", None))

    return [
        {
            "row": row,
            "commune": commune_of(row.page),
            "translate_url": reverse("practices_translate_page", args=(row.page.pk,)),
        }
        for row in rows
    ]


class PagesToTranslateView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "practices/admin/pages_to_translate.html"
    page_title = TITLE
    header_icon = ICON

    def dispatch(self, request, *args, **kwargs):
        if not may_translate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        rows = for_display(awaiting_translation())
        return super().get_context_data(rows=rows, **kwargs)


@require_POST
def translate_page(request, page_id):
    """« Traduire »: start (or bring up to date) the Arabic translation of a
    waiting page, then open its translation editor."""
    from wagtail_localize.models import TranslationSource
    from wagtail_localize.operations import translate_object

    if not may_translate(request.user):
        raise PermissionDenied
    row = awaiting_page(page_id)
    if row is None:
        messages.warning(request, _("Cette page n'attend pas de traduction."))
        return redirect(list_url())
    target = Locale.objects.get(language_code=TARGET_LANGUAGE)
    if row.translation is None:
        translate_object(row.page, [target], user=request.user)
        # wagtail-localize gives up silently when the copy does not validate.
        translation = row.page.get_translation_or_none(target)
        if translation is None:
            messages.error(request, _("La traduction n'a pas pu être créée."))
            return redirect(list_url())
    else:
        # wagtail-localize's "Sync translated pages", publishing nothing.
        TranslationSource.objects.get(
            object_id=row.page.translation_key, locale=row.page.locale
        ).update_from_db()
        translation = row.translation
    messages.success(
        request,
        _("Traduisez « %(title)s », puis soumettez-la à la validation.")
        % {"title": row.page.title},
    )
    return redirect("wagtailadmin_pages:edit", translation.pk)


def admin_urls():
    """``register_admin_urls``."""
    return [
        path(
            "a-traduire/",
            PagesToTranslateView.as_view(),
            name="practices_pages_to_translate",
        ),
        path(
            "a-traduire/<int:page_id>/traduire/",
            translate_page,
            name="practices_translate_page",
        ),
    ]


class PagesToTranslateMenuItem(MenuItem):
    def is_shown(self, request):
        return may_translate(request.user)


def menu_item():
    """``register_admin_menu_item``: right below « Pages »."""
    return PagesToTranslateMenuItem(
        TITLE, list_url(), name="pages-to-translate", icon_name=ICON, order=150
    )


class PagesToTranslatePanel(Component):
    name = "pages_to_translate"
    template_name = "practices/admin/pages_to_translate_panel.html"
    order = 100  # above Wagtail's own panels (from 110)

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {
            "rows": for_display(self.rows[:PANEL_ROWS]),
            "count": len(self.rows),
            "list_url": list_url(),
            # The rows' « Traduire » forms; a panel renders without the request.
            "csrf_token": parent_context.get("csrf_token"),
        }


def dashboard_panel(request, panels):
    """``construct_homepage_panels``: translators' work first on their dashboard."""
    if may_translate(request.user) and not request.user.is_superuser:
        panels.append(PagesToTranslatePanel(awaiting_translation()))
