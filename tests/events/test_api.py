"""/api/v1/events: the answer's shape, the filters (strict: an unknown term is a 400),
paging like /api/v1/associations, its place in /api/v1/openapi.json, and its queries."""

import pytest
from django.utils import timezone
from openapi_spec_validator import validate

from events.filters import OccurrenceFilter
from tests.events.public_data import days_from_now, local, occurrence_at
from tests.factories import AssociationFactory, CategoryFactory, DistrictFactory
from tests.openapi_checks import ResponseChecker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_internet")]

API = "/api/v1/events"


@pytest.fixture
def description(client) -> dict:
    return client.get("/api/v1/openapi.json").json()


@pytest.fixture
def spec(description) -> ResponseChecker:
    return ResponseChecker(description, base_uri="urn:yhdistystori:api-v1")


@pytest.fixture
def events():
    choir = AssociationFactory(name="Kamarikuoro ry", slug="kamarikuoro")
    music = CategoryFactory(slug="musiikki", name_fi="Musiikki")
    centre = DistrictFactory(slug="keskusta", name_fi="Keskusta")
    concert = occurrence_at(
        local(2030, 12, 12, 18, 0),
        title_fi="Joulukonsertti",
        title_sv="Julkonsert",
        by_city=False,
        slug="joulukonsertti",
        capacity=100,
        registration_required=True,
    )
    concert.series.organisers.set([choir])
    concert.series.categories.set([music])
    concert.series.districts.set([centre])
    coffee = occurrence_at(
        local(2030, 6, 12, 17, 0),
        title_fi="Iltakahvit",
        audience="associations",
        online_url="https://meet.example.fi/kahvit",
    )
    coffee.cancelled_at = timezone.now()
    coffee.cancel_reason = "Sairastumisen vuoksi."
    coffee.save()
    return {"concert": concert, "coffee": coffee, "choir": choir}


def test_the_description_with_events_is_valid_openapi(description):
    validate(description)
    assert "/api/v1/events" in description["paths"]
    assert "/api/v1/associations" in description["paths"]


def test_every_parameter_the_api_reads_is_documented(description):
    documented = {p["name"] for p in description["paths"][API]["get"]["parameters"]}
    assert documented == {*OccurrenceFilter.base_filters, "page", "page_size"}


def test_an_occurrence_in_the_api(client, spec, events):
    data = spec.check(API, client.get(API, {"category": "musiikki"}))
    assert data["count"] == 1
    [item] = data["results"]
    assert item["id"] == events["concert"].pk
    assert item["series"] == "joulukonsertti"
    assert item["title"] == {"fi": "Joulukonsertti", "sv": "Julkonsert", "en": ""}
    assert item["start"] == "2030-12-12T18:00:00+02:00"
    assert item["end"] == "2030-12-12T20:00:00+02:00"
    assert item["status"] == "scheduled"
    assert item["place"]["street_address"] == "Vapaudenkatu 32"
    assert item["organisers"] == [
        {
            "id": events["choir"].pk,
            "name": "Kamarikuoro ry",
            "uri": "http://testserver/associations/kamarikuoro/",
        }
    ]
    assert item["categories"] == [{"id": "musiikki", "name": "Musiikki"}]
    assert item["districts"] == [{"id": "keskusta", "name": "Keskusta"}]
    assert item["capacity"] == 100 and item["registration_required"] is True
    assert item["url"] == f"http://testserver/events/joulukonsertti/{events['concert'].pk}/"


def test_a_cancelled_occurrence_is_listed_with_its_status(client, spec, events):
    data = spec.check(API, client.get(API, {"audience": "associations"}))
    [item] = data["results"]
    assert item["status"] == "cancelled"
    assert item["cancel_reason"] == "Sairastumisen vuoksi."
    assert item["start"] == "2030-06-12T17:00:00+03:00"
    assert item["place"]["online_url"] == "https://meet.example.fi/kahvit"


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({}, 2),
        ({"organiser": "kamarikuoro"}, 1),
        ({"organiser": "city"}, 1),
        ({"district": "keskusta", "category": "musiikki"}, 1),
        ({"from": "2030-12-01", "to": "31.12.2030"}, 1),
        ({"q": "kahvit"}, 1),
        ({"when": "past"}, 0),
    ],
)
def test_the_filters_are_those_of_the_page(client, spec, events, params, count):
    assert spec.check(API, client.get(API, params))["count"] == count


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"category": "ei-ole"}, "category"),
        ({"district": "ei-ole"}, "district"),
        ({"organiser": "ei-ole"}, "organiser"),
        ({"from": "2030-12-10", "to": "2030-12-01"}, "to"),
        ({"from": "huomenna"}, "from"),
        ({"audience": "kaikki"}, "audience"),
        ({"when": "eilen"}, "when"),
    ],
)
def test_bad_filter_values_are_a_400_naming_the_field(client, spec, events, params, field):
    response = client.get(API, params)
    assert response.status_code == 400
    data = spec.check(API, response)
    assert field in data["fields"]


def test_the_end_date_message_is_in_the_readers_language(client, events):
    response = client.get(
        API, {"from": "2030-12-10", "to": "2030-12-01"}, HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.json()["fields"]["to"][0]["message"] == "Päättymispäivä on ennen alkupäivää."


@pytest.mark.parametrize("params", [{"page_size": "0"}, {"page_size": "abc"}, {"page": "x"}])
def test_bad_paging_is_a_400(client, spec, events, params):
    response = client.get(API, params)
    assert response.status_code == 400
    assert spec.check(API, response)["error"]


def test_pages_link_to_each_other_and_end(client, spec):
    for n in range(5):
        days_from_now(n + 1)
    data = spec.check(API, client.get(API, {"page_size": "2", "page": "2"}))
    assert data["count"] == 5
    assert data["next"] == "http://testserver/api/v1/events?page_size=2&page=3"
    assert data["previous"] == "http://testserver/api/v1/events?page_size=2&page=1"
    response = client.get(API, {"page_size": "2", "page": "4"})
    assert response.status_code == 404
    spec.check(API, response)


def test_drafts_are_not_in_the_api(client):
    days_from_now(2, status="draft")
    assert client.get(API).json()["count"] == 0


def test_the_api_takes_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    music = CategoryFactory(slug="musiikki")
    for n in range(60):
        occurrence = days_from_now(n + 1, by_city=False)
        occurrence.series.organisers.set([AssociationFactory(), AssociationFactory()])
        occurrence.series.categories.set([music])
    with django_assert_max_num_queries(6):
        response = client.get(API, {"page_size": "50", "category": "musiikki"})
    assert len(response.json()["results"]) == 50


def test_no_app_can_replace_another_apps_path(monkeypatch):
    from yhdistystori import contributions

    fragment = {"paths": {"/api/v1/events": {}}}
    monkeypatch.setattr(contributions.registry, "api_paths", [fragment, fragment])
    with pytest.raises(ValueError, match="/api/v1/events"):
        contributions.api_description({"paths": {}})
