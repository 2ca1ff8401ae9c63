"""What people do with associations, as one transactional function per action.

Views, the admin and management commands call these. They check nothing about
permissions (associations/permissions.py does that in the views) but decide
whether an action fits the data's state now, keep the data consistent, record
what the liaison does, and email the people concerned after the transaction
commits (associations/emails.py). A refusal is a WorkflowError whose message
the view shows.

By topic: listings (create, review, hide, confirm), claims, editors
(invitations, ownership, leaving), profile (edits, name and ID changes, reverts)
and reports.
"""

from associations.workflows.claims import claim_approve, claim_create, claim_refusal, claim_reject
from associations.workflows.common import WorkflowError
from associations.workflows.editors import (
    INVALID_INVITATION,
    InvitationForAnotherAddress,
    invitation_accept,
    invitation_cancel,
    invitation_create,
    invitation_refusal,
    membership_remove,
    memberships_release,
    ownership_transfer,
)
from associations.workflows.listings import (
    association_approve,
    association_create,
    association_hide,
    association_reject,
    association_restore,
    association_submit,
    association_verify,
)
from associations.workflows.profile import (
    ProfileConflict,
    ProfileUpdate,
    Revert,
    change_approve,
    change_reject,
    change_revert,
    profile_diff,
    profile_update,
)
from associations.workflows.reports import report_close, report_create

__all__ = [
    "INVALID_INVITATION",
    "InvitationForAnotherAddress",
    "ProfileConflict",
    "ProfileUpdate",
    "Revert",
    "WorkflowError",
    "association_approve",
    "association_create",
    "association_hide",
    "association_reject",
    "association_restore",
    "association_submit",
    "association_verify",
    "change_approve",
    "change_reject",
    "change_revert",
    "claim_approve",
    "claim_create",
    "claim_refusal",
    "claim_reject",
    "invitation_accept",
    "invitation_cancel",
    "invitation_create",
    "invitation_refusal",
    "membership_remove",
    "memberships_release",
    "ownership_transfer",
    "profile_diff",
    "profile_update",
    "report_close",
    "report_create",
]
