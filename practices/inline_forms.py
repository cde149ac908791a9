"""Inline panels of hub pages that survive a forged POST.

modelcluster's child formset reads an existing row's id straight from the
posted data: a missing, malformed or foreign id (a hand-made POST, never the
editor's own form) raised KeyError or ValidationError deep in formset
construction, a 500 instead of a form error. Such a row is built as a new one
here, whose hidden id field then refuses the value with a form error, so the
editor gets the page back with nothing saved.
"""

from django.core.exceptions import ValidationError
from django.forms.models import BaseModelFormSet
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel


class ForgedRowSafeFormSet(BaseChildFormSet):
    def _construct_form(self, i, **kwargs):
        try:
            return super()._construct_form(i, **kwargs)
        except (KeyError, ValidationError):
            kwargs["instance"] = self.model()
            # Skip BaseModelFormSet's lookup of the posted id, which just failed.
            return super(BaseModelFormSet, self)._construct_form(i, **kwargs)


class SafeInlinePanel(InlinePanel):
    """``InlinePanel`` whose formset is ``formset_class`` (forged rows give a
    form error, not a 500)."""

    formset_class = ForgedRowSafeFormSet

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = self.formset_class
        return options
