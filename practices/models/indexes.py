"""Index pages: filtered, paginated lists of practices, templates and trainings.

The practice index also answers ``commune/<slug>/`` and ``tag/<slug>/`` so that a
commune (a snippet, not a page) and a free tag each get a page of their own.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .. import listing
from ..privacy import viewer
from .communes import Commune
from .page_permissions import ScopedPagePermissions


class ListingIndexPage(ScopedPagePermissions, Page):
    """An index whose children are listed with filters (abstract)."""

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

    def listing_context(self, request, base_queryset=None, fixed=None):
        queryset = base_queryset
        if queryset is None:
            queryset = self.listing_model.objects.descendant_of(self)
        return listing.build(
            request, queryset, self.locale, self.filter_names, fixed=fixed or {}
        )

    def get_context(self, request, *args, fixed=None, **kwargs):
        """``fixed``: filters set by a sub-route (a commune, a tag), applied before
        anything else so the listing is computed once, already narrowed."""
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request, fixed=fixed))
        return context


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

    @path("commune/<slug:slug>/")
    def commune_route(self, request, slug):
        commune = get_object_or_404(
            Commune.objects.select_related("region"), slug=slug, locale=self.locale
        )
        # ``render`` calls ``get_context`` itself: passing ``fixed`` through it
        # (rather than building a context here too) lists the practices once.
        return self.render(
            request,
            fixed={"commune": commune},
            template="practices/commune_page.html",
            context_overrides={
                "commune": commune,
                "partnerships": listing.partnerships_of(commune),
            },
        )

    @re_path(r"^tag/(?P<slug>[-\w]+)/$")
    def tag_route(self, request, slug):
        # Only a tag the viewer could find on a live page: one used only on a
        # draft or a private page answers 404, as if it did not exist.
        tag = listing.visible_tag(slug, self.locale, viewer(request))
        if tag is None:
            raise Http404
        return self.render(
            request,
            fixed={"tag": tag},
            template="practices/tag_page.html",
            context_overrides={"tag": tag},
        )


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
