"""Contact persons: of the programme (no commune) or of a partner commune.

A person's role and organisation are translated (wagtail-localize); the name,
address, phone and languages are the same in both versions. An address is shown
only if ``show_email``; otherwise readers write through the contact form
(``portal.contact_form``), which never shows it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .spoken_languages import SpokenLanguagesField, language_names


class Contact(TranslatableMixin, models.Model):
    name = models.CharField(_("nom"), max_length=150)
    role = models.CharField(_("fonction"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    commune = models.ForeignKey(
        "programme.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
        help_text=_("Vide : une personne de contact du programme lui-même."),
    )
    languages = SpokenLanguagesField(_("langues parlées"))
    email = models.EmailField(_("adresse e-mail"), blank=True)
    show_email = models.BooleanField(
        _("afficher l'adresse e-mail"),
        default=False,
        help_text=_(
            "Sinon, les lecteurs écrivent par un formulaire de contact qui ne "
            "montre jamais l'adresse."
        ),
    )
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("commune")]),
        FieldPanel("languages"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("show_email"), FieldPanel("phone")],
            heading=_("Coordonnées"),
        ),
    ]
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("role"),
        TranslatableField("organisation"),
        TranslatableField("commune"),
        SynchronizedField("languages"),
        SynchronizedField("email"),
        SynchronizedField("show_email"),
        SynchronizedField("phone"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("personne de contact")
        verbose_name_plural = _("personnes de contact")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} — {self.role}"

    @property
    def language_names(self):
        return language_names(self.languages)

    @property
    def reachable_by_form(self):
        """Whether readers write to this person through the contact form."""
        return bool(self.email) and not self.show_email
