"""Index pages: filtered, paginated lists of practices, templates and trainings.

The practice index also answers ``commune/<slug>/`` and ``tag/<slug>/`` so that a
commune (a snippet, not a page) and a free tag each get a page of their own, and
``communes/``: the index of the partner communes.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.page_context import PageContextMixin
from hub.routing import DirectRoutingMixin

from .page_permissions import ScopedPagePermissions


class ListingIndexPage(
    DirectRoutingMixin, PageContextMixin, ScopedPagePermissions, Page
):
    """An index whose children are listed with filters (abstract); the listing
    is built by ``practices.page_context.index_context``."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    listing_model = None
    listing_card = "resource"  # which card template lists the children
    filter_names = ("theme", "tag", "year")

    class Meta:
        abstract = True


class PracticeIndexPage(RoutablePageMixin, ListingIndexPage):
    # Practices sit in their commune's section (see sections.py).
    subpage_types = ["practices.CommuneSectionPage"]
    template = "practices/listing_index_page.html"
    listing_card = "practice"
    filter_names = ("theme", "region", "commune", "public", "tag", "year")

    @property
    def listing_model(self):
        from .practices import PracticePage

        return PracticePage

    class Meta:
        verbose_name = _("index des pratiques")

    @path("")
    def index_route(self, request):
        return self.render(request)

    # The routes name what they fix; the builder finds it (404 if there is no
    # such commune, or no tag the viewer could find) and narrows the listing.
    @path("commune/<slug:slug>/")
    def commune_route(self, request, slug):
        return self.render(
            request, commune_slug=slug, template="practices/commune_page.html"
        )

    @path("communes/")
    def communes_route(self, request):
        return self.render(
            request, communes=True, template="practices/communes_page.html"
        )

    @re_path(r"^tag/(?P<slug>[-\w]+)/$")
    def tag_route(self, request, slug):
        return self.render(request, tag_slug=slug, template="practices/tag_page.html")


class TemplateIndexPage(ListingIndexPage):
    subpage_types = ["practices.TemplatePage"]
    template = "practices/listing_index_page.html"
    filter_names = ("kind", "theme", "tag", "year")

    @property
    def listing_model(self):
        from .resources import TemplatePage

        return TemplatePage

    class Meta:
        verbose_name = _("index des modèles de document")


class TrainingIndexPage(ListingIndexPage):
    subpage_types = ["practices.TrainingPage"]
    template = "practices/listing_index_page.html"
    filter_names = ("theme", "public", "tag", "year")

    @property
    def listing_model(self):
        from .resources import TrainingPage

        return TrainingPage

    class Meta:
        verbose_name = _("index des modules de formation")
