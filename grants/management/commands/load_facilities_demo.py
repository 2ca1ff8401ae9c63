"""Load the demo facilities (grants/facility_demo.py). Run after `load_demo`, which makes
the districts and the facilities manager's login; safe to run again: facilities the demo
made already are left as they are."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from associations import demo_data
from grants import facility_demo


class Command(BaseCommand):
    help = "Load the demo facilities: equipment and some thirty of the city's premises."

    def handle(self, *args, **options):
        manager = (
            get_user_model().objects.filter(email=facility_demo.FACILITIES_MANAGER_EMAIL).first()
        )
        if manager is None:
            raise CommandError("Run `manage.py load_demo` first: the facilities need its data.")
        counts = facility_demo.load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo facilities are in place: {counts['facilities']} facilities, "
                f"{counts['equipment']} kinds of equipment."
            )
        )
        self.stdout.write(
            f"Facilities manager: {manager.email} (password: {demo_data.DEMO_PASSWORD}, "
            f"authenticator secret {demo_data.DEMO_TOTP_SECRET}); "
            "the facilities are at http://127.0.0.1:8000/facilities/manage/"
        )
