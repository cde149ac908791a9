"""Admin registration: document versions kept on file replacement, a published
document's new file held for validation; downloads counted."""

from wagtail import hooks
from wagtail.actions import EditAction

from . import pending_files, pending_panel, version_review
from .downloads import count_download
from .models import HubDocument


class KeepEarlierFilesEditAction(EditAction):
    """Wagtail's document edit, except that a replaced file is kept.

    ``BaseDocumentForm.save`` deletes the previous file from storage when a new
    one is uploaded; it stays listed and downloadable as an earlier version
    (``documents.models.versions``), so the form is told there is none to delete.
    The editor is recorded as the new version's uploader, with the form's version
    note (``documents.version_form``). Wagtail's edit view
    saves through the "edit" action registered for the model (``register_actions``
    hook, see ``wagtail/actions/registry.py``).
    """

    def _save_instance(self):
        if self.form is not None and "file" in self.form.changed_data:
            note = self.form.cleaned_data.get("version_note", "").strip()
            if pending_files.needs_validation(self.instance):
                self._hold_new_file(note)
            else:
                self.form.original_file = None
                self.instance.file_replaced_by = self.user
                self.instance.file_version_note = note
        super()._save_instance()

    def _hold_new_file(self, note):
        """A published document keeps its file; the new one waits for the
        coordination (``documents.pending_files``). The rest of the form (title,
        collection…) is saved as usual."""
        upload = self.form.cleaned_data["file"]
        pending_files.hold(self.instance, upload, self.user, note)
        self.instance.file = self.form.original_file.name
        # Nothing for Wagtail's form to do about the file: no metadata to set,
        # no previous file to delete.
        self.form.changed_data.remove("file")


@hooks.register("register_actions")
def register_document_actions(registry):
    registry.register(HubDocument, KeepEarlierFilesEditAction)


# After Wagtail's own hook (order 0), which refuses private documents: only
# downloads that are actually served are counted.
hooks.register("before_serve_document", count_download, order=100)


# The coordination's approval or rejection of a pending file (version_review.py).
hooks.register("register_admin_urls", version_review.admin_urls)
# « Fichiers à valider » on the dashboard of those who decide (pending_panel.py).
hooks.register("construct_homepage_panels", pending_panel.dashboard_panel)
