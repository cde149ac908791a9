"""Commune sections: one page per partner commune under the practice index.

Wagtail grants page permissions on a subtree, so a commune's practices live under
its own section: the commune's editor and reviewer groups get their rights there
and nowhere else (see practices.publishing.roles). The section itself has nothing
to show: visiting it redirects to the commune's page on the index, which lists
the same practices with the commune's figures.

A section is structure, not content (issue #14, item 9). The commune groups'
rights are granted on it so that they reach the practices below; on the
section itself they only add those practices (``SectionPermissionTester``):
its editors neither edit nor submit it. It has no preview (``serve`` is a
redirect, with no template) and nobody submits it to a workflow: the
coordination, whose rights come from the home above, publishes it directly.
"""

from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from hub.localize import localised
from hub.routing import DirectRoutingMixin

from .page_permissions import ScopedPagePermissions, ScopedPagePermissionTester


class SectionPermissionTester(ScopedPagePermissionTester):
    """On the section, a right granted on the section itself counts as
    "add" only; rights granted higher up (the coordination's) count whole."""

    def counts(self, grant):
        return grant.page_id != self.page.pk or grant.permission.codename == "add_page"

    def can_submit_for_moderation(self):
        """Structure is published, not submitted: no « Soumettre à… » on the
        section (its practices still get the workflow, set on the index)."""
        return False


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
    # Nothing of its own to show (``serve`` redirects): no preview panel.
    preview_modes = []

    class Meta:
        verbose_name = _("section communale")
        verbose_name_plural = _("sections communales")

    def save(self, *args, **kwargs):
        if self.commune_id and self.locale_id:
            self.commune = localised(self.commune, self.locale_id)
        return super().save(*args, **kwargs)

    def permissions_for_user(self, user):
        return SectionPermissionTester(user, self)

    def serve(self, request, *args, **kwargs):
        index = self.get_parent().specific
        if self.commune_id is None:
            return redirect(index.get_url(request))
        route = index.reverse_subpage("commune_route", args=[self.commune.slug])
        return redirect(index.get_url(request) + route)
