"""What people do with associations, as one transactional function per action.

Views, the admin and management commands call these; each one checks nothing about
permissions (associations/permissions.py does that in the views) but keeps the data
consistent, records what the liaison does, and emails the people concerned after
the transaction commits (yhdistystori/emails.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.logos import delete_files
from associations.models import (
    Association,
    Claim,
    Invitation,
    Membership,
    ModerationAction,
    ProfileChange,
    Report,
)
from associations.models.moderation import FIELDS_NEEDING_APPROVAL
from yhdistystori import emails

Kind = ModerationAction.Kind

# The profile as its editors edit it: plain fields, then the lists of terms.
PROFILE_FIELDS = (
    "name",
    "alternate_name",
    "register_number",
    "business_id",
    "description",
    "founded_year",
    "member_count",
    "email",
    "phone",
    "website",
    "facebook_url",
    "instagram_url",
    "street_address",
    "postal_code",
    "municipality",
    "accepts_new_members",
    "seeks_volunteers",
)
PROFILE_RELATIONS = ("categories", "districts", "target_groups", "languages")


class WorkflowError(Exception):
    """An action that cannot be done as asked; the message is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class ProfileConflict(Exception):
    """Someone else saved the profile after this editor opened it."""

    current: Association
    changes: list[ProfileChange] = field(default_factory=list)


# --- people to tell ---------------------------------------------------------------


def liaison_users():
    """Active users in the liaison group."""
    return get_user_model().objects.filter(is_active=True, groups__name="liaison").distinct()


def editors_of(association: Association):
    return get_user_model().objects.filter(is_active=True, memberships__association=association)


def notify_liaisons(
    kind: str, *, association: Association, summary: str = "", item: tuple[str, int] | None = None
) -> None:
    """Liaisons who asked for an email per item hear of a new item in the queue now.

    `item` is the desk page of the item, as (URL name, pk); the listing's page by default.
    """
    recipients = liaison_users().filter(moderation_email=get_user_model().ModerationEmail.EACH)
    url_name, pk = item or ("moderation:association", association.pk)
    emails.send(
        "moderation_item",
        to=recipients,
        context={
            "kind": kind,
            "association": association,
            "summary": summary,
            "for_recipient": lambda r: {
                "queue_url": emails.absolute_url(reverse("moderation:queue")),
                "item_url": emails.absolute_url(reverse(url_name, kwargs={"pk": pk})),
                "settings_url": emails.absolute_url(reverse("moderation:settings")),
            },
        },
    )


def tell_editors(
    name: str, *, association: Association, context: dict | None = None, also=()
) -> None:
    """Email the association's editors (and `also`), each with links in their language."""
    emails.send(
        name,
        to=[*editors_of(association), *also],
        context={
            "association": association,
            **(context or {}),
            "for_recipient": lambda r: {
                "profile_url": emails.absolute_url(association.get_absolute_url()),
                "edit_url": emails.absolute_url(
                    reverse("associations:edit", kwargs={"slug": association.slug})
                ),
                "my_url": emails.absolute_url(reverse("my_page")),
            },
        },
    )


def record(kind: str, *, actor, association: Association | None, reason: str = "", **links):
    return ModerationAction.objects.create(
        kind=kind,
        actor=actor,
        association=association,
        association_name=association.name if association else "",
        reason=reason,
        **links,
    )


def lock(association: Association) -> Association:
    """The association's row, locked until the transaction ends."""
    return Association.objects.select_for_update().get(pk=association.pk)


# --- creating and reviewing listings ----------------------------------------------


def _new_logo_removed_on_error(workflow):
    """A workflow that fails after writing the new logo's files deletes them again.

    Outside the transaction: by the time the exception reaches here it has rolled back.
    """

    @functools.wraps(workflow)
    def run(*args, **kwargs):
        try:
            return workflow(*args, **kwargs)
        except Exception:
            logo = kwargs.get("logo")
            if logo is not None and logo.stored:
                storage, names = logo.stored
                delete_files(storage, names)
            raise

    return run


