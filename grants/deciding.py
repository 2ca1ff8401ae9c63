"""The officers' side of a round: internal comments, the proposal (esitys) on each
application, the deciding body's decision (päätös) on the round, publishing the
decisions, and correcting a decision.

Called by the review pages (grants/review_views.py), the admin and commands. Each
function checks that the action fits and raises DecisionError with a message for the
person when it does not; nothing is saved then. Every change of state is written to
StateChange with who, when, from and to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants import emails
from grants.models import (
    Application,
    GrantDecision,
    GrantRound,
    InternalComment,
    StateChange,
)
from yhdistystori.forms import format_amount

# A notice sent by email is deemed received seven days after it was sent, as the
# Administrative Procedure Act says of letters; the review period counts from then.
DEEMED_RECEIVED_AFTER_DAYS = 7


class DecisionError(Exception):
    """An action that cannot be done as asked; the message is for the user, `field`
    names the form field it concerns when there is one."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


# The states of an application's review in the audit trail (StateChange), beside the
# applicant's own (Application.Status). Only grants officers see these before the
# decisions are published.
REVIEW_STATES = {
    "proposed": gettext_lazy("Proposed"),
    "decided": gettext_lazy("Decided"),
    "published": gettext_lazy("Decision published"),
    "corrected": gettext_lazy("Decision corrected"),
}


@dataclass(frozen=True)
class DecisionInput:
    """The deciding body's decision on one application, as the form gives it."""

    application_id: int
    amount: Decimal
    rationale: str = ""


def record_change(
    *,
    to_state: str,
    by,
    from_state: str = "",
    round: GrantRound | None = None,
    application: Application | None = None,
    reason: str = "",
) -> StateChange:
    """One line of the audit trail: a round or an application went from one state to another."""
    change = StateChange(
        round=round, application=application, from_state=from_state, to_state=to_state
    )
    change.record_decision(status=to_state, by=by, reason=reason, save=False)
    change.save()
    return change


def review_state(application: Application) -> str:
    """Where an application stands in the review, for the audit trail."""
    if application.decisions.filter(is_current=True, published_at__isnull=False).exists():
        return "published"
    if application.decisions.filter(is_current=True).exists():
        return "decided"
    if application.proposed_at:
        return "proposed"
    return application.status


# --- review --------------------------------------------------------------------------------


def comment_add(*, application: Application, text: str, by) -> InternalComment:
    return InternalComment.objects.create(application=application, text=text, author=by)


def _check_amount(application: Application, amount: Decimal, *, field: str = "amount") -> None:
    if amount < 0:
        raise DecisionError(_("The amount cannot be negative."), field=field)
    requested = application.requested_amount or Decimal("0")
    if amount > requested:
        raise DecisionError(
            _("%(name)s: the amount is more than the %(requested)s € applied for.")
            % {"name": application.association.name, "requested": format_amount(requested)},
            field=field,
        )
    largest = application.round.max_grant
    if largest is not None and amount > largest:
        raise DecisionError(
            _("%(name)s: the amount is more than the largest grant of the round, %(max)s €.")
            % {"name": application.association.name, "max": format_amount(largest)},
            field=field,
        )


def _check_date(decided_on: date, *, round: GrantRound, corrects: GrantDecision | None = None):
    """A decision is dated between the round's closing and today; a correction no earlier
    than the decision it corrects."""
    if decided_on > timezone.localdate():
        raise DecisionError(
            _("The date of the decision cannot be in the future."), field="decided_on"
        )
    if corrects is not None:
        if decided_on < corrects.decided_on:
            raise DecisionError(
                _("A correction cannot be dated before the decision it corrects."),
                field="decided_on",
            )
        return
    closed_on = timezone.localdate(round.closes_at)
    if decided_on < closed_on:
        raise DecisionError(
            _("The decision cannot be dated before the round closed on %(date)s.")
            % {"date": date_format(closed_on, "SHORT_DATE_FORMAT")},
            field="decided_on",
        )


