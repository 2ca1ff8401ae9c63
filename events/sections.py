"""What the events app adds to shared pages (yhdistystori.contributions): the next
events and the next meeting of a featured series on the home page, and an
association's events on its profile; on My page, the meetings a person organises that
wait to be closed, and the events of the associations they edit (the city's events for
liaisons). Registered in EventsConfig.ready()."""

from __future__ import annotations

from django.db.models import Min, OuterRef, Q, Subquery
from django.http import HttpRequest
from django.utils import timezone

from associations.models import Membership
from events.closing import meetings_to_close
from events.listing import with_organisers
from events.models import EventSeries, Occurrence
from events.models.series import LONGEST_DURATION
from yhdistystori.contributions import ObjectSection, Section
from yhdistystori.roles import Role, has_role

HOME_EVENTS = 5
PROFILE_UPCOMING = 5
PROFILE_ATTENDED = 10


def _upcoming(now=None):
    now = now or timezone.now()
    # `start` bounds the scan of its index: nothing started a day ago is still going on.
    return (
        Occurrence.objects.public(now)
        .filter(start__gt=now - LONGEST_DURATION)
        .upcoming(now)
        .select_related("series")
    )


def home_context(request: HttpRequest) -> dict:
    upcoming = _upcoming()
    # The next meeting of each featured series (DISTINCT ON the series), soonest first.
    featured = sorted(
        upcoming.active()
        .filter(series__featured=True)
        .order_by("series_id", "start", "id")
        .distinct("series_id"),
        key=lambda occurrence: occurrence.start,
    )
    return {
        "featured": featured,
        "next_events": list(with_organisers(upcoming.active())[:HOME_EVENTS]),
    }


def profile_context(request: HttpRequest, association) -> dict | None:
    """The association's coming events and the meetings it took part in; None when both
    are empty, so a profile without events shows no empty section."""
    upcoming = list(_upcoming().filter(series__organisers=association)[:PROFILE_UPCOMING])
    attended = list(
        Occurrence.objects.public()
        .filter(participating_associations=association, closed_at__isnull=False)
        .select_related("series")
        .order_by("-start", "-id")[:PROFILE_ATTENDED]
    )
    if not upcoming and not attended:
        return None
    return {"association": association, "upcoming": upcoming, "attended": attended}


HOME = Section(template="events/home.html", context=home_context)
ASSOCIATION_PROFILE = ObjectSection(
    template="events/association_profile.html", context=profile_context
)


def meetings_to_close_context(request: HttpRequest) -> dict | None:
    meetings = meetings_to_close(request.user)
    return {"meetings_to_close": meetings} if meetings else None


MEETINGS_TO_CLOSE = Section(
    template="events/my/meetings_to_close.html", context=meetings_to_close_context
)


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
