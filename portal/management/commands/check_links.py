"""Ask every useful link whether it still answers; e-mail the dead ones to the
coordination (``portal.link_check``). Meant for a daily timer."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from portal.link_check import TIMEOUT, dead_links, report
from portal.models import UsefulLink


class Command(BaseCommand):
    help = _(
        "Vérifie les liens utiles et signale à la coordination ceux qui ne "
        "répondent plus."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--timeout",
            type=float,
            default=TIMEOUT,
            help=_("secondes d'attente par lien"),
        )

    def handle(self, *args, timeout, **options):
        links = UsefulLink.objects.select_related("locale").order_by("url", "pk")
        dead = dead_links(links, timeout=timeout)
        for item in dead:
            self.stdout.write(f"{item.link.url} — {item.reason}")
        sent = report(dead) if dead else 0
        self.stdout.write(
            _("%(dead)d lien(s) mort(s) sur %(total)d ; %(sent)d e-mail(s) envoyé(s).")
            % {"dead": len(dead), "total": len(links), "sent": sent}
        )
