"""What the grants app adds to shared pages (yhdistystori.contributions): an
association's grant history on its profile. Registered in GrantsConfig.ready()."""

from __future__ import annotations

from django.http import HttpRequest

from grants.models import GrantDecision
from yhdistystori.contributions import ObjectSection

# Decades of yearly grants; more are on the decisions page the section links to.
PROFILE_DECISIONS = 30


def profile_context(request: HttpRequest, association) -> dict | None:
    """The association's published grants in force, newest first; None when it has none."""
    decisions = list(
        GrantDecision.objects.published()
        .current()
        .filter(application__association=association)
        .select_related("application__round")
        .order_by("-decided_on", "-id")[:PROFILE_DECISIONS]
    )
    if not decisions:
        return None
    return {"association": association, "decisions": decisions}


ASSOCIATION_PROFILE = ObjectSection(
    template="grants/association_profile.html", context=profile_context
)
