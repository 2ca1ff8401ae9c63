"""Residents' reports on listings, and what the liaison does about them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from associations import emails
from associations.models import Association, ModerationAction, Report
from associations.workflows.common import WorkflowError, announce, record
from yhdistystori.emails import Recipient

Action = ModerationAction.Action


@transaction.atomic
def report_create(
    *,
    association: Association,
    reason: str,
    message: str,
    contact: str = "",
    reporter=None,
    language="fi",
) -> Report:
    report = Report.objects.create(
        association=association,
        reason=reason,
        message=message,
        contact=contact,
        reporter=reporter if reporter and reporter.is_authenticated else None,
        language=language,
    )
    # The lazy label, so that each liaison reads it in their own language.
    announce(
        "report", pk=report.pk, association=association, summary=Report.Reason(report.reason).label
    )
    return report


@transaction.atomic
def report_close(*, report: Report, liaison, reason: str, dismiss: bool = False) -> Report:
    report = Report.objects.select_for_update().select_related("association").get(pk=report.pk)
    if report.status != Report.Status.OPEN:
        raise WorkflowError(_("This report has been handled already."))
    status = Report.Status.DISMISSED if dismiss else Report.Status.RESOLVED
    report.record_decision(status=status, by=liaison, reason=reason)
    record(
        Action.DISMISS_REPORT if dismiss else Action.RESOLVE_REPORT,
        actor=liaison,
        association=report.association,
        reason=reason,
        report=report,
    )
    _tell_reporter(report)
    return report


def _tell_reporter(report: Report) -> None:
    """The resident who reported hears what came of it, if they left an email address."""
    if report.reporter is not None and report.reporter.is_active:
        to = report.reporter
    else:
        address = report.contact.strip()
        try:
            validate_email(address)
        except ValidationError:
            return
        to = Recipient(email=address, language=report.language)
    emails.report_closed(report, to=to)
