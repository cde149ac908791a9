"""What practice, template and training pages have in common.

* ``ref``: the stable identifier used by imports, exports and the search API. Each
  locale version has its own ref; a copy (translation, duplicate) gets a fresh one.
* Term links are normalised to the page's locale when saved, because
  wagtail-localize copies many-to-many links as they are (pointing at the source
  language's terms); normalising at write time keeps every read a plain join.
"""

from django.apps import apps
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Orderable
from wagtail_localize.fields import SynchronizedField

LANGUAGE_CHOICES = [("fr", _("Français")), ("ar", _("Arabe"))]


class HubPageMixin(models.Model):
    """Fields and behaviour shared by the three content page types."""

    # NULL (not "") until saved, so the unique constraint allows pages without one.
    ref = models.CharField(  # noqa: DJ001
        _("référence"), max_length=120, unique=True, null=True, editable=False
    )
    summary = models.TextField(
        _("résumé"),
        blank=True,
        help_text=_("Deux ou trois phrases : ce que c'est, pour qui, le résultat."),
    )
    original_language = models.CharField(
        _("langue d'origine"),
        max_length=2,
        choices=LANGUAGE_CHOICES,
        default="fr",
        help_text=_("Langue dans laquelle la fiche a été écrite."),
    )
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)

    exclude_fields_in_copy = ["ref"]
    # Term fields (foreign keys and many-to-many) re-pointed to the page's locale.
    localised_term_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.ref:
            self.ref = self._unique_ref()
        self.localise_terms()
        return super().save(*args, **kwargs)

    def _unique_ref(self):
        base = slugify(f"{self.slug or self.title}")[:100] or "page"
        code = self.locale.language_code if self.locale_id else "fr"
        candidate, n = f"{base}-{code}", 1
        while find_page_by_ref(candidate) is not None:
            n += 1
            candidate = f"{base}-{code}-{n}"
        return candidate

    def localise_terms(self):
        """Point every term link at the translation in this page's locale, if any."""
        if not self.locale_id:
            return
        for name in self.localised_term_fields:
            field = self._meta.get_field(name)
            if field.many_to_many:
                terms = list(getattr(self, name).all())
                setattr(self, name, [localised(t, self.locale_id) for t in terms])
            elif getattr(self, field.attname):
                setattr(self, name, localised(getattr(self, name), self.locale_id))


def synchronised_terms(*names):
    """wagtail-localize overrides that copy term foreign keys instead of
    translating them.

    By default wagtail-localize treats a foreign key to a translatable snippet as
    a related object to translate: "Translate" on a page then also re-translates
    the commune, region, partnership or kind it points at, overwriting their
    existing Arabic names with the French source text (no translation memory
    holds them). Copying the link and letting ``localise_terms`` re-point it on
    save keeps the vocabulary intact.
    https://wagtail-localize.org/stable/how-to/field-configuration/
    """
    return [SynchronizedField(name) for name in names]


def localised(term, locale_id):
    """The translation of ``term`` in ``locale_id``, or ``term`` itself."""
    if term is None or term.locale_id == locale_id:
        return term
    return (
        type(term)
        .objects.filter(translation_key=term.translation_key, locale_id=locale_id)
        .first()
        or term
    )


class AttachmentBase(Orderable):
    """A document attached to a page, in the editor's chosen order."""

    document = models.ForeignKey(
        "practices.HubDocument",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        abstract = True


def hub_page_models():
    """Every concrete page model that carries a ``ref``."""
    return [m for m in apps.get_models() if issubclass(m, HubPageMixin)]


def find_page_by_ref(ref):
    """The page (of any hub type) whose ref is ``ref``, or None."""
    for model in hub_page_models():
        page = model.objects.filter(ref=ref).first()
        if page is not None:
            return page
    return None
