"""The FR↔AR glossary that widens "all languages" searches (see ``glossary.py``).

One row is one pair of equivalent expressions, French and Arabic. A French term may
have several Arabic equivalents (a singular and its broken plural: modèle / نموذج,
modèles / نماذج) and the reverse: each pair is its own row. Not translatable
(it *is* the translation) and not in the search index (it widens queries, it is
not a result).
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
