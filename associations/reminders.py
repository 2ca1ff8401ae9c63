"""Reminding editors to check their profile once a year.

Each profile is reminded once: `verification_reminded_at` is set when its editors
are emailed, and "Information is still correct" (workflows.association_verify)
clears it, so the next reminder comes a year after that. Running it again, or
twice at the same time, sends nothing more. `send_verification_reminders` (for
cron, daily) calls `remind_all`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from associations import emails
from associations.models import Association, Membership
from associations.models.directory import months_ago

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
        editors = list(emails.editors_of(association))
        emails.verification_reminder(association, editors=editors)
        Association.objects.filter(pk=association.pk).update(
            verification_reminded_at=timezone.now()
        )
    return editors


@dataclass
class Reminded:
    association: Association
    editors: list


def remind_all(*, dry_run: bool = False) -> Iterator[Reminded]:
    """Remind every profile due, one at a time; with `dry_run`, only say whom."""
    for association in due_for_reminder().iterator(chunk_size=500):
        editors = list(emails.editors_of(association)) if dry_run else remind(association)
        if editors:
            yield Reminded(association=association, editors=editors)
