"""Document templates and training modules shared by trainers."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from documents.models import AttachmentBase
from hub.localize import synchronised_terms
from hub.page_context import PageContextMixin

from .. import api_fields as api
from ..attachment_choice import AttachmentsPanel
from ..blocks import BaseStreamBlock, SessionsBlock
from .base import HubPageMixin
from .page_permissions import ScopedPagePermissions

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class TemplatePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.TemplatePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class TrainingPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.TrainingPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ResourcePage(PageContextMixin, HubPageMixin, ScopedPagePermissions, Page):
    """Fields common to templates and training modules (abstract); what their
    pages show besides their fields: ``practices.page_context``."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("description"))
    themes = ParentalManyToManyField(
        "programme.Theme", verbose_name=_("thèmes"), blank=True
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.SearchField("attachments_text"),
        index.FilterField("year"),
    ]
    subpage_types = []
    # Many-to-many fields to other hub pages, shown as lists of links.
    related_fields = ()

    class Meta:
        abstract = True


def related_field(model, label):
    # Saved pointing at the page's own language version (HubPageMixin.localise_terms)
    # because wagtail-localize copies these links as they are, to the source pages.
    return ParentalManyToManyField(
        model, verbose_name=label, blank=True, related_name="+"
    )


class TemplatePage(ResourcePage):
    """A document template (agreement, call for projects, budget sheet…)."""

    kind = models.ForeignKey(
        "programme.DocumentKind",
        verbose_name=_("type de document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(
        through=TemplatePageTag, blank=True, verbose_name=_("mots-clés")
    )
    related_practices = related_field("practices.PracticePage", _("pratiques liées"))

    related_fields = ("related_practices",)
    localised_term_fields = ("kind", "themes", *related_fields)
    override_translatable_fields = synchronised_terms("kind")
    parent_page_types = ["practices.TemplateIndexPage"]
    template = "practices/template_page.html"
    search_fields = ResourcePage.search_fields + [
        index.RelatedFields("kind", [index.SearchField("name")]),
    ]
    api_fields = api.TEMPLATE

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel(
            [FieldPanel("kind"), FieldPanel("year"), FieldPanel("original_language")]
        ),
        FieldPanel("body", heading=_("Mode d'emploi")),
        AttachmentsPanel(
            "attachments",
            heading=_("Fichiers du modèle"),
            label=_("Fichier"),
            min_num=1,
        ),
        FieldPanel("related_practices"),
        FieldPanel("themes"),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("modèle de document")
        verbose_name_plural = _("modèles de document")


class TrainingPage(ResourcePage):
    """A training module: objectives, audience, duration, sessions, materials."""

    objectives = RichTextField(
        _("objectifs pédagogiques"), blank=True, features=TEXT_FEATURES
    )
    audience = models.TextField(_("public"), blank=True)
    duration = models.CharField(_("durée"), max_length=100, blank=True)
    prerequisites = models.TextField(_("prérequis"), blank=True)
    sessions = StreamField(
        SessionsBlock(),
        blank=True,
        verbose_name=_("séances"),
    )
    trainer_contacts = models.TextField(
        _("contacts des formateurs et formatrices"), blank=True
    )
    target_publics = ParentalManyToManyField(
        "programme.TargetPublic", verbose_name=_("publics cibles"), blank=True
    )
    tags = ClusterTaggableManager(
        through=TrainingPageTag, blank=True, verbose_name=_("mots-clés")
    )
    video_url = models.URLField(
        _("vidéo"),
        blank=True,
        help_text=_(
            "Adresse d'une vidéo (YouTube, Vimeo…) : intégrée à la page si "
            "possible, sinon proposée en lien."
        ),
    )
    related_templates = related_field("practices.TemplatePage", _("modèles liés"))
    related_practices = related_field("practices.PracticePage", _("pratiques liées"))

    related_fields = ("related_templates", "related_practices")
    localised_term_fields = ("themes", "target_publics", *related_fields)
    parent_page_types = ["practices.TrainingIndexPage"]
    template = "practices/training_page.html"
    search_fields = ResourcePage.search_fields + [
        index.SearchField("objectives"),
        index.SearchField("audience"),
        index.SearchField("prerequisites"),
        index.SearchField("sessions"),
        index.SearchField("trainer_contacts"),
        index.RelatedFields("target_publics", [index.SearchField("name")]),
    ]
    api_fields = api.TRAINING

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldRowPanel(
            [
                FieldPanel("duration"),
                FieldPanel("year"),
                FieldPanel("original_language"),
            ]
        ),
        FieldPanel("audience"),
        FieldPanel("prerequisites"),
        FieldPanel("body"),
        FieldPanel("sessions"),
        AttachmentsPanel("attachments", heading=_("Supports"), label=_("Document")),
        FieldPanel("video_url"),
        FieldPanel("trainer_contacts"),
        FieldPanel("related_templates"),
        FieldPanel("related_practices"),
        FieldPanel("themes"),
        FieldPanel("target_publics"),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("module de formation")
        verbose_name_plural = _("modules de formation")


class TemplateAttachment(AttachmentBase):
    page = ParentalKey(
        TemplatePage, related_name="attachments", on_delete=models.CASCADE
    )
    panels = [FieldPanel("document")]


class TrainingAttachment(AttachmentBase):
    page = ParentalKey(
        TrainingPage, related_name="attachments", on_delete=models.CASCADE
    )
    panels = [FieldPanel("document")]
