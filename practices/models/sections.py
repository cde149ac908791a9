"""Commune sections: one page per partner commune under the practice index.

Wagtail grants page permissions on a subtree, so a commune's practices live under
its own section: the commune's editor and reviewer groups get their rights there
and nowhere else (see practices.publishing.roles). The section itself has nothing
to show: visiting it redirects to the commune's page on the index, which lists
the same practices with the commune's figures.
"""

from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from hub.localize import localised
from hub.routing import DirectRoutingMixin

from .page_permissions import ScopedPagePermissions


class CommuneSectionPage(DirectRoutingMixin, ScopedPagePermissions, Page):
    commune = models.ForeignKey(
        "programme.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sections",
        help_text=_("Vide pour la section du programme (pratiques sans commune)."),
    )

    content_panels = Page.content_panels + [FieldPanel("commune")]
    override_translatable_fields = [SynchronizedField("commune")]
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = ["practices.PracticePage"]

    class Meta:
        verbose_name = _("section communale")
        verbose_name_plural = _("sections communales")

    def save(self, *args, **kwargs):
        if self.commune_id and self.locale_id:
            self.commune = localised(self.commune, self.locale_id)
        return super().save(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        index = self.get_parent().specific
        if self.commune_id is None:
            return redirect(index.get_url(request))
        route = index.reverse_subpage("commune_route", args=[self.commune.slug])
        return redirect(index.get_url(request) + route)
