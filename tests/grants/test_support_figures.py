"""The support figures (grants/support.py): what counts as support in money and in kind,
by year, by field of activity and by district."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.db.models import Count, Sum

from grants.support import association_history, association_years, year_support
from grants.transparency import published_current
from tests.factories import AssociationFactory
from tests.grants.facility_factories import BookingRequestFactory, FacilityFactory, add_booking
from tests.grants.support_data import support_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return support_world()


def test_a_year_sums_grants_and_the_value_of_facility_use(world):
    data = year_support(2025)
    assert data.whole.amount == Decimal("10500.50")
    assert data.whole.grants == 3
    # 120 € for the choir's discounted evenings, 45 € for the club's free gym, nothing for
    # the club's hours at the normal price.
    assert data.whole.value == Decimal("165.00")
    assert data.whole.hours == Decimal("7.50")
    assert data.whole.times == 4
    assert data.whole.total == Decimal("10665.50")
    assert data.whole.associations == 2


def test_the_money_is_the_published_grants_in_force_of_the_year(world):
    expected = (
        published_current()
        .filter(decided_on__year=2025, amount__gt=0)
        .aggregate(amount=Sum("amount"), grants=Count("id"))
    )
    data = year_support(2025)
    assert (data.whole.amount, data.whole.grants) == (expected["amount"], expected["grants"])


def test_a_year_holds_only_its_own_support(world):
    data = year_support(2024)
    assert data.whole.amount == Decimal("2500.00")
    assert data.whole.value == Decimal("60.00")
    assert data.whole.hours == Decimal("2.00")
    assert year_support(2019).whole.total == 0
    assert not year_support(2019).whole


def test_an_association_in_two_fields_counts_in_both(world):
    data = year_support(2025)
    music, sport = world["music"].pk, world["sport"].pk
    # The club is in music and sport: its grants and use count in both.
    assert data.categories[music].amount == Decimal("10500.50")
    assert data.categories[music].value == Decimal("165.00")
    assert data.categories[music].associations == 2
    assert data.categories[sport].amount == Decimal("7000.50")
    assert data.categories[sport].value == Decimal("45.00")
    assert data.categories[sport].hours == Decimal("3.50")


def test_support_is_summed_by_district(world):
    data = year_support(2025)
    assert data.districts[world["centre"].pk].amount == Decimal("3500.00")
    assert data.districts[world["centre"].pk].value == Decimal("120.00")
    assert data.districts[world["kuokkala"].pk].amount == Decimal("7000.50")
    assert data.districts[world["kuokkala"].pk].value == Decimal("45.00")


def test_the_value_uses_the_prices_copied_onto_the_request(world):
    # The hall's normal price is 90 € now; the choir's request was made at 40 €.
    assert world["hall"].normal_price_per_hour == Decimal("90.00")
    choir = next(
        row for row in association_years(year=2025) if row.association_id == world["choir"].pk
    )
    assert choir.support.value == Decimal("120.00")


def test_a_price_above_the_normal_price_is_no_support():
    facility = FacilityFactory(
        price_per_hour=Decimal("50.00"), normal_price_per_hour=Decimal("40.00")
    )
    add_booking(BookingRequestFactory(facility=facility), date(2025, 1, 7))
    data = year_support(2025)
    assert data.whole.value == Decimal("0.00")
    assert data.whole.hours == Decimal("2.00")


def test_only_accepted_times_that_have_begun_count(world):
    history = association_history(world["choir"])
    years, whole = history.years, history.whole
    # 2 + 2 evenings accepted in the past; the cancelled, declined, requested and the
    # future accepted evening are left out.
    assert whole.times == 3
    assert whole.value == Decimal("180.00")
    assert [entry.year for entry in years] == [2025, 2024]


def test_an_association_without_support_has_no_history():
    history = association_history(AssociationFactory())
    assert history.years == []
    assert not history.whole
    assert not history.has_decisions


def test_a_refusal_alone_is_a_decision_but_no_support(world):
    history = association_history(world["refused"])
    assert history.years == []
    assert history.has_decisions


def test_hours_are_summed_by_the_real_length_of_a_time():
    facility = FacilityFactory(price_per_hour=Decimal("0"), normal_price_per_hour=Decimal("20"))
    request = BookingRequestFactory(facility=facility, starts=time(9, 20), ends=time(10))
    for day in (date(2025, 1, 7), date(2025, 1, 14), date(2025, 1, 21)):
        add_booking(request, day)
    data = year_support(2025)
    # 3 × 40 minutes = 2 h at 20 €.
    assert data.whole.hours == Decimal("2.00")
    assert data.whole.value == Decimal("40.00")
