"""The associations part of a person's /my/ page: what they edit and what they have claimed.

The sections (associations/sections.py) show them with
templates/associations/my/associations.html and claims.html, in four queries however
many rows there are.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from associations.models import Claim, Membership, ModerationAction, ProfileChange
from associations.models.moderation import NOTE_ACTIONS

# Decided claims stay on the page this long, so that a rejection's reason is seen.
RECENT_CLAIM_DAYS = 90
# More than anyone edits; a bound on the page's size all the same.
MAX_ROWS = 200


def my_associations(user) -> list[dict]:
    """The user's memberships with the liaison's last word on each non-public profile."""
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("association")
        .order_by("association__name", "association_id")[:MAX_ROWS]
    )
    ids = [m.association_id for m in memberships]
    actions = {action for actions in NOTE_ACTIONS.values() for action in actions}
    latest_actions = {
        action.association_id: action
        for action in ModerationAction.objects.filter(association_id__in=ids, action__in=actions)
        .order_by("association_id", "-created_at", "-id")
        .distinct("association_id")
    }
    waiting = set(
        ProfileChange.objects.pending()
        .filter(association_id__in=ids)
        .values_list("association_id", flat=True)
    )
    rows = []
    for membership in memberships:
        association = membership.association
        note = latest_actions.get(association.pk)
        if note is not None and note.action not in NOTE_ACTIONS.get(association.status, []):
            note = None
        rows.append(
            {
                "association": association,
                "membership": membership,
                "note": note,
                "change_waiting": association.pk in waiting,
            }
        )
    return rows


def my_claims(user, now=None):
    """Pending claims, and those decided in the last RECENT_CLAIM_DAYS days, newest first."""
    since = (now or timezone.now()) - timedelta(days=RECENT_CLAIM_DAYS)
    return list(
        Claim.objects.filter(user=user)
        .filter(Q(status=Claim.Status.PENDING) | Q(decided_at__gte=since))
        .select_related("association")
        .order_by("-created_at", "-id")[:MAX_ROWS]
    )
