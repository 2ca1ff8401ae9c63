"""/api/hsds/: published associations as Open Referral HSDS 3.0 organizations.

The answers are checked against HSDS's own OpenAPI description and compiled schemas
(tests/standards/hsds-3.0/), resolved from the files here, and against the
description this site serves.
"""

import uuid

import pytest
from jsonschema_path import SchemaPath
from openapi_spec_validator import OpenAPIV31SpecValidator

from associations.hsds import organization_id, organization_pk
from associations.models import Association
from tests.factories import (
    ActivityLanguageFactory,
    AssociationFactory,
    CategoryFactory,
    CompleteAssociationFactory,
    DistrictFactory,
    TargetGroupFactory,
)
from tests.openapi_checks import HSDS_FILES, HSDS_SCHEMA_URL, ResponseChecker, load_hsds

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "no_internet")]

ROOT = "/api/hsds/"
LIST = "/api/hsds/organizations"


@pytest.fixture(scope="module")
def hsds_schemas() -> dict[str, dict]:
    return {url: load_hsds(url) for url in HSDS_FILES}


@pytest.fixture(scope="module")
def official(hsds_schemas) -> ResponseChecker:
    """HSDS 3.0's own description, at the address its references are relative to."""
    url = HSDS_SCHEMA_URL + "openapi.json"
    return ResponseChecker(hsds_schemas[url], base_uri=url, resources=hsds_schemas)


@pytest.fixture
def ours(client, hsds_schemas) -> ResponseChecker:
    """The description /api/hsds/ points to."""
    document = client.get("/api/hsds/openapi.json").json()
    return ResponseChecker(document, base_uri="urn:yhdistystori:hsds", resources=hsds_schemas)


@pytest.fixture
def checkers(official, ours) -> list[ResponseChecker]:
    return [official, ours]


def check(checkers, path, response) -> dict:
    for checker in checkers:
        data = checker.check(path, response)
    return data


@pytest.fixture
def choir():
    return CompleteAssociationFactory(
        name="Jyväskylän Kamarikuoro ry",
        alternate_name="Jyväskylä kammarkör rf",
        register_number="123456",
        business_id="0737546-2",
        email="kuoro@kamarikuoro.example.fi",
        municipality="Jyväskylä",
        categories=[CategoryFactory(slug="musiikki", name_fi="Musiikki")],
        districts=[DistrictFactory(slug="keskusta", name_fi="Keskusta")],
        target_groups=[TargetGroupFactory(slug="nuoret", name_fi="Nuoret")],
        languages=[ActivityLanguageFactory(slug="fi", name_fi="suomi")],
    )


# --- The root ------------------------------------------------------------------------


def test_root_names_the_hsds_version_and_a_description_that_is_served(client, checkers):
    response = client.get(ROOT)
    data = check(checkers, "/", response)
    assert data["version"] == "3.0"
    assert data["profile"].startswith("https://")
    assert data["openapi_url"] == "http://testserver/api/hsds/openapi.json"
    description = client.get("/api/hsds/openapi.json")
    assert description.status_code == 200
    assert set(description.json()["paths"]) == {"/", "/organizations", "/organizations/{id}"}


def test_the_served_description_is_valid_openapi_3_1(client, hsds_schemas):
    fetched = []

    def from_here(url):  # HSDS's schemas are referred to by their published addresses
        fetched.append(url)
        return hsds_schemas[url]

    document = client.get("/api/hsds/openapi.json").json()
    path = SchemaPath.from_dict(
        document, base_uri="urn:yhdistystori:hsds", handlers={"https": from_here}
    )
    OpenAPIV31SpecValidator(path).validate()
    assert HSDS_SCHEMA_URL + "compiled/organization.json" in fetched


# --- One organization --------------------------------------------------------------


def test_organization_is_valid_hsds_with_its_identifiers_and_details(client, checkers, choir):
    response = client.get(f"{LIST}/{organization_id(choir.pk)}")
    data = check(checkers, "/organizations/{id}", response)
    assert data["id"] == organization_id(choir.pk)
    assert data["name"] == "Jyväskylän Kamarikuoro ry"
    assert data["alternate_name"] == "Jyväskylä kammarkör rf"
    assert data["email"] == "kuoro@kamarikuoro.example.fi"
    assert data["website"] == "https://kamarikuoro.example.fi/"
    assert data["year_incorporated"] == 1978
    assert data["legal_status"] == "registered association"
    assert data["uri"] == f"http://testserver/associations/{choir.slug}/"
    assert data["logo"].startswith("http://testserver/media/logos/")

    business_id = next(i for i in data["organization_identifiers"] if "identifier_scheme" in i)
    assert business_id["identifier_scheme"] == "FI-PRO"
    assert business_id["identifier"] == "0737546-2"
    assert business_id["organization_id"] == data["id"]
    assert "123.456" in [i["identifier"] for i in data["organization_identifiers"]]

    assert data["phones"][0]["number"] == "040 123 4567"
    address = data["locations"][0]["addresses"][0]
    assert (address["address_1"], address["postal_code"], address["city"]) == (
        "Kauppakatu 1",
        "40100",
        "Jyväskylä",
    )
    assert address["country"] == "FI"
    terms = {(a["link_type"], a["taxonomy_term"]["code"]) for a in data["attributes"]}
    assert terms == {
        ("category", "musiikki"),
        ("district", "keskusta"),
        ("target_group", "nuoret"),
        ("language", "fi"),
    }


def test_fields_without_a_value_are_left_out_not_null(client, checkers):
    bare = AssociationFactory(email="", description="", phone="", founded_year=None)
    data = check(checkers, "/organizations/{id}", client.get(f"{LIST}/{organization_id(bare.pk)}"))
    assert data["description"] == ""  # required by HSDS
    for absent in ("email", "website", "logo", "year_incorporated", "phones", "locations"):
        assert absent not in data
    assert None not in data.values()


