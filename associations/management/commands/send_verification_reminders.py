"""Ask the editors of profiles not confirmed for a year to check them. For cron, daily.

Each profile is reminded once: `verification_reminded_at` is set when its editors
are emailed, and "Information is still correct" (workflows.association_verify)
clears it, so the next reminder comes a year after that. Running the command
again, or twice at the same time, sends nothing more.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from associations.models import Association, Membership
from associations.models.directory import months_ago
from associations.workflows import editors_of
from yhdistystori import emails

REMIND_AFTER_MONTHS = 12


def due_for_reminder(today=None):
    """Published profiles confirmed 12+ months ago, not reminded since, that have editors."""
    has_editors = Membership.objects.filter(association=OuterRef("pk"), user__is_active=True)
    return (
        Association.objects.published()
        .filter(
            last_verified_at__lte=months_ago(REMIND_AFTER_MONTHS, today),
            verification_reminded_at=None,
        )
        .filter(Exists(has_editors))
        .order_by("last_verified_at", "pk")
    )


def remind(association: Association) -> list:
    """Email the association's editors and mark it reminded. Returns the editors emailed."""
    with transaction.atomic():
        # Lock and look again: another run may have reminded it a moment ago.
        association = (
            due_for_reminder().select_for_update(of=("self",)).filter(pk=association.pk).first()
        )
        if association is None:
            return []
        editors = list(editors_of(association))
        emails.send(
            "verification_reminder",
            to=editors,
            context={
                "association": association,
                "for_recipient": lambda r: {
                    "verify_url": emails.absolute_url(f"{association.get_absolute_url()}#verify")
                },
            },
        )
        Association.objects.filter(pk=association.pk).update(
            verification_reminded_at=timezone.now()
        )
    return editors


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
        for association in due_for_reminder().iterator(chunk_size=500):
            if dry_run:
                editors = list(editors_of(association))
                addresses = ", ".join(editor.email for editor in editors)
                self.stdout.write(
                    f"{association.name} (last confirmed {association.last_verified_at}): "
                    f"{addresses}"
                )
            else:
                editors = remind(association)
                if not editors:
                    continue
            profiles += 1
            emailed += len(editors)
        verb = "Would remind" if dry_run else "Reminded"
        self.stdout.write(f"{verb} the editors of {profiles} profiles ({emailed} emails).")
