"""Remind associations of their grants' use reports. For cron, daily.

The work is grants.use_reports.remind_use_reports: each application is reminded once
before the due date and once after it, so running the command again sends nothing more.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from grants.use_reports import remind_use_reports


class Command(BaseCommand):
    help = (
        "Email the editors of associations granted money once before their use report is "
        "due and once after the date has passed without one. Safe to run daily."
    )

    def handle(self, *args, **options):
        reminded = remind_use_reports()
        self.stdout.write(
            f"Reminded {len(reminded.before)} applications before the due date and "
            f"{len(reminded.overdue)} overdue."
        )
