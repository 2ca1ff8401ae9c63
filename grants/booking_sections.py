"""What booking requests add to the shared pages (see yhdistystori.contributions): on My
page, the requests of the associations a person edits with the address of each
association's private booking calendar; on the desk, the requests waiting for the
facilities manager. Passed to `contribute()` by GrantsConfig.ready()."""

from __future__ import annotations

from django.db.models import Min, Q
from django.utils import timezone

from grants.applying import editable_associations
from grants.booking_calendar import association_token
from grants.booking_desk import DESK_KINDS
from grants.models import Booking, BookingRequest
from yhdistystori.contributions import Section

# More than any association keeps; a bound on the page's size all the same.
MAX_ROWS = 50


def my_bookings(user, now=None) -> dict | None:
    """None for someone who edits no published association (the section is left out)."""
    now = now or timezone.now()
    associations = list(editable_associations(user))
    if not associations:
        return None
    upcoming = Q(
        bookings__status__in=(Booking.Status.REQUESTED, Booking.Status.ACCEPTED),
        bookings__during__startswith__gt=now,
    )
    requests = list(
        BookingRequest.objects.filter(association__in=associations)
        .select_related("facility", "association")
        .annotate(next_start=Min("bookings__during__startswith", filter=upcoming))
        .order_by("-created_at", "-pk")[:MAX_ROWS]
    )
    return {
        "booking_requests": requests,
        "calendars": [(a, association_token(a)) for a in associations],
    }


MY_PAGE = Section(
    template="grants/bookings/my_bookings.html", context=lambda r: my_bookings(r.user)
)

CONTRIBUTIONS: dict = {"my_page": [MY_PAGE], "desk_kinds": DESK_KINDS}
