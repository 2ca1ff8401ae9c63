"""What the public page of a series and of an occurrence show besides the row itself."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import EventSeries, FollowUp, FollowUpNote, Occurrence, Registration


def duration_text(duration: timedelta) -> str:
    """`2 hours 30 minutes`, in the reader's language."""
    minutes = int(duration.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if minutes:
        parts.append(
            ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
        )
    return " ".join(parts) or _("under a minute")


def places_left(occurrence: Occurrence) -> int | None:
    """Free places by the confirmed registrations, or None when there is no limit."""
    capacity = occurrence.series.capacity
    if capacity is None:
        return None
    confirmed = Registration.objects.confirmed().filter(occurrence=occurrence).count()
    return max(capacity - confirmed, 0)


def memos(series: EventSeries):
    """The closed meetings that have a memo, newest first."""
    return (
        series.occurrences.filter(closed_at__isnull=False)
        .exclude(memo="")
        .order_by("-start", "-id")
        .only("pk", "series_id", "start", "end", "closed_at", "memo", "attendance")
    )


def follow_ups_by_status(series: EventSeries) -> list[dict]:
    """Every follow-up of the series' meetings, in groups by status (open first), each
    with its latest dated note as `latest_note` (or None)."""
    follow_ups = (
        FollowUp.objects.filter(occurrence__series=series)
        .select_related("occurrence")
        .prefetch_related(
            Prefetch(
                "notes",
                queryset=FollowUpNote.objects.order_by("-date", "-created_at", "-id"),
                to_attr="newest_notes",
            )
        )
        .order_by("occurrence__start", "created_at", "id")
    )
    groups = {status: [] for status in FollowUp.Status}
    for follow_up in follow_ups:
        follow_up.latest_note = follow_up.newest_notes[0] if follow_up.newest_notes else None
        groups[FollowUp.Status(follow_up.status)].append(follow_up)
    return [
        {"status": status.value, "label": status.label, "follow_ups": items}
        for status, items in groups.items()
        if items
    ]
