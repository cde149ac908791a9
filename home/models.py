"""The home page: the programme in brief, its figures and the ways in (what it
shows besides its introduction: ``home.page_context``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.page_context import PageContextMixin
from hub.routing import DirectRoutingMixin
from practices import content_types
from practices.models.page_permissions import ScopedPagePermissions


class HomePage(DirectRoutingMixin, PageContextMixin, ScopedPagePermissions, Page):
    intro = RichTextField(
        _("le programme en bref"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = [kind.index_label for kind in content_types.registered()]
    subpage_types += ["portal.ProgrammePage"]
    max_count_per_parent = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("page d'accueil")
