"""What the coordination decides about the open data, in the admin
(Paramètres → « Données ouvertes »): the licence and whom to write to."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .licences import CHOICES, DEFAULT, LICENCES


@register_setting(icon="download")
class OpenDataSettings(BaseGenericSetting):
    licence = models.CharField(
        _("licence"), max_length=20, choices=CHOICES, default=DEFAULT
    )
    contact_email = models.EmailField(
        _("adresse de contact"),
        blank=True,
        help_text=_(
            "Une adresse de service (pas celle d'une personne), publiée dans la "
            "description du catalogue pour les portails qui le moissonnent."
        ),
    )

    class Meta:
        verbose_name = _("données ouvertes")

    @property
    def licence_label(self):
        return LICENCES[self.licence][0]

    @property
    def licence_url(self):
        return LICENCES[self.licence][1]
