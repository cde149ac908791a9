"""The coordination's decision on a document's pending file, from the version
list of its edit view (``version_form``): « Valider » or « Refuser », each a
button posting the edit form to its own address (``formaction``: a form may not
hold another). What each does: ``pending_files``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import pending_files
from .models import DocumentVersion


def decision_view(decide, message):
    """A view that applies ``decide`` to a pending version, then says
    ``message`` on the document's edit view."""

    @require_POST
    def view(request, version_id):
        version = get_object_or_404(
            DocumentVersion.objects.select_related("document__collection"),
            pk=version_id,
            pending=True,
        )
        if not pending_files.may_decide(request.user, version):
            raise PermissionDenied
        decide(version)
        messages.success(request, message % {"number": version.number})
        return redirect("wagtaildocs:edit", version.document_id)

    return view


approve = decision_view(
    pending_files.approve,
    _("La version %(number)s est validée : c'est désormais le fichier publié."),
)
reject = decision_view(
    pending_files.reject,
    _("La version %(number)s est refusée : le fichier publié reste le même."),
)


def admin_urls():
    """``register_admin_urls``."""
    return [
        path(
            "document-versions/<int:version_id>/approve/",
            approve,
            name="documents_version_approve",
        ),
        path(
            "document-versions/<int:version_id>/reject/",
            reject,
            name="documents_version_reject",
        ),
    ]
