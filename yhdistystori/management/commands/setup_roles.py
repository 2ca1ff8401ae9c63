from django.core.management.base import BaseCommand

from yhdistystori.roles import setup_roles


class Command(BaseCommand):
    help = "Give the city groups (liaison, grants, facilities) their admin permissions."

    def handle(self, *args, **options):
        for group, count in setup_roles().items():
            self.stdout.write(f"{group}: {count} permissions")
