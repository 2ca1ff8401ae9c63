"""An association's application, from the first draft to its submission: start one,
save the draft with its budget and attachments, submit it before the deadline and
withdraw it. The round's deadline is checked here, with the rows locked, at the moment
of each change: never only when the form was opened.

`missing_use_reports(association)` is the association's earlier grants whose use is
not yet reported and accepted: the association is told before it applies, and the
officers see it when they review.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from associations.models import Association
from grants import emails
from grants.models import (
    Application,
    ApplicationAttachment,
    BudgetRow,
    GrantDecision,
    GrantRound,
    StateChange,
    UseReport,
)
from grants.uploads import MAX_ATTACHMENTS, CheckedFile


class ApplyError(Exception):
    """A change the workflow refuses; `message` is for the person, `field` its form field."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Conflict(ApplyError):
    """Someone saved the application after this person opened it."""


class AlreadyApplied(ApplyError):
    def __init__(self, message: str, *, application: Application):
        super().__init__(message)
        self.application = application


@dataclass(frozen=True)
class BudgetLine:
    kind: str
    description: str
    amount: Decimal


@dataclass(frozen=True)
class NewAttachment:
    title: str
    file: CheckedFile


# --- who may apply ---------------------------------------------------------------------------


def editable_associations(user) -> QuerySet[Association]:
    """The published associations this person edits: those that may apply for grants."""
    if not user.is_authenticated:
        return Association.objects.none()
    return Association.objects.filter(
        status=Association.Status.PUBLISHED, memberships__user=user
    ).order_by("name", "pk")


def is_eligible(round: GrantRound, association: Association) -> bool:
    """Whether the association's fields of activity fit the round (any, when the round
    names none)."""
    eligible = round.eligible_categories.values("pk")
    if not eligible.exists():
        return True
    return association.categories.filter(pk__in=eligible).exists()


def _closed_message(round: GrantRound) -> str:
    closes = date_format(timezone.localtime(round.closes_at), "DATETIME_FORMAT")
    return _(
        "The round closed at %(closes)s: applications can no longer be sent or changed. "
        "Nothing was changed."
    ) % {"closes": closes}


def _check_open(round: GrantRound, now: datetime) -> None:
    if round.state_at(now) != GrantRound.State.OPEN:
        if round.state_at(now) == GrantRound.State.UPCOMING:
            raise ApplyError(_("The round is not open yet."))
        raise ApplyError(_closed_message(round))


def application_start(
    *, round: GrantRound, association: Association, by, now: datetime | None = None
) -> Application:
    """The association's new draft for the round. One application per association per
    round: a second is refused with AlreadyApplied, which names the first."""
    now = now or timezone.now()
    if not editable_associations(by).filter(pk=association.pk).exists():
        raise ApplyError(_("You do not edit this association."), field="association")
    _check_open(round, now)
    if not is_eligible(round, association):
        raise ApplyError(
            _(
                "%(association)s cannot apply to this round: the round is for associations of "
                "other fields of activity."
            )
            % {"association": association.name},
            field="association",
        )
    existing = Application.objects.filter(round=round, association=association).first()
    if existing is None:
        try:
            with transaction.atomic():
                return Application.objects.create(
                    round=round,
                    association=association,
                    created_by=by,
                    contact_name=by.get_full_name(),
                    contact_email=by.email,
                )
        except IntegrityError:
            # Another editor started it a moment ago.
            existing = Application.objects.get(round=round, association=association)
    raise AlreadyApplied(
        _("%(association)s has already applied to this round: one application each.")
        % {"association": association.name},
        application=existing,
    )


# --- the draft -------------------------------------------------------------------------------

APPLICATION_FIELDS = (
    "requested_amount",
    "purpose",
    "other_funding",
    "contact_name",
    "contact_email",
)


def _locked(application: Application) -> Application:
    """The application and its round, locked until the transaction ends."""
    locked = (
        Application.objects.select_for_update(of=("self", "round"))
        .select_related("round", "association")
        .get(pk=application.pk)
    )
    return locked


