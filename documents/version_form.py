"""The document edit form's versions: the list, the note, and who may replace.

The edit view shows every version of the file (number, date, who stored it, its
note), asks what a new file changes, and refuses a new file for a published
document from those who do not validate what publishes it
(``documents.replacement``): their file would be served at once, unreviewed.
"""

from django import forms
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .replacement import may_replace_file, validating_pages


class VersionList(forms.Widget):
    """The document's versions, newest first, as a read-only list."""

    def __init__(self, versions, attrs=None):
        super().__init__(attrs)
        self.versions = versions

    def render(self, name, value, attrs=None, renderer=None):
        rows = format_html_join(
            "",
            '<li><span dir="auto">{}</span> — <span dir="auto">{}</span></li>',
            ((describe(version), version.note or "—") for version in self.versions),
        )
        return format_html('<ol class="document-versions" reversed>{}</ol>', rows)


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
    form.fields["version_note"] = forms.CharField(
        label=_("Note de version"),
        max_length=255,
        required=False,
        help_text=_(
            "Avec un nouveau fichier : ce qui change. Elle figure dans la liste "
            "des versions ; elle est demandée pour un document publié."
        ),
    )
    form.fields["versions"] = forms.Field(
        label=_("Versions du fichier"),
        required=False,
        disabled=True,
        widget=VersionList(versions),
    )


def check_replacement(form, user):
    """Errors for a new file on a published document: refused to those who do
    not validate its pages, and never without a note."""
    document = form.instance
    if not validating_pages(document):
        return
    if user is not None and not may_replace_file(user, document):
        form.add_error(
            "file",
            _(
                "Ce document est publié : un nouveau fichier serait servi aussitôt, "
                "sans validation. Seule la coordination du programme peut le "
                "remplacer ; envoyez-lui le nouveau fichier."
            ),
        )
    elif not form.cleaned_data.get("version_note", "").strip():
        form.add_error(
            "version_note",
            _("Ce document est publié : dites ce que change le nouveau fichier."),
        )
