"""Use reports (käyttöselvitys): an association that was granted money tells how it used
it, a grants officer accepts the report or asks for more, and the round is marked
reported once every grant in it has an accepted report.

A report is never edited: when the officer asks for more, the association sends a new
one, so the history of what was said stays. Reminders before and after the due date
are sent once each (`remind_use_reports`, for cron, daily).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from grants import emails
from grants.models import (
    Application,
    GrantDecision,
    GrantRound,
    StateChange,
    UseReport,
    UseReportAttachment,
)

# How long before the due date the association's editors are reminded.
REMIND_DAYS_BEFORE = 14


class UseReportError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _granted_decisions():
    return GrantDecision.objects.current().published().filter(amount__gt=0)


def granted_applications():
    """Applications with a published decision in force that grants money."""
    return Application.objects.filter(
        Exists(_granted_decisions().filter(application=OuterRef("pk")))
    )


def granted_decision(application: Application) -> GrantDecision | None:
    return _granted_decisions().filter(application=application).first()


def with_latest_report_status(queryset):
    """Annotate `latest_report_status`: the status of the newest report, None if none."""
    latest = UseReport.objects.filter(application=OuterRef("pk")).order_by("-submitted_at", "-id")
    return queryset.annotate(latest_report_status=Subquery(latest.values("status")[:1]))


def reports_of(application: Application) -> list[UseReport]:
    """The application's reports, oldest first, with their attachments and who decided."""
    return list(
        application.use_reports.select_related("submitted_by", "decided_by").prefetch_related(
            "attachments"
        )
    )


def submit_refusal(application: Application, reports: list[UseReport]) -> str:
    """Why the association cannot send a use report now; empty when it can."""
    if granted_decision(application) is None:
        return _(
            "A use report is sent only for an application that was granted money in a "
            "published decision. This application has no such decision."
        )
    latest = reports[-1] if reports else None
    if latest is not None and latest.status == UseReport.Status.SUBMITTED:
        return _(
            "Your use report is waiting for the grants officer. You can send a new one if "
            "the officer asks for more information."
        )
    if latest is not None and latest.status == UseReport.Status.ACCEPTED:
        return _("The use report was accepted. Nothing more is needed.")
    return ""


@dataclass(frozen=True)
class NewAttachment:
    title: str
    content_type: str
    extension: str
    data: bytes = field(repr=False)


def use_report_submit(
    *,
    application: Application,
    user,
    text: str,
    amount_used: Decimal,
    total_costs: Decimal | None = None,
    attachments: list[NewAttachment] = (),
) -> UseReport:
    """Record a new use report with its attachments and tell the grants officers."""
    with transaction.atomic():
        # The lock makes two reports sent at once wait for each other, and the second
        # is then refused as waiting for the officer.
        application = Application.objects.select_for_update().get(pk=application.pk)
        refusal = submit_refusal(application, list(application.use_reports.all()))
        if refusal:
            raise UseReportError(refusal)
        report = UseReport.objects.create(
            application=application,
            text=text,
            amount_used=amount_used,
            total_costs=total_costs,
            submitted_by=user,
        )
        for attachment in attachments:
            stored = UseReportAttachment(
                use_report=report,
                title=attachment.title,
                content_type=attachment.content_type,
                size=len(attachment.data),
            )
            # A random name: the stored file's name tells nothing and cannot be guessed.
            name = f"{secrets.token_hex(16)}.{attachment.extension}"
            stored.file.save(name, ContentFile(attachment.data), save=False)
            stored.save()
        emails.use_report_submitted(report)
    return report


