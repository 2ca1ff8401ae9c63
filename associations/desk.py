"""What the associations app puts on the staff's desk queue (yhdistystori.desk):
new listings, claims, reports, name and ID changes, and stale profiles.

Reports and new listings come first: a report may point at something wrong on the
public site, and a new listing is not public until it is decided. Claims and name or
ID changes follow (a person waits, but nothing wrong is shown), stale profiles last.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association, Claim, ProfileChange, Report
from associations.models.directory import STALE_AFTER_MONTHS, months_ago
from yhdistystori.desk import DeskKind, Urgency

SUMMARY = "moderation/includes/queue_summary.html"


def stale_since(last_verified: date) -> datetime:
    """When a profile confirmed on `last_verified` became stale, as an aware datetime.

    A stale profile joined the queue when it became stale, not when it was last
    confirmed: merged by the confirmation date, a few thousand profiles confirmed
    years ago would bury this week's new listings and claims.
    """
    return timezone.make_aware(
        datetime.combine(months_ago(-STALE_AFTER_MONTHS, last_verified), time.min)
    )


def _own_name(association: Association) -> str:
    return association.name


DESK_KINDS = (
    DeskKind(
        name="listing",
        label=_("New listing"),
        plural=_("New listings"),
        announcement=_("A new listing waits for review."),
        queryset=lambda today: Association.objects.filter(status=Association.Status.PENDING),
        # A listing set to pending in the admin has no submitted_at.
        since=Coalesce("submitted_at", "created_at"),
        url_name="moderation:association",
        summary_template=SUMMARY,
        urgency=Urgency.HIGH,
        title=_own_name,
    ),
    DeskKind(
        name="claim",
        label=_("Claim"),
        plural=_("Claims"),
        announcement=_("Someone asks to take over a listing."),
        queryset=lambda today: Claim.objects.pending(),
        since=F("created_at"),
        url_name="moderation:claim",
        summary_template=SUMMARY,
        urgency=Urgency.NORMAL,
        related=("association", "user"),
    ),
    DeskKind(
        name="report",
        label=_("Report"),
        plural=_("Reports"),
        announcement=_("A visitor reported a listing."),
        queryset=lambda today: Report.objects.open(),
        since=F("created_at"),
        url_name="moderation:report",
        summary_template=SUMMARY,
        urgency=Urgency.HIGH,
        related=("association",),
    ),
    DeskKind(
        name="change",
        label=_("Name or ID change"),
        plural=_("Name and ID changes"),
        announcement=_("An association asks to change its name, register number or business ID."),
        queryset=lambda today: ProfileChange.objects.pending(),
        since=F("created_at"),
        url_name="moderation:change",
        summary_template=SUMMARY,
        urgency=Urgency.NORMAL,
        related=("association", "user"),
    ),
    DeskKind(
        name="stale",
        label=_("Not confirmed for 18 months"),
        plural=_("Stale profiles"),
        announcement=_("A profile has not been confirmed for 18 months."),
        queryset=lambda today: Association.objects.stale(today),
        since=F("last_verified_at"),
        url_name="moderation:association",
        summary_template=SUMMARY,
        urgency=Urgency.LOW,
        title=_own_name,
        joined=stale_since,
    ),
)
