"""Admin registration: the vocabularies as translatable snippets, in one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Commune, DocumentKind, Partnership, Region, TargetPublic, Theme

# Wagtail's French and Arabic catalogues call a locale « région » and
# « اللغة المحلية »: beside a vocabulary of regions, the column says what it shows.
LANGUAGE = Column("locale", label=_("Langue"), sort_key="locale")


class TermViewSet(SnippetViewSet):
    list_display = ["name", "slug", LANGUAGE]
    search_fields = ["name", "slug"]
    ordering = ["name"]


class RegionViewSet(TermViewSet):
    model = Region
    icon = "site"
    list_filter = ["country"]


class CommuneViewSet(TermViewSet):
    model = Commune
    icon = "home"
    list_display = ["name", "country", "region", "population_total", LANGUAGE]
    list_filter = ["country", "region"]


class PartnershipViewSet(TermViewSet):
    model = Partnership
    icon = "link"
    list_display = [
        "name",
        "moroccan_commune",
        "belgian_commune",
        "since",
        LANGUAGE,
    ]


class ThemeViewSet(TermViewSet):
    model = Theme
    icon = "tag"


class TargetPublicViewSet(TermViewSet):
    model = TargetPublic
    icon = "group"


class DocumentKindViewSet(TermViewSet):
    model = DocumentKind
    icon = "doc-full"


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Référentiels")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        RegionViewSet,
        CommuneViewSet,
        PartnershipViewSet,
        ThemeViewSet,
        TargetPublicViewSet,
        DocumentKindViewSet,
    )


register_snippet(VocabularyGroup)
