"""The home page: the programme in brief, its figures and the ways in."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from practices.models import (
    Commune,
    PracticeIndexPage,
    PracticePage,
    Region,
    TargetPublic,
    TemplatePage,
    Theme,
    TrainingPage,
)
from practices.models.page_permissions import ScopedPagePermissions
from practices.privacy import viewer, visible_pages


class HomePage(ScopedPagePermissions, Page):
    intro = RichTextField(
        _("le programme en bref"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = [
        "practices.PracticeIndexPage",
        "practices.TemplateIndexPage",
        "practices.TrainingIndexPage",
    ]
    max_count_per_parent = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = self.locale
        user = viewer(request)
        context.update(
            figures=programme_figures(locale, user),
            latest_practices=visible_pages(PracticePage.objects.live(), user)
            .filter(locale=locale)
            .select_related("commune")
            .order_by("-first_published_at", "-pk")[:6],
            themes=Theme.objects.filter(locale=locale).order_by("name"),
            regions=Region.objects.filter(locale=locale, country="MA").order_by("name"),
            publics=TargetPublic.objects.filter(locale=locale).order_by("name"),
            practice_index=PracticeIndexPage.objects.live()
            .filter(locale=locale)
            .first(),
        )
        return context


def programme_figures(locale, user=None):
    """The programme's headline numbers, counted in one locale so translations of
    the same commune are not counted twice; private pages count only for a
    ``user`` who may see them."""
    communes = Commune.objects.filter(locale=locale, country="MA")
    population = communes.aggregate(
        total=Sum("population_total"),
        men=Sum("population_men"),
        women=Sum("population_women"),
    )
    return {
        "communes": communes.count(),
        "regions": Region.objects.filter(locale=locale, country="MA").count(),
        "population": population,
        **{
            key: visible_pages(model.objects.live(), user).filter(locale=locale).count()
            for key, model in (
                ("practices", PracticePage),
                ("templates", TemplatePage),
                ("trainings", TrainingPage),
            )
        },
    }
