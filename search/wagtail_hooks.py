"""Admin registration: the FR↔AR search glossary as a snippet, in its own menu
item; its add form takes ``?french=`` / ``?arabic=`` to start filled (from the
report « Recherches des agents », ``search.query_report``, also registered here).
Editing needs the model's permissions (administrators; coordinators get
them with their role). The dashboard's panel saying search is degraded and
heals itself (``search.heal_panel``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from . import query_report
from .heal_panel import SearchHealPanel
from .models import GlossaryEntry


class GlossaryEntryCreateView(CreateView):
    def get_initial(self):
        initial = super().get_initial()
        for name in ("french", "arabic"):
            if value := self.request.GET.get(name, "").strip():
                initial[name] = value
        return initial


class GlossaryEntryViewSet(SnippetViewSet):
    model = GlossaryEntry
    add_view_class = GlossaryEntryCreateView
    icon = "globe"
    menu_label = _("Glossaire")
    menu_name = "glossary"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["french", "arabic", "note"]
    # Not in the search index (it is no result): the listing searches the
    # database with icontains.
    search_fields = ["french", "arabic", "note"]
    ordering = ["french", "arabic"]
    list_per_page = 50


register_snippet(GlossaryEntryViewSet)


@hooks.register("construct_homepage_panels")
def add_search_heal_panel(request, panels):
    panels.append(SearchHealPanel())


hooks.register("register_admin_urls", query_report.admin_urls)
hooks.register("register_reports_menu_item", query_report.menu_item)
