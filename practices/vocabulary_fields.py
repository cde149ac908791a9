"""The page editor's vocabulary fields: the page's own language, as checkboxes.

Every vocabulary term exists once per locale (``programme.models.taxonomy``), and
Django's default choice fields listed all of them: a French fiche offered
« Jeunes » beside « الشباب », in a Ctrl-click multiple select. The page form keeps
the page's locale only, in its own fields and in its inline rows (a
participation's public, a snippet chooser before), and shows multiple choices as
checkboxes. What is saved
is unchanged: the same term ids.
"""

import copy

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import BlockField, BlockWidget

from programme.models.taxonomy import TargetPublic, Term


def offer_local_terms(form, locale):
    """Restrict ``form``'s vocabulary fields to ``locale``'s terms."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not issubclass(queryset.model, Term):
            continue
        if isinstance(field, forms.ModelMultipleChoiceField):
            field.widget = forms.CheckboxSelectMultiple(attrs=field.widget.attrs)
        elif not isinstance(field.widget, forms.Select):
            # A snippet chooser's modal lists every language's terms.
            field.widget = forms.Select(attrs=field.widget.attrs)
        # Set after the widget: the queryset setter gives the widget its choices.
        field.queryset = queryset.filter(locale=locale)


def with_local_terms(form_class, locale):
    """``form_class`` whose forms offer ``locale``'s terms only."""

    class LocalTermsForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            offer_local_terms(self, locale)

    LocalTermsForm.__name__ = form_class.__name__
    return LocalTermsForm


class VocabularyPageForm(WagtailAdminPageForm):
    """Base form of hub pages (``HubPageMixin.base_form_class``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self.instance.locale if self.instance.locale_id else None
        if locale is None and self.parent_page is not None:
            locale = self.parent_page.locale
        if locale is None:
            return
        offer_local_terms(self, locale)
        offer_local_publics(self, locale)
        # Inline rows are built lazily from their formset's form class.
        for formset in self.formsets.values():
            formset.form = with_local_terms(formset.form, locale)


def offer_local_publics(form, locale):
    """An indicator's public (``practices.blocks.TargetPublicBlock``) offered
    in the page's language. The StreamField's block is shared by every form
    and thread: this form gets its own copy, whose choices are ``locale``'s
    publics (the value saved is the slug, the same in every language)."""
    field = form.fields.get("indicators")
    if not isinstance(field, BlockField):
        return
    # A deep copy: a StreamBlock's children are its class's instances.
    block = copy.deepcopy(field.block)
    choice = block.child_blocks["indicator"].child_blocks["target_public"]
    terms = TargetPublic.objects.filter(locale=locale).order_by("name")
    choice.field.choices = [("", "---------")] + [(t.slug, t.name) for t in terms]
    field.block = block
    field.widget = BlockWidget(block)
