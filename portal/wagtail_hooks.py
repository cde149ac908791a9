"""Admin: the programme page's contact persons and useful links, as
translatable snippets in one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from programme.models import Contact
from programme.wagtail_hooks import LANGUAGE

from .models import UsefulLink


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    list_display = ["name", "role", "commune", "email", LANGUAGE]
    list_filter = ["commune", "show_email"]
    search_fields = ["name", "role", "organisation"]


class UsefulLinkViewSet(SnippetViewSet):
    model = UsefulLink
    icon = "link-external"
    list_display = ["title", "category", "url", LANGUAGE]
    list_filter = ["category", "language"]
    search_fields = ["title", "description", "url"]


class PortalGroup(SnippetViewSetGroup):
    menu_label = _("Page du programme")
    menu_icon = "site"
    menu_order = 240
    items = (ContactViewSet, UsefulLinkViewSet)


register_snippet(PortalGroup)
