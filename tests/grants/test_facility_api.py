"""/api/v1/facilities: the published facilities with the list page's filters (strict: an
unknown term is a 400), described in /api/v1/openapi.json, never with the access
instructions, and its queries bounded."""

import datetime

import pytest
from django.utils import timezone
from openapi_spec_validator import validate

from grants.facility_filters import FacilityFilter
from grants.models import Booking, Room
from tests.factories import DistrictFactory
from tests.grants.facility_factories import (
    BookingRequestFactory,
    EquipmentFactory,
    FacilityFactory,
    add_booking,
)
from tests.openapi_checks import ResponseChecker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_internet")]

API = "/api/v1/facilities"
SECRET = "Ovikoodi 4321"
T = datetime.time


@pytest.fixture
def description(client) -> dict:
    return client.get("/api/v1/openapi.json").json()


@pytest.fixture
def spec(description) -> ResponseChecker:
    return ResponseChecker(description, base_uri="urn:yhdistystori:api-v1")


@pytest.fixture
def places():
    district = DistrictFactory(
        slug="kortepohja", name_fi="Kortepohja", name_sv="Kortepohja", name_en="Kortepohja"
    )
    piano = EquipmentFactory(slug="piano", name_fi="Piano")
    gym = FacilityFactory(
        slug="kortepohjan-sali",
        name_fi="Kortepohjan koulun liikuntasali",
        kind="school_gym",
        district=district,
        capacity=80,
        access_instructions=SECRET,
        step_free_access=True,
    )
    Room.objects.create(facility=gym, name="Pukuhuone", capacity=None)
    hall = FacilityFactory(name_fi="Huhtasuon nuorisotila", kind="youth_centre", capacity=20)
    hall.equipment.set([piano])
    FacilityFactory(name_fi="Piilossa", is_published=False)
    return {"gym": gym, "hall": hall}


def names(data) -> list[str]:
    return [item["name"]["fi"] for item in data["results"]]


def test_the_description_with_facilities_is_valid_openapi(description):
    validate(description)
    assert API in description["paths"]
    assert "/api/v1/grants/awards" in description["paths"]


def test_every_parameter_the_api_reads_is_documented(description):
    documented = {p["name"] for p in description["paths"][API]["get"]["parameters"]}
    assert documented == {*FacilityFilter.base_filters, "page", "page_size"}


def test_a_facility_in_the_api(client, spec, places):
    data = spec.check(API, client.get(API, {"q": "kortepohja"}))
    [item] = data["results"]
    assert item["slug"] == "kortepohjan-sali"
    assert item["district"] == {
        "slug": "kortepohja",
        "name": {"fi": "Kortepohja", "sv": "Kortepohja", "en": "Kortepohja"},
    }
    assert item["capacity"] == 80
    assert item["accessibility"]["step_free_access"] is True
    assert item["price_per_hour"] == "10.00"
    assert item["support_per_hour"] == "30.00"
    assert item["rooms"] == [{"name": "Pukuhuone", "capacity": None, "notes": ""}]
    assert item["opening_hours"][0] == {"weekday": 0, "opens": "08:00", "closes": "22:00"}
    assert item["uri"].endswith("/facilities/kortepohjan-sali/")


def test_the_access_instructions_are_never_in_the_api(client, places):
    response = client.get(API)
    assert SECRET not in response.content.decode()
    assert "access_instructions" not in response.content.decode()


def test_only_published_facilities(client, spec, places):
    data = spec.check(API, client.get(API))
    assert names(data) == ["Huhtasuon nuorisotila", "Kortepohjan koulun liikuntasali"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"district": "kortepohja"}, ["Kortepohjan koulun liikuntasali"]),
        ({"kind": "youth_centre"}, ["Huhtasuon nuorisotila"]),
        ({"capacity": "50"}, ["Kortepohjan koulun liikuntasali"]),
        ({"access": "step_free"}, ["Kortepohjan koulun liikuntasali"]),
        ({"equipment": "piano"}, ["Huhtasuon nuorisotila"]),
        ({"page_size": "1", "page": "2"}, ["Kortepohjan koulun liikuntasali"]),
    ],
)
def test_the_filters(client, spec, places, query, expected):
    data = spec.check(API, client.get(API, query))
    assert names(data) == expected


def test_free_at_a_time_in_the_api(client, spec, places):
    today = timezone.localdate()
    day = today + datetime.timedelta(days=(1 - today.weekday()) % 7 or 7)  # next Tuesday
    add_booking(BookingRequestFactory(facility=places["gym"], starts=T(18), ends=T(20)), day)
    asked = BookingRequestFactory(facility=places["hall"], starts=T(18), ends=T(20))
    add_booking(asked, day, status=Booking.Status.REQUESTED)
    on_date = spec.check(API, client.get(API, {"date": day.isoformat(), "from": "19", "to": "20"}))
    assert names(on_date) == ["Huhtasuon nuorisotila"]
    weekly = spec.check(API, client.get(API, {"weekday": "1", "from": "19:00", "to": "21:00"}))
    assert names(weekly) == ["Huhtasuon nuorisotila"]
    other_day = spec.check(API, client.get(API, {"weekday": "2", "from": "19:00", "to": "21:00"}))
    assert len(names(other_day)) == 2


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"district": "ei-ole"}, "district"),
        ({"equipment": "ei-ole"}, "equipment"),
        ({"capacity": "abc"}, "capacity"),
        ({"date": "2026-02-30", "from": "18:00", "to": "20:00"}, "date"),
        ({"date": "2026-03-03", "from": "20:00", "to": "18:00"}, "to"),
        ({"weekday": "1", "from": "18:00"}, "to"),
    ],
)
def test_a_bad_filter_value_is_a_400_with_a_message(client, spec, places, query, field):
    response = client.get(API, query)
    assert response.status_code == 400
    data = spec.check(API, response)
    assert field in data["fields"]


@pytest.mark.parametrize("query", [{"page_size": "0"}, {"page_size": "x"}, {"page": "y"}])
def test_bad_paging_is_a_400(client, spec, places, query):
    response = client.get(API, query)
    assert response.status_code == 400
    spec.check(API, response)


def test_a_page_beyond_the_last_is_a_404(client, spec, places):
    response = client.get(API, {"page": "9"})
    assert response.status_code == 404
    spec.check(API, response)


def test_the_api_queries_are_bounded(client, places, django_assert_max_num_queries):
    for n in range(20):
        facility = FacilityFactory(name_fi=f"Tila {n:02d}")
        Room.objects.create(facility=facility, name="Sali")
    with django_assert_max_num_queries(8):
        response = client.get(API, {"weekday": "3", "from": "18:00", "to": "20:00"})
    assert response.status_code == 200
    assert response.json()["count"] == 22
