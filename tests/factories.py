"""Factories for the hub's pages, documents and images (wagtail-factories).

Pages are created live, under the index page of their language (``language="ar"``
for the Arabic one), each with a unique ``ref``. Vocabulary terms are given by slug
(``themes=["budget-participatif"]``, ``commune="tanger"``) and resolved in the
page's locale, because the test database holds every term in French and Arabic.
"""

import io

import factory
import pytest
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from reportlab.pdfgen import canvas
from wagtail.models import Collection, Locale

from documents.models import HubDocument, HubImage
from practices.models import (
    PracticeIndexPage,
    PracticePage,
    PracticeParticipation,
    TemplateIndexPage,
    TemplatePage,
    TrainingIndexPage,
    TrainingPage,
)
from practices.publishing.sections import section_for
from programme.models import (
    Commune,
    DocumentKind,
    Partnership,
    Region,
    TargetPublic,
    Theme,
)


def pdf_bytes(text="Guide pratique de la commune"):
    """A one-page PDF with real text, as the upload checks and the text
    extraction expect of a document."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=True)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


PDF_BYTES = pdf_bytes()

# Term fields that take one term (foreign keys) or several (many-to-many).
SINGLE_TERMS = {
    "region": Region,
    "commune": Commune,
    "partnership": Partnership,
    "kind": DocumentKind,
}
MULTIPLE_TERMS = {"themes": Theme, "target_publics": TargetPublic}


@pytest.fixture(autouse=True)
def isolated_media_root(settings, tmp_path):
    """Uploaded files go to a temporary directory, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def locale(language):
    return Locale.objects.get(language_code=language)


def term(model, value, locale_obj):
    """A term given as a slug (resolved in ``locale_obj``) or as an instance."""
    if isinstance(value, str):
        return model.objects.get(slug=value, locale=locale_obj)
    return value


def root_collection():
    return Collection.get_first_root_node()


class HubDocumentFactory(wagtail_factories.DocumentFactory):
    """A small PDF in the root collection."""

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="guide.pdf", data=PDF_BYTES)
    collection = factory.LazyFunction(root_collection)
    language = "fr"

    class Meta:
        model = HubDocument

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Fill size and hash before saving, as the admin form and importer do."""
        document = model_class(**kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class HubImageFactory(wagtail_factories.ImageFactory):
    """An image with its (required) alternative text."""

    title = factory.Sequence(lambda n: f"Image {n}")
    description = factory.LazyAttribute(lambda o: f"Photo : {o.title}")
    collection = factory.LazyFunction(root_collection)

    class Meta:
        model = HubImage


class HubPageFactory(wagtail_factories.PageFactory):
    """A live hub page under its index page, with terms, tags and attachments.

    Extra keyword arguments: ``themes``/``target_publics`` (slugs or terms),
    ``region``/``commune``/``partnership``/``kind`` (slug or term), ``tags``
    (names), ``attachments`` (documents, or a number of PDFs to create).
    """

    class Params:
        language = "fr"

    locale = factory.LazyAttribute(lambda o: locale(o.language))
    parent = factory.LazyAttribute(lambda o: o.index_model.objects.get(locale=o.locale))
    slug = factory.LazyAttributeSequence(
        lambda o, n: slugify(o.title)[:80] or f"page-{n}"
    )
    ref = factory.Sequence(lambda n: f"test-ref-{n}")
    summary = factory.LazyAttribute(lambda o: f"Résumé de {o.title}.")
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        abstract = True
        exclude = ("index_model",)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        extras = {
            name: kwargs.pop(name)
            for name in (*SINGLE_TERMS, *MULTIPLE_TERMS, "tags", "attachments")
            if name in kwargs
        }
        parent = kwargs.pop("parent")
        page = model_class(**kwargs)
        set_terms(page, extras)
        if isinstance(page, PracticePage) and isinstance(parent, PracticeIndexPage):
            parent = section_for(page.commune, page.locale)  # a commune's section
        page.tags.add(*extras.get("tags", []))
        attachments = extras.get("attachments", [])
        if isinstance(attachments, int):
            attachments = HubDocumentFactory.create_batch(attachments)
        page.attachments = [
            page.attachments.model(document=doc, sort_order=i)
            for i, doc in enumerate(attachments)
        ]
        return parent.add_child(instance=page)


def set_terms(page, extras):
    for name, model in SINGLE_TERMS.items():
        if name in extras:
            setattr(page, name, term(model, extras[name], page.locale))
    for name, model in MULTIPLE_TERMS.items():
        if name in extras:
            setattr(page, name, [term(model, v, page.locale) for v in extras[name]])


class PracticePageFactory(HubPageFactory):
    title = factory.Sequence(lambda n: f"Pratique {n}")
    index_model = PracticeIndexPage

    class Meta:
        model = PracticePage


class TemplatePageFactory(HubPageFactory):
    title = factory.Sequence(lambda n: f"Modèle {n}")
    index_model = TemplateIndexPage

    class Meta:
        model = TemplatePage


class TrainingPageFactory(HubPageFactory):
    title = factory.Sequence(lambda n: f"Formation {n}")
    index_model = TrainingIndexPage
    duration = "2 jours"

    class Meta:
        model = TrainingPage


def add_participation(page, public_slug, count):
    """Record ``count`` participants of one target public on ``page``."""
    return PracticeParticipation.objects.create(
        page=page,
        target_public=TargetPublic.objects.get(slug=public_slug, locale=page.locale),
        count=count,
    )


def translate(page, language="ar", title=None, publish=True):
    """The translation of ``page`` made as the admin's "Translate" action does
    (``copy_for_translation``), published unless ``publish`` is False."""
    translation = page.copy_for_translation(locale(language))
    if title:
        translation.title = title
    revision = translation.save_revision()
    if publish:
        revision.publish()
    return translation.specific_class.objects.get(pk=translation.pk)
