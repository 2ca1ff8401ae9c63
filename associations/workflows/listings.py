"""A listing's life: created as a draft, sent for review, approved or returned,
hidden and restored, and confirmed as still correct."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations import emails
from associations.diffs import diff_changes
from associations.models import Association, Membership, ModerationAction, ProfileChange
from associations.workflows.common import (
    WorkflowError,
    announce,
    lock,
    new_logo_removed_on_error,
    record,
)

Action = ModerationAction.Action
DUPLICATE_IDENTIFIER = _("Another association already has this register number or business ID.")


class ListingChanged(WorkflowError):
    """The listing was edited after the liaison opened it: a decision is about what they saw.

    The desk shows the page again (409) with `context`: the changes made since.
    """

    status = HTTPStatus.CONFLICT

    def __init__(self, changes: list[ProfileChange], *, version: int):
        super().__init__(
            _("The listing was changed after you opened it. Check what changed, then decide again.")
        )
        self.changes = changes
        self.version = version

    @property
    def context(self) -> dict:
        # The page now shows this version, with what changed: deciding again is
        # deciding on it.
        return {"changed_since": diff_changes(self.changes), "seen_version": self.version}


def check_seen(association: Association, seen_version: int | None) -> None:
    """Refuse if the (locked) listing changed since the version the liaison saw.

    None means the caller showed no version (the admin, a command, the editors'
    own confirmation): nothing to compare.
    """
    if seen_version is None or association.version == seen_version:
        return
    raise ListingChanged(
        list(
            association.changes.filter(version__gt=seen_version)
            # A request the liaison refused never reached the listing.
            .exclude(status=ProfileChange.Status.REJECTED)
            .select_related("user")
            .order_by("created_at")
        ),
        version=association.version,
    )


def save_checked(association: Association) -> None:
    """Save, turning a register number or business ID taken meanwhile into a WorkflowError."""
    try:
        with transaction.atomic():
            association.save()
    except IntegrityError as exc:  # the form checked, but another save came in between
        raise WorkflowError(DUPLICATE_IDENTIFIER) from exc


@new_logo_removed_on_error
@transaction.atomic
def association_create(
    *, user, values: dict[str, Any], relations: dict[str, list], logo=None, by_city: bool = False
) -> Association:
    """A new listing as a draft. Only its editors and the liaisons see it.

    `user` becomes its owner, unless the city's staff create it (`by_city`, from the
    admin): such a listing is kept by the city until the association claims it.
    `logo` is an associations.logos.ProcessedLogo.
    """
    association = Association(**values, status=Association.Status.DRAFT, is_claimed=not by_city)
    if logo is not None:
        logo.save_to(association)
    save_checked(association)
    for name, terms in relations.items():
        getattr(association, name).set(terms)
    association.update_search_terms()
    if not by_city:
        Membership.objects.create(association=association, user=user, role=Membership.Role.OWNER)
    return association


@transaction.atomic
def association_submit(*, association: Association, user) -> Association:
    """The editors send a draft to the liaison for review."""
    association = lock(association)
    if association.status != Association.Status.DRAFT:
        raise WorkflowError(_("Only a draft can be sent for review."))
    association.status = Association.Status.PENDING
    association.submitted_at = timezone.now()
    association.save(update_fields=["status", "submitted_at"])
    announce("listing", pk=association.pk, association=association)
    return association


@transaction.atomic
def association_approve(
    *, association: Association, liaison, reason: str = "", seen_version: int | None = None
) -> Association:
    """Publish a listing waiting for review (or a draft the city made in the admin)."""
    association = lock(association)
    check_seen(association, seen_version)
    if association.status not in (Association.Status.PENDING, Association.Status.DRAFT):
        raise WorkflowError(_("This listing is not waiting for review."))
    association.status = Association.Status.PUBLISHED
    association.last_verified_at = timezone.localdate()
    association.submitted_at = None
    association.save(update_fields=["status", "last_verified_at", "submitted_at"])
    record(Action.APPROVE_LISTING, actor=liaison, association=association, reason=reason)
    emails.listing_approved(association, reason=reason)
    return association


@transaction.atomic
def association_reject(
    *, association: Association, liaison, reason: str, seen_version: int | None = None
) -> Association:
    """Back to the editors as a draft, with the reason, for them to fix and resend."""
    if not reason.strip():
        raise WorkflowError(_("Tell the editors why, so that they can fix the listing."))
    association = lock(association)
    check_seen(association, seen_version)
    if association.status != Association.Status.PENDING:
        raise WorkflowError(_("This listing is not waiting for review."))
    association.status = Association.Status.DRAFT
    association.submitted_at = None
    association.save(update_fields=["status", "submitted_at"])
    record(Action.REJECT_LISTING, actor=liaison, association=association, reason=reason)
    emails.listing_rejected(association, reason=reason)
    return association


def _hide(association: Association) -> None:
    association.status = Association.Status.HIDDEN
    association.submitted_at = None
    association.save(update_fields=["status", "submitted_at"])


@transaction.atomic
def association_hide(
    *, association: Association, liaison, reason: str, seen_version: int | None = None
) -> Association:
    if not reason.strip():
        raise WorkflowError(_("Give a reason: the editors are told it."))
    association = lock(association)
    check_seen(association, seen_version)
    if association.status == Association.Status.HIDDEN:
        raise WorkflowError(_("This profile is hidden already."))
    if association.status != Association.Status.PUBLISHED:
        # A draft or a listing under review is not on the site: reject it instead.
        raise WorkflowError(_("Only a public profile can be hidden, and this one is not public."))
    _hide(association)
    record(Action.HIDE, actor=liaison, association=association, reason=reason)
    emails.listing_hidden(association, reason=reason)
    return association


def association_orphan(association: Association) -> bool:
    """Hide a listing whose last editor left (in the caller's transaction, row locked).

    Returns whether it was hidden now; the caller tells the liaisons.
    """
    if association.status == Association.Status.HIDDEN:
        return False
    _hide(association)
    record(Action.ORPHANED, actor=None, association=association)
    return True


@transaction.atomic
def association_restore(
    *, association: Association, liaison, reason: str = "", seen_version: int | None = None
) -> Association:
    association = lock(association)
    check_seen(association, seen_version)
    if association.status != Association.Status.HIDDEN:
        raise WorkflowError(_("Only a hidden profile can be published again."))
    association.status = Association.Status.PUBLISHED
    association.save(update_fields=["status"])
    record(Action.RESTORE, actor=liaison, association=association, reason=reason)
    emails.listing_restored(association, reason=reason)
    return association


@transaction.atomic
def association_verify(
    *, association: Association, user, reason: str = "", seen_version: int | None = None
) -> Association:
    """ "The information is still correct": confirmed today; reminders start over.

    A liaison may confirm a stale profile too (say, after phoning the association):
    that is recorded with the reason.
    """
    association = lock(association)
    check_seen(association, seen_version)
    if association.status != Association.Status.PUBLISHED:
        raise WorkflowError(_("Only a published profile can be confirmed."))
    association.last_verified_at = timezone.localdate()
    association.verification_reminded_at = None
    association.save(update_fields=["last_verified_at", "verification_reminded_at"])
    if not Membership.objects.filter(association=association, user=user).exists():
        record(Action.MARK_VERIFIED, actor=user, association=association, reason=reason)
    return association
