"""An association's support from the city on its profile: its grants and its use of the
city's facilities per year, side by side, with the sums over the years."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from grants.models import Booking
from tests.factories import AssociationFactory
from tests.grants.facility_factories import BookingRequestFactory, add_booking
from tests.grants.support_data import support_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return support_world()


def _section(text: str) -> str:
    return text.split('id="association-grants-title"')[1].split("</section>")[0]


def _years(section: str) -> dict:
    """{year: (grants €, in kind €, total €)} of the yearly table, and 'total'."""
    table = section.split('class="data-table association-support"')[1].split("</table>")[0]
    rows = {}
    for head, cells in re.findall(r'<th scope="row">([^<]*)</th>(.*?)</tr>', table):
        amounts = re.findall(r'data-amount="([^"]*)"', cells)
        rows[head] = tuple(Decimal(amount) for amount in amounts)
    return rows


def test_the_profile_shows_grants_and_facility_use_per_year_side_by_side(client, world):
    with translation.override("en"):
        response = client.get(world["choir"].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    section = _section(response.text)
    rows = _years(section)
    assert rows["2025"] == (Decimal("3500.00"), Decimal("120.00"), Decimal("3620.00"))
    assert rows["2024"] == (Decimal("2500.00"), Decimal("60.00"), Decimal("2560.00"))
    assert rows["Total"] == (Decimal("6000.00"), Decimal("180.00"), Decimal("6180.00"))
    assert list(rows) == ["2025", "2024", "Total"]
    assert "4 hours" in section and "1 grant" in section
    # The grant decisions are still listed under the years.
    assert "Toiminta 2024" in section


def test_an_association_with_only_facility_use_shows_it_without_decisions(client):
    association = AssociationFactory()
    request = BookingRequestFactory(association=association)
    add_booking(request, date(2025, 9, 2))
    text = client.get(association.get_absolute_url()).text
    section = _section(text)
    rows = _years(section)
    # 2 h at 40 € less 10 €.
    assert rows["2025"] == (Decimal("0"), Decimal("60.00"), Decimal("60.00"))
    assert "?association=" not in section


def test_bookings_that_give_no_support_show_no_section(client):
    association = AssociationFactory()
    request = BookingRequestFactory(association=association)
    add_booking(request, date(2025, 9, 2), status=Booking.Status.CANCELLED)
    add_booking(request, date(2025, 9, 9), status=Booking.Status.REQUESTED)
    add_booking(request, timezone.localdate() + timedelta(days=3), status=Booking.Status.DECLINED)
    response = client.get(association.get_absolute_url())
    assert response.status_code == 200
    assert "association-grants-title" not in response.text


def test_accepted_times_still_to_come_are_told_apart_from_the_support(client):
    association = AssociationFactory()
    request = BookingRequestFactory(association=association)
    add_booking(request, timezone.localdate() + timedelta(days=2))
    add_booking(request, timezone.localdate() + timedelta(days=9))
    with translation.override("en"):
        response = client.get(association.get_absolute_url())
    section = _section(response.text)
    assert "association-support" not in section  # no yearly table: nothing has begun
    assert "Booked at the city's facilities for later: 2 times, 4 hours in all" in section


def test_the_section_reads_the_same_queries_however_long_the_history(
    client, world, django_assert_max_num_queries
):
    url = world["choir"].get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    request = BookingRequestFactory(association=world["choir"])
    for year in range(2015, 2024):
        add_booking(request, date(year, 5, 5))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "2015" in _section(response.text)


def test_a_refusal_alone_is_listed_without_a_yearly_table(client, world):
    section = _section(client.get(world["refused"].get_absolute_url()).text)
    assert "association-support" not in section
    assert "0,00 €" in section.replace("\xa0", " ")
