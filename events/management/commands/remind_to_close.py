"""Remind the organisers of meetings that ended a day ago to close them. For cron, daily.

The work is events.closing.remind_all: each meeting is reminded of once, so running
the command again sends nothing more.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from events.closing import remind_all


class Command(BaseCommand):
    help = (
        "Email the organisers of meetings that ended a day or more ago and are not closed, "
        "once per meeting. Safe to run daily."
    )

    def handle(self, *args, **options):
        meetings = emailed = 0
        for reminded in remind_all():
            meetings += 1
            emailed += len(reminded.organisers)
        self.stdout.write(f"Reminded the organisers of {meetings} meetings ({emailed} emails).")