@_new_logo_removed_on_error
@transaction.atomic
def association_create(
    *, user, values: dict[str, Any], relations: dict[str, list], logo=None
) -> Association:
    """A new listing as a draft, with `user` as its owner. Only its editors see it.

    `logo` is an associations.logos.ProcessedLogo.
    """
    association = Association(**values, status=Association.Status.DRAFT, is_claimed=True)
    if logo is not None:
        logo.save_to(association)
    try:
        with transaction.atomic():
            association.save()
    except IntegrityError as exc:  # the form checked, but another save came in between
        raise WorkflowError(
            _("Another association already has this register number or business ID.")
        ) from exc
    for name, terms in relations.items():
        getattr(association, name).set(terms)
    association.update_search_terms()
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
    notify_liaisons("listing", association=association)
    return association


@transaction.atomic
def association_approve(*, association: Association, liaison, reason: str = "") -> Association:
    """Publish a listing waiting for review (or a draft the city made in the admin)."""
    association = lock(association)
    if association.status not in (Association.Status.PENDING, Association.Status.DRAFT):
        raise WorkflowError(_("This listing is not waiting for review."))
    association.status = Association.Status.PUBLISHED
    association.last_verified_at = timezone.localdate()
    association.submitted_at = None
    association.save(update_fields=["status", "last_verified_at", "submitted_at"])
    record(Kind.APPROVE_LISTING, actor=liaison, association=association, reason=reason)
    tell_editors("listing_approved", association=association, context={"reason": reason})
    return association


@transaction.atomic
def association_reject(*, association: Association, liaison, reason: str) -> Association:
    """Back to the editors as a draft, with the reason, for them to fix and resend."""
    if not reason.strip():
        raise WorkflowError(_("Tell the editors why, so that they can fix the listing."))
    association = lock(association)
    if association.status != Association.Status.PENDING:
        raise WorkflowError(_("This listing is not waiting for review."))
    association.status = Association.Status.DRAFT
    association.submitted_at = None
    association.save(update_fields=["status", "submitted_at"])
    record(Kind.REJECT_LISTING, actor=liaison, association=association, reason=reason)
    tell_editors("listing_rejected", association=association, context={"reason": reason})
    return association


@transaction.atomic
def association_hide(*, association: Association, liaison, reason: str) -> Association:
    if not reason.strip():
        raise WorkflowError(_("Give a reason: the editors are told it."))
    association = lock(association)
    if association.status == Association.Status.HIDDEN:
        raise WorkflowError(_("This profile is hidden already."))
    association.status = Association.Status.HIDDEN
    association.submitted_at = None
    association.save(update_fields=["status", "submitted_at"])
    record(Kind.HIDE, actor=liaison, association=association, reason=reason)
    tell_editors("listing_hidden", association=association, context={"reason": reason})
    return association


@transaction.atomic
def association_restore(*, association: Association, liaison, reason: str = "") -> Association:
    association = lock(association)
    if association.status != Association.Status.HIDDEN:
        raise WorkflowError(_("Only a hidden profile can be published again."))
    association.status = Association.Status.PUBLISHED
    association.save(update_fields=["status"])
    record(Kind.RESTORE, actor=liaison, association=association, reason=reason)
    tell_editors("listing_restored", association=association, context={"reason": reason})
    return association


@transaction.atomic
def association_verify(*, association: Association, user, reason: str = "") -> Association:
    """ "The information is still correct": confirmed today; reminders start over.

    A liaison may confirm a stale profile too (say, after phoning the association):
    that is recorded with the reason.
    """
    association = lock(association)
    if association.status != Association.Status.PUBLISHED:
        raise WorkflowError(_("Only a published profile can be confirmed."))
    association.last_verified_at = timezone.localdate()
    association.verification_reminded_at = None
    association.save(update_fields=["last_verified_at", "verification_reminded_at"])
    if not Membership.objects.filter(association=association, user=user).exists():
        record(Kind.MARK_VERIFIED, actor=user, association=association, reason=reason)
    return association