def use_report_review(*, report: UseReport, by, accept: bool, reason: str = "") -> UseReport:
    """The officer accepts the report, or asks for more with a reason; the association
    hears of it. Accepting the round's last report marks the round reported."""
    with transaction.atomic():
        report = (
            UseReport.objects.select_for_update()
            .select_related("application__round", "application__association")
            .get(pk=report.pk)
        )
        if report.status != UseReport.Status.SUBMITTED:
            raise UseReportError(_("This use report was already handled."))
        if not accept and not reason.strip():
            raise UseReportError(_("Write what more the association should tell."))
        status = UseReport.Status.ACCEPTED if accept else UseReport.Status.MORE_REQUESTED
        report.record_decision(status=status, by=by, reason=reason.strip())
        if accept:
            round_mark_reported_if_complete(round=report.application.round, by=by)
            emails.use_report_accepted(report)
        else:
            emails.use_report_more_requested(report)
    return report


def record_state_change(
    *,
    by,
    to_state: str,
    from_state: str = "",
    round: GrantRound | None = None,
    application: Application | None = None,
    reason: str = "",
) -> StateChange:
    """Write down one change of state of a round or an application, with who and when."""
    return StateChange.objects.create(
        round=round,
        application=application,
        from_state=from_state,
        to_state=to_state,
        status=to_state,
        decided_at=timezone.now(),
        decided_by=by,
        decision_reason=reason,
    )


def round_mark_reported_if_complete(*, round: GrantRound, by) -> bool:
    """Set the round's `reported_at` once every granted application of it has an
    accepted use report. Returns whether it was set now."""
    round = GrantRound.objects.select_for_update().get(pk=round.pk)
    if round.reported_at is not None:
        return False
    granted = granted_applications().filter(round=round)
    if not granted.exists():
        return False
    accepted = UseReport.objects.filter(
        application=OuterRef("pk"), status=UseReport.Status.ACCEPTED
    )
    if granted.exclude(Exists(accepted)).exists():
        return False
    from_state = round.state
    round.reported_at = timezone.now()
    round.save(update_fields=["reported_at"])
    record_state_change(
        round=round, by=by, from_state=from_state, to_state=GrantRound.State.REPORTED
    )
    return True


# --- reminders ---------------------------------------------------------------------------


def due_for_reminder(today):
    """Granted applications due within REMIND_DAYS_BEFORE days, not yet reported on nor
    reminded."""
    return granted_applications().filter(
        use_report_due_on__gte=today,
        use_report_due_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        use_report_reminded_at__isnull=True,
        use_reports__isnull=True,
    )


def due_for_overdue_reminder(today):
    """Granted applications whose due date has passed with no report sent."""
    return granted_applications().filter(
        use_report_due_on__lt=today,
        use_report_overdue_reminded_at__isnull=True,
        use_reports__isnull=True,
    )


@dataclass
class Reminded:
    before: list[Application] = field(default_factory=list)
    overdue: list[Application] = field(default_factory=list)


def _remind(queryset, pk: int, *, marker: str, send) -> Application | None:
    with transaction.atomic():
        # Lock and look again: another run may have reminded it a moment ago.
        application = (
            queryset.select_for_update(of=("self",))
            .select_related("round", "association")
            .filter(pk=pk)
            .first()
        )
        if application is None:
            return None
        send(application)
        Application.objects.filter(pk=pk).update(**{marker: timezone.now()})
    return application


def remind_use_reports(now=None) -> Reminded:
    """Email the editors of each granted application once before its use report is due
    and once after the date has passed without a report. Safe to run again."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    reminded = Reminded()
    for pk in list(due_for_reminder(today).values_list("pk", flat=True)):
        application = _remind(
            due_for_reminder(today),
            pk,
            marker="use_report_reminded_at",
            send=emails.use_report_reminder,
        )
        if application is not None:
            reminded.before.append(application)
    for pk in list(due_for_overdue_reminder(today).values_list("pk", flat=True)):
        application = _remind(
            due_for_overdue_reminder(today),
            pk,
            marker="use_report_overdue_reminded_at",
            send=emails.use_report_overdue,
        )
        if application is not None:
            reminded.overdue.append(application)
    return reminded
