"""Ask the editors of profiles not confirmed for a year to check them. For cron, daily.

The work is associations.reminders.remind_all: each profile is reminded once until
it is confirmed again, so running the command again sends nothing more.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from associations.reminders import remind_all


class Command(BaseCommand):
    help = (
        "Email the editors of published profiles not confirmed for 12 months, once per "
        "profile until it is confirmed again. Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would be emailed; send nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        profiles = emailed = 0
        for reminded in remind_all(dry_run=dry_run):
            if dry_run:
                association = reminded.association
                addresses = ", ".join(editor.email for editor in reminded.editors)
                self.stdout.write(
                    f"{association.name} (last confirmed {association.last_verified_at}): "
                    f"{addresses}"
                )
            profiles += 1
            emailed += len(reminded.editors)
        verb = "Would remind" if dry_run else "Reminded"
        self.stdout.write(f"{verb} the editors of {profiles} profiles ({emailed} emails).")