def proposal_record(
    *, application: Application, amount: Decimal, rationale: str, by
) -> Application:
    """The officers' proposal (esitys): an amount from 0 to the one applied for, once the
    round has closed and the applications no longer change."""
    with transaction.atomic():
        # The round's lock first, as every change to a round's decisions takes it: a
        # proposal then never slips in beside a decision being recorded.
        round = _lock_round(application.round)
        if round.state not in (GrantRound.State.CLOSED, GrantRound.State.DECIDED):
            raise DecisionError(
                _(
                    "A proposal is made after the round closes, when the applications no "
                    "longer change."
                )
            )
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("round", "association")
            .get(pk=application.pk)
        )
        if application.status != Application.Status.SUBMITTED:
            raise DecisionError(_("Only a submitted application can be proposed on."))
        if application.decisions.filter(is_current=True).exists():
            raise DecisionError(_("The application is already decided."))
        _check_amount(application, amount)
        from_state = review_state(application)
        application.proposed_amount = amount
        application.proposal_rationale = rationale
        application.proposed_by = by
        application.proposed_at = timezone.now()
        application.save(
            update_fields=[
                "proposed_amount",
                "proposal_rationale",
                "proposed_by",
                "proposed_at",
                "updated_at",
            ]
        )
        record_change(
            application=application,
            from_state=from_state,
            to_state="proposed",
            by=by,
            reason=_("Proposed %(amount)s €.") % {"amount": format_amount(amount)},
        )
    return application


# --- deciding ------------------------------------------------------------------------------


def _lock_round(round: GrantRound) -> GrantRound:
    """The round's row, locked until the transaction ends: every change to the sum
    granted in a round takes this lock first, so two officers wait for each other."""
    return GrantRound.objects.select_for_update().get(pk=round.pk)


def granted_in_round(round: GrantRound, *, excluding: GrantDecision | None = None) -> Decimal:
    decisions = GrantDecision.objects.current().filter(application__round=round)
    if excluding is not None:
        decisions = decisions.exclude(pk=excluding.pk)
    return decisions.aggregate(total=Sum("amount"))["total"] or Decimal("0")


def _check_budget(round: GrantRound, total: Decimal) -> None:
    if total > round.budget:
        raise DecisionError(
            _(
                "The grants would add up to %(total)s €, more than the round's budget of "
                "%(budget)s €. Nothing was saved."
            )
            % {"total": format_amount(total), "budget": format_amount(round.budget)}
        )


def undecided_applications(round: GrantRound):
    """The round's submitted applications that have no decision in force yet."""
    current = GrantDecision.objects.filter(application=OuterRef("pk"), is_current=True)
    return (
        round.applications.submitted()
        .exclude(Exists(current))
        .select_related("association")
        .order_by("association__name", "pk")
    )


def round_decide(
    *,
    round: GrantRound,
    decisions: list[DecisionInput],
    decided_on: date,
    section: str,
    by,
) -> list[GrantDecision]:
    """Record the deciding body's decision on the round's applications, all or nothing.

    The round's row is locked first, so the budget check sees every decision another
    officer recorded a moment before: the sum granted never exceeds the budget.
    """
    if not decisions:
        raise DecisionError(_("There are no applications to decide."))
    with transaction.atomic():
        round = _lock_round(round)
        state = round.state
        if state not in (GrantRound.State.CLOSED, GrantRound.State.DECIDED):
            raise DecisionError(
                _("A decision is recorded after the round closes, until it is published.")
            )
        _check_date(decided_on, round=round)
        wanted = {d.application_id: d for d in decisions}
        applications = {
            a.pk: a
            for a in undecided_applications(round).select_related("round").filter(pk__in=wanted)
        }
        missing = set(wanted) - set(applications)
        if missing:
            raise DecisionError(
                _("Some applications were decided already or are not in this round. Reload.")
            )
        for pk, item in wanted.items():
            _check_amount(applications[pk], item.amount, field=f"amount_{pk}")
        total = granted_in_round(round) + sum((d.amount for d in decisions), Decimal("0"))
        _check_budget(round, total)

        now = timezone.now()
        created = []
        for pk, item in wanted.items():
            application = applications[pk]
            created.append(
                GrantDecision.objects.create(
                    application=application,
                    amount=item.amount,
                    rationale=item.rationale,
                    decided_on=decided_on,
                    section=section,
                    deciding_body=round.deciding_body,
                    recorded_by=by,
                    recorded_at=now,
                )
            )
            record_change(
                application=application,
                from_state=_state_before(application),
                to_state="decided",
                by=by,
                reason=_("Granted %(amount)s €.") % {"amount": format_amount(item.amount)},
            )
        if round.decided_at is None:
            round.decided_at = now
            round.save(update_fields=["decided_at", "updated_at"])
            record_change(round=round, from_state=state, to_state=GrantRound.State.DECIDED, by=by)
    return created


