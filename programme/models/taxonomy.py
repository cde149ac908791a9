"""Translatable vocabularies shared by every page: regions, themes, publics, kinds.

Each term exists once per locale (wagtail-localize translates it); all locale rows of
one term share ``translation_key`` and ``slug``, so filters and imports address a
term by slug whatever the language of the page that points at it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

COUNTRY_CHOICES = [("MA", _("Maroc")), ("BE", _("Belgique"))]


class Term(TranslatableMixin, index.Indexed, models.Model):
    """A named term of a vocabulary, with a slug shared by its translations."""

    name = models.CharField(_("nom"), max_length=255)
    slug = models.SlugField(
        _("identifiant"),
        max_length=100,
        help_text=_(
            "Identique dans toutes les langues ; sert aux filtres et aux imports."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Region(Term):
    country = models.CharField(
        _("pays"), max_length=2, choices=COUNTRY_CHOICES, default="MA"
    )

    panels = Term.panels + [FieldPanel("country")]

    class Meta(Term.Meta):
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="region_slug_locale"
            )
        ]


class Theme(Term):
    class Meta(Term.Meta):
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="theme_slug_locale")
        ]


class TargetPublic(Term):
    class Meta(Term.Meta):
        verbose_name = _("public cible")
        verbose_name_plural = _("publics cibles")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="public_slug_locale"
            )
        ]


class DocumentKind(Term):
    class Meta(Term.Meta):
        verbose_name = _("type de document")
        verbose_name_plural = _("types de document")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="kind_slug_locale")
        ]
