"""What the booking tests share: addresses in English (/en/, whose wording is the source
text), the page's text as a reader sees it, future dates, a facility with access
instructions and requests in each state."""

from __future__ import annotations

import datetime
import re

from django.urls import reverse
from django.utils import timezone, translation

from grants.models import Booking, BookingRequest
from tests.grants.facility_factories import BookingRequestFactory, FacilityFactory, add_booking

DOOR_CODE = "Ovikoodi 4711#"


def en(name: str, *args, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, args=args or None, kwargs=kwargs or None)


def text(response) -> str:
    """The page's text without tags and with collapsed spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def next_weekday(weekday: int, *, weeks: int = 2) -> datetime.date:
    """The date of `weekday` (0 is Monday) at least `weeks` weeks from today."""
    start = timezone.localdate() + datetime.timedelta(weeks=weeks)
    return start + datetime.timedelta(days=(weekday - start.weekday()) % 7)


def fi(day: datetime.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def booking_facility():
    """A published facility for 40, open 8–22, with a door code in its access instructions."""
    return FacilityFactory(
        name_fi="Kuokkalan koulun liikuntasali",
        slug="kuokkalan-sali",
        capacity=40,
        access_instructions=DOOR_CODE,
    )


def pending_request(facility, association, *, dates, by=None, **fields) -> BookingRequest:
    """A weekly request waiting for an answer, with a requested time on each of `dates`."""
    request = BookingRequestFactory(
        facility=facility,
        association=association,
        requested_by=by,
        repeat=BookingRequest.Repeat.WEEKLY if len(dates) > 1 else BookingRequest.Repeat.ONCE,
        first_date=dates[0],
        last_date=dates[-1] if len(dates) > 1 else None,
        **fields,
    )
    for day in dates:
        add_booking(request, day, status=Booking.Status.REQUESTED)
    return request


def accepted_request(facility, association, *, dates, by=None, **fields) -> BookingRequest:
    request = pending_request(facility, association, dates=dates, by=by, **fields)
    request.bookings.update(status=Booking.Status.ACCEPTED)
    request.status = BookingRequest.Status.ACCEPTED
    request.save()
    return request


def weeks_of(first: datetime.date, count: int) -> list[datetime.date]:
    return [first + datetime.timedelta(weeks=n) for n in range(count)]
