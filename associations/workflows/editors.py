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
from yhdistystori.roles import Role, has_role

INVALID_INVITATION = _(
    "This invitation link is not valid. Check that the whole link was copied, or ask "
    "for a new invitation."
)


class InvitationForAnotherAddress(WorkflowError):
    """The signed-in account does not have the invited address (verified)."""

    def __init__(self, invitation: Invitation):
        super().__init__(
            _(
                "This invitation was sent to %(email)s, which is not a verified address of "
                "your account. Log in with that address, or ask for a new invitation to "
                "your own."
            )
            % {"email": invitation.masked_email}
        )


def invitation_refusal(*, association: Association, inviter) -> str:
    """Why `inviter` cannot invite editors to the listing now, or "" when they can.

    The invitation comes from the city's address with the listing's name in it: until
    a liaison has approved the listing (it is published), its name is whatever a new
    account typed, so only a liaison may invite to it. The editors page shows this
    before anything is typed; invitation_create refuses with it.
    """
    if association.status == Association.Status.PUBLISHED or has_role(inviter, Role.LIAISON):
        return ""
    return _(
        "Editors can be invited once the city's liaison has approved the listing and it is "
        "published. Until then, ask the liaison if someone else should edit it."
    )


def revoke_invitations(*, user, association: Association | None = None) -> int:
    """Cancel the open invitations `user` sent (to one association, or to all).

    An invitation speaks for the person who sent it: once they no longer own the
    listing, it must not keep letting people in.
    """
    invitations = Invitation.objects.open().filter(invited_by=user)
    if association is not None:
        invitations = invitations.filter(association=association)
    return invitations.update(revoked_at=timezone.now())


@transaction.atomic
def invitation_create(*, association: Association, inviter, email: str) -> Invitation:
    """Email a link that makes its user an editor. It works once, for 14 days."""
    refusal = invitation_refusal(association=association, inviter=inviter)
    if refusal:
        raise WorkflowError(refusal)
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
    if not invitation.is_addressed_to(user):
        raise InvitationForAnotherAddress(invitation)
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
    revoke_invitations(user=membership.user_id, association=association)


@transaction.atomic
def ownership_transfer(*, association: Association, from_user, to: Membership) -> None:
    """Make `to` an owner; the owner who hands over stays on as an editor."""
    association = lock(association)
    # Read again under the lock: the new owner may have left a moment ago.
    if not Membership.objects.filter(pk=to.pk, association=association).exists():
        raise WorkflowError(_("This person is not an editor of the association."))
    Membership.objects.filter(pk=to.pk).update(role=Membership.Role.OWNER)
    demoted = (
        Membership.objects.filter(association=association, user=from_user)
        .exclude(pk=to.pk)
        .update(role=Membership.Role.EDITOR)
    )
    if demoted:  # only owners invite: the former owner's open invitations go
        revoke_invitations(user=from_user, association=association)


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
    # The account's row goes next and `invited_by` becomes empty: its links must not
    # outlive it.
    revoke_invitations(user=user)
    if hidden:
        emails.listings_orphaned(hidden)
    return hidden
