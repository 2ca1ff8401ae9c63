"""Editing a profile: the editors' saves with conflict checks, and the liaison's
decisions on name and identifier changes, and reverts from the change feed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations import emails
from associations.models import (
    PROFILE_FIELDS,
    PROFILE_RELATIONS,
    Association,
    ModerationAction,
    ProfileChange,
)
from associations.models.moderation import FIELDS_NEEDING_APPROVAL
from associations.workflows.common import (
    WorkflowError,
    announce,
    lock,
    new_logo_removed_on_error,
    record,
)
from associations.workflows.listings import save_checked
from yhdistystori.roles import Role, has_role

Action = ModerationAction.Action
LOGO_FIELDS = ("logo", "logo_small")


@dataclass
class ProfileConflict(Exception):
    """Someone else saved the profile after this editor opened it."""

    current: Association
    changes: list[ProfileChange] = field(default_factory=list)


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
        elif change["field"] in LOGO_FIELDS:
            setattr(association, change["field"], change["new"] or "")
        else:
            setattr(association, change["field"], change["new"])
    association.version += 1
    association.updated_at = timezone.now()
    save_checked(association)
    for name, ids in relations.items():
        getattr(association, name).set(ids)
    if relations:
        association.update_search_terms()


@dataclass
class ProfileUpdate:
    applied: ProfileChange | None = None
    pending: ProfileChange | None = None


@new_logo_removed_on_error
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
    On a draft or a listing waiting for review every change applies at once too: the
    liaison has approved no name yet, and reviews the whole listing. Each is recorded
    and moves the version on, so the desk refuses a decision on an earlier version
    and shows the liaison what changed (workflows.listings.check_seen).
    `logo` is an associations.logos.ProcessedLogo.
    """
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
        for name in LOGO_FIELDS:
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
    if published and not has_role(user, Role.LIAISON):
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
        announce(
            "change",
            pk=result.pending.pk,
            association=association,
            summary=", ".join(str(c["new"]) for c in needs_approval),
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
    change.version = association.version
    change.record_decision(
        status=ProfileChange.Status.APPLIED, by=liaison, reason=reason, save=False
    )
    change.save()
    record(
        Action.APPROVE_CHANGE, actor=liaison, association=association, reason=reason, change=change
    )
    emails.change_approved(change)
    return change


@transaction.atomic
def change_reject(*, change: ProfileChange, liaison, reason: str) -> ProfileChange:
    if not reason.strip():
        raise WorkflowError(_("Tell the editors why."))
    change = _lock_change(change)
    if change.status != ProfileChange.Status.PENDING:
        raise WorkflowError(_("This change has been decided already."))
    change.record_decision(status=ProfileChange.Status.REJECTED, by=liaison, reason=reason)
    record(
        Action.REJECT_CHANGE,
        actor=liaison,
        association=change.association,
        reason=reason,
        change=change,
    )
    emails.change_rejected(change)
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
    for name in LOGO_FIELDS:
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
        decision_reason=reason,
    )
    change.record_decision(status=ProfileChange.Status.REVERTED, by=liaison, reason=reason)
    record(
        Action.REVERT_CHANGE, actor=liaison, association=association, reason=reason, change=change
    )
    emails.change_reverted(change, skipped=sorted(changed_again))
    return Revert(change=revert, skipped=sorted(changed_again))


def _terms(name: str, ids: list[int]) -> list:
    model = Association._meta.get_field(name).related_model
    return list(model.objects.filter(pk__in=ids))
