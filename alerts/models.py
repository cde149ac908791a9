"""What a member follows, and what was sent to them (issue #16, item 2).

A follow names a vocabulary term by its slug (shared by the term's
translations) or a saved search by its query string, in the language of the
content it wants. ``SentAlert`` records each publication sent to a member —
the page and its ``last_published_at`` — so that the same publication never
goes twice, whichever follows it matches and however often the digest runs.
Both go with the member's account (``on_delete=CASCADE``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    THEME = "theme"
    COMMUNE = "commune"
    PUBLIC = "public"
    SEARCH = "search"
    KINDS = [
        (THEME, _("Thème")),
        (COMMUNE, _("Commune")),
        (PUBLIC, _("Public cible")),
        (SEARCH, _("Recherche")),
    ]
    WEEKLY = "weekly"
    IMMEDIATE = "immediate"
    FREQUENCIES = [(WEEKLY, _("Hebdomadaire")), (IMMEDIATE, _("Immédiate"))]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(max_length=10, choices=KINDS)
    # A term's slug, or a search's query string (search.params.querystring).
    value = models.CharField(max_length=500)
    language = models.CharField(max_length=8)
    frequency = models.CharField(max_length=10, choices=FREQUENCIES, default=WEEKLY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "value", "language"], name="follow_once"
            )
        ]

    def __str__(self):
        return f"{self.kind}:{self.value} ({self.language})"


class SentAlert(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    published_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "published_at"], name="sent_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} ← {self.page_id} ({self.published_at:%Y-%m-%d %H:%M})"
