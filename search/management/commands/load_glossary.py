"""``manage.py load_glossary [path]``: upsert the FR↔AR glossary (idempotent)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from search.glossary import DATA_FILE, load_glossary


class Command(BaseCommand):
    help = _("Charge le glossaire français–arabe de la recherche (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(DATA_FILE),
            help=_("fichier JSON des paires (par défaut : celui du projet)"),
        )

    def handle(self, *args, path, **options):
        try:
            created, updated, unchanged = load_glossary(path)
        except (OSError, ValueError, KeyError, TypeError, ValidationError) as error:
            raise CommandError(
                _("Glossaire non chargé (%(path)s) : %(error)s")
                % {"path": path, "error": error}
            ) from None
        self.stdout.write(
            _(
                "Glossaire chargé : %(created)d créée(s), %(updated)d mise(s) à "
                "jour, %(unchanged)d inchangée(s)."
            )
            % {"created": created, "updated": updated, "unchanged": unchanged}
        )
