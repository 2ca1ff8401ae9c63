"""What the grants app adds to shared pages (yhdistystori.contributions): the rounds open
for applications on the home page, and on a grants officer's My page every round by
state with its number of submitted applications. Registered in GrantsConfig.ready()."""

from __future__ import annotations

from django.http import HttpRequest

from grants import listing
from grants.permissions import is_grants_officer
from yhdistystori.contributions import Section


def home_context(request: HttpRequest) -> dict | None:
    rounds = listing.open_rounds()
    return {"open_rounds": listing.with_days_left(rounds)} if rounds else None


def officer_rounds_context(request: HttpRequest) -> dict | None:
    if not is_grants_officer(request.user):
        return None
    return {"round_groups": listing.rounds_by_state()}


HOME = Section(template="grants/home.html", context=home_context)
OFFICER_ROUNDS = Section(template="grants/my/rounds.html", context=officer_rounds_context)
