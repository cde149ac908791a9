"""The languages a person speaks, as a set of checkboxes stored in one column.

Amazigh and Dutch matter as much as French and Arabic for a contact person of a
Tiznit or a Flemish partner; a many-to-many table for five fixed choices would
cost a query per contact list, a comma-separated column costs none.
"""

from django import forms
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SPOKEN_LANGUAGES = [
    ("fr", _("français")),
    ("ar", _("arabe")),
    ("zgh", _("amazighe")),
    ("nl", _("néerlandais")),
    ("en", _("anglais")),
]
_NAMES = dict(SPOKEN_LANGUAGES)


class SpokenLanguagesField(models.CharField):
    """A list of language codes among ``SPOKEN_LANGUAGES``, stored as "fr,ar"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 50)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [code for code in value if code in _NAMES]
        return [code for code in (value or "").split(",") if code in _NAMES]

    def get_prep_value(self, value):
        return ",".join(self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        pass  # to_python keeps only known codes

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            label=self.verbose_name,
            choices=SPOKEN_LANGUAGES,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            help_text=self.help_text,
        )


def language_names(codes):
    """The names of ``codes`` in the active language, in the choices' order,
    as one phrase: separated by the Arabic comma « ، » in Arabic."""
    comma = "، " if (get_language() or "").startswith("ar") else ", "
    return comma.join(str(name) for code, name in SPOKEN_LANGUAGES if code in codes)
