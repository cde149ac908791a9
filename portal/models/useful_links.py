"""« Autres liens utiles »: a managed list of links outside the hub, by
category, each saying which language its target is in. ``check_links`` asks
each URL whether it still answers (``portal.link_check``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

# In the order the page lists them.
LINK_CATEGORIES = [
    ("institutions", _("Institutions")),
    ("funding", _("Financements")),
    ("resources", _("Ressources et guides")),
    ("networks", _("Réseaux et partenaires")),
]
TARGET_LANGUAGES = [
    ("fr", _("Français")),
    ("ar", _("Arabe")),
    ("fr-ar", _("Bilingue français–arabe")),
    ("nl", _("Néerlandais")),
    ("en", _("Anglais")),
]


class UsefulLink(TranslatableMixin, models.Model):
    title = models.CharField(_("titre"), max_length=200)
    url = models.URLField(_("adresse (URL)"), max_length=500)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    category = models.CharField(_("catégorie"), max_length=20, choices=LINK_CATEGORIES)
    language = models.CharField(
        _("langue de la page liée"),
        max_length=5,
        choices=TARGET_LANGUAGES,
        default="fr",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("language")]),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("url"),
        SynchronizedField("category"),
        SynchronizedField("language"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("lien utile")
        verbose_name_plural = _("liens utiles")
        ordering = ["title"]

    def __str__(self):
        return self.title
