"""wagtail-localize's "Sync translated pages", without its publish shortcut for
those who may not publish.

Its view (``UpdateTranslationsView``) only asks for ``submit_translation``,
which translators hold, yet its "Publish immediately" box publishes every
translation of the page: a translator could put pages online past the
translation workflow. Served at the same admin URL (our ``register_admin_urls``
hook runs before wagtail-localize's, as ``practices`` comes first in
INSTALLED_APPS), this subclass applies the update as drafts and says so when
the user cannot publish every translated page.
"""

from django.contrib import messages
from django.urls import path
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsView


class UpdateTranslationsWithoutPublishing(UpdateTranslationsView):
    def form_valid(self, form):
        if form.cleaned_data.get("publish_translations") and not self._may_publish():
            form.cleaned_data["publish_translations"] = False
            messages.warning(
                self.request,
                _(
                    "Les traductions ont été mises à jour en brouillon, sans être "
                    "publiées : soumettez-les à la validation."
                ),
            )
        return super().form_valid(form)

    def _may_publish(self):
        """True when the user may publish every page translation updated here."""
        for translation in self.object.translations.filter(enabled=True):
            target = translation.get_target_instance()
            if isinstance(target, Page) and not (
                target.permissions_for_user(self.request.user).can_publish()
            ):
                return False
        return True


def admin_urls():
    """``register_admin_urls``: the same path as wagtail-localize's view."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsWithoutPublishing.as_view(),
            name="practices_update_translations",
        )
    ]
