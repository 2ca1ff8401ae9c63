"""Grants and facility use over two years, for the tests of the support figures, the
support page, its CSV and the profiles."""

from __future__ import annotations

import datetime
from datetime import date
from decimal import Decimal

from django.utils import timezone

from grants.models import Booking
from tests.factories import ApplicationFactory, AssociationFactory, GrantRoundFactory
from tests.grants.decisions_data import decide, decisions_world
from tests.grants.facility_factories import BookingRequestFactory, FacilityFactory, add_booking


def support_world() -> dict:
    """decisions_world()'s grants (the choir: 2 500,00 € in 2024 and 3 500,00 € in 2025;
    the club, in music and sport: 6 000,50 € + 1 000,00 € in 2025) and facility use:

    - the choir, at a discounted hall (10 € instead of 40 € an hour): two accepted
      evenings of 2 h in 2025 (2 × 2 × 30 = 120 €) and one in 2024 (60 €); a cancelled,
      a declined and a requested evening, and an accepted one in the future, that do not
      count;
    - the club: 1.5 h at a free gym whose normal price is 30 € (45 €), and 2 h at a room
      whose association price is its normal price (no support, the hours count).

    2025: money 10 500,50 € (3 grants), in kind 165,00 € (7.5 h), total 10 665,50 €.
    """
    world = decisions_world()
    hall = FacilityFactory(
        name_fi="Kaupungintalon sali",
        price_per_hour=Decimal("10.00"),
        normal_price_per_hour=Decimal("40.00"),
    )
    gym = FacilityFactory(
        name_fi="Koulun sali",
        pricing="free",
        price_per_hour=Decimal("0"),
        normal_price_per_hour=Decimal("30.00"),
    )
    room = FacilityFactory(
        name_fi="Kokoushuone",
        pricing="normal",
        price_per_hour=Decimal("25.00"),
        normal_price_per_hour=Decimal("25.00"),
    )
    choir_hall = BookingRequestFactory(
        facility=hall, association=world["choir"], repeat="weekly", first_date=date(2024, 11, 5)
    )
    for day in (date(2024, 11, 5), date(2025, 2, 4), date(2025, 2, 11)):
        add_booking(choir_hall, day)
    add_booking(choir_hall, date(2025, 2, 18), status=Booking.Status.CANCELLED)
    add_booking(choir_hall, date(2025, 2, 25), status=Booking.Status.DECLINED)
    add_booking(choir_hall, date(2025, 3, 4), status=Booking.Status.REQUESTED)
    future = timezone.localdate() + datetime.timedelta(days=3)
    add_booking(choir_hall, future)
    # The hall's prices went up later: the times keep the prices of their request.
    hall.normal_price_per_hour = Decimal("90.00")
    hall.save()
    club_gym = BookingRequestFactory(
        facility=gym,
        association=world["club"],
        first_date=date(2025, 5, 6),
        starts=datetime.time(17),
        ends=datetime.time(18, 30),
    )
    add_booking(club_gym, date(2025, 5, 6))
    club_room = BookingRequestFactory(
        facility=room, association=world["club"], first_date=date(2025, 6, 3)
    )
    add_booking(club_room, date(2025, 6, 3))
    # A refusal: a decision that grants nothing is not a grant.
    refused = AssociationFactory(name="Hylätty ry", slug="hylatty")
    decide(
        ApplicationFactory(round=GrantRoundFactory(slug="hylatty-2025"), association=refused),
        "0.00",
        date(2025, 4, 1),
    )
    return {
        **world,
        "hall": hall,
        "gym": gym,
        "room": room,
        "refused": refused,
        "future": future,
    }
