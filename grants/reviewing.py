"""The officers' list of a round's applications: filters, order and sums."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from grants.models import Application, GrantDecision, GrantRound

ORDERINGS = {
    "name": ("association__name", "pk"),
    "-name": ("-association__name", "-pk"),
    "amount": ("requested_amount", "association__name"),
    "-amount": ("-requested_amount", "association__name"),
}


@dataclass(frozen=True)
class Sums:
    applied: Decimal
    proposed: Decimal
    decided: Decimal
    budget: Decimal
    granted_in_round: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.granted_in_round


def _with_decision(applications):
    current = GrantDecision.objects.filter(application=OuterRef("pk"), is_current=True)
    return applications.annotate(
        decided_amount=Subquery(current.values("amount")[:1]),
        has_decision=Exists(current),
    )


def review_list(round: GrantRound, filters: dict):
    """The round's submitted applications, filtered and ordered as the officer chose."""
    applications = _with_decision(
        round.applications.submitted().select_related("association", "proposed_by")
    )
    if word := (filters.get("q") or "").strip():
        applications = applications.filter(association__name__icontains=word)
    status = filters.get("status")
    if status == "undecided":
        applications = applications.filter(has_decision=False)
    elif status == "granted":
        applications = applications.filter(decided_amount__gt=0)
    elif status == "refused":
        applications = applications.filter(decided_amount=0)
    proposal = filters.get("proposal")
    if proposal == "yes":
        applications = applications.filter(proposed_at__isnull=False)
    elif proposal == "no":
        applications = applications.filter(proposed_at__isnull=True)
    if category := filters.get("category"):
        applications = applications.filter(
            Exists(category.associations.filter(pk=OuterRef("association_id")))
        )
    if district := filters.get("district"):
        applications = applications.filter(
            Exists(district.associations.filter(pk=OuterRef("association_id")))
        )
    return applications.order_by(*ORDERINGS.get(filters.get("sort") or "name", ORDERINGS["name"]))


def sums_of(round: GrantRound, applications) -> Sums:
    """The sums of the listed applications, and what the round has left to grant."""
    zero = Decimal("0")
    totals = applications.order_by().aggregate(
        applied=Coalesce(Sum("requested_amount"), zero),
        proposed=Coalesce(Sum("proposed_amount"), zero),
    )
    decided = (
        GrantDecision.objects.current()
        .filter(application__in=applications.order_by().values("pk"))
        .aggregate(total=Coalesce(Sum("amount"), zero))["total"]
    )
    in_round = (
        GrantDecision.objects.current()
        .filter(application__round=round)
        .aggregate(total=Coalesce(Sum("amount"), zero))["total"]
    )
    return Sums(
        applied=totals["applied"],
        proposed=totals["proposed"],
        decided=decided,
        budget=round.budget,
        granted_in_round=in_round,
    )


def withdrawn(round: GrantRound):
    return (
        round.applications.filter(status=Application.Status.WITHDRAWN)
        .select_related("association")
        .order_by("association__name", "pk")
    )
