"""Form fields the share form needs and Django does not have."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.single_line import single_line

# Agents in Morocco may type Arabic-Indic (٠١٢…) or Persian (۰۱۲…) digits, and
# group thousands with spaces, dots or commas: "١٢ ٠٠٠" and "12.000" are 12000.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_SPACES = re.compile(r"\s")
# A dot, comma or Arabic thousands sign followed by exactly three digits groups
# thousands; anywhere else it is a decimal point, which is refused (no centimes).
_GROUPING = re.compile(r"[.,'\u066c](?=\d{3}(?!\d))")
_CURRENCY = re.compile(r"(MAD|DHS?|درهم)$", re.IGNORECASE)
MAX_AMOUNT = 10**12


class AmountField(forms.IntegerField):
    """A whole amount in dirhams, typed as people write it."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})
    default_error_messages = {
        "invalid": _("Écrivez un montant en chiffres, sans centimes (ex. : 25000)."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_AMOUNT)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = _SPACES.sub("", value.translate(_DIGITS))
            value = _CURRENCY.sub("", _GROUPING.sub("", value))
        return super().to_python(value)


class SingleLineField(forms.CharField):
    """A one-line text (a title, keywords): a pasted line break or control
    character never gets in (see ``hub.single_line``: it would stop the
    reviewers' e-mail, whose subject is the title)."""

    def to_python(self, value):
        return super().to_python(single_line(value))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; checking each is the form's job, so that
    one refused file does not hide the others (see SharePracticeForm)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f and hasattr(f, "name")]
