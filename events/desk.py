"""What the events app puts on the staff's desk queue (yhdistystori.desk): residents'
reports on events, and new events by associations for the liaison to look over.

Associations publish their events at once; the liaison looks each new one over
afterwards (like the associations' change feed), so that kind waits at low urgency.
A report may point at something wrong on the public site: it comes first.
"""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from events.models import EventReport, EventSeries
from yhdistystori.desk import DeskKind, Urgency

SUMMARY = "events/desk/queue_summary.html"


def new_association_events(today=None):
    """Events by associations (not the city's) that no liaison has decided on yet."""
    return EventSeries.objects.filter(
        by_city=False, decided_at__isnull=True, status=EventSeries.Status.PUBLISHED
    )


DESK_KINDS = (
    DeskKind(
        name="event_report",
        label=_("Report on an event"),
        plural=_("Reports on events"),
        announcement=_("A visitor reported an event."),
        queryset=lambda today: EventReport.objects.open(),
        since=F("created_at"),
        url_name="moderation:event_report",
        summary_template=SUMMARY,
        urgency=Urgency.HIGH,
        related=("series",),
        title=lambda report: report.series.title,
    ),
    DeskKind(
        name="event",
        label=_("New event by an association"),
        plural=_("New events by associations"),
        announcement=_("An association published a new event."),
        queryset=new_association_events,
        since=F("created_at"),
        url_name="moderation:event",
        summary_template=SUMMARY,
        urgency=Urgency.LOW,
        title=lambda series: series.title,
    ),
)
