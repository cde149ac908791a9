"""What practice, template and training pages have in common.

* ``ref``: the stable identifier used by imports, exports and the search API. Each
  locale version has its own ref; a copy (translation, duplicate) gets a fresh one.
* Term links are normalised to the page's locale when saved, because
  wagtail-localize copies many-to-many links as they are (pointing at the source
  language's terms); normalising at write time keeps every read a plain join.
* Search: the text of attached documents is indexed with the page
  (``attachments_text``), and a page is indexed once ``save()`` has stored its
  relations (tags, terms, attachments), not from the ``post_save`` signal, which
  fires before modelcluster writes them (the index would lag one save behind).
"""

import threading

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import get_active_log_context

from documents.visibility import private_collection_ids, with_private_documents
from hub.localize import LANGUAGE_CHOICES, is_translation, localised
from hub.single_line import SingleLineTitles
from hub.slugs import free_slug, slug_base
from hub.text import join_capped

from .. import content_types
from ..structured_data import describe
from ..translation_workflow import translation_workflow
from ..vocabulary_fields import VocabularyPageForm

# Characters of attached documents' titles and text indexed with a page: each
# document already holds at most extraction.MAX_TEXT; a page with many long
# attachments must not weigh megabytes in every search backend.
ATTACHMENTS_TEXT_LIMIT = 100_000

# Hub pages whose save() is running in this thread (innermost last), see save().
_saving = threading.local()


def _pages_being_saved():
    if not hasattr(_saving, "pages"):
        _saving.pages = []
    return _saving.pages


class HubPageMixin(SingleLineTitles, models.Model):
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
    # The editor offers the page's language's terms, as checkboxes when several.
    base_form_class = VocabularyPageForm
    # Term fields (foreign keys and many-to-many) re-pointed to the page's locale.
    localised_term_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.ref:
            self.ref = self._unique_ref()
        self.localise_terms()
        # modelsearch indexes on post_save, which Model.save sends *before*
        # ClusterableModel.save commits child relations and ParentalManyToMany
        # fields: the index would get the previous tags, terms and attachments.
        # get_indexed_instance() declines while this save runs; the page is
        # indexed (same task as the signal handler) once everything is stored.
        pages = _pages_being_saved()
        pages.append(self)
        try:
            result = super().save(*args, **kwargs)
        finally:
            pages.pop()
        if kwargs.get("update_fields") is None or kwargs["update_fields"]:
            self._index_after_save()
        return result

    def copy(self, *args, **kwargs):
        """A translation is owned by whoever made it, and its creation logged
        under their name. wagtail-localize's « Traduire » copies the original
        (``copy_for_translation``) without a user, so Wagtail kept the
        original's owner and logged « wagtail.create » under them — the
        commune editor — though the translator acted. The actor is the user of
        Wagtail's log context (the admin request's); none (the importer, a
        shell): the copy is made as before."""
        actor = get_active_log_context().user
        translating = kwargs.get("log_action") == "wagtail.copy_for_translation"
        if translating and getattr(actor, "is_authenticated", False):
            kwargs["update_attrs"] = {
                **(kwargs.get("update_attrs") or {}),
                "owner": actor,
            }
        return super().copy(*args, **kwargs)

    # OpenGraph: a fiche is an article (hub/templatetags/page_meta.py).
    social_type = "article"

    def structured_data(self, request, context):
        """The page's schema.org description (rendered as JSON-LD in <head>)."""
        return describe(self, request, themes=context.get("themes"))

    def get_workflow(self):
        """Translations go to the translation workflow, wherever they sit."""
        if self.pk and is_translation(self):
            workflow = translation_workflow()
            if workflow is not None:
                return workflow
        return super().get_workflow()

    def _index_after_save(self):
        from modelsearch.tasks import insert_or_update_object_task

        if getattr(type(self), "search_auto_update", True):
            insert_or_update_object_task.enqueue(
                self._meta.app_label, self._meta.model_name, str(self.pk)
            )

    def get_indexed_instance(self):
        if self.pk is not None and any(
            page.pk == self.pk for page in _pages_being_saved()
        ):
            return None  # indexed by save() once its relations are stored
        return super().get_indexed_instance()

    @classmethod
    def get_indexed_objects(cls):
        """update_index: attachments and their documents in one query per chunk."""
        attachments = cls._meta.get_field("attachments").related_model
        return (
            super()
            .get_indexed_objects()
            .prefetch_related(
                Prefetch(
                    "attachments",
                    queryset=with_private_documents(
                        attachments.objects.select_related("document")
                    ),
                )
            )
        )

    def attachments_text(self):
        """Titles and extracted text of the attached documents, in the editor's
        order, capped at ``ATTACHMENTS_TEXT_LIMIT`` characters (a ``SearchField``
        of every hub page type). A document whose text could not be read
        (``extraction_problem``) contributes its title only; a private one
        (partners-only collection) nothing, or its words would make the page
        findable by anyone (``hub.visibility``)."""
        if "attachments" in getattr(self, "_prefetched_objects_cache", {}):
            attachments = self.attachments.all()
        else:
            attachments = with_private_documents(
                self.attachments.select_related("document")
            )
        private = None  # read once if the rows were prefetched without the flag
        pieces = []
        for attachment in attachments:
            hidden = getattr(attachment, "private_document", None)
            if hidden is None:
                private = private_collection_ids() if private is None else private
                hidden = attachment.document.collection_id in private
            if hidden:
                continue
            pieces += [attachment.document.title, attachment.document.extracted_text]
        return join_capped(pieces, ATTACHMENTS_TEXT_LIMIT)

    def _unique_ref(self):
        base = slug_base(f"{self.slug or self.title}", max_length=100, fallback="page")
        code = self.locale.language_code if self.locale_id else "fr"
        return free_slug(
            f"{base}-{code}", lambda ref: find_page_by_ref(ref) is not None
        )

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


def find_page_by_ref(ref):
    """The page (of any hub type) whose ref is ``ref``, or None."""
    for model in content_types.models():
        page = model.objects.filter(ref=ref).first()
        if page is not None:
            return page
    return None
