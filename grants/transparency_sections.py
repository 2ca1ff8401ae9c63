"""What the grants app adds to shared pages (yhdistystori.contributions): an
association's support from the city on its profile, its grants and its use of the
city's facilities per year side by side, and its grant decisions. Registered in
GrantsConfig.ready()."""

from __future__ import annotations

from django.http import HttpRequest

from grants.models import GrantDecision
from grants.support import association_history
from yhdistystori.contributions import ObjectSection

# Decades of yearly grants; more are on the decisions page the section links to.
PROFILE_DECISIONS = 30


def profile_context(request: HttpRequest, association) -> dict | None:
    """The association's support per year (grants in money, facility use in kind), the
    accepted times still to come, and its published grants in force, newest first; None
    when it has none of these."""
    history = association_history(association)
    decisions = []
    if history.has_decisions:
        decisions = list(
            GrantDecision.objects.published()
            .current()
            .filter(application__association=association)
            .select_related("application__round")
            .order_by("-decided_on", "-id")[:PROFILE_DECISIONS]
        )
    upcoming = history.upcoming
    if not decisions and not history.years and not upcoming.times:
        return None
    return {
        "association": association,
        "upcoming": upcoming,
        "decisions": decisions,
        "years": history.years,
        "whole": history.whole,
    }


ASSOCIATION_PROFILE = ObjectSection(
    template="grants/association_profile.html", context=profile_context
)
