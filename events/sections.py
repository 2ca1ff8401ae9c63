"""What the events app adds to My page (yhdistystori.contributions): the events of the
associations the person edits, and the city's events for liaisons."""

from __future__ import annotations

from django.db.models import Min, OuterRef, Q, Subquery
from django.utils import timezone

from associations.models import Membership
from events.models import EventSeries, Occurrence
from yhdistystori.contributions import Section
from yhdistystori.roles import Role, has_role

# More than anyone organises; a bound on the page's size all the same.
MAX_ROWS = 100


def my_events(user, now=None) -> dict | None:
    """The events this person manages, with their next occurrence; None when they manage
    none and may create none (the section is then left out)."""
    now = now or timezone.now()
    liaison = has_role(user, Role.LIAISON)
    own = Membership.objects.filter(user=user).values("association_id")
    if not liaison and not own.exists():
        return None
    mine = Q(organisers__in=own)
    if liaison:
        mine |= Q(by_city=True)
    next_start = (
        Occurrence.objects.filter(series=OuterRef("pk"), end__gt=now, cancelled_at__isnull=True)
        .order_by()
        .values("series")
        .annotate(first=Min("start"))
        .values("first")
    )
    ids = EventSeries.objects.filter(mine).values("pk")
    series = list(
        EventSeries.objects.filter(pk__in=ids)
        .annotate(next_start=Subquery(next_start))
        .prefetch_related("organisers")
        .order_by("next_start", "start_date", "pk")[:MAX_ROWS]
    )
    return {"my_events": series, "liaison": liaison}


MY_PAGE = (Section(template="events/manage/my_events.html", context=lambda r: my_events(r.user)),)
