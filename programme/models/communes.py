"""Partner communes and the Belgian–Moroccan partnerships that pair them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .taxonomy import COUNTRY_CHOICES, Term


class Commune(Term):
    country = models.CharField(_("pays"), max_length=2, choices=COUNTRY_CHOICES)
    region = models.ForeignKey(
        "programme.Region",
        verbose_name=_("région"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communes",
    )
    population_total = models.PositiveIntegerField(
        _("population totale"), null=True, blank=True
    )
    population_men = models.PositiveIntegerField(_("hommes"), null=True, blank=True)
    population_women = models.PositiveIntegerField(_("femmes"), null=True, blank=True)
    population_note = models.CharField(
        _("note sur la population"),
        max_length=255,
        blank=True,
        help_text=_("Source ou remarque, par exemple une part non ventilée par sexe."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    panels = Term.panels + [
        FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("population_total"),
                        FieldPanel("population_men"),
                        FieldPanel("population_women"),
                    ]
                ),
                FieldPanel("population_note"),
            ],
            heading=_("Population"),
        ),
        FieldRowPanel(
            [FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordonnées")
        ),
    ]

    class Meta(Term.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="commune_slug_locale"
            )
        ]

    def clean(self):
        """Men and women may not exceed the total (census figures can leave a part
        unassigned, so the sum may be lower)."""
        men, women, total = (
            self.population_men,
            self.population_women,
            self.population_total,
        )
        if None not in (men, women, total) and men + women > total:
            raise ValidationError(
                {"population_total": _("Hommes + femmes dépasse la population totale.")}
            )


class Partnership(Term):
    belgian_commune = models.ForeignKey(
        "programme.Commune",
        verbose_name=_("commune belge"),
        on_delete=models.PROTECT,
        related_name="partnerships_as_belgian",
        limit_choices_to={"country": "BE"},
    )
    moroccan_commune = models.ForeignKey(
        "programme.Commune",
        verbose_name=_("commune marocaine"),
        on_delete=models.PROTECT,
        related_name="partnerships_as_moroccan",
        limit_choices_to={"country": "MA"},
    )
    since = models.PositiveSmallIntegerField(_("depuis (année)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = Term.panels + [
        FieldRowPanel([FieldPanel("belgian_commune"), FieldPanel("moroccan_commune")]),
        FieldPanel("since"),
        FieldPanel("description"),
    ]

    class Meta(Term.Meta):
        verbose_name = _("partenariat")
        verbose_name_plural = _("partenariats")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="partnership_slug_locale"
            )
        ]
