"""What practice, template, training and index pages show besides their own
fields, registered with ``hub.page_context`` by ``PracticesConfig.ready()``
(hub/page_context.py says why this is not in the models). Each builder keeps a
fixed number of queries: tests/test_query_counts.py counts them.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject

from documents.downloads import downloads_for
from hub.page_context import register
from hub.visibility import viewer, visible_pages
from programme.models import Commune, Contact

from . import listing, other_language
from .adaptation.context import adaptation_context
from .commune_page import commune_resources, link_partners
from .communes_index import communes_index
from .fiche_pdf import engine as fiche_pdf_engine
from .fiche_sections import practice_sections
from .models import PracticeIndexPage, PracticePage, TrainingPage
from .models.indexes import ListingIndexPage
from .models.resources import ResourcePage
from .translation_attachments import attachments_of
from .videos import video_embed


def register_builders():
    """``PracticesConfig.ready()``: which builder serves which pages."""
    register(PracticePage, practice_context)
    register(ResourcePage, resource_context)  # templates and trainings
    register(TrainingPage, training_context)
    register(ListingIndexPage, index_context)  # the three indexes


def practice_context(page, request, context):
    context.update(detail_context(page, request))
    context["participations"] = page.participations.select_related("target_public")
    # Read once (a new query at each page.themes.all): the chips and the
    # related practices both use them.
    context["themes"] = themes = lazy_list(page.themes.all)
    context["related_practices"] = lazy_list(
        lambda: listing.related_practices(page, themes=themes)
    )
    context.update(adaptation_context(page, request))  # lineage, adapt button
    # « Télécharger la fiche (PDF) », or why not (practices.fiche_pdf).
    context["fiche_pdf_available"] = fiche_pdf_engine.available()
    # « Sur cette page »: read from the context above when its fragment is built.
    context["fiche_sections"] = lazy_list(practice_sections, page, context)


def resource_context(page, request, context):
    context.update(detail_context(page, request))
    context["downloads"] = downloads_for(context["attachments"])
    context["related_groups"] = SimpleLazyObject(
        lambda: [
            (page._meta.get_field(name).verbose_name, related_pages(page, name))
            for name in page.related_fields
        ]
    )


def training_context(page, request, context):
    context["video_embed"] = video_embed(page.video_url)


def index_context(
    page, request, context, commune_slug=None, tag_slug=None, communes=False
):
    """The index's pages, filtered and paginated. The practice index's routes
    pass ``commune_slug`` or ``tag_slug``: that commune or tag is fixed before
    anything else, so the listing is computed once, already narrowed; or
    ``communes``: the index of the partner communes, no listing."""
    if communes:
        context.update(communes_index(page.locale_id, viewer(request)))
        return
    fixed = {}
    filter_names = page.filter_names
    if commune_slug is not None:
        commune = get_object_or_404(
            Commune.objects.select_related("region"),
            slug=commune_slug,
            locale_id=page.locale_id,
        )
        context["commune"] = commune
        context["contacts"] = Contact.objects.filter(commune=commune)
        partnerships = listing.partnerships_of(commune)
        context["partnerships"] = link_partners(partnerships, commune, page, request)
        # A Belgian commune has no practices of its own: its page lists its
        # Moroccan partner's, and says so.
        listed = commune
        if commune.country == "BE" and partnerships:
            listed = context["partner"] = partnerships[0].moroccan_commune
        fixed["commune"] = listed
        context.update(commune_resources(listed, page.locale_id, viewer(request)))
        # A commune is in one region: a region filter would change nothing.
        filter_names = [name for name in filter_names if name != "region"]
    if tag_slug is not None:
        # Only a tag the viewer could find on a live page: one used only on a
        # draft or a private page answers 404, as if it did not exist.
        tag = listing.visible_tag(tag_slug, page.locale_id, viewer(request))
        if tag is None:
            raise Http404
        fixed["tag"] = context["tag"] = tag
    pages = page.listing_model.objects.descendant_of(page)
    context.update(
        listing.build(
            request,
            pages,
            page.locale_id,
            filter_names,
            fixed=fixed,
            cache_as=page.pk,
        )
    )
    # "8 more in French": the same filters, in the other language.
    filters = {name: value.slug for name, value in fixed.items()}
    filters.update(context["active_filters"])
    context["other_language_hint"] = other_language.hint(
        request, page, viewer(request), filters
    )
    context["other_language_type"] = other_language.content_type_key(page.listing_model)


def detail_context(page, request=None):
    """What every detail page shows besides its own fields, in a fixed number of
    queries: attachments with their documents, tags, and the index URL for links.
    Tags and the index URL are read only if a cached fragment (the templates'
    ``wagtailpagecache``) is rebuilt; the attachments depend on the viewer,
    and include those of the page's translations (``translation_attachments``)."""
    return {
        "attachments": attachments_of(page, request),
        "tags": lazy_list(lambda: page.tags.order_by("name")),
        "practice_index_url": SimpleLazyObject(
            lambda: practice_index_url(page.locale_id)
        ),
    }


def lazy_list(function, *args):
    """``list(function(*args))``, computed when a template first reads it: the
    template's cached fragment may not need it at all."""
    return SimpleLazyObject(lambda: list(function(*args)))


def practice_index_url(locale_id):
    index_page = PracticeIndexPage.objects.live().filter(locale_id=locale_id).first()
    return index_page.url if index_page else "/"


def related_pages(page, name):
    """The live pages linked by ``name`` (one query; ``pageurl`` then needs none)."""
    linked = getattr(page, name).all()
    if not hasattr(linked, "live"):
        # A preview or an old revision holds modelcluster's in-memory stand-in,
        # which cannot filter: ask the database for the same pages.
        model = page._meta.get_field(name).related_model
        linked = model.objects.filter(pk__in=[p.pk for p in linked])
    # Only what an anonymous visitor may see: the page is the same for everyone.
    linked = visible_pages(linked.live(), None).select_related("locale")
    return list(linked.order_by("title"))
