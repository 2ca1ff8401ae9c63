"""Managers accept overlapping requests at once from many database connections: the
exclusion constraint lets exactly one through, and the others are told which dates
clash, with nothing half-accepted."""

import threading

import pytest
from django.db import close_old_connections, connection
from django.utils import translation

from grants import booking_requests
from grants.booking_requests import BookingError
from grants.models import Booking, BookingRequest
from tests.factories import AssociationFactory, UserFactory
from tests.grants.booking_fixtures import next_weekday, pending_request, weeks_of
from tests.grants.facility_factories import FacilityFactory

MANAGERS = 8


@pytest.mark.django_db(transaction=True)
def test_many_managers_accepting_overlapping_requests_accept_exactly_one():
    facility = FacilityFactory()
    days = weeks_of(next_weekday(2), 3)
    requests = [
        pending_request(facility, AssociationFactory(), dates=days) for _ in range(MANAGERS)
    ]
    managers = [UserFactory() for _ in range(MANAGERS)]
    start = threading.Barrier(MANAGERS)
    outcomes = []
    errors = []

    def one(manager, request):
        try:
            start.wait()
            with translation.override("en"):
                booking_requests.booking_request_accept(booking_request=request, by=manager)
            outcomes.append("accepted")
        except BookingError as refusal:
            outcomes.append(refusal.message)
        except Exception as error:  # noqa: BLE001 - the test reports every failure
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=one, args=pair) for pair in zip(managers, requests, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()

    assert errors == []
    assert outcomes.count("accepted") == 1
    listed = ", ".join(f"{d.day}.{d.month}.{d.year}" for d in days)
    for refusal in (o for o in outcomes if o != "accepted"):
        assert f"already booked for part of the time on {listed}" in refusal
    assert BookingRequest.objects.filter(status=BookingRequest.Status.ACCEPTED).count() == 1
    assert (
        BookingRequest.objects.filter(status=BookingRequest.Status.PENDING).count() == MANAGERS - 1
    )
    assert Booking.objects.filter(status=Booking.Status.ACCEPTED).count() == len(days)
    (winner,) = BookingRequest.objects.filter(status=BookingRequest.Status.ACCEPTED)
    assert set(winner.bookings.values_list("status", flat=True)) == {Booking.Status.ACCEPTED}
