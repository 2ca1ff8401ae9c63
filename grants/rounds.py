"""The officers' side of a round: save it (with its guideline attachments) and announce it.

Called by the officers' pages (grants/round_views.py) and the admin. Each function
decides whether the change fits the round's state and raises WorkflowError with a
message for the officer when it does not.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from grants.guidelines import CheckedFile
from grants.models import GrantDecision, GrantRound, GuidelineAttachment, StateChange
from yhdistystori.forms import format_amount

# The first parts of the grants' fixed addresses (grants/urls.py) are never a round's.
RESERVED_SLUGS = {
    "rounds",
    "applications",
    "decisions",
    "decisions-csv",
    "decisions-json",
    "use-reports",
    "support",
    "support-csv",
}
ROUND_FIELDS = (
    "programme",
    "title_fi",
    "title_sv",
    "title_en",
    "description_fi",
    "description_sv",
    "description_en",
    "criteria_fi",
    "criteria_sv",
    "criteria_en",
    "budget",
    "max_grant",
    "opens_at",
    "closes_at",
    "decision_planned_on",
    "deciding_body",
    "review_period_days",
    "use_report_due_on",
)


class WorkflowError(Exception):
    """A change that cannot be made as asked; the message is for the officer."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Conflict(WorkflowError):
    """Someone else saved the round after the form was opened."""


@dataclass
class NewGuideline:
    title: str
    file: CheckedFile


@dataclass
class RoundInput:
    """What the officer's form gives: the round's own fields, its eligible categories and
    the changes to its guideline attachments."""

    values: dict
    categories: list = field(default_factory=list)
    added_guidelines: list[NewGuideline] = field(default_factory=list)
    removed_guidelines: list[int] = field(default_factory=list)


def unique_slug(title: str) -> str:
    base = slugify(title)[:70].strip("-") or "avustushaku"
    if base in RESERVED_SLUGS:
        base = f"{base}-haku"
    slug, n = base, 1
    while GrantRound.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def decided_total(grant_round: GrantRound) -> Decimal:
    """The sum of the decisions in force in the round (0 before any)."""
    total = GrantDecision.objects.current().filter(application__round=grant_round)
    return total.aggregate(total=Sum("amount"))["total"] or Decimal("0")


def has_opened(grant_round: GrantRound, now=None) -> bool:
    """Whether applicants may have relied on the round: announced and past its opening."""
    now = now or timezone.now()
    return grant_round.announced_at is not None and grant_round.opens_at <= now


def _same_minute(a, b) -> bool:
    return a.replace(second=0, microsecond=0) == b.replace(second=0, microsecond=0)


def _keep_unchanged_times(values: dict, grant_round: GrantRound) -> None:
    """The form shows times to the minute: a time left as it was keeps its seconds."""
    for name in ("opens_at", "closes_at"):
        if _same_minute(values[name], getattr(grant_round, name)):
            values[name] = getattr(grant_round, name)


def _check(values: dict, *, grant_round: GrantRound | None, now) -> None:
    if grant_round is not None:
        _keep_unchanged_times(values, grant_round)
    opens_at, closes_at = values["opens_at"], values["closes_at"]
    if closes_at <= opens_at:
        raise WorkflowError(_("The round must close after it opens."), field="closes_date")
    max_grant, budget = values.get("max_grant"), values["budget"]
    if max_grant is not None and max_grant > budget:
        raise WorkflowError(
            _("The largest single grant cannot be more than the total budget."), field="max_grant"
        )
    if grant_round is None or not has_opened(grant_round, now):
        if closes_at <= now:
            raise WorkflowError(
                _("The closing time has already passed. Give a time in the future."),
                field="closes_date",
            )
        return
    # Applicants have seen the round: what they rely on may not be taken back.
    if opens_at != grant_round.opens_at:
        raise WorkflowError(
            _("The round has opened already: its opening time can no longer change."),
            field="opens_date",
        )
    if closes_at < grant_round.closes_at:
        raise WorkflowError(
            _(
                "The round has opened already: the closing time may only be moved later, "
                "because applicants plan by it."
            ),
            field="closes_date",
        )
    decided = decided_total(grant_round)
    if budget < decided:
        raise WorkflowError(
            _("The budget cannot be less than what has been granted already (%(amount)s €).")
            % {"amount": format_amount(decided)},
            field="budget",
        )


def round_save(
    *,
    data: RoundInput,
    by,
    grant_round: GrantRound | None = None,
    seen_version: int | None = None,
    now=None,
) -> GrantRound:
    """Create a round as a draft, or update one at the version its editor saw."""
    now = now or timezone.now()
    creating = grant_round is None
    with transaction.atomic():
        if creating:
            grant_round = GrantRound(created_by=by, slug=unique_slug(data.values["title_fi"]))
        else:
            grant_round = GrantRound.objects.select_for_update().get(pk=grant_round.pk)
            if seen_version is not None and seen_version != grant_round.version:
                raise Conflict(
                    _(
                        "Someone else saved this round while you were editing. Your changes "
                        "are in the form: check the round and save again."
                    )
                )
        _check(data.values, grant_round=None if creating else grant_round, now=now)
        for name in ROUND_FIELDS:
            if name in data.values:
                setattr(grant_round, name, data.values[name])
        if not creating:
            grant_round.version += 1
        grant_round.save()
        grant_round.eligible_categories.set(data.categories)
        _change_guidelines(grant_round, data)
    return grant_round


def _change_guidelines(grant_round: GrantRound, data: RoundInput) -> None:
    removed = list(grant_round.guidelines.filter(pk__in=data.removed_guidelines))
    for attachment in removed:
        name, storage = attachment.file.name, attachment.file.storage
        attachment.delete()
        # The file goes only once the row is gone for good.
        transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    for new in data.added_guidelines:
        attachment = GuidelineAttachment(
            round=grant_round, title=new.title, size=len(new.file.data)
        )
        # The files are public media: a random part keeps a draft round's file from being
        # found by guessing its address from the round's id and the file's title.
        token = secrets.token_hex(8)
        filename = f"{slugify(new.title)[:60] or 'liite'}-{token}.{new.file.extension}"
        attachment.file.save(filename, ContentFile(new.file.data), save=False)
        attachment.save()


def round_announce(*, grant_round: GrantRound, by, now=None) -> GrantRound:
    """Make a draft round public. From then on the clock opens and closes it; the change
    is recorded with who and when."""
    now = now or timezone.now()
    with transaction.atomic():
        grant_round = GrantRound.objects.select_for_update().get(pk=grant_round.pk)
        if grant_round.announced_at is not None:
            raise WorkflowError(_("This round has been announced already."))
        if grant_round.closes_at <= now:
            raise WorkflowError(
                _("The closing time has passed. Move it later before announcing the round.")
            )
        before = grant_round.state_at(now)
        grant_round.announced_at = now
        grant_round.save(update_fields=["announced_at", "updated_at"])
        after = grant_round.state_at(now)
        StateChange.objects.create(
            round=grant_round,
            from_state=before,
            to_state=after,
            status=after,
            decided_at=now,
            decided_by=by,
        )
    return grant_round
