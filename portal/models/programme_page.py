"""« Le programme Maroc »: the programme's own page, one per language under the
home page (``/fr/programme/``, ``/ar/programme/``).

Its texts are edited in Wagtail; its figures (beneficiaries) and its four
sections (documents, templates, links, contacts) are read from the data by
``portal.page_context``, never typed here.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.page_context import PageContextMixin
from hub.routing import DirectRoutingMixin
from practices.models.page_permissions import ScopedPagePermissions

TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class ProgrammePage(DirectRoutingMixin, PageContextMixin, ScopedPagePermissions, Page):
    purpose = RichTextField(_("raison d'être du programme"), features=TEXT_FEATURES)
    objective = RichTextField(_("objectif 2026"), features=TEXT_FEATURES)
    partners = RichTextField(
        _("avec qui le programme travaille"), features=TEXT_FEATURES
    )

    content_panels = Page.content_panels + [
        FieldPanel("purpose"),
        FieldPanel("objective"),
        FieldPanel("partners"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "portal/programme_page.html"

    class Meta:
        verbose_name = _("page du programme")
