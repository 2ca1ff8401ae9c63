"""What the grants app adds to shared pages (yhdistystori.contributions): on My page,
the use reports an association's editors owe or must complete, and for grants
officers the use reports waiting for review. Registered in GrantsConfig.ready()."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from grants.models import UseReport
from grants.permissions import is_grants_officer
from grants.use_reports import granted_applications, with_latest_report_status
from yhdistystori.contributions import Section

# More than any association or officer has at once; a bound on the page's size all the same.
MAX_ROWS = 100


def use_reports_due(request: HttpRequest) -> dict | None:
    """Granted applications of the associations this person edits whose use report is
    still to be sent: none sent yet, or the officer asked for more. One query."""
    user = request.user
    if not user.is_authenticated:
        return None
    applications = list(
        with_latest_report_status(
            granted_applications().filter(
                association__memberships__user=user, use_report_due_on__isnull=False
            )
        )
        .filter(
            Q(latest_report_status__isnull=True)
            | Q(latest_report_status=UseReport.Status.MORE_REQUESTED)
        )
        .select_related("round", "association")
        .order_by("use_report_due_on", "pk")[:MAX_ROWS]
    )
    if not applications:
        return None
    today = timezone.localdate()
    for application in applications:
        application.use_report_overdue = application.use_report_due_on < today
        application.more_requested = (
            application.latest_report_status == UseReport.Status.MORE_REQUESTED
        )
    return {"due_applications": applications}


def use_reports_to_review(request: HttpRequest) -> dict | None:
    """Use reports waiting for a grants officer, oldest first. One query (the role is
    remembered for the request)."""
    if not is_grants_officer(request.user):
        return None
    reports = list(
        UseReport.objects.filter(status=UseReport.Status.SUBMITTED)
        .select_related("application__round", "application__association")
        .order_by("submitted_at", "pk")[:MAX_ROWS]
    )
    return {"reports_to_review": reports} if reports else None


MY_PAGE = (
    Section(template="grants/my/use_reports_due.html", context=use_reports_due),
    Section(template="grants/my/use_reports_to_review.html", context=use_reports_to_review),
)
