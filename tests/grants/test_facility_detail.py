"""A facility's page: its details, price compared with the normal price, opening hours,
the map link, and the week of busy times without who booked them. Unpublished
facilities are for managers only; the access instructions are never shown."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from grants.models import Booking, OpeningHours, Room
from tests.factories import AssociationFactory, DistrictFactory
from tests.grants.facility_factories import (
    BookingRequestFactory,
    EquipmentFactory,
    FacilityFactory,
    add_booking,
)

pytestmark = pytest.mark.django_db

T = datetime.time
SECRET = "Ovikoodi 4321, avain lokerossa 7"


@pytest.fixture
def verso():
    facility = FacilityFactory(
        slug="verso",
        name_fi="Pääkirjaston kokoushuone Verso",
        district=DistrictFactory(slug="keskusta", name_fi="Keskusta"),
        street_address="Vapaudenkatu 39",
        postal_code="40100",
        capacity=14,
        price_per_hour=Decimal("10.00"),
        normal_price_per_hour=Decimal("35.00"),
        rules_fi="Huone siivotaan käytön jälkeen.",
        access_instructions=SECRET,
        contact_name="Kirjaston asiakaspalvelu",
        contact_email="kirjasto@jyvaskyla.example.fi",
        induction_loop=True,
    )
    facility.equipment.set([EquipmentFactory(slug="projector", name_fi="Videotykki")])
    Room.objects.create(facility=facility, name="Verso 1", capacity=8)
    return facility


def monday_of_this_week() -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


def test_the_page_shows_the_facility(client, verso):
    response = client.get("/facilities/verso/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pääkirjaston kokoushuone Verso" in page
    assert "Vapaudenkatu 39" in page
    assert "Videotykki" in page
    assert "Verso 1" in page
    assert "Huone siivotaan käytön jälkeen." in page
    assert "kirjasto@jyvaskyla.example.fi" in page
    assert "10,00\xa0€" in page and "35,00\xa0€" in page
    assert "25,00\xa0€" in page  # the support in kind an hour
    assert "https://www.openstreetmap.org/search?query=Vapaudenkatu+39" in page
    assert "8.00–22.00" in page


def test_the_map_link_uses_the_coordinates_when_known(client, verso):
    verso.latitude, verso.longitude = Decimal("62.241678"), Decimal("25.749498")
    verso.save()
    page = client.get("/facilities/verso/").content.decode()
    assert "mlat=62.241678&amp;mlon=25.749498" in page


def test_the_access_instructions_are_never_on_the_page(client, verso, facilities_manager):
    assert SECRET not in client.get("/facilities/verso/").content.decode()
    client.force_login(facilities_manager)
    assert SECRET not in client.get("/facilities/verso/").content.decode()


def test_an_unpublished_facility_is_a_404_to_all_but_managers(
    client, verso, outsider, facilities_manager, admin_user
):
    verso.is_published = False
    verso.save()
    assert client.get("/facilities/verso/").status_code == 404
    client.force_login(outsider)
    assert client.get("/facilities/verso/").status_code == 404
    client.force_login(facilities_manager)
    assert client.get("/facilities/verso/").status_code == 200
    client.force_login(admin_user)
    assert client.get("/facilities/verso/").status_code == 200


def test_the_week_shows_busy_times_without_who_booked(client, verso):
    wednesday = monday_of_this_week() + datetime.timedelta(days=2)
    choir = AssociationFactory(name="Jyväskylän Kamarikuoro ry")
    accepted = BookingRequestFactory(
        facility=verso, association=choir, purpose="Kuoroharjoitus", starts=T(18), ends=T(20)
    )
    add_booking(accepted, wednesday)
    asked = BookingRequestFactory(
        facility=verso, purpose="Hallituksen kokous", starts=T(10), ends=T(11)
    )
    add_booking(asked, wednesday, status=Booking.Status.REQUESTED)
    page = client.get("/facilities/verso/").content.decode()
    assert "18.00</time>–<time" in page and "20.00</time>" in page
    assert "10.00</time>" not in page  # only accepted times are busy
    assert "Kamarikuoro" not in page and "Kuoroharjoitus" not in page
    assert "Hallituksen kokous" not in page


def test_other_weeks_are_reached_by_their_links(client, verso):
    day = datetime.date(2026, 3, 11)  # a Wednesday of week 11
    add_booking(BookingRequestFactory(facility=verso, starts=T(17), ends=T(19)), day)
    page = client.get("/facilities/verso/", {"week": "2026-W11"}).content.decode()
    assert "17.00</time>" in page
    assert "?week=2026-W10#week" in page and "?week=2026-W12#week" in page
    assert (
        "17.00</time>"
        not in client.get("/facilities/verso/", {"week": "2026-W12"}).content.decode()
    )


def test_a_closed_day_says_so(client, verso):
    OpeningHours.objects.filter(facility=verso, weekday=6).delete()
    page = client.get("/facilities/verso/", {"week": "2026-W11"}).content.decode()
    assert "Suljettu" in page or "Closed" in page


@pytest.mark.parametrize("week", ["2026-W60", "viikko", "1999-W01"])
def test_a_week_that_is_not_one_is_a_400_showing_this_week(client, verso, week):
    response = client.get("/facilities/verso/", {"week": week})
    assert response.status_code == 400
    assert "2026-W11" in response.content.decode()  # the example in the message


def test_the_page_has_a_place_for_requesting_a_time(client, verso):
    from django.template.loader import get_template

    assert get_template("grants/facilities/_request_link.html")


def test_the_page_reads_a_bounded_number_of_rows(client, verso, django_assert_max_num_queries):
    for n in range(10):
        add_booking(
            BookingRequestFactory(facility=verso, starts=T(8 + n), ends=T(9 + n)),
            monday_of_this_week() + datetime.timedelta(days=n % 7),
        )
    with django_assert_max_num_queries(10):
        assert client.get("/facilities/verso/").status_code == 200
