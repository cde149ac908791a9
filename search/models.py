"""The search app's tables: the FR↔AR glossary and the kept engine writes.

``GlossaryEntry``: the FR↔AR glossary that widens "all languages" searches (see
``glossary.py``).

One row is one pair of equivalent expressions, French and Arabic. A French term may
have several Arabic equivalents (a singular and its broken plural: modèle / نموذج,
modèles / نماذج) and the reverse: each pair is its own row. Not translatable
(it *is* the translation) and not in the search index (it widens queries, it is
not a result).

``ShippedGlossaryPair``: the pairs of the project's glossary file that
``load_glossary`` has already offered (``glossary.load_glossary``).

``SearchQueryDay``: how often a query was searched, and found nothing, per day
and interface language (``query_log``).

``KeptWrite``: an engine write that failed, until ``search.healing`` replays it
(``search.kept_writes``).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .analysis import analyse

ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")


class GlossaryEntry(models.Model):
    french = models.CharField(
        _("français"),
        max_length=200,
        help_text=_(
            "Terme ou expression en français, par exemple « budget participatif »."
        ),
    )
    arabic = models.CharField(
        _("arabe"),
        max_length=200,
        help_text=_("Son équivalent en arabe, par exemple « الميزانية التشاركية »."),
    )
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("Usage, contexte ou source (facultatif)."),
    )

    panels = [FieldPanel("french"), FieldPanel("arabic"), FieldPanel("note")]

    class Meta:
        verbose_name = _("entrée du glossaire")
        verbose_name_plural = _("glossaire")
        ordering = ["french", "arabic"]
        constraints = [
            models.UniqueConstraint(
                fields=["french", "arabic"], name="hubsearch_glossary_pair"
            )
        ]

    def __str__(self):
        return f"{self.french} ↔ {self.arabic}"

    def clean(self):
        """Both sides must be searchable words; the Arabic side in Arabic letters,
        the French side without (a pair written the wrong way round would
        translate Arabic into Arabic)."""
        self.french = " ".join(self.french.split())
        self.arabic = " ".join(self.arabic.split())
        self.note = self.note.strip()
        errors = {}
        if not analyse(self.french):
            errors["french"] = _("Saisissez au moins un mot.")
        elif ARABIC_LETTER.search(self.french):
            errors["french"] = _(
                "Le terme français ne doit pas contenir de lettres arabes."
            )
        if not ARABIC_LETTER.search(self.arabic):
            errors["arabic"] = _("Le terme arabe doit être écrit en lettres arabes.")
        if errors:
            raise ValidationError(errors)


class ShippedGlossaryPair(models.Model):
    """A pair of ``search/data/glossary.json`` that ``load_glossary`` has offered.

    Each shipped pair is added once: afterwards the glossary is the
    coordination's, and a pair it corrected, annotated or deleted in the admin
    stays as it left it when the next release loads the file again. Not in the
    admin."""

    french = models.CharField(max_length=200)
    arabic = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["french", "arabic"], name="hubsearch_shipped_glossary_pair"
            )
        ]

    def __str__(self):
        return f"{self.french} ↔ {self.arabic}"


class SearchQueryDay(models.Model):
    """A query's searches on one day in one interface language: how many, and
    how many found nothing. Nothing about who searched: no user, no address, no
    time of day (``query_log``, the coordination's report)."""

    query_string = models.CharField(max_length=255)  # as Wagtail's Query
    language = models.CharField(max_length=8)
    day = models.DateField(db_index=True)
    hits = models.PositiveIntegerField(default=0)
    misses = models.PositiveIntegerField(default=0)  # searches with no result

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["query_string", "language", "day"],
                name="hubsearch_query_day",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.language} {self.query_string}"


class KeptWrite(models.Model):
    """An engine write that failed and waits to be replayed (``search.kept_writes``).

    One row per object — the root model of its index (``wagtailcore.Page`` for
    every page: their documents share one index, keyed on the pk) and its pk —
    whatever happened to it since: the latest action wins (``index`` or
    ``delete``), ``attempts`` counts the failed writes and replays, and
    ``first_failed_at`` says since when the engine has been missing it. Not in
    the admin: operators see a count on /readyz and ``heal_search_index``.
    """

    INDEX = "index"
    DELETE = "delete"

    model_label = models.CharField(max_length=100)
    object_pk = models.CharField(max_length=64)
    action = models.CharField(
        max_length=6, choices=[(INDEX, "index"), (DELETE, "delete")]
    )
    first_failed_at = models.DateTimeField()
    # Last failure or keeping: a replay removes a row only if it did not change
    # after the replay read it (a newer failure must be replayed again).
    changed_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "object_pk"], name="hubsearch_keptwrite_object"
            )
        ]

    def __str__(self):
        return f"{self.action} {self.model_label} {self.object_pk}"
