"""Load the demo grants (grants/demo_data.py). Run after `load_demo`; safe to run again:
rounds the demo made already are left as they are."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from grants import demo_data


class Command(BaseCommand):
    help = "Load the demo grants: last year's decided round, this year's open round."

    def handle(self, *args, **options):
        officer = get_user_model().objects.filter(email=demo_data.GRANTS_OFFICER_EMAIL).first()
        if officer is None:
            raise CommandError("Run `manage.py load_demo` first: the grants need its data.")
        counts = demo_data.load(officer=officer)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo grants are in place: {counts['rounds']} rounds, "
                f"{counts['applications']} applications, {counts['decisions']} decisions."
            )
        )
