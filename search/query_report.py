"""« Recherches des agents » (Reports menu): what agents search and do not find.

Per month and interface language, the most frequent queries and the queries
that found nothing (``query_log``), each with « Ajouter une promotion » —
Wagtail's promotions form with the query filled in, posting to Wagtail's own
view — and « Ajouter au glossaire » — the glossary's add form with the query on
its side (French or Arabic, by its script). Only those who may edit the glossary
(the coordination, administrators) see it: the queries are the agents' words.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.search_promotions.views.settings import (
    CreateView as PromotionCreateView,
)

from . import query_log, script
from .models import GlossaryEntry

PERMISSION = "hubsearch.add_glossaryentry"
TITLE = _("Recherches des agents")
LANGUAGES = (("fr", _("français")), ("ar", _("arabe")))
GLOSSARY_ADD = "wagtailsnippets_hubsearch_glossaryentry:add"


def may_read(user):
    return user.is_active and user.has_perm(PERMISSION)


class QueryReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/query_report.html"
    page_title = TITLE
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not may_read(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        months = query_log.months()
        month = _month(self.request.GET.get("month", "")) or (
            months[0] if months else timezone.localdate().replace(day=1)
        )
        sections = []
        for code, label in LANGUAGES:
            frequent, missing = query_log.month_report(month, code)
            sections.append(
                {
                    "code": code,
                    "label": label,
                    "frequent": [_actions(row) for row in frequent],
                    "missing": [_actions(row) for row in missing],
                }
            )
        return super().get_context_data(
            month=month, months=months, sections=sections, **kwargs
        )


def _month(value):
    """The first day of the month ``value`` names ("2026-12"), or None."""
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return None


def _actions(row):
    query = row["query"]
    side = "arabic" if script.language_of(query) == "ar" else "french"
    limit = GlossaryEntry._meta.get_field(side).max_length
    return {
        **row,
        # Written in its own script, whatever the interface it was typed in.
        "lang": "ar" if side == "arabic" else "fr",
        "direction": "rtl" if side == "arabic" else "ltr",
        "promotion_url": reverse("search_query_report_promotion")
        + "?"
        + urlencode({"query_string": query}),
        "glossary_url": reverse(GLOSSARY_ADD) + "?" + urlencode({side: query[:limit]}),
    }


class PrefilledPromotionView(PromotionCreateView):
    """Wagtail's « add a promotion » form with the query of the report filled
    in; the form posts to Wagtail's own view (its ``add_url_name``)."""

    def get_initial(self):
        return {"query_string": self.request.GET.get("query_string", "")}


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read(request.user)


def menu_item():
    """``register_reports_menu_item``."""
    return QueryReportMenuItem(
        TITLE,
        reverse("search_query_report"),
        name="search-queries",
        icon_name="search",
        order=1310,
    )


def admin_urls():
    """``register_admin_urls``."""
    return [
        path(
            "reports/search-queries/",
            QueryReportView.as_view(),
            name="search_query_report",
        ),
        path(
            "reports/search-queries/promotion/",
            PrefilledPromotionView.as_view(),
            name="search_query_report_promotion",
        ),
    ]
