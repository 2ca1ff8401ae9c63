"""/api/v1/openapi.json: the description of /api/v1/ is valid OpenAPI 3.1, and the API's
real answers (lists with filters and pages, errors, one association) match it."""

import pytest
from openapi_spec_validator import validate

from associations.filters import AssociationFilter
from tests.factories import (
    ActivityLanguageFactory,
    AssociationFactory,
    CategoryFactory,
    CompleteAssociationFactory,
    DistrictFactory,
    TargetGroupFactory,
)
from tests.openapi_checks import ResponseChecker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "no_internet")]

API = "/api/v1/associations"
LIST = "/api/v1/associations"
DETAIL = "/api/v1/associations/{id}"


@pytest.fixture
def description(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def spec(description) -> ResponseChecker:
    return ResponseChecker(description, base_uri="urn:yhdistystori:api-v1")


@pytest.fixture
def choir():
    return CompleteAssociationFactory(
        name="Jyväskylän Kamarikuoro ry",
        register_number="123456",
        business_id="0737546-2",
        categories=[CategoryFactory(slug="musiikki", name_fi="Musiikki")],
        districts=[DistrictFactory(slug="keskusta", name_fi="Keskusta")],
        target_groups=[TargetGroupFactory(slug="nuoret", name_fi="Nuoret")],
        languages=[ActivityLanguageFactory(slug="fi", name_fi="suomi")],
    )


@pytest.fixture
def several(choir):
    sport = CategoryFactory(slug="liikunta", name_fi="Liikunta")
    AssociationFactory(name="Palokan Urheiluseura ry", categories=[sport], seeks_volunteers=True)
    AssociationFactory(name="Kuokkalan Kuoro ry", accepts_new_members=True)
    AssociationFactory(name="Tyhjä ry", email="", description="", founded_year=None)
    return choir


def test_description_is_valid_openapi_3_1(description):
    assert description["openapi"].startswith("3.1")
    validate(description)  # raises, naming the first mistake


def test_every_parameter_the_api_reads_is_documented(description):
    documented = {p["name"] for p in description["paths"][LIST]["get"]["parameters"]}
    assert documented == {*AssociationFilter.base_filters, "page", "page_size"}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "kuoro"},
        {"q": "kuoro", "sort": "name"},
        {"category": ["musiikki", "liikunta"], "district": "keskusta"},
        {"language": "fi", "target_group": "nuoret"},
        {"accepts_new_members": "true", "seeks_volunteers": "0"},
        {"sort": "updated", "page_size": "2"},
        {"page_size": "2", "page": "2"},
        {"q": "ei-mitään-tällaista"},
    ],
    ids=lambda params: "&".join(f"{k}={v}" for k, v in params.items()) or "no-parameters",
)
def test_list_answers_match_the_description(client, spec, several, params):
    spec.check(LIST, client.get(API, params))


def test_paged_answer_with_both_links_matches(client, spec, several):
    data = spec.check(LIST, client.get(API, {"page_size": "1", "page": "2"}))
    assert data["next"] and data["previous"]


@pytest.mark.parametrize(
    "params",
    [
        {"category": "ei-ole"},
        {"q": "kuoro\x00"},
        {"sort": "random"},
        {"page_size": "0"},
        {"page_size": "abc"},
        {"page": "abc"},
    ],
)
def test_bad_input_is_a_400_that_matches_the_description(client, spec, several, params):
    response = client.get(API, params)
    assert response.status_code == 400
    assert spec.check(LIST, response)["error"]


def test_filter_error_names_the_field_as_described(client, spec, several):
    data = spec.check(LIST, client.get(API, {"category": "ei-ole"}))
    assert "category" in data["fields"]


def test_page_beyond_the_last_is_a_404_that_matches(client, spec, several):
    response = client.get(API, {"page": "99"})
    assert response.status_code == 404
    spec.check(LIST, response)


def test_one_association_matches_the_description(client, spec, several):
    data = spec.check(DETAIL, client.get(f"{API}/{several.pk}"))
    assert data["organization_identifiers"][0]["identifier_scheme"] == "FI-PRO"


def test_empty_fields_are_null_as_described(client, spec):
    bare = AssociationFactory(email="", alternate_name="", founded_year=None, phone="")
    data = spec.check(DETAIL, client.get(f"{API}/{bare.pk}"))
    assert data["email"] is None


def test_the_joining_details_are_in_the_answer_as_described(client, spec):
    club = AssociationFactory(
        meeting_info="Tiistaisin klo 18", how_to_join="Tule paikalle.", membership_fee="20 €"
    )
    data = spec.check(DETAIL, client.get(f"{API}/{club.pk}"))
    assert (data["meeting_info"], data["how_to_join"], data["membership_fee"]) == (
        "Tiistaisin klo 18",
        "Tule paikalle.",
        "20 €",
    )


def test_unknown_association_is_a_404_that_matches(client, spec):
    response = client.get(f"{API}/987654")
    assert response.status_code == 404
    spec.check(DETAIL, response)


def test_the_check_fails_when_an_answer_drifts_from_the_description(client, spec, choir):
    """A field the description does not know, or of another type, is caught."""
    data = client.get(f"{API}/{choir.pk}").json()
    data["id"] = str(data["id"])
    data["secret_field"] = 1
    messages = [e.message for e in spec.validator(DETAIL, 200).iter_errors(data)]
    assert any("is not of type 'integer'" in m for m in messages)
    assert any("secret_field" in m for m in messages)
