"""Good-practice fiches and their index (with commune and tag sub-pages)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from documents.models import AttachmentBase
from hub.localize import localised, synchronised_terms
from hub.page_context import PageContextMixin

from .. import api_fields as api
from ..attachment_choice import AttachmentsPanel
from ..blocks import BaseStreamBlock, IndicatorsBlock
from ..inline_forms import SafeInlinePanel
from .base import HubPageMixin
from .page_permissions import ScopedPagePermissions

# « …/<fiche>/pdf/ »: the fiche as a PDF (practices.fiche_pdf).
PDF_ROUTE = "pdf"

STATUS_CHOICES = [
    ("planned", _("Prévue")),
    ("ongoing", _("En cours")),
    ("completed", _("Terminée")),
    ("stopped", _("Arrêtée")),
]
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def rich(label, help_text=""):
    return RichTextField(label, blank=True, features=TEXT_FEATURES, help_text=help_text)


class PracticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class PracticePage(PageContextMixin, HubPageMixin, ScopedPagePermissions, Page):
    """A good-practice fiche, as partner municipalities tell their experience
    (what its page shows besides its fields: ``practices.page_context``)."""

    context = rich(_("contexte et problème"), _("La situation de départ et le besoin."))
    objectives = rich(_("objectifs"))
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("ce qui a été fait"),
        help_text=_("Les étapes, dans l'ordre, avec témoignages et images si utile."),
    )
    actors_services = models.TextField(_("services communaux"), blank=True)
    actors_associations = models.TextField(_("associations"), blank=True)
    actors_authorities = models.TextField(
        _("autorités de tutelle et partenaires publics"), blank=True
    )
    resources = rich(
        _("ressources et financement"), _("Moyens humains, matériels, financiers.")
    )
    funding_own = models.PositiveBigIntegerField(
        _("fonds propres (MAD)"), null=True, blank=True
    )
    funding_external = models.PositiveBigIntegerField(
        _("financements extérieurs (MAD)"), null=True, blank=True
    )
    results = rich(_("résultats et preuves"))
    indicators = StreamField(
        IndicatorsBlock(), blank=True, verbose_name=_("indicateurs")
    )
    difficulties = rich(
        _("difficultés rencontrées"), _("Les échecs aussi sont utiles aux autres.")
    )
    lessons = rich(_("enseignements"))
    transferability = rich(
        _("transférabilité"),
        _("Ce qu'une commune partenaire doit avoir pour l'adopter."),
    )
    contacts = models.TextField(_("contacts"), blank=True)
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=STATUS_CHOICES, default="completed"
    )
    region = models.ForeignKey(
        "programme.Region",
        verbose_name=_("région"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    commune = models.ForeignKey(
        "programme.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    partnership = models.ForeignKey(
        "programme.Partnership",
        verbose_name=_("partenariat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    themes = ParentalManyToManyField(
        "programme.Theme", verbose_name=_("thèmes"), blank=True
    )
    target_publics = ParentalManyToManyField(
        "programme.TargetPublic", verbose_name=_("publics cibles"), blank=True
    )
    tags = ClusterTaggableManager(
        through=PracticePageTag, blank=True, verbose_name=_("mots-clés")
    )
    # Adopt and adapt: this fiche is another commune's practice, adapted here.
    adapted_from = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("adaptée de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
    )
    adaptation_context = rich(
        _("ce qui change : contexte"),
        _("En quoi votre commune diffère de celle d'origine (population, besoins…)."),
    )
    adaptation_legal = rich(
        _("ce qui change : compétences légales"),
        _("Les compétences ou autorisations dont votre commune a eu besoin."),
    )
    adaptation_budget = rich(
        _("ce qui change : budget"),
        _("Le budget prévu chez vous, et ce qui diffère de l'original."),
    )
    adaptation_partners = rich(
        _("ce qui change : partenaires"),
        _("Les associations et services qui jouent ce rôle chez vous."),
    )

    localised_term_fields = (
        "region",
        "commune",
        "partnership",
        "themes",
        "target_publics",
        "adapted_from",
    )
    override_translatable_fields = synchronised_terms(
        "region", "commune", "partnership", "adapted_from"
    )
    parent_page_types = ["practices.CommuneSectionPage"]
    subpage_types = []
    template = "practices/practice_page.html"

    def route(self, request, path_components):
        """``pdf/`` below a live fiche routes to the fiche itself, flagged: the
        PDF is served by an ``on_serve_page`` hook (practices.fiche_pdf) inside
        Wagtail's own, which checks the page's view restrictions — whoever
        may not read the page gets no PDF of it."""
        if path_components == [PDF_ROUTE] and self.live:
            return RouteResult(self, kwargs={PDF_ROUTE: True})
        return super().route(request, path_components)

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("context"),
        index.SearchField("objectives"),
        index.SearchField("body"),
        index.SearchField("actors_services"),
        index.SearchField("actors_associations"),
        index.SearchField("actors_authorities"),
        index.SearchField("resources"),
        index.SearchField("results"),
        index.SearchField("indicators"),
        index.SearchField("difficulties"),
        index.SearchField("lessons"),
        index.SearchField("transferability"),
        index.SearchField("contacts"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("target_publics", [index.SearchField("name")]),
        index.RelatedFields("commune", [index.SearchField("name")]),
        index.RelatedFields("region", [index.SearchField("name")]),
        index.RelatedFields("partnership", [index.SearchField("name")]),
        index.SearchField("attachments_text"),
        index.FilterField("year"),
    ]

    # The read API's fields (/api/v2/): practices/api_fields.py.
    api_fields = api.PRACTICE

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("context"),
        FieldPanel("objectives"),
        FieldPanel("body"),
    ]
    actors_panels = [
        MultiFieldPanel(
            [
                FieldPanel("actors_services"),
                FieldPanel("actors_associations"),
                FieldPanel("actors_authorities"),
            ],
            heading=_("Acteurs"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("resources"),
                FieldRowPanel(
                    [FieldPanel("funding_own"), FieldPanel("funding_external")]
                ),
            ],
            heading=_("Ressources et financement"),
        ),
        FieldPanel("contacts"),
    ]
    results_panels = [
        FieldPanel("results"),
        SafeInlinePanel(
            "participations",
            heading=_("Participants par public cible"),
            label=_("Public"),
        ),
        FieldPanel("indicators"),
        FieldPanel("difficulties"),
        FieldPanel("lessons"),
        FieldPanel("transferability"),
    ]
    classification_panels = [
        FieldRowPanel([FieldPanel("commune"), FieldPanel("region")]),
        FieldPanel("partnership"),
        FieldPanel("themes"),
        FieldPanel("target_publics"),
        FieldPanel("tags"),
        FieldRowPanel(
            [FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("year")]
        ),
        FieldRowPanel([FieldPanel("status"), FieldPanel("original_language")]),
        AttachmentsPanel(
            "attachments", heading=_("Pièces jointes"), label=_("Document")
        ),
    ]
    adaptation_panels = [
        FieldPanel("adapted_from"),
        FieldPanel("adaptation_context"),
        FieldPanel("adaptation_legal"),
        FieldPanel("adaptation_budget"),
        FieldPanel("adaptation_partners"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Fiche")),
            ObjectList(actors_panels, heading=_("Acteurs et moyens")),
            ObjectList(results_panels, heading=_("Résultats")),
            ObjectList(classification_panels, heading=_("Classement")),
            ObjectList(adaptation_panels, heading=_("Adaptation")),
            ObjectList(Page.promote_panels, heading=_("Promotion")),
            ObjectList(Page.settings_panels, heading=_("Paramètres")),
        ]
    )

    class Meta:
        verbose_name = _("fiche pratique")
        verbose_name_plural = _("fiches pratiques")

    def save(self, *args, **kwargs):
        self._take_commune_from_section()
        if self.commune_id and not self.region_id:
            self.region_id = self.commune.region_id
        if self.locale_id:
            for participation in self.participations.all():
                participation.target_public = localised(
                    participation.target_public, self.locale_id
                )
        return super().save(*args, **kwargs)

    def _take_commune_from_section(self):
        """A fiche belongs to the commune whose section holds it: an editor cannot
        label their practice as another commune's (nor move it out of scope by
        editing a field)."""
        from .sections import CommuneSectionPage

        if not self.path or self.depth is None:
            return
        section = (
            CommuneSectionPage.objects.filter(
                path=self.path[: -self.steplen], commune__isnull=False
            )
            .only("commune_id")
            .first()
        )
        if section is not None and section.commune_id != self.commune_id:
            self.commune_id = section.commune_id
            self.region_id = None  # follows the commune (below)

    @property
    def funding_total(self):
        return (self.funding_own or 0) + (self.funding_external or 0)


class PracticeParticipation(Orderable):
    """How many people of one target public took part (results and evidence)."""

    page = ParentalKey(
        PracticePage, related_name="participations", on_delete=models.CASCADE
    )
    target_public = models.ForeignKey(
        "programme.TargetPublic",
        verbose_name=_("public cible"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    count = models.PositiveIntegerField(_("nombre de participants"))

    panels = [FieldRowPanel([FieldPanel("target_public"), FieldPanel("count")])]


class PracticeAttachment(AttachmentBase):
    page = ParentalKey(
        PracticePage, related_name="attachments", on_delete=models.CASCADE
    )
    panels = [FieldPanel("document")]
