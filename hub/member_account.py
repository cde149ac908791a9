"""« Mon compte »: a member sees what the hub keeps about them, downloads it
(``member_data``) and deletes their account — their own decision, confirmed
with their password. Deleting removes the account, its group memberships, its
comments and its records of sign-in; pages and versions stay (they are the
programme's publications) without the author's name (Wagtail sets their owner
and author to nobody). A superuser is refused: another administrator must
remove them, so that a site never loses its last one by a click."""

import json

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .member_data import member_data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Je comprends que mon compte sera supprimé définitivement."),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n'est pas le vôtre."))
        return password


@require_GET
@login_required
def account(request):
    return render(request, "account/account.html", {"data": member_data(request.user)})


@require_GET
@login_required
def download(request):
    text = json.dumps(member_data(request.user), ensure_ascii=False, indent=1)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    day = timezone.now().date().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="passerelle-mes-donnees-{day}.json"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def delete(request):
    user = request.user
    if user.is_superuser:
        return render(request, "account/delete_refused.html", status=403)
    form = DeleteAccountForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = user.get_username()
        logout(request)
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=username).delete()
        user.delete()
        return redirect("member-deleted")
    return render(request, "account/delete.html", {"form": form})


def deleted(request):
    return render(request, "account/deleted.html")
