"""What the public pages of rounds show: the rounds open and coming first, the rest
newest first, and for each what was decided in the programme's previous round."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from grants.models import GrantDecision, GrantRound


@dataclass(frozen=True)
class LastTime:
    """What the previous round of the same programme granted, as published."""

    round: GrantRound
    grants: int
    total: Decimal


def current_rounds(now=None):
    """Announced rounds not yet closed: open ones first, by closing time, then the coming."""
    now = now or timezone.now()
    return list(
        GrantRound.objects.announced()
        .filter(closes_at__gt=now)
        .select_related("programme")
        .prefetch_related("eligible_categories")
        .order_by("opens_at", "closes_at", "id")
    )


def past_rounds(now=None):
    """Announced rounds that have closed, newest first (a queryset, for paging)."""
    now = now or timezone.now()
    return (
        GrantRound.objects.announced()
        .filter(closes_at__lte=now)
        .select_related("programme")
        .order_by("-closes_at", "-id")
    )


def with_days_left(rounds, now=None):
    """Each round with `days_left`: whole days until its closing day, by the city's calendar."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    for grant_round in rounds:
        grant_round.days_left = (timezone.localdate(grant_round.closes_at) - today).days
    return rounds


def last_time(rounds) -> dict[int, LastTime]:
    """For each of `rounds` (by id), the published results of the latest earlier round of
    its programme: two queries whatever the number of rounds."""
    rounds = list(rounds)
    if not rounds:
        return {}
    programmes = {r.programme_id for r in rounds}
    earlier = list(
        GrantRound.objects.filter(
            programme__in=programmes, decisions_published_at__isnull=False
        ).order_by("-opens_at", "-id")
    )
    previous: dict[int, GrantRound] = {}
    for grant_round in rounds:
        for candidate in earlier:
            if candidate.programme_id == grant_round.programme_id and (
                candidate.opens_at < grant_round.opens_at
            ):
                previous[grant_round.pk] = candidate
                break
    if not previous:
        return {}
    totals = {
        row["application__round"]: row
        for row in GrantDecision.objects.current()
        .published()
        .filter(application__round__in={r.pk for r in previous.values()}, amount__gt=0)
        .values("application__round")
        .annotate(grants=Count("id"), total=Sum("amount"))
        .order_by()
    }
    result = {}
    for pk, candidate in previous.items():
        row = totals.get(candidate.pk, {"grants": 0, "total": Decimal("0")})
        result[pk] = LastTime(round=candidate, grants=row["grants"], total=row["total"])
    return result


def open_rounds(now=None):
    """The rounds open for applications now, closing soonest first (the home page)."""
    return list(
        GrantRound.objects.open(now).select_related("programme").order_by("closes_at", "id")[:10]
    )


# A bound on the officers' overview; far more rounds than a city runs in a few years.
OVERVIEW_ROUNDS = 200


def rounds_by_state(now=None) -> list[dict]:
    """Every round (drafts too) grouped by state, each with its number of submitted
    applications: one query."""
    now = now or timezone.now()
    rounds = (
        GrantRound.objects.select_related("programme")
        .annotate(submitted=Count("applications", filter=Q(applications__status="submitted")))
        .order_by("-opens_at", "-id")[:OVERVIEW_ROUNDS]
    )
    groups: dict[str, list] = {state: [] for state in GrantRound.State.values}
    for grant_round in rounds:
        groups[grant_round.state_at(now)].append(grant_round)
    return [
        {"state": state, "label": GrantRound.State(state).label, "rounds": items}
        for state, items in groups.items()
        if items
    ]
