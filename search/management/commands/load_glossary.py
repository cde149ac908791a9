"""``manage.py load_glossary [path]``: add the FR↔AR glossary's new pairs.

Idempotent, and never undoes the coordination's edits (``glossary.load_glossary``).
"""

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
            created, kept = load_glossary(path)
        except (OSError, ValueError, KeyError, TypeError, ValidationError) as error:
            raise CommandError(
                _("Glossaire non chargé (%(path)s) : %(error)s")
                % {"path": path, "error": error}
            ) from None
        self.stdout.write(
            _(
                "Glossaire chargé : %(created)d créée(s), %(kept)d déjà "
                "proposée(s) (laissées telles que la coordination les a faites)."
            )
            % {"created": created, "kept": kept}
        )
