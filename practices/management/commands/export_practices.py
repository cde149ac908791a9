from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from practices.importers.exporter import export_records


class Command(BaseCommand):
    # The pages, attachments and images say who may see them (« visibility »):
    # the file and its folders hold private content too.
    help = _(
        "Exporte les fiches publiées au format JSON Lines de l'import, avec qui "
        "peut voir chaque page et chaque fichier ; les pièces jointes et les "
        "images sont copiées dans les dossiers attachments/ et images/ à côté "
        "du fichier."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("fichier .jsonl à écrire"))

    def handle(self, *args, file, **options):
        count, warnings = export_records(file)
        for warning in warnings:
            self.stderr.write(warning)
        self.stdout.write(
            ngettext(
                "%(count)d fiche exportée dans %(file)s",
                "%(count)d fiches exportées dans %(file)s",
                count,
            )
            % {"count": count, "file": file}
        )
