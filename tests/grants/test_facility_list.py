"""/facilities/: the published facilities with the search and each filter, "free at this
time" by date and by weekday, chips, bad values as a 400 with a message, and bounded
queries."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from grants.models import Booking, OpeningHours
from tests.factories import DistrictFactory
from tests.grants.facility_factories import (
    BookingRequestFactory,
    EquipmentFactory,
    FacilityFactory,
    add_booking,
)

pytestmark = pytest.mark.django_db

LIST = "/facilities/"
TITLE = re.compile(r'<h2 class="result-title"><a href="[^"]*">([^<]*)</a></h2>')
T = datetime.time


def names(response) -> list[str]:
    return [html.unescape(name) for name in TITLE.findall(response.content.decode())]


def next_weekday(weekday: int) -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 or 7)


@pytest.fixture
def places():
    kortepohja = DistrictFactory(slug="kortepohja", name_fi="Kortepohja")
    huhtasuo = DistrictFactory(slug="huhtasuo", name_fi="Huhtasuo")
    piano = EquipmentFactory(slug="piano", name_fi="Piano")
    kitchen = EquipmentFactory(slug="kitchen", name_fi="Keittiö")
    gym = FacilityFactory(
        name_fi="Kortepohjan koulun liikuntasali",
        kind="school_gym",
        district=kortepohja,
        capacity=80,
        step_free_access=True,
        accessible_toilet=True,
        street_address="Ylistönmäentie 28",
    )
    youth = FacilityFactory(
        name_fi="Huhtasuon nuorisotila",
        kind="youth_centre",
        district=huhtasuo,
        capacity=25,
        induction_loop=True,
        description_fi="Nuorten olohuone, jossa on biljardipöytä.",
    )
    youth.equipment.set([piano, kitchen])
    verso = FacilityFactory(
        name_fi="Pääkirjaston kokoushuone Verso",
        kind="library_room",
        capacity=12,
        step_free_access=True,
    )
    verso.equipment.set([piano])
    FacilityFactory(name_fi="Salainen varasto", is_published=False)
    return {"gym": gym, "youth": youth, "verso": verso}


def test_the_list_shows_published_facilities_with_their_facts(client, places):
    response = client.get(LIST)
    page = response.content.decode()
    assert response.status_code == 200
    assert names(response) == [
        "Huhtasuon nuorisotila",
        "Kortepohjan koulun liikuntasali",
        "Pääkirjaston kokoushuone Verso",
    ]
    assert "80 henkeä" in page or "80 people" in page
    assert "Kortepohja" in page
    assert "10,00" in page  # the associations' price
    assert "Salainen varasto" not in page


def test_accessibility_is_shown_in_words_not_only_icons(client, places):
    page = client.get("/en/facilities/", {"q": "Kortepohjan"}).content.decode()
    results = page[page.index('<ol class="result-list"') :]
    assert "Step-free access" in results and "Accessible toilet" in results
    assert "Induction loop" not in results


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "kortepohja"}, ["Kortepohjan koulun liikuntasali"]),
        ({"q": "YLISTÖNMÄENTIE"}, ["Kortepohjan koulun liikuntasali"]),
        ({"q": "biljardi"}, ["Huhtasuon nuorisotila"]),
        ({"q": "nuorisotila huhtasuo"}, ["Huhtasuon nuorisotila"]),
        ({"q": "library"}, ["Pääkirjaston kokoushuone Verso"]),
        (
            {"district": ["kortepohja", "huhtasuo"]},
            ["Huhtasuon nuorisotila", "Kortepohjan koulun liikuntasali"],
        ),
        ({"kind": "youth_centre"}, ["Huhtasuon nuorisotila"]),
        ({"capacity": "20"}, ["Huhtasuon nuorisotila", "Kortepohjan koulun liikuntasali"]),
        ({"capacity": "81"}, []),
        (
            {"access": "step_free"},
            ["Kortepohjan koulun liikuntasali", "Pääkirjaston kokoushuone Verso"],
        ),
        ({"access": ["step_free", "accessible_toilet"]}, ["Kortepohjan koulun liikuntasali"]),
        ({"access": "induction_loop"}, ["Huhtasuon nuorisotila"]),
        ({"equipment": "piano"}, ["Huhtasuon nuorisotila", "Pääkirjaston kokoushuone Verso"]),
        ({"equipment": ["piano", "kitchen"]}, ["Huhtasuon nuorisotila"]),
    ],
)
def test_each_filter(client, places, query, expected):
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert names(response) == expected


def test_each_filter_in_use_has_a_chip_that_removes_it(client, places):
    response = client.get(LIST, {"district": ["kortepohja", "huhtasuo"], "capacity": "20"})
    page = html.unescape(response.content.decode())
    chips = re.findall(r'<a class="chip" href="([^"]*)">', page)
    assert len(chips) == 3
    assert "?district=huhtasuo&capacity=20" in chips
    assert "?district=kortepohja&district=huhtasuo" in chips


def test_an_old_link_to_a_district_that_is_gone_still_opens(client, places):
    response = client.get(LIST, {"district": ["kortepohja", "lakkautettu"]})
    assert response.status_code == 200
    assert names(response) == ["Kortepohjan koulun liikuntasali"]
    assert "lakkautettu" in response.content.decode()


def test_free_on_a_date_only_accepted_bookings_make_a_facility_busy(client, places):
    day = next_weekday(2)
    taken = BookingRequestFactory(facility=places["gym"], starts=T(18), ends=T(20))
    add_booking(taken, day)
    asked = BookingRequestFactory(facility=places["youth"], starts=T(17), ends=T(19))
    add_booking(asked, day, status=Booking.Status.REQUESTED)
    response = client.get(LIST, {"date": day.isoformat(), "from": "19:00", "to": "21:00"})
    assert response.status_code == 200
    assert names(response) == ["Huhtasuon nuorisotila", "Pääkirjaston kokoushuone Verso"]
    # Just after the booking ends, the gym is free again.
    later = client.get(LIST, {"date": day.isoformat(), "from": "20:00", "to": "21:00"})
    assert "Kortepohjan koulun liikuntasali" in names(later)


def test_free_on_a_date_needs_the_facility_open_for_the_whole_time(client, places):
    day = next_weekday(5)
    OpeningHours.objects.filter(facility=places["verso"], weekday=5).update(closes=T(16))
    response = client.get(LIST, {"date": day.isoformat(), "from": "15:00", "to": "17:00"})
    assert "Pääkirjaston kokoushuone Verso" not in names(response)
    assert "Huhtasuon nuorisotila" in names(response)
    late = client.get(LIST, {"date": day.isoformat(), "from": "21:00", "to": "00:00"})
    assert names(late) == []  # every facility closes at 22


def test_free_every_week_tests_every_such_weekday_of_the_period(client, places):
    first = next_weekday(1)
    third_week = first + datetime.timedelta(weeks=2)
    taken = BookingRequestFactory(facility=places["gym"], starts=T(18), ends=T(20))
    add_booking(taken, third_week)
    asked = BookingRequestFactory(facility=places["youth"], starts=T(18), ends=T(20))
    add_booking(asked, first, status=Booking.Status.REQUESTED)
    query = {"weekday": "1", "from": "18:30", "to": "19:30"}
    response = client.get(LIST, query)
    assert response.status_code == 200
    assert names(response) == ["Huhtasuon nuorisotila", "Pääkirjaston kokoushuone Verso"]
    # A period that ends before the booked week leaves the gym free.
    before = client.get(
        LIST,
        {
            **query,
            "starts_on": first.isoformat(),
            "ends_on": (first + datetime.timedelta(days=8)).isoformat(),
        },
    )
    assert "Kortepohjan koulun liikuntasali" in names(before)
    chip = html.unescape(response.content.decode())
    assert "18.30–19.30" in chip


def test_free_every_week_needs_the_weekday_open(client, places):
    OpeningHours.objects.filter(facility=places["verso"], weekday=6).delete()
    response = client.get(LIST, {"weekday": "6", "from": "10:00", "to": "12:00"})
    assert "Pääkirjaston kokoushuone Verso" not in names(response)
    assert len(names(response)) == 2


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"capacity": "abc"}, "capacity"),
        ({"capacity": "0"}, "capacity"),
        ({"date": "2026-02-30", "from": "18:00", "to": "20:00"}, "date"),
        ({"date": "2026-03-03", "from": "20:00", "to": "18:00"}, "to"),
        ({"date": "2026-03-03", "from": "kuusi", "to": "20:00"}, "from"),
        ({"from": "18:00", "to": "20:00"}, "date"),
        ({"date": "2026-03-03", "to": "20:00"}, "from"),
        ({"date": "2026-03-03", "weekday": "2", "from": "18:00", "to": "20:00"}, "weekday"),
        ({"weekday": "9", "from": "18:00", "to": "20:00"}, "weekday"),
        (
            {
                "weekday": "1",
                "from": "18:00",
                "to": "20:00",
                "starts_on": "2026-05-01",
                "ends_on": "2026-04-01",
            },
            "ends_on",
        ),
        (
            {
                "weekday": "1",
                "from": "18:00",
                "to": "20:00",
                "starts_on": "2026-01-01",
                "ends_on": "2027-06-01",
            },
            "ends_on",
        ),
        ({"kind": "castle"}, "kind"),
        ({"access": "elevator"}, "access"),
    ],
)
def test_bad_values_are_a_400_with_a_message_on_the_page(client, places, query, field):
    response = client.get(LIST, query)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="errors" role="alert"' in page
    # The checkbox groups show their errors in the group; other fields next to the input.
    assert f'id="id_{field}_error"' in page or "elevator" in page
    assert names(response) == []


def test_the_list_queries_are_bounded(client, places, django_assert_max_num_queries):
    for n in range(30):
        FacilityFactory(name_fi=f"Lisätila {n:02d}", district=DistrictFactory(slug=f"alue-{n}"))
    day = next_weekday(3)
    with django_assert_max_num_queries(10):
        response = client.get(
            LIST,
            {
                "district": "kortepohja",
                "equipment": "piano",
                "date": day.isoformat(),
                "from": "18:00",
                "to": "20:00",
            },
        )
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(LIST, {"page": "2"}).status_code == 200


def test_free_facilities_are_paged_in_name_order_and_counted_once(
    client, django_assert_max_num_queries
):
    """The free-time conditions are tested once for the count and the page; the second page
    holds the rest, in name order."""
    for n in range(25):
        FacilityFactory(name_fi=f"Sali {n:02d}")
    query = {"date": "2031-03-04", "from": "18:00", "to": "20:00"}
    with django_assert_max_num_queries(10) as captured:
        first = client.get("/facilities/", query)
    assert sum("EXISTS" in q["sql"] for q in captured.captured_queries) == 1
    assert "25 " in first.text
    second = client.get("/facilities/", {**query, "page": "2"}).text
    names = [f"Sali {n:02d}" for n in range(20, 25)]
    assert all(name in second for name in names)
    assert "Sali 19" not in second
    assert second.index("Sali 20") < second.index("Sali 24")
