"""StreamField blocks for fiches, templates and training modules."""

from django.utils.translation import gettext_lazy as _
from PIL import features
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

# Pillow writes AVIF only when built with libavif (Pillow ≥ 11.2 wheels are).
AVIF = features.check("avif")


class HeadingBlock(blocks.CharBlock):
    """A section heading inside a long narrative (rendered as <h3>)."""

    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "practices/blocks/heading_block.html"
        preview_value = "Étape 1 : diagnostic partagé"


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with links and lists only, so pages stay light and accessible."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["bold", "italic", "link", "ol", "ul", "h3", "h4"]
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraphe")
        template = "practices/blocks/paragraph_block.html"
        preview_value = "<p>La commune a réuni les associations du quartier.</p>"


class StepBlock(blocks.StructBlock):
    """One step of what was done: what, and when."""

    title = blocks.CharBlock(label=_("Étape"))
    period = blocks.CharBlock(label=_("Période"), required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Étape")
        template = "practices/blocks/step_block.html"


class TestimonyBlock(blocks.StructBlock):
    """A participant's or partner's words: evidence told in the first person."""

    quote = blocks.TextBlock(label=_("Citation"))
    author = blocks.CharBlock(label=_("Auteur ou autrice"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Témoignage")
        template = "practices/blocks/testimony_block.html"


class IndicatorBlock(blocks.StructBlock):
    """A measured result: a label and its value (e.g. « Femmes formées » — 120)."""

    label = blocks.CharBlock(label=_("Indicateur"))
    value = blocks.CharBlock(label=_("Valeur"))

    class Meta:
        icon = "order"
        label = _("Indicateur")
        template = "practices/blocks/indicator_block.html"


class SessionBlock(blocks.StructBlock):
    """One session of a training module."""

    title = blocks.CharBlock(label=_("Titre de la séance"))
    duration = blocks.CharBlock(label=_("Durée"), required=False)
    description = blocks.TextBlock(label=_("Contenu"), required=False)

    class Meta:
        icon = "date"
        label = _("Séance")
        template = "practices/blocks/session_block.html"


class PictureBlock(ImageBlock):
    """An image as lazily loaded WebP (and AVIF) renditions sized to the screen:
    Wagtail's ImageBlock would send the original upload, often megabytes."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["avif"] = AVIF
        return context

    class Meta:
        icon = "image"
        template = "practices/blocks/image_block.html"


def narrative_blocks():
    """Blocks of a free narrative (what was done, usage notes, descriptions)."""
    return [
        ("heading", HeadingBlock()),
        ("paragraph", ParagraphBlock()),
        ("step", StepBlock()),
        ("testimony", TestimonyBlock()),
        ("image", PictureBlock(label=_("Image"))),
    ]
