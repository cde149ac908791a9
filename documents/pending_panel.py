"""« Fichiers à valider »: the dashboard panel that tells the coordination a
new file of a published document waits for its decision (pending_files.py),
each linking to the document's edit view, where it is read and decided on."""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component

from .models import DocumentVersion
from .pending_files import may_decide


@dataclass
class PendingFilesPanel(Component):
    versions: list
    name = "pending_document_files"
    template_name = "documents/admin/pending_files_panel.html"
    order = 105  # above Wagtail's own panels (from 110)

    def get_context_data(self, parent_context):
        return {"versions": self.versions}


def dashboard_panel(request, panels):
    """``construct_homepage_panels``: shown to those who decide on a pending
    file, while one waits."""
    pending = DocumentVersion.objects.filter(pending=True).select_related(
        "document__collection", "uploaded_by"
    )
    versions = [v for v in pending if may_decide(request.user, v)]
    if versions:
        panels.append(PendingFilesPanel(versions))
