"""What the programme page shows besides its texts: the beneficiaries computed
from the communes, the regions, and its four sections. Registered with
``hub.page_context`` by ``PortalConfig.ready()``; a fixed number of queries
(tests/test_portal_page.py counts them)."""

from django.utils.functional import SimpleLazyObject

from hub.page_context import register
from hub.visibility import viewer, visible_pages
from practices.models import PracticeIndexPage, TemplateIndexPage, TemplatePage
from programme.beneficiaries import beneficiaries
from programme.models import Contact, DocumentKind, Region

from .models import LINK_CATEGORIES, ProgrammePage, UsefulLink
from .programme_documents import programme_documents

LATEST_TEMPLATES = 3


def register_builders():
    """``PortalConfig.ready()``."""
    register(ProgrammePage, programme_context)


def programme_context(page, request, context):
    locale = page.locale_id
    user = viewer(request)
    context.update(
        beneficiaries=beneficiaries(locale),
        regions=Region.objects.filter(locale=locale, country="MA").order_by("name"),
        practice_index=PracticeIndexPage.objects.live().filter(locale=locale).first(),
        programme_documents=programme_documents(user),
        link_groups=link_groups(locale),
        contacts=Contact.objects.filter(locale=locale, commune__isnull=True),
        **templates_section(locale, user),
    )


def templates_section(locale, user):
    """The template library: its index, the document kinds its live templates
    have (each a link to the index filtered by it), its latest templates."""
    templates = visible_pages(TemplatePage.objects.live(), user).filter(locale=locale)
    return {
        "template_index": SimpleLazyObject(
            lambda: TemplateIndexPage.objects.live().filter(locale=locale).first()
        ),
        "template_kinds": DocumentKind.objects.filter(
            pk__in=templates.values("kind")
        ).order_by("name"),
        "latest_templates": templates.select_related("kind")
        .prefetch_related("attachments__document")
        .order_by("-first_published_at", "-pk")[:LATEST_TEMPLATES],
    }


def link_groups(locale):
    """[(category label, [links])] in the categories' order, empty ones left out."""
    links = list(UsefulLink.objects.filter(locale=locale))
    return [
        (label, grouped)
        for key, label in LINK_CATEGORIES
        if (grouped := [link for link in links if link.category == key])
    ]
