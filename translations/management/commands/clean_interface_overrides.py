"""Remove the interface overrides whose translation the shipped catalogues now hold (also done after `migrate`)."""

from django.core.management.base import BaseCommand

from translations.services import clean_shipped


class Command(BaseCommand):
    help = "Remove the interface-string overrides that the shipped catalogues now translate the same way."

    def handle(self, *args, **options):
        removed = clean_shipped()
        self.stdout.write(f"{removed} override(s) removed.")
