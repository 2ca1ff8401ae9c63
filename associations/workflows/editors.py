"""Who edits a profile: invitations, removing editors, handing over ownership, and
leaving every association when an account is deleted."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations import emails
from associations.models import Association, Invitation, Membership
from associations.workflows.common import WorkflowError, lock
from associations.workflows.listings import association_orphan

INVALID_INVITATION = _(
    "This invitation link is not valid. Check that the whole link was copied, or ask "
    "for a new invitation."
)


@transaction.atomic
def invitation_create(*, association: Association, inviter, email: str) -> Invitation:
    """Email a link that makes its user an editor. It works once, for 14 days."""
    email = email.strip().lower()
    if Membership.objects.filter(association=association, user__email__iexact=email).exists():
        raise WorkflowError(_("This person is already an editor."))
    # A new invitation to the same address replaces the old one.
    association.invitations.open().filter(email__iexact=email).update(revoked_at=timezone.now())
    invitation, token = Invitation.new(association=association, email=email, invited_by=inviter)
    invitation.save()
    existing = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    emails.invitation(invitation, token=token, to=existing or email)
    return invitation


@transaction.atomic
def invitation_cancel(*, invitation: Invitation) -> Invitation:
    """The link stops working; an invitation used already stays as it was."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise WorkflowError(_("This invitation has been used already."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    found = Invitation.find(token)
    if found is None:
        raise WorkflowError(INVALID_INVITATION)
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    if invitation.closed_reason:
        raise WorkflowError(invitation.closed_reason)
    membership, _created = Membership.objects.get_or_create(
        association=invitation.association, user=user
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _owners(association: Association):
    return Membership.objects.filter(association=association, role=Membership.Role.OWNER)


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """Remove an editor. The last owner cannot be removed: hand over ownership first."""
    association = lock(membership.association)
    membership = Membership.objects.filter(pk=membership.pk).first()
    if membership is None:  # removed a moment ago (a second click)
        raise WorkflowError(_("This person is no longer an editor."))
    if membership.is_owner and _owners(association).count() == 1:
        raise WorkflowError(
            _("The association must keep an owner. Hand over ownership before leaving.")
        )
    membership.delete()


@transaction.atomic
def ownership_transfer(*, association: Association, from_user, to: Membership) -> None:
    """Make `to` an owner; the owner who hands over stays on as an editor."""
    association = lock(association)
    # Read again under the lock: the new owner may have left a moment ago.
    if not Membership.objects.filter(pk=to.pk, association=association).exists():
        raise WorkflowError(_("This person is not an editor of the association."))
    Membership.objects.filter(pk=to.pk).update(role=Membership.Role.OWNER)
    Membership.objects.filter(association=association, user=from_user).exclude(pk=to.pk).update(
        role=Membership.Role.EDITOR
    )


@transaction.atomic
def memberships_release(*, user) -> list[Association]:
    """Before an account is deleted: leave every association it edits.

    An association with other editors stays as it is (an editor becomes owner if
    the leaving user was the only one); one left without editors is hidden and the
    liaisons are told. Returns the associations hidden.
    """
    hidden = []
    for membership in Membership.objects.filter(user=user).select_related("association"):
        association = lock(membership.association)
        others = Membership.objects.filter(association=association).exclude(user=user)
        if others.exists():
            if membership.is_owner and not others.filter(role=Membership.Role.OWNER).exists():
                others.filter(pk=others.first().pk).update(role=Membership.Role.OWNER)
        elif association_orphan(association):
            hidden.append(association)
        membership.delete()
    if hidden:
        emails.listings_orphaned(hidden)
    return hidden
