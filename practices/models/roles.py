"""Which commune a group works for, and as what.

Groups are Django's; this table only says "this group edits (or reviews) for that
commune", so that the share form, the review task and the scoping tests do not
depend on a group's display name.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

EDITOR = "editor"
REVIEWER = "reviewer"
ROLE_CHOICES = [(EDITOR, _("rédaction")), (REVIEWER, _("relecture"))]


class CommuneRole(models.Model):
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="commune_role"
    )
    # The French row of the commune: translations share its translation_key.
    commune = models.ForeignKey(
        "programme.Commune", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("rôle"), max_length=10, choices=ROLE_CHOICES)

    class Meta:
        verbose_name = _("rôle communal")
        verbose_name_plural = _("rôles communaux")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "role"], name="one_group_per_commune_role"
            )
        ]

    def __str__(self):
        return f"{self.commune} — {self.get_role_display()}"


def communes_of(user, role=EDITOR):
    """translation_keys of the communes ``user`` works for in ``role``."""
    if not user.is_authenticated:
        return set()
    return set(
        CommuneRole.objects.filter(group__user=user, role=role).values_list(
            "commune__translation_key", flat=True
        )
    )
