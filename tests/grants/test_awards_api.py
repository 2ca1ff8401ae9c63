"""/api/v1/grants/awards: the published grants in force with the decisions page's filters
(strict: an unknown term is a 400), paged like /api/v1/associations, described in
/api/v1/openapi.json, and its queries bounded."""

import pytest
from openapi_spec_validator import validate

from grants.filters import DecisionFilter
from tests.factories import ApplicationFactory
from tests.grants.decisions_data import decide, decisions_world
from tests.openapi_checks import ResponseChecker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_internet")]

API = "/api/v1/grants/awards"


@pytest.fixture
def description(client) -> dict:
    return client.get("/api/v1/openapi.json").json()


@pytest.fixture
def spec(description) -> ResponseChecker:
    return ResponseChecker(description, base_uri="urn:yhdistystori:api-v1")


@pytest.fixture
def world():
    return decisions_world()


def test_the_description_with_grants_is_valid_openapi(description):
    validate(description)
    assert API in description["paths"]
    assert "/api/v1/events" in description["paths"]


def test_every_parameter_the_api_reads_is_documented(description):
    documented = {p["name"] for p in description["paths"][API]["get"]["parameters"]}
    assert documented == {*DecisionFilter.base_filters, "page", "page_size"}


def test_a_grant_in_the_api(client, spec, world):
    data = spec.check(API, client.get(API, {"association": "kamarikuoro", "year": "2025"}))
    assert data["count"] == 1
    [item] = data["results"]
    assert item["id"] == world["correction"].pk
    assert item["recipient"]["name"] == "Jyväskylän Kamarikuoro ry"
    assert item["recipient"]["business_id"] == "0737546-2"
    assert item["amount_applied"] == "4000.00"
    assert item["amount_proposed"] == "3500.00"
    assert item["amount_granted"] == "3500.00"
    assert item["corrects"] == world["corrected"].pk
    assert item["correction_reason"] == "Esityksestä poikettiin virheellisesti."
    assert item["round"]["slug"] == "toiminta-2025"
    assert item["programme"]["name"]["fi"] == "Toiminta-avustus"
    assert item["section"] == "52 §"


def test_only_published_decisions_in_force(client, spec, world):
    data = spec.check(API, client.get(API))
    assert {item["id"] for item in data["results"]} == {d.pk for d in world["current"]}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"programme": "lakkautettu"}, "programme"),
        ({"category": "ei-ole"}, "category"),
        ({"district": "ei-ole"}, "district"),
        ({"round": "ei-ole"}, "round"),
        ({"year": "kaksi"}, "year"),
        ({"year": "1999"}, "year"),
    ],
)
def test_an_unknown_or_bad_filter_value_is_a_400_with_a_message(client, spec, world, query, field):
    response = client.get(API, query)
    assert response.status_code == 400
    data = spec.check(API, response)
    assert data["error"]
    assert field in data["fields"]


def test_paging_like_the_other_apis(client, spec, world):
    first = spec.check(API, client.get(API, {"page_size": 3}))
    assert first["count"] == 4 and len(first["results"]) == 3
    assert first["previous"] is None
    assert first["next"].endswith("page_size=3&page=2")
    second = spec.check(API, client.get(first["next"]))
    assert len(second["results"]) == 1 and second["next"] is None
    assert spec.check(API, client.get(API, {"page": 9}))["error"]
    assert client.get(API, {"page": 9}).status_code == 404
    assert client.get(API, {"page_size": 0}).status_code == 400
    assert client.get(API, {"page": "x"}).status_code == 400


def test_the_api_reads_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(40):
        decide(
            ApplicationFactory(round=world["rounds"]["new"]),
            "50.00",
            world["current"][1].decided_on,
        )
    with django_assert_max_num_queries(8):
        response = client.get(API, {"year": "2025", "page_size": 100})
    assert response.json()["count"] == 43