def application_save(
    *,
    application: Application,
    values: dict,
    budget: list[BudgetLine],
    new_attachments: list[NewAttachment] = (),
    remove_attachments: list[int] = (),
    by,
    seen_version: int | None = None,
    now: datetime | None = None,
) -> Application:
    """Save the draft (or the submitted application: it stays submitted) at the version
    its editor saw, while the round is open. The budget replaces the old one."""
    now = now or timezone.now()
    with transaction.atomic():
        application = _locked(application)
        _check_open(application.round, now)
        if application.proposed_at is not None:
            # Only when a closed round was opened again by moving its closing time.
            raise ApplyError(_("The application is being reviewed: it can no longer be changed."))
        if seen_version is not None and seen_version != application.version:
            raise Conflict(
                _(
                    "Someone else saved this application while you were editing. What you "
                    "typed is in the form: check it and save again. A file you chose must be "
                    "chosen again."
                )
            )
        removed = list(application.attachments.filter(pk__in=remove_attachments))
        kept = application.attachments.count() - len(removed)
        if kept + len(new_attachments) > MAX_ATTACHMENTS:
            raise ApplyError(
                _("An application may have at most %(max)s attachments. Remove one first.")
                % {"max": MAX_ATTACHMENTS},
                field="attachment",
            )
        for name in APPLICATION_FIELDS:
            if name in values:
                setattr(application, name, values[name])
        application.version += 1
        application.save()
        application.budget.all().delete()
        BudgetRow.objects.bulk_create(
            BudgetRow(
                application=application,
                kind=line.kind,
                description=line.description,
                amount=line.amount,
                position=position,
            )
            for position, line in enumerate(budget)
        )
        for attachment in removed:
            _remove_file_later(attachment.file.name, attachment.file.storage)
            attachment.delete()
        for new in new_attachments:
            attachment = ApplicationAttachment(
                application=application,
                title=new.title,
                content_type=new.file.content_type,
                size=new.file.size,
                uploaded_at=now,
            )
            # The stored name is ours: what the person named the file is never a path.
            name = f"{uuid.uuid4().hex}.{new.file.extension}"
            attachment.file.save(name, ContentFile(new.file.data), save=False)
            attachment.save()
    return application


def _remove_file_later(name: str, storage) -> None:
    # Only once the row is surely gone: a rolled-back removal keeps its file.
    transaction.on_commit(lambda: storage.delete(name))


# --- submitting and withdrawing --------------------------------------------------------------


def _record(application: Application, *, to: str, by, now: datetime) -> None:
    before = application.status
    application.record_decision(status=to, by=by, save=False)
    application.decided_at = now
    StateChange.objects.create(
        application=application,
        from_state=before,
        to_state=to,
        status=to,
        decided_at=now,
        decided_by=by,
    )


def missing_for_submission(application: Application) -> list[str]:
    """What the application still lacks before it can be sent, as messages."""
    missing = []
    if not application.requested_amount:
        missing.append(_("The amount applied for is missing."))
    if not application.purpose.strip():
        missing.append(_("What the grant is for is missing."))
    if not application.budget.exists():
        missing.append(_("The budget has no rows: add at least one income or expense."))
    return missing


def application_submit(*, application: Application, by, now: datetime | None = None) -> Application:
    """Send the application: the round must be open at this very moment and the
    application complete. A refused submission keeps the draft as it was."""
    now = now or timezone.now()
    with transaction.atomic():
        application = _locked(application)
        _check_open(application.round, now)
        if application.status == Application.Status.SUBMITTED:
            raise ApplyError(_("The application has already been sent."))
        missing = missing_for_submission(application)
        if missing:
            raise ApplyError(" ".join(missing))
        _record(application, to=Application.Status.SUBMITTED, by=by, now=now)
        application.submitted_at = now
        application.version += 1
        application.save()
        emails.application_received(application, by=by)
    return application


def application_withdraw(
    *, application: Application, by, now: datetime | None = None
) -> Application:
    """Take a sent application back while the round is open; it may be sent again until
    the round closes."""
    now = now or timezone.now()
    with transaction.atomic():
        application = _locked(application)
        _check_open(application.round, now)
        if application.status != Application.Status.SUBMITTED:
            raise ApplyError(_("Only a sent application can be withdrawn."))
        _record(application, to=Application.Status.WITHDRAWN, by=by, now=now)
        application.version += 1
        application.save()
    return application


# --- earlier grants --------------------------------------------------------------------------


def missing_use_reports(
    association: Association, *, exclude_round: GrantRound | None = None
) -> QuerySet[Application]:
    """The association's granted applications (a current, published decision of more
    than 0 €) whose use report is not accepted yet, oldest first."""
    granted = GrantDecision.objects.filter(
        application=OuterRef("pk"),
        is_current=True,
        published_at__isnull=False,
        amount__gt=0,
    )
    accepted = UseReport.objects.filter(
        application=OuterRef("pk"), status=UseReport.Status.ACCEPTED
    )
    applications = (
        Application.objects.filter(association=association)
        .filter(Exists(granted))
        .exclude(Exists(accepted))
        .select_related("round")
        .order_by("round__closes_at", "pk")
    )
    if exclude_round is not None:
        applications = applications.exclude(round=exclude_round)
    return applications
