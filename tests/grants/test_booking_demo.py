"""The demo booking requests (`load_bookings_demo`): nothing without facilities, a spring
term of weekly bookings in every state with them, and nothing twice."""

import pytest
from django.core.management import call_command

from grants.models import Booking, BookingRequest
from grants.support import years_with_support
from tests.factories import AssociationFactory, MembershipFactory, UserFactory
from tests.grants.facility_factories import FacilityFactory

pytestmark = pytest.mark.django_db


def test_without_facilities_nothing_is_made_and_it_says_so(capsys):
    call_command("load_bookings_demo")
    assert "No published facilities" in capsys.readouterr().out
    assert not BookingRequest.objects.exists()


def test_the_demo_makes_a_spring_term_in_every_state_and_a_past_autumn_once(capsys):
    for _ in range(10):
        FacilityFactory()
    FacilityFactory(is_published=False)
    for _ in range(4):
        MembershipFactory(association=AssociationFactory(), user=UserFactory())
    call_command("load_bookings_demo")
    statuses = sorted(BookingRequest.objects.values_list("status", flat=True))
    # The five accepted series in the spring, and again in the autumn term that has begun.
    assert statuses.count("accepted") == 10
    assert statuses.count("pending") == 2
    assert statuses.count("partly_accepted") == 1
    assert statuses.count("declined") == 1
    assert not BookingRequest.objects.filter(facility__is_published=False).exists()
    months = {d.month for d in Booking.objects.accepted().values_list("on_date", flat=True)}
    assert {1, 2, 3, 4, 5} <= months and months & {9, 10, 11, 12}
    # Some of it has taken place: the support pages have support in kind to show.
    assert years_with_support()
    # Holidays of the spring (Easter, Ascension Day) were left out of the series.
    assert BookingRequest.objects.exclude(skipped_holidays=[]).exists()
    counts = (BookingRequest.objects.count(), Booking.objects.count())
    call_command("load_bookings_demo")
    assert (BookingRequest.objects.count(), Booking.objects.count()) == counts
    assert "(0 new)" in capsys.readouterr().out
