"""Email each liaison who chose the daily digest what waits in the queue. For cron, daily.

A liaison gets at most one digest a day: `moderation_digest_sent_on` is set in the
same transaction that queues the email, so running the command again (or twice at
the same time) sends nothing more. Nothing is sent when the queue is empty.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from associations.queue import KINDS, Queue
from associations.workflows import liaison_users
from yhdistystori import emails

DIGEST_ITEMS = 10


def digest_recipients(today: date):
    User = get_user_model()
    return (
        liaison_users()
        .filter(moderation_email=User.ModerationEmail.DIGEST)
        .exclude(moderation_digest_sent_on=today)
    )


def digest_context(queue: Queue, items: list) -> dict:
    return {
        "total": queue.count(),
        # Lazy labels: each liaison reads them in their own language.
        "counts": [
            {"label": kind.plural, "count": queue.counts[name]} for name, kind in KINDS.items()
        ],
        "for_recipient": lambda r: {
            "items": [{"item": item, "url": emails.absolute_url(item.url)} for item in items],
            "queue_url": emails.absolute_url(reverse("moderation:queue")),
            "settings_url": emails.absolute_url(reverse("moderation:settings")),
        },
    }


def send_digest(user, *, today: date, context: dict) -> bool:
    """Mark the liaison's digest sent today and queue it, unless another run did already."""
    User = get_user_model()
    with transaction.atomic():
        claimed = (
            User.objects.filter(pk=user.pk)
            .exclude(moderation_digest_sent_on=today)
            .update(moderation_digest_sent_on=today)
        )
        if not claimed:
            return False
        emails.send("moderation_digest", to=[user], context=context)
    return True


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
        today = timezone.localdate()
        recipients = list(digest_recipients(today))
        if not recipients:
            self.stdout.write("No liaison is due a digest today.")
            return
        queue = Queue(today=today)
        if not queue.count():
            self.stdout.write("The queue is empty: no digest sent.")
            return
        counts = ", ".join(f"{name} {count}" for name, count in queue.counts.items())
        self.stdout.write(f"Queue: {queue.count()} items ({counts}).")
        if dry_run:
            for user in recipients:
                self.stdout.write(f"Would send a digest to {user.email}.")
            return
        context = digest_context(queue, queue[:DIGEST_ITEMS])
        sent = sum(send_digest(user, today=today, context=context) for user in recipients)
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} digest(s)."))