def test_ids_are_stable_uuids(client, choir):
    first = client.get(f"{LIST}/{organization_id(choir.pk)}").json()
    again = client.get(f"{LIST}/{organization_id(choir.pk)}").json()
    assert first == again
    listed = client.get(LIST, {"full": "true"}).json()["contents"][0]
    assert listed["id"] == first["id"]
    assert listed["phones"][0]["id"] == first["phones"][0]["id"]
    assert uuid.UUID(first["id"]).version == 8
    # Clients keep these ids: the derivation must never change.
    assert organization_id(1) == "0fb8d233-e77e-80e4-844f-000000000001"
    assert organization_pk("0fb8d233-e77e-80e4-844f-000000000001") == 1


@pytest.mark.parametrize(
    "status",
    [Association.Status.DRAFT, Association.Status.PENDING, Association.Status.HIDDEN],
)
def test_unpublished_association_is_a_json_404(client, status):
    association = AssociationFactory(status=status)
    response = client.get(f"{LIST}/{organization_id(association.pk)}")
    assert response.status_code == 404
    assert response.json()["error"]
    assert association.name not in response.content.decode()


@pytest.mark.parametrize(
    "bad_id",
    [
        "42",
        "not-a-uuid",
        str(uuid.uuid4()),
        str(uuid.uuid5(uuid.NAMESPACE_URL, "1")),
        "0fb8d233-e77e-80e4-844f-000000000000",
        "0fb8d233-e77e-80e4-844f-ffffffffffff",
    ],
)
def test_an_id_that_is_no_organization_is_a_json_404(client, checkers, bad_id):
    AssociationFactory()
    response = client.get(f"{LIST}/{bad_id}")
    assert response.status_code == 404
    assert response.json()["error"]


# --- Pages ---------------------------------------------------------------------------


@pytest.fixture
def three():
    AssociationFactory(name="Luonnos ry", status=Association.Status.DRAFT)
    return [AssociationFactory(name=f"{letter}-kerho ry") for letter in "ABC"]


def test_pages_carry_hsds_paging_fields_and_published_associations_only(client, checkers, three):
    first = check(checkers, "/organizations", client.get(LIST, {"per_page": 2}))
    assert {key: value for key, value in first.items() if key != "contents"} == {
        "total_items": 3,
        "total_pages": 2,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    assert [o["name"] for o in first["contents"]] == ["A-kerho ry", "B-kerho ry"]
    second = check(checkers, "/organizations", client.get(LIST, {"per_page": 2, "page": 2}))
    assert (second["page_number"], second["size"], second["first_page"], second["last_page"]) == (
        2,
        1,
        False,
        True,
    )
    assert [o["name"] for o in second["contents"]] == ["C-kerho ry"]


def test_list_items_are_basic_unless_full_is_asked(client, checkers, choir):
    basic = check(checkers, "/organizations", client.get(LIST))["contents"][0]
    assert "organization_identifiers" not in basic
    full = check(checkers, "/organizations", client.get(LIST, {"full": "true"}))["contents"][0]
    assert full == client.get(f"{LIST}/{basic['id']}").json()


def test_no_organizations_is_one_empty_page(client, checkers):
    data = check(checkers, "/organizations", client.get(LIST))
    assert data == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": "٣"}, "page"),
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "201"}, "per_page"),
        ({"per_page": "many"}, "per_page"),
        ({"per_page": "99999999999999999999999"}, "per_page"),
        ({"full": "perhaps"}, "full"),
        ({"search": "kuoro"}, "/api/v1/associations"),
    ],
)
def test_bad_paging_input_is_a_json_400_naming_the_parameter(client, checkers, three, params, word):
    response = client.get(LIST, params)
    assert response.status_code == 400
    assert word in check(checkers[1:], "/organizations", response)["error"]


def test_bad_paging_message_is_in_the_clients_language(client, three):
    response = client.get(LIST, {"per_page": "0"}, headers={"accept-language": "fi"})
    assert response.status_code == 400
    assert "per_page" in response.json()["error"]
    assert "kokonaisluku" in response.json()["error"]


def test_page_beyond_the_last_is_a_json_404(client, checkers, three):
    response = client.get(LIST, {"page": "99999999999999999999"})
    assert response.status_code == 404
    assert "99999999999999999999" in check(checkers[1:], "/organizations", response)["error"]


def test_list_query_count_is_bounded_and_independent_of_rows(client, django_assert_max_num_queries):
    categories = [CategoryFactory() for _ in range(3)]

    def add(count):
        for _ in range(count):
            AssociationFactory(categories=categories, districts=[DistrictFactory()])

    add(3)
    # The count, the page, and with full=true the four classifications.
    with django_assert_max_num_queries(2):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(LIST, {"full": "true"}).status_code == 200
    add(40)
    with django_assert_max_num_queries(2):
        assert len(client.get(LIST).json()["contents"]) == 43
    with django_assert_max_num_queries(6):
        assert len(client.get(LIST, {"full": "1"}).json()["contents"]) == 43


def test_validation_catches_an_answer_that_breaks_hsds(official, choir, client):
    """The check can fail: an organization without its required name is refused."""
    response = client.get(f"{LIST}/{organization_id(choir.pk)}")
    broken = response.json()
    del broken["name"]
    broken["id"] = "not-a-uuid"
    validator = official.validator("/organizations/{id}", 200)
    messages = [error.message for error in validator.iter_errors(broken)]
    assert any("'name' is a required property" in m for m in messages)
    assert any("is not a 'uuid'" in m for m in messages)
