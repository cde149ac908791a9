"""« Partager une pratique »: the form, and the page that says what happens next."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ..models import PracticePage
from ..publishing.communes import editor_communes
from . import pending
from .build import create_practice
from .forms import MAX_FILES, SharePracticeForm


def _login_first(request):
    return redirect_to_login(request.get_full_path(), reverse("member-login"))


@require_http_methods(["GET", "POST"])
def share(request):
    if not request.user.is_authenticated:
        return _login_first(request)
    if not editor_communes(request.user):
        # A clear page that says whom to ask, rather than a bare 403.
        return render(request, "practices/share/not_editor.html", status=403)
    kept = []
    if request.method == "POST":
        pending.purge_stale()
        form = SharePracticeForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            try:
                page = create_practice(form, submit=submit)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                return redirect("share-practice-done", page_id=page.pk)
        # Nothing typed is lost: the bound form re-renders every value, and the
        # accepted files are kept so they need not be chosen again.
        room = max(0, MAX_FILES - len(form.kept_files))
        new = [pending.keep(request.user, f) for f in form.accepted_uploads[:room]]
        kept = form.kept_files + new
        pending.discard(form.dropped_files)
    else:
        form = SharePracticeForm(user=request.user)
    context = {
        "form": form,
        "kept_files": kept,
        "kept_token": pending.dumps(request.user, kept),
    }
    return render(request, "practices/share/form.html", context)


def share_done(request, page_id):
    """What happens next; only the author of the draft sees this page."""
    if not request.user.is_authenticated:
        return _login_first(request)
    page = (
        PracticePage.objects.filter(pk=page_id, owner=request.user)
        .select_related("commune", "locale")
        .first()
    )
    if page is None:
        raise Http404
    context = {
        "practice": page,
        "in_review": page.workflow_in_progress,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }
    return render(request, "practices/share/done.html", context)
