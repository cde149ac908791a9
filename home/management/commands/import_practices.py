from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.site_structure import ensure_site
from practices.importers.run import ImportFailed, run_import


class Command(BaseCommand):
    help = _(
        "Importe des fiches (pratiques, modèles, formations) "
        "depuis un fichier JSON Lines. "
        "Tout ou rien : au moindre problème, rien n'est écrit."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("fichier .jsonl, une fiche par ligne"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("vérifier sans rien écrire")
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help=_("créer les communes, régions, thèmes… inconnus au lieu de refuser"),
        )

    def handle(self, *args, file, dry_run, create_missing, **options):
        try:
            writer, warnings = run_import(
                file,
                create_missing=create_missing,
                dry_run=dry_run,
                prepare=ensure_site,
            )
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(str(problem))
            count = len(failure.problems)
            raise CommandError(
                ngettext(
                    "%(count)d problème : rien n'a été importé. "
                    "Corrigez le fichier et relancez.",
                    "%(count)d problèmes : rien n'a été importé. "
                    "Corrigez le fichier et relancez.",
                    count,
                )
                % {"count": count}
            ) from None
        for warning in warnings:
            self.stderr.write(str(warning))
        summary = _(
            "%(created)d créée(s), %(updated)d mise(s) à jour, "
            "%(unchanged)d inchangée(s)."
        ) % {
            "created": writer.created,
            "updated": writer.updated,
            "unchanged": writer.unchanged,
        }
        if dry_run:
            summary = _("Vérification seulement, rien n'a été écrit : ") + summary
        self.stdout.write(summary)
