"""Load the demo booking requests (grants/booking_demo.py). Run after the facilities'
demo (`load_facilities_demo`); safe to run again: nothing is made twice."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from grants import booking_demo


class Command(BaseCommand):
    help = "Load the demo booking requests: a spring term of weekly bookings."

    def handle(self, *args, **options):
        counts = booking_demo.load()
        if not counts["facilities"]:
            self.stdout.write(
                self.style.WARNING(
                    "No published facilities: no demo booking requests were made. "
                    "Load the facilities first (manage.py load_facilities_demo)."
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo booking requests are in place: {counts['requests']} requests "
                f"({counts['made']} new) on {counts['facilities']} facilities."
            )
        )
