"""What the grants app adds to shared pages (yhdistystori.contributions): on My page,
the applications of the associations a person edits and the open rounds they may still
apply to. Registered in GrantsConfig.ready()."""

from __future__ import annotations

from django.utils import timezone

from associations.models import Association
from grants.applying import editable_associations
from grants.models import Application, GrantRound
from yhdistystori.contributions import Section

# More than any association keeps; a bound on the page's size all the same.
MAX_ROWS = 100


def my_applications(user, now=None) -> dict | None:
    """None for someone who edits no published association (the section is left out)."""
    now = now or timezone.now()
    association_ids = list(editable_associations(user).values_list("pk", flat=True))
    if not association_ids:
        return None
    applications = list(
        Application.objects.filter(association_id__in=association_ids)
        .select_related("round", "association")
        .order_by("-round__closes_at", "association__name", "pk")[:MAX_ROWS]
    )
    rounds = list(GrantRound.objects.open(now).prefetch_related("eligible_categories"))
    applied = set(
        Application.objects.filter(
            round__in=rounds, association_id__in=association_ids
        ).values_list("round_id", "association_id")
    )
    categories: dict[int, set[int]] = {pk: set() for pk in association_ids}
    for association_id, category_id in Association.categories.through.objects.filter(
        association_id__in=association_ids
    ).values_list("association_id", "category_id"):
        categories[association_id].add(category_id)

    def may_apply(grant_round, association_id) -> bool:
        eligible = {category.pk for category in grant_round.eligible_categories.all()}
        fits = not eligible or bool(eligible & categories[association_id])
        return fits and (grant_round.pk, association_id) not in applied

    open_rounds = [
        grant_round
        for grant_round in rounds
        if any(may_apply(grant_round, pk) for pk in association_ids)
    ]
    return {"my_applications": applications, "open_rounds": open_rounds}


MY_PAGE = (
    Section(template="grants/my/applications.html", context=lambda r: my_applications(r.user)),
)
