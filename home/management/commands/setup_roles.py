"""Create or refresh the programme's groups, commune sections, collections and
workflows on the site skeleton (idempotent; see home.site_structure and
practices.publishing.roles)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.site_structure import ensure_site
from practices.publishing.roles import ensure_roles


class Command(BaseCommand):
    help = _("Crée ou met à jour les rôles, sections communales et workflows.")

    def handle(self, *args, **options):
        ensure_site()
        groups = ensure_roles()
        count = len(groups)
        self.stdout.write(
            ngettext("%(count)d groupe à jour.", "%(count)d groupes à jour.", count)
            % {"count": count}
        )
