"""Email each liaison who chose the daily digest what waits in the queue. For cron, daily.

The work is yhdistystori.desk.send_digests: a liaison gets at most one digest a
day, and nothing is sent when the queue is empty.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from yhdistystori.desk import send_digests


class Command(BaseCommand):
    help = (
        "Email the moderation queue's counts and oldest items to each liaison who chose a "
        "daily digest and has not had one today. Sends nothing when the queue is empty."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="say who would get a digest; send nothing"
        )

    def handle(self, *args, dry_run: bool, **options):
        run = send_digests(dry_run=dry_run)
        if not run.recipients:
            self.stdout.write("No liaison is due a digest today.")
            return
        if not run.queue.count():
            self.stdout.write("The queue is empty: no digest sent.")
            return
        counts = ", ".join(f"{name} {count}" for name, count in run.queue.counts.items())
        self.stdout.write(f"Queue: {run.queue.count()} items ({counts}).")
        if dry_run:
            for user in run.recipients:
                self.stdout.write(f"Would send a digest to {user.email}.")
            return
        self.stdout.write(self.style.SUCCESS(f"Sent {run.sent} digest(s)."))
