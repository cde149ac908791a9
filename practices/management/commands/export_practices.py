from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from practices.importers.exporter import export_records


class Command(BaseCommand):
    help = _(
        "Exporte les fiches publiées au format JSON Lines de l'import ; les pièces "
        "jointes sont copiées dans le dossier attachments/ à côté du fichier."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("fichier .jsonl à écrire"))

    def handle(self, *args, file, **options):
        count = export_records(file)
        self.stdout.write(_("%d fiche(s) exportée(s) dans %s") % (count, file))