def _state_before(application: Application) -> str:
    return "proposed" if application.proposed_at else application.status


# --- publishing ----------------------------------------------------------------------------


def review_ends_on(*, sent_on: date, round: GrantRound) -> date:
    """The last day to ask for a review (oikaisuvaatimus) of a decision emailed on `sent_on`."""
    return sent_on + timedelta(days=DEEMED_RECEIVED_AFTER_DAYS + round.review_period_days)


def round_publish(*, round: GrantRound, by) -> int:
    """Make the round's decisions public at once and email each applicant its decision.

    Returns how many decisions were published.
    """
    with transaction.atomic():
        round = _lock_round(round)
        state = round.state
        if state != GrantRound.State.DECIDED:
            raise DecisionError(_("Only a decided round's decisions can be published, once."))
        waiting = undecided_applications(round).count()
        if waiting:
            raise DecisionError(
                _("%(count)s applications have no decision yet. Decide them first.")
                % {"count": waiting}
            )
        now = timezone.now()
        decisions = list(
            GrantDecision.objects.current()
            .filter(application__round=round, published_at__isnull=True)
            .select_related("application__association", "application__round")
            .order_by("pk")
        )
        for decision in decisions:
            decision.published_at = now
            decision.save(update_fields=["published_at"])
            application = decision.application
            if decision.amount > 0 and round.use_report_due_on:
                application.use_report_due_on = round.use_report_due_on
                application.save(update_fields=["use_report_due_on", "updated_at"])
            record_change(
                application=application, from_state="decided", to_state="published", by=by
            )
        round.decisions_published_at = now
        round.save(update_fields=["decisions_published_at", "updated_at"])
        record_change(round=round, from_state=state, to_state=GrantRound.State.PUBLISHED, by=by)
        for decision in decisions:
            emails.decision_published(decision)
    return len(decisions)


# --- corrections ---------------------------------------------------------------------------


def decision_correct(
    *,
    decision: GrantDecision,
    amount: Decimal,
    rationale: str,
    decided_on: date,
    section: str,
    reason: str,
    by,
) -> GrantDecision:
    """A new decision in place of `decision`, which stays on record but is no longer in
    force. Published at once when the one it corrects was; the applicant is told."""
    reason = reason.strip()
    if not reason:
        raise DecisionError(_("Say why the decision is corrected."), field="correction_reason")
    with transaction.atomic():
        round = _lock_round(decision.application.round)
        old = (
            GrantDecision.objects.select_for_update(of=("self",))
            .select_related("application__association", "application__round")
            .get(pk=decision.pk)
        )
        if not old.is_current:
            raise DecisionError(
                _("This decision has been corrected already; correct the newest one.")
            )
        _check_date(decided_on, round=round, corrects=old)
        application = old.application
        application.round = round
        _check_amount(application, amount)
        _check_budget(round, granted_in_round(round, excluding=old) + amount)

        now = timezone.now()
        old.is_current = False
        old.save(update_fields=["is_current"])
        new = GrantDecision.objects.create(
            application=application,
            amount=amount,
            rationale=rationale,
            decided_on=decided_on,
            section=section,
            deciding_body=round.deciding_body,
            corrects=old,
            correction_reason=reason,
            recorded_by=by,
            recorded_at=now,
            published_at=now if old.published_at else None,
        )
        if (
            new.published_at
            and amount > 0
            and round.use_report_due_on
            and not application.use_report_due_on
        ):
            application.use_report_due_on = round.use_report_due_on
            application.save(update_fields=["use_report_due_on", "updated_at"])
        state = "published" if old.published_at else "decided"
        record_change(
            application=application, from_state=state, to_state="corrected", by=by, reason=reason
        )
        if new.published_at:
            emails.decision_corrected(new)
    return new
