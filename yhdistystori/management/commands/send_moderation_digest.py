"""Email the staff who chose the daily digest what waits on their desk: the liaisons
their queue, the facilities managers the booking requests. For cron, daily.

The work is yhdistystori.desk.send_digests: a person gets at most one digest a day,
and nothing is sent for an empty queue.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from yhdistystori.desk import send_digests


class Command(BaseCommand):
    help = (
        "Email each desk role's queue (counts and oldest items) to its staff who chose a "
        "daily digest and have not had one today. Sends nothing for an empty queue."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="say who would get a digest; send nothing"
        )

    def handle(self, *args, dry_run: bool, **options):
        for run in send_digests(dry_run=dry_run):
            role = run.role
            if not run.recipients:
                self.stdout.write(f"{role}: nobody is due a digest today.")
                continue
            if not run.queue.count():
                self.stdout.write(f"{role}: the queue is empty, no digest sent.")
                continue
            counts = ", ".join(f"{name} {count}" for name, count in run.queue.counts.items())
            self.stdout.write(f"{role}: {run.queue.count()} items ({counts}).")
            if dry_run:
                for user in run.recipients:
                    self.stdout.write(f"Would send a digest to {user.email}.")
                continue
            self.stdout.write(self.style.SUCCESS(f"{role}: sent {run.sent} digest(s)."))
