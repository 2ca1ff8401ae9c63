"""Claims: someone from an association asks to take over a listing the city keeps."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from associations import emails
from associations.models import Association, Claim, Membership, ModerationAction
from associations.workflows.common import WorkflowError, announce, lock, record

Action = ModerationAction.Action
ALREADY_CLAIMED = _("You have already asked to take over this listing.")


def claim_refusal(*, association: Association, user) -> str:
    """Why `user` cannot claim the listing now, or "" when they can.

    The claim page shows it before anything is typed; claim_create refuses with it.
    """
    if Membership.objects.filter(association=association, user=user).exists():
        return _("You are already an editor of this association.")
    if Claim.objects.pending().filter(association=association, user=user).exists():
        return ALREADY_CLAIMED
    if association.is_claimed:
        return _(
            "The association already keeps this listing itself. Ask its editors to invite you."
        )
    return ""


@transaction.atomic
def claim_create(*, association: Association, user, position: str, message: str = "") -> Claim:
    refusal = claim_refusal(association=association, user=user)
    if refusal:
        raise WorkflowError(refusal)
    try:
        with transaction.atomic():  # two quick clicks meet the one-pending-claim constraint
            claim = Claim.objects.create(
                association=association, user=user, position=position, message=message
            )
    except IntegrityError as exc:
        raise WorkflowError(ALREADY_CLAIMED) from exc
    announce("claim", pk=claim.pk, association=association, summary=position)
    return claim


def _lock_pending(claim: Claim) -> Claim:
    claim = Claim.objects.select_for_update().select_related("association", "user").get(pk=claim.pk)
    if claim.status != Claim.Status.PENDING:
        raise WorkflowError(_("This claim has been decided already."))
    return claim


@transaction.atomic
def claim_approve(*, claim: Claim, liaison, reason: str = "") -> Claim:
    """The claimant becomes an owner of the listing."""
    claim = _lock_pending(claim)
    association = lock(claim.association)
    Membership.objects.update_or_create(
        association=association, user=claim.user, defaults={"role": Membership.Role.OWNER}
    )
    association.is_claimed = True
    association.save(update_fields=["is_claimed"])
    claim.record_decision(status=Claim.Status.APPROVED, by=liaison, reason=reason)
    record(Action.APPROVE_CLAIM, actor=liaison, association=association, reason=reason, claim=claim)
    emails.claim_approved(claim)
    return claim


@transaction.atomic
def claim_reject(*, claim: Claim, liaison, reason: str) -> Claim:
    if not reason.strip():
        raise WorkflowError(_("Tell the claimant why."))
    claim = _lock_pending(claim)
    claim.record_decision(status=Claim.Status.REJECTED, by=liaison, reason=reason)
    record(
        Action.REJECT_CLAIM,
        actor=liaison,
        association=claim.association,
        reason=reason,
        claim=claim,
    )
    emails.claim_rejected(claim)
    return claim
