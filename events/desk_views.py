"""The events' pages on the staff's desk (/moderation/): an event to look over, hide or
show again, and a resident's report on one. Each is yhdistystori.desk_views.item_page
with a DeskPage whose actions run the workflows of events/managing.py."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from events import managing
from events.models import EventReport, EventSeries
from yhdistystori.desk_views import DeskAction, DeskPage


def _by_name(*actions: DeskAction) -> dict[str, DeskAction]:
    return {action.name: action for action in actions}


SERIES_ACTIONS = _by_name(
    DeskAction(
        name="look_over",
        button=gettext_lazy("Looked over: nothing to do"),
        workflow=managing.series_look_over,
        actor_arg="liaison",
        done=gettext_lazy("“%(name)s” is looked over."),
        reason_label=gettext_lazy("Note (optional)"),
    ),
    DeskAction(
        name="hide",
        button=gettext_lazy("Hide the event"),
        workflow=managing.series_hide,
        done=gettext_lazy("“%(name)s” is hidden. Its organisers have been told."),
        reason_label=gettext_lazy("Why it is hidden (the organisers see this)"),
        reason_required=True,
        help=gettext_lazy("Residents no longer see it in lists, calendars or the API."),
        danger=True,
    ),
    DeskAction(
        name="restore",
        button=gettext_lazy("Show the event again"),
        workflow=managing.series_unhide,
        done=gettext_lazy("“%(name)s” is shown again. Its organisers have been told."),
        reason_label=gettext_lazy("Note to the organisers (optional)"),
    ),
)


def series_actions(series: EventSeries) -> list[str]:
    names = []
    if series.decided_at is None and not series.by_city:
        names.append("look_over")
    names.append("restore" if series.status == EventSeries.Status.HIDDEN else "hide")
    return names


def series_context(request: HttpRequest, series: EventSeries) -> dict:
    return {
        "series": series,
        "reports": series.reports.open(),
        "upcoming": series.occurrences.upcoming()[:5],
    }


SERIES_PAGE = DeskPage(
    queryset=lambda: EventSeries.objects.prefetch_related("organisers").select_related(
        "created_by", "decided_by"
    ),
    item_arg="series",
    template="events/desk/series.html",
    actions=SERIES_ACTIONS,
    available=series_actions,
    context=series_context,
    name=lambda series: series.title,
    error=managing.WorkflowError,
)

REPORT_ACTIONS = _by_name(
    DeskAction(
        name="hide",
        button=gettext_lazy("Hide the event"),
        workflow=managing.report_hide,
        done=gettext_lazy("“%(name)s” is hidden and the report handled."),
        reason_label=gettext_lazy("Why it is hidden (the organisers see this)"),
        reason_required=True,
        danger=True,
    ),
    DeskAction(
        name="dismiss",
        button=gettext_lazy("Dismiss"),
        workflow=managing.report_dismiss,
        done=gettext_lazy("The report on “%(name)s” was dismissed."),
        reason_label=gettext_lazy("Why it needs nothing done (optional)"),
    ),
)


def report_context(request: HttpRequest, report: EventReport) -> dict:
    return {
        "report": report,
        "series": report.series,
        "other_reports": report.series.reports.open().exclude(pk=report.pk),
    }


REPORT_PAGE = DeskPage(
    queryset=lambda: EventReport.objects.select_related("series", "reporter", "decided_by"),
    item_arg="report",
    template="events/desk/report.html",
    actions=REPORT_ACTIONS,
    available=lambda r: list(REPORT_ACTIONS) if r.status == EventReport.Status.OPEN else [],
    context=report_context,
    name=lambda report: report.series.title,
    error=managing.WorkflowError,
)