# --- claims --------------------------------------------------------------------------


@transaction.atomic
def claim_create(*, association: Association, user, position: str, message: str = "") -> Claim:
    if Membership.objects.filter(association=association, user=user).exists():
        raise WorkflowError(_("You are already an editor of this association."))
    if association.is_claimed:
        raise WorkflowError(
            _("The association already keeps this listing itself. Ask its editors to invite you.")
        )
    try:
        with transaction.atomic():  # two quick clicks meet the one-pending-claim constraint
            claim = Claim.objects.create(
                association=association, user=user, position=position, message=message
            )
    except IntegrityError as exc:
        raise WorkflowError(_("You have already asked to take over this listing.")) from exc
    notify_liaisons(
        "claim", association=association, summary=position, item=("moderation:claim", claim.pk)
    )
    return claim


@transaction.atomic
def claim_approve(*, claim: Claim, liaison, reason: str = "") -> Claim:
    """The claimant becomes an owner of the listing."""
    claim = Claim.objects.select_for_update().select_related("association", "user").get(pk=claim.pk)
    if claim.status != Claim.Status.PENDING:
        raise WorkflowError(_("This claim has been decided already."))
    association = lock(claim.association)
    Membership.objects.update_or_create(
        association=association, user=claim.user, defaults={"role": Membership.Role.OWNER}
    )
    association.is_claimed = True
    association.save(update_fields=["is_claimed"])
    claim.status = Claim.Status.APPROVED
    claim.decided_at = timezone.now()
    claim.decided_by = liaison
    claim.decision_reason = reason
    claim.save()
    record(Kind.APPROVE_CLAIM, actor=liaison, association=association, reason=reason, claim=claim)
    tell_editors(
        "claim_approved", association=association, context={"claim": claim, "reason": reason}
    )
    return claim


@transaction.atomic
def claim_reject(*, claim: Claim, liaison, reason: str) -> Claim:
    if not reason.strip():
        raise WorkflowError(_("Tell the claimant why."))
    claim = Claim.objects.select_for_update().select_related("association", "user").get(pk=claim.pk)
    if claim.status != Claim.Status.PENDING:
        raise WorkflowError(_("This claim has been decided already."))
    claim.status = Claim.Status.REJECTED
    claim.decided_at = timezone.now()
    claim.decided_by = liaison
    claim.decision_reason = reason
    claim.save()
    record(
        Kind.REJECT_CLAIM, actor=liaison, association=claim.association, reason=reason, claim=claim
    )
    emails.send(
        "claim_rejected",
        to=[claim.user],
        context={
            "claim": claim,
            "association": claim.association,
            "reason": reason,
            "for_recipient": lambda r: {
                "profile_url": emails.absolute_url(claim.association.get_absolute_url())
            },
        },
    )
    return claim


