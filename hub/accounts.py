"""Member login and logout on the public site (not the Wagtail admin's).

Django's own views and AuthenticationForm: they authenticate through
``authenticate(request=…)``, where login throttling (django-axes) plugs in, and
they only follow a ``next`` address on this site
(``url_has_allowed_host_and_scheme``).
"""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.utils.translation import get_language

from . import member_account


def home_url():
    return f"/{get_language()}/"


class MemberLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_url()

    def form_invalid(self, form):
        # Focus goes to the error summary; a second autofocus (Django's, on
        # the username) would compete with it.
        form.fields["username"].widget.attrs.pop("autofocus", None)
        return super().form_invalid(form)


class MemberLogoutView(auth_views.LogoutView):
    """POST only (Django ≥ 5): a link cannot log anyone out."""

    def get_default_redirect_url(self):
        return home_url()


urlpatterns = [
    path("connexion/", MemberLoginView.as_view(), name="member-login"),
    path("deconnexion/", MemberLogoutView.as_view(), name="member-logout"),
    # « Mon compte »: what is kept, its download, deleting the account.
    path("", member_account.account, name="member-account"),
    path("mes-donnees.json", member_account.download, name="member-data"),
    path("supprimer/", member_account.delete, name="member-delete"),
    path("supprime/", member_account.deleted, name="member-deleted"),
]
