"""The booking calendars: a facility's busy times (public, no names) and an association's
own bookings behind a signed address (a bad token is a 404)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from grants.booking_calendar import association_token
from grants.models import Booking
from tests.factories import AssociationFactory
from tests.grants.booking_fixtures import (
    DOOR_CODE,
    accepted_request,
    booking_facility,
    en,
    next_weekday,
    pending_request,
    weeks_of,
)
from tests.grants.facility_factories import FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def facility(db):
    return booking_facility()


HELSINKI = ZoneInfo("Europe/Helsinki")


def events_of(response) -> list:
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_busy_feed_lists_accepted_times_without_names(client, facility, association):
    accepted = accepted_request(
        facility, association, dates=weeks_of(next_weekday(1), 3), purpose="Salainen harjoitus"
    )
    pending_request(facility, AssociationFactory(name="Odottava ry"), dates=[next_weekday(4)])
    response = client.get(en("facilities:busy_ics", slug=facility.slug))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    for secret in (association.name, "Odottava ry", "Salainen harjoitus", DOOR_CODE):
        assert secret not in body
    events = events_of(response)
    assert len(events) == 3
    assert {str(e["SUMMARY"]) for e in events} == {"Busy"}
    first = accepted.bookings.order_by("during").first()
    assert events[0].decoded("DTSTART") == first.during.lower
    assert events[0].decoded("DTSTART").astimezone(HELSINKI).hour == 18
    assert "TZID=Europe/Helsinki" in body


def test_an_unpublished_facility_has_no_busy_feed(client):
    hidden = FacilityFactory(is_published=False)
    assert client.get(en("facilities:busy_ics", slug=hidden.slug)).status_code == 404


def test_the_association_feed_lists_its_own_times_and_no_door_codes(client, facility, association):
    accepted = accepted_request(facility, association, dates=weeks_of(next_weekday(1), 2))
    pending_request(facility, association, dates=[next_weekday(5)])
    other = accepted_request(FacilityFactory(), AssociationFactory(), dates=[next_weekday(2)])
    cancelled = accepted.bookings.order_by("during").last()
    cancelled.status = Booking.Status.CANCELLED
    cancelled.cancel_reason = "Konsertti"
    cancelled.cancelled_at = cancelled.during.lower - datetime.timedelta(days=1)
    cancelled.save()
    url = en("facilities:association_ics", token=association_token(association))
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert DOOR_CODE not in body
    events = events_of(response)
    assert len(events) == 3
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries == sorted(
        [facility.name, f"Requested: {facility.name}", f"Cancelled: {facility.name}"]
    )
    assert other.facility.name not in body


@pytest.mark.parametrize("token", ["1:bad", "garbage", "x" * 40])
def test_a_bad_token_is_a_404(client, association, token):
    assert client.get(en("facilities:association_ics", token=token)).status_code == 404


def test_a_token_of_another_kind_is_a_404(client, association):
    from django.core import signing

    forged = signing.Signer().sign(str(association.pk))  # not the calendar's salt
    assert client.get(en("facilities:association_ics", token=forged)).status_code == 404


def test_the_token_is_for_one_association_only(client, association):
    token = association_token(association)
    other = AssociationFactory()
    tampered = token.replace(f"{association.pk}:", f"{other.pk}:", 1)
    assert client.get(en("facilities:association_ics", token=tampered)).status_code == 404


def test_feed_queries_do_not_grow_with_the_bookings(
    client, facility, association, django_assert_max_num_queries
):
    accepted_request(facility, association, dates=weeks_of(next_weekday(1), 20))
    with django_assert_max_num_queries(4):
        client.get(en("facilities:busy_ics", slug=facility.slug))
    with django_assert_max_num_queries(4):
        client.get(en("facilities:association_ics", token=association_token(association)))


def test_a_past_booking_leaves_the_feeds_after_some_months(client, facility, association):
    request = accepted_request(facility, association, dates=[next_weekday(1)])
    booking = request.bookings.get()
    shift = datetime.timedelta(days=200)
    booking.during = type(booking.during)(
        booking.during.lower - shift, booking.during.upper - shift, "[)"
    )
    booking.save()
    assert events_of(client.get(en("facilities:busy_ics", slug=facility.slug))) == []