# --- editors ---------------------------------------------------------------------------


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
    emails.send(
        "invitation",
        to=[existing or email],
        context={
            "association": association,
            "inviter": inviter,
            "expires_at": invitation.expires_at,
            "for_recipient": lambda r: {
                "accept_url": emails.absolute_url(
                    reverse("associations:invitation", kwargs={"token": token})
                )
            },
        },
    )
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
    invitation = Invitation.find(token)
    if invitation is None:
        raise WorkflowError(_("This invitation link is not valid. Ask for a new invitation."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise WorkflowError(_("This invitation has been used already. Ask for a new invitation."))
    if invitation.revoked_at is not None:
        raise WorkflowError(_("This invitation has been cancelled. Ask for a new invitation."))
    if invitation.is_expired:
        raise WorkflowError(_("This invitation has expired. Ask for a new invitation."))
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
        elif association.status != Association.Status.HIDDEN:
            association.status = Association.Status.HIDDEN
            association.submitted_at = None
            association.save(update_fields=["status", "submitted_at"])
            record(Kind.ORPHANED, actor=None, association=association)
            hidden.append(association)
        membership.delete()
    if hidden:
        emails.send(
            "listings_orphaned",
            to=liaison_users(),
            context={
                "associations": hidden,
                # Pairs, because a template cannot zip two lists.
                "for_recipient": lambda r: {
                    "links": [
                        {
                            "association": a,
                            "url": emails.absolute_url(
                                reverse("moderation:association", kwargs={"pk": a.pk})
                            ),
                        }
                        for a in hidden
                    ]
                },
            },
        )
    return hidden


# --- editing the profile ---------------------------------------------------------------


def _relation_ids(association: Association, name: str) -> list[int]:
    return sorted(term.pk for term in getattr(association, name).all())


def _relation_names(model, ids) -> list[str]:
    return [str(term) for term in model.objects.filter(pk__in=ids)]


def profile_diff(
    association: Association, values: dict[str, Any], relations: dict[str, list]
) -> list[dict]:
    """The fields whose value in `values`/`relations` differs from the saved profile."""
    changes = []
    for name in PROFILE_FIELDS:
        if name not in values:
            continue
        old, new = getattr(association, name), values[name]
        if old != new:
            changes.append({"field": name, "old": old, "new": new})
    for name, terms in relations.items():
        old_ids = _relation_ids(association, name)
        new_ids = sorted(term.pk for term in terms)
        if old_ids != new_ids:
            model = Association._meta.get_field(name).related_model
            changes.append(
                {
                    "field": name,
                    "old": old_ids,
                    "new": new_ids,
                    "old_names": _relation_names(model, old_ids),
                    "new_names": [str(term) for term in terms],
                }
            )
    return changes


def _apply(association: Association, changes: list[dict]) -> None:
    """Set the `new` value of each change, and save with the version bumped."""
    relations = {}
    for change in changes:
        if change["field"] in PROFILE_RELATIONS:
            relations[change["field"]] = change["new"]
        elif change["field"] in ("logo", "logo_small"):
            setattr(association, change["field"], change["new"] or "")
        else:
            setattr(association, change["field"], change["new"])
    association.version += 1
    association.updated_at = timezone.now()
    try:
        with transaction.atomic():
            association.save()
    except IntegrityError as exc:
        raise WorkflowError(
            _("Another association already has this register number or business ID.")
        ) from exc
    for name, ids in relations.items():
        getattr(association, name).set(ids)
    if relations:
        association.update_search_terms()


@dataclass
class ProfileUpdate:
    applied: ProfileChange | None = None
    pending: ProfileChange | None = None


@_new_logo_removed_on_error
@transaction.atomic
def profile_update(
    *,
    association: Association,
    user,
    base_version: int,
    values: dict[str, Any],
    relations: dict[str, list],
    logo=None,
    remove_logo: bool = False,
) -> ProfileUpdate:
    """Save an editor's form. Raises ProfileConflict if someone saved in between.

    On a published profile the changes go live at once and are recorded for the
    liaison's change feed, except a new name, register number or business ID,
    which wait for the liaison's approval. Liaisons' own edits apply at once.
    `logo` is an associations.logos.ProcessedLogo.
    """
    from associations.models.directory import is_liaison

    association = lock(association)
    if association.version != base_version:
        raise ProfileConflict(
            current=association,
            changes=list(
                association.changes.filter(version__gt=base_version)
                # Changes that never went live (waiting, or refused by the liaison) are not news.
                .exclude(status__in=[ProfileChange.Status.PENDING, ProfileChange.Status.REJECTED])
                .select_related("user")
                .order_by("created_at")
            ),
        )
    changes = profile_diff(association, values, relations)
    if logo is not None or (remove_logo and association.logo):
        old = {"logo": association.logo.name, "logo_small": association.logo_small.name}
        if logo is not None:
            logo.save_to(association)
        else:
            association.logo = association.logo_small = ""
        for name in ("logo", "logo_small"):
            changes.append(
                {"field": name, "old": old[name], "new": getattr(association, name).name}
            )
    result = ProfileUpdate()
    if not changes:
        return result
    # A profile the liaison has approved once (published, or hidden for now) keeps its
    # name and identifiers until the liaison approves new ones; its changes are in the feed.
    published = association.status in (Association.Status.PUBLISHED, Association.Status.HIDDEN)
    needs_approval = []
    if published and not is_liaison(user):
        needs_approval = [c for c in changes if c["field"] in FIELDS_NEEDING_APPROVAL]
        changes = [c for c in changes if c["field"] not in FIELDS_NEEDING_APPROVAL]
    if changes:
        _apply(association, changes)
        result.applied = ProfileChange.objects.create(
            association=association,
            user=user,
            changes=changes,
            version=association.version,
            to_published=published,
        )
    if needs_approval:
        # One request waits at a time: a newer one takes over the fields of the
        # one waiting that it does not change itself.
        asked = {c["field"] for c in needs_approval}
        waiting = list(association.changes.pending().order_by("created_at"))
        for earlier in waiting:
            needs_approval += [c for c in earlier.changes if c["field"] not in asked]
            asked |= set(earlier.field_names)
        ProfileChange.objects.filter(pk__in=[c.pk for c in waiting]).delete()
        result.pending = ProfileChange.objects.create(
            association=association,
            user=user,
            changes=needs_approval,
            status=ProfileChange.Status.PENDING,
            version=association.version,
            to_published=True,
        )
        notify_liaisons(
            "change",
            association=association,
            summary=", ".join(str(c["new"]) for c in needs_approval),
            item=("moderation:change", result.pending.pk),
        )
    return result


def _lock_change(change: ProfileChange) -> ProfileChange:
    locked = (
        ProfileChange.objects.select_for_update(of=("self",))
        .select_related("association")
        .filter(pk=change.pk)
        .first()
    )
    if locked is None:  # a newer request from the editors took its place
        raise WorkflowError(_("The editors have replaced this request with a newer one."))
    return locked


@transaction.atomic
def change_approve(*, change: ProfileChange, liaison, reason: str = "") -> ProfileChange:
    change = _lock_change(change)
    if change.status != ProfileChange.Status.PENDING:
        raise WorkflowError(_("This change has been decided already."))
    association = lock(change.association)
    _apply(association, change.changes)
    change.status = ProfileChange.Status.APPLIED
    change.version = association.version
    change.reviewed_at = timezone.now()
    change.reviewed_by = liaison
    change.review_reason = reason
    change.save()
    record(
        Kind.APPROVE_CHANGE, actor=liaison, association=association, reason=reason, change=change
    )
    tell_editors(
        "change_approved", association=association, context={"change": change, "reason": reason}
    )
    return change


@transaction.atomic
def change_reject(*, change: ProfileChange, liaison, reason: str) -> ProfileChange:
    if not reason.strip():
        raise WorkflowError(_("Tell the editors why."))
    change = _lock_change(change)
    if change.status != ProfileChange.Status.PENDING:
        raise WorkflowError(_("This change has been decided already."))
    change.status = ProfileChange.Status.REJECTED
    change.reviewed_at = timezone.now()
    change.reviewed_by = liaison
    change.review_reason = reason
    change.save()
    record(
        Kind.REJECT_CHANGE,
        actor=liaison,
        association=change.association,
        reason=reason,
        change=change,
    )
    tell_editors(
        "change_rejected",
        association=change.association,
        context={"change": change, "reason": reason},
    )
    return change


@dataclass
class Revert:
    change: ProfileChange  # the new change that put the old values back
    skipped: list[str]  # fields changed again since, left as they are


@transaction.atomic
def change_revert(*, change: ProfileChange, liaison, reason: str = "") -> Revert:
    """Put back the values a change replaced, in one click from the change feed.

    A field that someone has changed again since is left alone (reverting it would
    undo the later change too); the result names those fields.
    """
    change = _lock_change(change)
    if change.status != ProfileChange.Status.APPLIED:
        raise WorkflowError(_("Only a change that is live can be reverted."))
    association = lock(change.association)
    current = profile_diff(
        association,
        {c["field"]: c["new"] for c in change.changes if c["field"] in PROFILE_FIELDS},
        {
            c["field"]: _terms(c["field"], c["new"])
            for c in change.changes
            if c["field"] in PROFILE_RELATIONS
        },
    )
    changed_again = {c["field"] for c in current}
    for name in ("logo", "logo_small"):
        entry = next((c for c in change.changes if c["field"] == name), None)
        if entry and getattr(association, name).name != (entry["new"] or ""):
            changed_again.add(name)
    back = [
        {
            **c,
            "old": c["new"],
            "new": c["old"],
            "old_names": c.get("new_names"),
            "new_names": c.get("old_names"),
        }
        for c in change.changes
        if c["field"] not in changed_again
    ]
    back = [{k: v for k, v in c.items() if v is not None} for c in back]
    if not back:
        raise WorkflowError(_("Every field of this change has been changed again since."))
    _apply(association, back)
    revert = ProfileChange.objects.create(
        association=association,
        user=liaison,
        changes=back,
        version=association.version,
        to_published=association.status == Association.Status.PUBLISHED,
        review_reason=reason,
    )
    change.status = ProfileChange.Status.REVERTED
    change.reviewed_at = timezone.now()
    change.reviewed_by = liaison
    change.review_reason = reason
    change.save()
    record(Kind.REVERT_CHANGE, actor=liaison, association=association, reason=reason, change=change)
    tell_editors(
        "change_reverted",
        association=association,
        context={"change": change, "reason": reason, "skipped": sorted(changed_again)},
    )
    return Revert(change=revert, skipped=sorted(changed_again))


def _terms(name: str, ids: list[int]) -> list:
    model = Association._meta.get_field(name).related_model
    return list(model.objects.filter(pk__in=ids))


# --- reports ------------------------------------------------------------------------------


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
    notify_liaisons(
        "report",
        association=association,
        # The lazy label, so that each liaison reads it in their own language.
        summary=Report.Reason(report.reason).label,
        item=("moderation:report", report.pk),
    )
    return report


@transaction.atomic
def report_close(*, report: Report, liaison, resolution: str, dismiss: bool = False) -> Report:
    report = Report.objects.select_for_update().select_related("association").get(pk=report.pk)
    if report.status != Report.Status.OPEN:
        raise WorkflowError(_("This report has been handled already."))
    report.status = Report.Status.DISMISSED if dismiss else Report.Status.RESOLVED
    report.handled_at = timezone.now()
    report.handled_by = liaison
    report.resolution = resolution
    report.save()
    record(
        Kind.DISMISS_REPORT if dismiss else Kind.RESOLVE_REPORT,
        actor=liaison,
        association=report.association,
        reason=resolution,
        report=report,
    )
    _tell_reporter(report)
    return report


def _tell_reporter(report: Report) -> None:
    """The resident who reported hears what came of it, if they left an email address."""
    if report.reporter is not None and report.reporter.is_active:
        to = report.reporter
    else:
        try:
            validate_email(report.contact.strip())
        except ValidationError:
            return
        to = emails.Recipient(email=report.contact.strip(), language=report.language)
    emails.send(
        "report_closed",
        to=[to],
        context={
            "report": report,
            "association": report.association,
            "dismissed": report.status == Report.Status.DISMISSED,
            "resolution": report.resolution,
            "for_recipient": lambda r: {
                "profile_url": emails.absolute_url(report.association.get_absolute_url())
                if report.association.is_public
                else ""
            },
        },
    )
