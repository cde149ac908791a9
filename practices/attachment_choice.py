"""Editors attach only documents they may choose.

Wagtail's document chooser lists only the documents of collections where the
user holds "choose" (or "change"), but the page form takes any document id it
is sent: a forged POST would attach commune B's private file to a draft of
commune A, whose team could then read it — the draft's editors may download
what it attaches (``documents.access``), and its preview shows the
document's text. So every *new or changed* choice in the attachments of a page
form (create, edit, preview) is checked against Wagtail's document permission
policy; a document the page already attaches, in the version being edited,
stays valid whoever saves the page next (a coordinator's choice survives a
commune editor's edit). The share form checks the documents it attaches the
same way (``share.build``). A refused choice gets a field error, and the form
comes back without it: the chooser would otherwise show the document's title.
"""

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.permissions import policy_registry

from .inline_forms import ForgedRowSafeFormSet, SafeInlinePanel

REFUSED = _(
    "Vous ne pouvez pas joindre ce document : il se trouve dans une collection "
    "que vous n'avez pas le droit d'utiliser."
)


def may_attach(user, document):
    """Whether ``user`` may choose ``document`` (Wagtail's document policy:
    "choose", or "change" — which includes one's own uploads where one may add)."""
    if user is None:
        return False  # no one to ask for: refuse rather than guess
    policy = policy_registry.get_by_type(type(document))
    return policy.user_has_any_permission_for_instance(
        user, {"choose", "change"}, document
    )


def refused_documents(user, documents):
    """The documents of ``documents`` that ``user`` may not attach, their
    collections read in one query."""
    documents = [d for d in documents if d is not None]
    prefetch_related_objects(documents, "collection")
    return [d for d in documents if not may_attach(user, d)]


class AttachmentFormSet(ForgedRowSafeFormSet):
    """The attachments of a page form, each new or changed choice checked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the page attaches as it was opened (a revision's, for a live
        # page), read now: cleaning the forms writes the posted choices into
        # these very objects.
        self.attached = {child.document_id for child in self.queryset}

    def clean(self):
        super().clean()
        user = self.form_kwargs.get("for_user")
        chosen = {}
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            document = getattr(form, "cleaned_data", {}).get("document")
            if document is not None and document.pk not in self.attached:
                chosen.setdefault(document.pk, []).append((form, document))
        documents = [pairs[0][1] for pairs in chosen.values()]
        for refused in refused_documents(user, documents):
            for form, _document in chosen[refused.pk]:
                form.add_error("document", ValidationError(REFUSED, code="refused"))
        # A value that did not validate is not shown again: the chooser would
        # show the title of a document the editor may not choose, or fail on
        # an id that is not a number (a 500 for a forged POST).
        for form in self.forms:
            if "document" in form.errors:
                forget_choice(form, "document")


def forget_choice(form, name):
    """Render ``form`` again without the value sent for field ``name``."""
    form.data = form.data.copy()
    form.data[form.add_prefix(name)] = ""


class AttachmentsPanel(SafeInlinePanel):
    """The ``attachments`` inline panel of hub pages, with the check above."""

    formset_class = AttachmentFormSet

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["inherit_kwargs"] = ["for_user"]
        return options
