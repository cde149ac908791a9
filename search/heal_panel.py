"""The admin dashboard says when search is degraded and heals itself.

Shown only with an engine (``SEARCH_BACKEND``) and only while writes kept
during an outage wait to be replayed or a heal (rebuild) runs
(``search.healing``): editors then know why a page just published is not yet
found by the full search, and that nothing is to be done. One count query per
dashboard view, nothing otherwise; no host names or error text (those are for
operators, in the log).
"""

from __future__ import annotations

from django.core.cache import cache
from modelsearch.backends import get_search_backend
from wagtail.admin.ui.components import Component

from . import healing, kept_writes

__all__ = ["SearchHealPanel"]


class SearchHealPanel(Component):
    name = "search_heal"
    template_name = "search/admin/heal_panel.html"
    order = 90  # above Wagtail's own panels (100 and over)

    def get_context_data(self, parent_context):
        return {
            "kept": kept_writes.pending_count(),
            "healing": bool(cache.get(healing.RUNNING_KEY) or kept_writes.rebuilding()),
        }

    def render_html(self, parent_context=None):
        if not healing.is_healable(get_search_backend("default")):
            return ""
        context = self.get_context_data(parent_context or {})
        if not (context["kept"] or context["healing"]):
            return ""
        return super().render_html(parent_context)
