"""Admin form bases for documents and images that refuse unsafe files.

Set as ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` / ``WAGTAILIMAGES_IMAGE_FORM_BASE``:
Wagtail builds every admin form from them — single upload, multiple upload
(``AddView.get_upload_form_class``), edit (replacing the file) and the chooser's
upload tab — so one check covers all the ways in, and a refused file is never
saved (https://docs.wagtail.org/en/stable/reference/settings.html#documents).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from ..version_form import add_version_fields, check_replacement
from .validation import sanitise_filename, validate_image_upload, validate_upload


def check_uploaded(data, validate):
    """Validate an uploaded file under its sanitised name, which it then keeps."""
    if not data or not hasattr(data, "name"):
        return  # no new file: Django's FileField handles "unchanged" and "required"
    name = sanitise_filename(data.name)
    validate(data, name)
    data.name = name


class CheckedDocumentField(WagtailDocumentField):
    """Wagtail's document field; our checks run first, so the editor reads the
    most precise reason (Wagtail's size check then never has to fire)."""

    def to_python(self, data):
        check_uploaded(data, validate_upload)
        return super().to_python(data)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field; our checks run before Willow opens the file."""

    def to_python(self, data):
        check_uploaded(data, validate_image_upload)
        return super().to_python(data)


def use_checked_field(form, field_class):
    """Swap the form's ``file`` field for ``field_class``.

    Wagtail creates that field through ``formfield_callback``, which a base form
    cannot override, and declaring ``file`` on the base would add it to the
    multiple-upload edit forms, which have no file: hence the swap, keeping what
    the generated field was given.
    """
    generated = form.fields.get("file")
    if generated is not None:
        form.fields["file"] = field_class(
            label=generated.label,
            required=generated.required,
            widget=generated.widget,
            max_length=generated.max_length,
        )


class HubDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        # Wagtail's views pass the editor (Wagtail's collection form pops it).
        self.user = kwargs.get("user") or kwargs.get("for_user")
        super().__init__(*args, **kwargs)
        use_checked_field(self, CheckedDocumentField)
        if self.instance.pk and "file" in self.fields:
            add_version_fields(self)
        if getattr(self.instance, "extraction_pending", False):
            self.fields["extraction_pending_notice"] = extraction_pending_notice()
        problem = getattr(self.instance, "extraction_problem", "")
        if problem:
            self.fields["extraction_notice"] = extraction_notice(problem)

    def clean(self):
        cleaned = super().clean()
        if "version_note" in self.fields and "file" in self.changed_data:
            check_replacement(self)
        return cleaned


def extraction_pending_notice():
    """A read-only field that tells editors the new file is still being read
    (``documents.file_facts`` runs in the background)."""
    return forms.CharField(
        label=_("Lecture du fichier"),
        initial=_("en attente"),
        required=False,
        disabled=True,
        help_text=_(
            "Le texte, le nombre de pages et la vignette de ce fichier seront "
            "disponibles dans quelques instants : la recherche le trouvera alors "
            "par son contenu."
        ),
    )


def extraction_notice(problem):
    """A read-only field that tells editors why the document's text is not
    searchable (shown in the edit view and after a multiple upload)."""
    return forms.CharField(
        label=_("Texte non extrait"),
        initial=problem,
        required=False,
        disabled=True,
        help_text=_(
            "Ce document est enregistré mais son texte n'a pas pu être lu : la "
            "recherche ne le trouvera que par son titre. Déposez si possible une "
            "version non protégée ou réparée."
        ),
    )


class HubImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_checked_field(self, CheckedImageField)
