"""StreamField blocks for fiches, templates and training modules.

Every block offered in the editor's block picker has a ``description`` and a
``preview_value`` (French, about the programme's subjects), so that editors see
what a block is for and what it looks like before inserting it. The previews
are rendered by the admin's block preview view with the site's own templates
and stylesheet (``practices/templates/wagtailcore/shared/block_preview.html``).

Block names and value shapes are those stored in pages and read/written by the
importer and the exporter (``practices/importers/stream.py``): do not rename.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import features
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.models import CollectionViewRestriction, Locale

from programme.models import TargetPublic

from .indicator_text import structured_indicator

# Pillow writes AVIF only when built with libavif (Pillow ≥ 11.2 wheels are).
AVIF = features.check("avif")


class HeadingBlock(blocks.CharBlock):
    """A section heading inside a long narrative (rendered as <h3>)."""

    class Meta:
        icon = "title"
        label = _("Intertitre")
        description = _(
            "Un intertitre qui découpe le récit en parties (étapes, phases, thèmes)."
        )
        template = "practices/blocks/heading_block.html"
        preview_value = "Étape 1 : diagnostic partagé avec les associations de femmes"


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
        description = _("Du texte courant, avec gras, italique, liens et listes.")
        template = "practices/blocks/paragraph_block.html"
        preview_value = (
            "<p>Le service de l'action sociale de la commune a réuni les "
            "associations du quartier pour <b>recenser les besoins</b> des femmes "
            "et des jeunes avant d'ouvrir l'espace d'accueil :</p>"
            "<ul><li>garde d'enfants pendant les formations ;</li>"
            "<li>accompagnement des porteuses de projets ;</li>"
            "<li>ateliers d'orientation pour les jeunes diplômés.</li></ul>"
        )


class StepBlock(blocks.StructBlock):
    """One step of what was done: what, and when."""

    title = blocks.CharBlock(label=_("Étape"))
    period = blocks.CharBlock(label=_("Période"), required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Étape")
        description = _("Une étape de la démarche : ce qui a été fait, et quand.")
        template = "practices/blocks/step_block.html"
        preview_value = {
            "title": "Diagnostic participatif avec les habitantes",
            "period": "janvier – mars 2024",
            "description": (
                "Trois réunions de quartier animées avec l'association locale : "
                "85 femmes ont décrit leurs besoins en garde d'enfants, en "
                "formation et en accès aux services communaux."
            ),
        }


class TestimonyBlock(blocks.StructBlock):
    """A participant's or partner's words: evidence told in the first person."""

    quote = blocks.TextBlock(label=_("Citation"))
    author = blocks.CharBlock(label=_("Auteur ou autrice"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Témoignage")
        description = _(
            "Les mots d'une participante, d'un jeune ou d'un partenaire, avec son "
            "nom ou son rôle."
        )
        template = "practices/blocks/testimony_block.html"
        preview_value = {
            "quote": (
                "Avant, nous n'osions pas prendre la parole devant le conseil. "
                "Aujourd'hui, trois d'entre nous siègent à l'instance de l'équité, "
                "de l'égalité des chances et de l'approche genre."
            ),
            "author": "Fatima, membre d'une coopérative féminine",
        }


def target_public_choices():
    """The target publics, named in the editor's language (the value stored is
    the slug, the same in every locale)."""
    terms = TargetPublic.objects.filter(locale=Locale.get_active())
    return [(term.slug, term.name) for term in terms.order_by("name")]


class TargetPublicBlock(blocks.ChoiceBlock):
    """A target public, stored as its slug, which its translations share: an
    Arabic translation of the fiche names the Arabic term with no re-pointing
    (wagtail-localize copies a choice as it is, where a snippet chooser would
    ask translators to translate the vocabulary itself, see
    ``hub.localize.synchronised_terms``). The page renders the term of its
    own locale (``IndicatorBlock.get_context``)."""

    def __init__(self, **kwargs):
        super().__init__(choices=target_public_choices, **kwargs)

    def to_python(self, value):
        return value or ""  # no query to match it against the choices

    normalize = to_python

    def get_searchable_content(self, value):
        return []  # the fiche's publics are indexed in the page's language


class IndicatorBlock(blocks.StructBlock):
    """A measured result: what is counted, its value and unit, where it started
    and what was aimed at, for which year and which public (e.g. « Femmes
    formées » : 120, objectif 150, en 2023). A value that is not a number (old
    free text) stays readable in the note (``practices.indicator_text``)."""

    label = blocks.CharBlock(label=_("Indicateur"))
    value = blocks.DecimalBlock(label=_("Valeur"), required=False)
    unit = blocks.CharBlock(
        label=_("Unité"),
        required=False,
        max_length=40,
        help_text=_("Par exemple : %, MAD, km, personnes."),
    )
    baseline = blocks.DecimalBlock(label=_("Valeur de départ"), required=False)
    target = blocks.DecimalBlock(label=_("Objectif"), required=False)
    year = blocks.IntegerBlock(
        label=_("Année"), required=False, min_value=1900, max_value=2100
    )
    target_public = TargetPublicBlock(label=_("Public cible"), required=False)
    note = blocks.CharBlock(
        label=_("Note"),
        required=False,
        help_text=_("Une précision, ou la valeur quand elle n'est pas un nombre."),
    )

    def to_python(self, value):
        return super().to_python(structured_indicator(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([structured_indicator(v) for v in values])

    def normalize(self, value):
        if isinstance(value, self.meta.value_class):
            return value
        return self.to_python(structured_indicator(value))

    def clean(self, value):
        value = super().clean(value)
        if value.get("value") is None and not value.get("note"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "value": ValidationError(
                        _("Indiquez une valeur, ou une note qui explique son absence.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["public"] = public_named(value.get("target_public"), context)
        return context

    class Meta:
        icon = "order"
        label = _("Indicateur")
        description = _(
            "Un résultat mesuré : ce qui est compté, sa valeur et son unité, le point "
            "de départ et l'objectif (par exemple « Femmes formées » : 120, objectif "
            "150)."
        )
        template = "practices/blocks/indicator_block.html"
        # The block renders a <dt>/<dd> pair: its preview puts it in a <dl>.
        preview_template = "practices/blocks/indicator_block_preview.html"
        preview_value = {
            "label": "Jeunes accompagnés vers l'emploi",
            "value": "120",
            "unit": "jeunes",
            "baseline": "40",
            "target": "150",
            "year": 2023,
            "target_public": "youth",
        }


def public_named(slug, context):
    """The target public ``slug`` in the language of the page being rendered
    (the request's when there is none), or None. The page's publics are read
    once per page, not once per indicator."""
    if not slug:
        return None
    page = context.get("page")
    publics = getattr(page, "_indicator_publics", None)
    if publics is None:
        locale = getattr(page, "locale", None) or Locale.get_active()
        publics = {t.slug: t for t in TargetPublic.objects.filter(locale=locale)}
        if page is not None:
            page._indicator_publics = publics
    return publics.get(slug)


class SessionBlock(blocks.StructBlock):
    """One session of a training module."""

    title = blocks.CharBlock(label=_("Titre de la séance"))
    duration = blocks.CharBlock(label=_("Durée"), required=False)
    description = blocks.TextBlock(label=_("Contenu"), required=False)

    class Meta:
        icon = "date"
        label = _("Séance")
        description = _("Une séance du module : son titre, sa durée et son contenu.")
        template = "practices/blocks/session_block.html"
        # The block renders an <li>: its preview puts it in the sessions' <ol>.
        preview_template = "practices/blocks/session_block_preview.html"
        preview_value = {
            "title": "Le budget participatif communal",
            "duration": "3 heures",
            "description": (
                "Travail en petits groupes : classer les projets proposés par les "
                "habitants, les femmes et les jeunes selon les priorités du plan "
                "d'action de la commune."
            ),
        }


class NoteBlock(blocks.TextBlock):
    """A remark between the sessions of a training module (plain text)."""

    class Meta:
        icon = "help"
        label = _("Note")
        description = _(
            "Une remarque entre deux séances : matériel à prévoir, conseil aux "
            "formateurs et formatrices."
        )
        preview_value = (
            "Prévoir une garderie pendant les séances pour que les mères puissent "
            "y participer."
        )


class PictureBlock(ImageBlock):
    """An image as lazily loaded WebP (and AVIF) renditions sized to the screen:
    Wagtail's ImageBlock would send the original upload, often megabytes."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["avif"] = AVIF
        return context

    def get_preview_value(self):
        """The first image of the library outside partners-only collections
        (whose files not every editor may load); None, an empty preview, when
        there is none. An image cannot be a constant."""
        images = get_image_model().objects.order_by("pk")
        for path in CollectionViewRestriction.objects.values_list(
            "collection__path", flat=True
        ):
            images = images.exclude(collection__path__startswith=path)
        image = images.first()
        return self.to_python(image.pk if image else None)

    class Meta:
        icon = "image"
        label = _("Image")
        description = _(
            "Une photo ou une illustration, avec un texte alternatif qui la décrit."
        )
        template = "practices/blocks/image_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """A free narrative (what was done, usage notes, descriptions)."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    step = StepBlock()
    testimony = TestimonyBlock()
    image = PictureBlock()


class IndicatorsBlock(blocks.StreamBlock):
    """The measured results of a fiche."""

    indicator = IndicatorBlock()


class SessionsBlock(blocks.StreamBlock):
    """The sessions of a training module, with notes between them."""

    session = SessionBlock()
    note = NoteBlock()


def narrative_blocks():
    """The (name, block) pairs of ``BaseStreamBlock``, as the importer and the
    exporter read them."""
    return list(BaseStreamBlock().child_blocks.items())
