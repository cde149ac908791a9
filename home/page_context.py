"""What the home page shows besides its introduction: the programme's figures,
the latest practices, the ways into the practice index. Registered with
``hub.page_context`` by ``HomeConfig.ready()``.
"""

from django.utils.functional import SimpleLazyObject

from hub.page_context import register
from hub.visibility import viewer, visible_pages
from portal.models import ProgrammePage
from practices import content_types
from practices.models import PracticeIndexPage, PracticePage
from programme.beneficiaries import beneficiaries
from programme.models import Commune, Region, TargetPublic, Theme

from .models import HomePage


def register_builders():
    """``HomeConfig.ready()``."""
    register(HomePage, home_context)


def home_context(page, request, context):
    locale = page.locale_id
    user = viewer(request)
    # Lazy: read only when the template's cached fragments are rebuilt.
    context.update(
        figures=SimpleLazyObject(lambda: programme_figures(locale, user)),
        latest_practices=visible_pages(PracticePage.objects.live(), user)
        .filter(locale=locale)
        .select_related("commune")
        .order_by("-first_published_at", "-pk")[:6],
        themes=Theme.objects.filter(locale=locale).order_by("name"),
        regions=Region.objects.filter(locale=locale, country="MA").order_by("name"),
        publics=TargetPublic.objects.filter(locale=locale).order_by("name"),
        practice_index=SimpleLazyObject(
            lambda: PracticeIndexPage.objects.live().filter(locale=locale).first()
        ),
        programme_page=SimpleLazyObject(
            lambda: ProgrammePage.objects.live().filter(locale=locale).first()
        ),
    )


def programme_figures(locale, user=None):
    """The programme's headline numbers, counted in one locale so translations of
    the same commune are not counted twice; private pages count only for a
    ``user`` who may see them."""
    return {
        "communes": Commune.objects.filter(locale=locale, country="MA").count(),
        "regions": Region.objects.filter(locale=locale, country="MA").count(),
        # The same sums as the programme page's (one query).
        "population": beneficiaries(locale).population,
        **{
            kind.figure: visible_pages(kind.model.objects.live(), user)
            .filter(locale=locale)
            .count()
            for kind in content_types.registered()
        },
    }
