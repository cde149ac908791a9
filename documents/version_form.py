"""The document edit form's versions: the list, the note, the pending file.

The edit view shows every version of the file (number, date, who stored it, its
note), asks what a new file changes, and says which new file of a published
document waits for the coordination (``documents.pending_files``): a link to
read it and, for those who decide, « Valider » and « Refuser »
(``documents.version_review``).
"""

from django import forms
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from . import pending_files


class VersionList(forms.Widget):
    """The document's versions, newest first, as a read-only list; the pending
    one with a link to its file and, for ``deciding`` users, the buttons."""

    def __init__(self, versions, deciding=False, attrs=None):
        super().__init__(attrs)
        self.versions = versions
        self.deciding = deciding

    def render(self, name, value, attrs=None, renderer=None):
        rows = format_html_join(
            "",
            '<li><span dir="auto">{}</span> — <span dir="auto">{}</span>{}</li>',
            (
                (describe(version), version.note or "—", self.pending_part(version))
                for version in self.versions
            ),
        )
        return format_html('<ol class="document-versions" reversed>{}</ol>', rows)

    def pending_part(self, version):
        if not version.pending:
            return ""
        buttons = ""
        if self.deciding:
            buttons = format_html_join(
                " ",
                '<button type="submit" class="button {}" formaction="{}" '
                "formnovalidate>{}</button>",
                (
                    (
                        style,
                        reverse(f"documents_version_{decision}", args=[version.pk]),
                        label,
                    )
                    for decision, style, label in DECISIONS
                ),
            )
        return format_html(
            ' — <strong>{}</strong> — <a href="{}" download>{}</a> {}',
            _("en attente de validation"),
            version.url,
            _("Lire le fichier"),
            buttons,
        )


DECISIONS = [
    ("approve", "button-small", _("Valider et publier ce fichier")),
    ("reject", "button-small button-secondary no", _("Refuser ce fichier")),
]


def describe(version):
    who = version.uploaded_by
    name = (who.get_full_name() or who.get_username()) if who else "—"
    return _("Version %(number)s — %(date)s — %(author)s") % {
        "number": version.number,
        "date": date_format(localtime(version.created_at), "SHORT_DATETIME_FORMAT"),
        "author": name,
    }


def add_version_fields(form):
    """The version list and the note field, on the edit form of a stored
    document that has a file field (not the multiple uploader's)."""
    document = form.instance
    versions = list(document.versions.select_related("uploaded_by"))
    pending = next((version for version in versions if version.pending), None)
    deciding = bool(
        pending and form.user and pending_files.may_decide(form.user, pending)
    )
    form.fields["version_note"] = forms.CharField(
        label=_("Note de version"),
        max_length=255,
        required=False,
        help_text=_(
            "Avec un nouveau fichier : ce qui change. Elle figure dans la liste "
            "des versions ; elle est demandée pour un document publié, dont le "
            "nouveau fichier attend la validation de la coordination."
        ),
    )
    form.fields["versions"] = forms.Field(
        label=_("Versions du fichier"),
        required=False,
        disabled=True,
        widget=VersionList(versions, deciding),
    )


def check_replacement(form):
    """Errors for a new file while another waits for the coordination, and for
    a new file on a published document without a note."""
    document = form.instance
    if pending_files.pending_version(document) is not None:
        form.add_error(
            "file",
            _(
                "Un nouveau fichier attend déjà la validation de la coordination : "
                "elle le valide ou le refuse avant tout autre."
            ),
        )
    elif not pending_files.needs_validation(document):
        return
    elif not form.cleaned_data.get("version_note", "").strip():
        form.add_error(
            "version_note",
            _("Ce document est publié : dites ce que change le nouveau fichier."),
        )
