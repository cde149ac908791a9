"""Admin registration: the FR↔AR search glossary as a snippet, in its own menu
item. Editing needs the model's permissions (administrators; coordinators get
them with their role). The dashboard's panel saying search is degraded and
heals itself (``search.heal_panel``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .heal_panel import SearchHealPanel
from .models import GlossaryEntry


class GlossaryEntryViewSet(SnippetViewSet):
    model = GlossaryEntry
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
