import datetime

import pytest

from grants.facility_hours import covers, open_for
from grants.models import Facility, OpeningHours
from tests.grants.facility_factories import FacilityFactory

pytestmark = pytest.mark.django_db

T = datetime.time


def _hours(facility, weekday, opens, closes):
    return OpeningHours.objects.create(
        facility=facility, weekday=weekday, opens=opens, closes=closes
    )


def test_a_span_covers_a_time_only_whole_and_on_its_weekday():
    facility = FacilityFactory(open_every_day=False)
    _hours(facility, 1, T(16), T(21))
    spans = list(facility.opening_hours.all())
    assert covers(spans, 1, T(18), T(20))
    assert covers(spans, 1, T(16), T(21))
    assert not covers(spans, 1, T(20), T(22))
    assert not covers(spans, 2, T(18), T(20))


def test_a_span_closing_at_midnight_covers_the_evening():
    facility = FacilityFactory(open_every_day=False)
    _hours(facility, 4, T(18), T(0))
    spans = list(facility.opening_hours.all())
    assert covers(spans, 4, T(22), T(0))
    assert covers(spans, 4, T(18), T(23, 30))
    assert list(open_for(Facility.objects.all(), 4, T(22), T(0))) == [facility]


def test_the_list_keeps_the_facilities_open_for_the_whole_time():
    evening = FacilityFactory(open_every_day=False)
    _hours(evening, 1, T(17), T(21))
    daytime = FacilityFactory(open_every_day=False)
    _hours(daytime, 1, T(8), T(16))
    split = FacilityFactory(open_every_day=False)
    _hours(split, 1, T(8), T(19))
    _hours(split, 1, T(19), T(22))
    found = set(open_for(Facility.objects.all(), 1, T(18), T(20)))
    assert found == {evening}
