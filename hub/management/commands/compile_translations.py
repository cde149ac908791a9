from django.core.management.base import BaseCommand

from hub.i18n import compile_all


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/django(js).po into .mo files with polib."

    def handle(self, *args, **options):
        for path in compile_all():
            self.stdout.write(f"compiled {path}")
