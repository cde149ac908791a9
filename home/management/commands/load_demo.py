"""Demo content: vocabularies, then practices/templates/trainings through the
importer (so the demo exercises the same path as a real import). Idempotent.

The demo accounts (``admin``/``changeme``…) are created only when asked for
(``--demo-users``, which ``make run`` passes) on development settings: a
database reached with production variables (``DJANGO_SECRET_KEY`` in the
environment) must never get a superuser whose password is in the README.
"""

import argparse
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from home.site_structure import ensure_site
from portal.demo.loader import load_programme_documents, load_useful_links
from practices.demo.files import generate_demo_files
from practices.demo.users import ADMIN_NAME, create_demo_users
from practices.importers.run import ImportFailed, run_import
from practices.publishing.roles import ensure_roles
from programme.contacts_loader import load_contacts
from programme.loader import load_taxonomy

DEMO_DIR = Path(__file__).resolve().parents[3] / "practices" / "demo"
TAXONOMY_FILE = (
    Path(__file__).resolve().parents[3] / "programme" / "data" / "taxonomy.json"
)
CONTACTS_FILE = TAXONOMY_FILE.with_name("contacts.json")
DEMO_PASSWORD = "changeme"


class Command(BaseCommand):
    help = _("Charge le contenu de démonstration (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help=_(
                "créer aussi les comptes de démonstration (admin/changeme…) : "
                "réglages de développement seulement"
            ),
        )
        # No accounts is the default now; kept so that older scripts still run.
        parser.add_argument("--no-users", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, demo_users, **options):
        if demo_users:
            refuse_demo_users()  # before anything is written
        ensure_site()
        load_taxonomy(TAXONOMY_FILE)
        groups = ensure_roles()
        # The programme page's contacts, links and documents (portal).
        load_contacts(CONTACTS_FILE)
        load_useful_links()
        load_programme_documents()
        call_command("load_glossary", stdout=self.stdout)  # search's FR↔AR glossary
        with tempfile.TemporaryDirectory() as workdir:
            workdir = Path(workdir)
            generate_demo_files(workdir)
            shutil.copy(DEMO_DIR / "practices.jsonl", workdir / "practices.jsonl")
            try:
                writer, _warnings = run_import(workdir / "practices.jsonl")
            except ImportFailed as failure:
                raise CommandError("\n".join(map(str, failure.problems))) from None
        if demo_users:
            self.create_admin()
            create_demo_users(groups, DEMO_PASSWORD)
        self.stdout.write(
            _("Démo chargée : %(created)d créée(s), %(updated)d mise(s) à jour.")
            % {"created": writer.created, "updated": writer.updated}
        )

    def create_admin(self):
        """The documented development superuser (see ``refuse_demo_users``)."""
        user, created = get_user_model().objects.get_or_create(
            username="admin", defaults={"email": "admin@example.org"}
        )
        if created:
            user.is_staff = user.is_superuser = True
            user.set_password(DEMO_PASSWORD)
        if created or not user.last_name:
            # Wagtail's account form (the admin's language…) requires names.
            user.first_name, user.last_name = ADMIN_NAME
            user.save()


def refuse_demo_users():
    """Raise CommandError unless demo accounts may be created here: development
    settings (DEBUG) and a secret key that does not come from the environment.
    An exported ``DJANGO_SECRET_KEY`` means production variables, whatever the
    settings module says (``manage.py`` falls back to the development one)."""
    if getattr(settings, "SECRET_KEY_FROM_ENVIRONMENT", True):
        raise CommandError(
            _(
                "--demo-users refusé : DJANGO_SECRET_KEY vient de l'environnement "
                "(réglages de production). Les comptes de démonstration ne sont "
                "jamais créés sur une base de production."
            )
        )
    if not settings.DEBUG:
        raise CommandError(
            _(
                "--demo-users refusé : les comptes de démonstration ne sont créés "
                "qu'avec les réglages de développement (DEBUG)."
            )
        )
