"""/api/v1/associations (JSON, HSDS field names) and the directory's CSV export."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from associations.models import Association
from tests.factories import (
    ActivityLanguageFactory,
    AssociationFactory,
    CategoryFactory,
    CompleteAssociationFactory,
    DistrictFactory,
    TargetGroupFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

API = "/api/v1/associations"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["results"]]


@pytest.fixture
def culture():
    return CategoryFactory(slug="kulttuuri", name_fi="Kulttuuri")


@pytest.fixture
def choir(culture):
    return CompleteAssociationFactory(
        name="Jyväskylän Kamarikuoro ry",
        alternate_name="Jyväskylä kammarkör rf",
        register_number="123456",
        business_id="0737546-2",
        email="kuoro@kamarikuoro.example.fi",
        categories=[culture],
        districts=[DistrictFactory(slug="keskusta", name_fi="Keskusta")],
        target_groups=[TargetGroupFactory(slug="nuoret", name_fi="Nuoret")],
        languages=[ActivityLanguageFactory(slug="fi", name_fi="suomi")],
    )


# --- One association --------------------------------------------------------------


def test_association_uses_hsds_field_names(client, choir):
    response = client.get(f"{API}/{choir.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["id"] == choir.pk
    assert data["name"] == "Jyväskylän Kamarikuoro ry"
    assert data["alternate_name"] == "Jyväskylä kammarkör rf"
    assert data["description"] == choir.description
    assert data["email"] == "kuoro@kamarikuoro.example.fi"
    assert data["website"] == "https://kamarikuoro.example.fi/"
    assert data["year_incorporated"] == 1978
    assert data["logo"] == f"http://testserver{choir.logo.url}"
    assert data["uri"] == f"http://testserver/associations/{choir.slug}/"
    assert {
        "identifier_scheme": "FI-PRO",
        "identifier_type": "Y-tunnus",
        "identifier": "0737546-2",
    } in data["organization_identifiers"]
    assert {
        "identifier_scheme": "FI-YR",
        "identifier_type": "yhdistysrekisterinumero",
        "identifier": "123.456",
    } in data["organization_identifiers"]
    assert data["categories"] == [{"id": "kulttuuri", "name": "Kulttuuri"}]
    assert data["districts"] == [{"id": "keskusta", "name": "Keskusta"}]
    assert data["target_groups"] == [{"id": "nuoret", "name": "Nuoret"}]
    assert data["languages"] == ["fi"]
    assert data["address"]["postal_code"] == "40100"
    assert data["accepts_new_members"] is True


def test_empty_optional_fields_are_null(client):
    association = AssociationFactory(email="", alternate_name="", founded_year=None)
    data = client.get(f"{API}/{association.pk}").json()
    assert data["email"] is None
    assert data["alternate_name"] is None
    assert data["website"] is None
    assert data["logo"] is None
    assert data["year_incorporated"] is None
    assert data["organization_identifiers"] == []


def test_unknown_id_is_a_json_404(client):
    response = client.get(f"{API}/987654")
    assert response.status_code == 404
    assert "error" in response.json()


def test_id_beyond_the_database_range_is_a_json_404(client):
    response = client.get(f"{API}/99999999999999999999")
    assert response.status_code == 404
    assert "error" in response.json()


@pytest.mark.parametrize(
    "status",
    [Association.Status.DRAFT, Association.Status.PENDING, Association.Status.HIDDEN],
)
def test_unpublished_association_is_a_json_404(client, status):
    association = AssociationFactory(status=status)
    response = client.get(f"{API}/{association.pk}")
    assert response.status_code == 404
    assert "error" in response.json()
    assert association.name not in response.content.decode()


# --- The list and its filters -------------------------------------------------------


def test_list_has_count_links_and_results(client, choir):
    data = client.get(API).json()
    assert data["count"] == 1
    assert data["next"] is None
    assert data["previous"] is None
    assert data["results"][0]["id"] == choir.pk


def test_list_shows_only_published_associations(client):
    AssociationFactory(name="Julkinen ry")
    AssociationFactory(name="Luonnos ry", status=Association.Status.DRAFT)
    AssociationFactory(name="Piilotettu ry", status=Association.Status.HIDDEN)
    assert names(client.get(API)) == ["Julkinen ry"]


def test_list_is_searched_like_the_directory(client):
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    AssociationFactory(name="Palokan Urheiluseura ry")
    assert names(client.get(API, {"q": "kuoroon"})) == ["Jyväskylän Mieskuoro ry"]


def test_search_results_are_ordered_by_relevance(client):
    AssociationFactory(name="Asukasyhdistys Kortepohja ry", description="Meillä on myös kuoro.")
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    assert names(client.get(API, {"q": "kuoro"})) == [
        "Jyväskylän Mieskuoro ry",
        "Asukasyhdistys Kortepohja ry",
    ]


def test_list_takes_the_directory_filters(client, culture):
    sports = CategoryFactory(slug="liikunta")
    palokka = DistrictFactory(slug="palokka")
    swedish = ActivityLanguageFactory(slug="sv")
    youth = TargetGroupFactory(slug="nuoret")
    AssociationFactory(name="Palokan Kuoro ry", categories=[culture], districts=[palokka])
    AssociationFactory(name="Palokan Urheiluseura ry", categories=[sports], districts=[palokka])
    AssociationFactory(name="Svenska klubben rf", languages=[swedish], target_groups=[youth])
    AssociationFactory(name="Avoin Kerho ry", accepts_new_members=True, seeks_volunteers=True)

    assert names(client.get(API, {"category": "kulttuuri"})) == ["Palokan Kuoro ry"]
    assert names(client.get(API, {"category": ["kulttuuri", "liikunta"]})) == [
        "Palokan Kuoro ry",
        "Palokan Urheiluseura ry",
    ]
    assert names(client.get(API, {"district": "palokka", "category": "liikunta"})) == [
        "Palokan Urheiluseura ry"
    ]
    assert names(client.get(API, {"language": "sv"})) == ["Svenska klubben rf"]
    assert names(client.get(API, {"target_group": "nuoret"})) == ["Svenska klubben rf"]
    assert names(client.get(API, {"accepts_new_members": "true"})) == ["Avoin Kerho ry"]
    assert names(client.get(API, {"seeks_volunteers": "on"})) == ["Avoin Kerho ry"]
    assert names(client.get(API, {"q": "palokan", "category": "kulttuuri"})) == ["Palokan Kuoro ry"]


def test_unknown_filter_value_is_a_json_400_naming_the_field(client):
    response = client.get(API, {"category": "ei-ole"})
    assert response.status_code == 400
    data = response.json()
    assert "error" in data
    assert "category" in data["fields"]


# --- Paging -------------------------------------------------------------------------


@pytest.fixture
def five():
    return [AssociationFactory(name=f"{letter}-kerho ry") for letter in "ABCDE"]


def test_following_next_links_visits_every_association_once(client, five):
    url, seen, pages = f"{API}?page_size=2", [], 0
    while url:
        data = client.get(url).json()
        assert data["count"] == 5
        seen += [item["name"] for item in data["results"]]
        url = data["next"]
        pages += 1
    assert pages == 3
    assert seen == [a.name for a in five]


def test_previous_link_goes_back(client, five):
    data = client.get(API, {"page_size": 2, "page": 3, "q": "kerho"}).json()
    assert data["next"] is None
    previous = client.get(data["previous"]).json()
    assert [item["name"] for item in previous["results"]] == ["C-kerho ry", "D-kerho ry"]
    assert "q=kerho" in data["previous"]
    assert client.get(previous["previous"]).json()["previous"] is None


@pytest.mark.parametrize("page_size", ["0", "-1", "1000", "201", "abc", "1.5"])
def test_page_size_out_of_bounds_is_a_json_400(client, page_size):
    response = client.get(API, {"page_size": page_size})
    assert response.status_code == 400
    assert "page_size" in response.json()["error"]


@pytest.mark.parametrize("page_size", ["1", "200"])
def test_page_size_within_bounds_is_accepted(client, five, page_size):
    data = client.get(API, {"page_size": page_size}).json()
    assert len(data["results"]) == min(int(page_size), 5)


def test_page_beyond_the_last_is_a_json_404(client, five):
    response = client.get(API, {"page": 99})
    assert response.status_code == 404
    assert "99" in response.json()["error"]


def test_page_that_is_not_a_number_is_a_json_400(client):
    response = client.get(API, {"page": "abc"})
    assert response.status_code == 400
    assert "error" in response.json()


def test_empty_list_is_one_empty_page(client):
    data = client.get(API).json()
    assert data == {
        "count": 0,
        "count_is_exact": True,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_api_query_count_is_bounded_and_independent_of_rows(client, django_assert_max_num_queries):
    categories = [CategoryFactory() for _ in range(3)]
    districts = [DistrictFactory() for _ in range(2)]

    def add(count):
        for _ in range(count):
            AssociationFactory(categories=categories, districts=districts)

    def count_queries(params) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(API, params)
        assert response.status_code == 200
        return len(captured)

    params = {"page_size": 50, "category": categories[0].slug, "q": "testiyhdistys"}
    add(5)
    # The word search adds a savepoint and planner settings around its count.
    with django_assert_max_num_queries(11):
        few = count_queries(params)
    add(35)
    with django_assert_max_num_queries(11):
        many = count_queries(params)
    assert few == many
    assert client.get(API, params).json()["count"] == 40


# --- CSV export ---------------------------------------------------------------------

CSV_HEADER = [
    "name",
    "alternate_name",
    "register_number",
    "business_id",
    "categories",
    "districts",
    "email",
    "phone",
    "website",
    "street_address",
    "postal_code",
    "municipality",
    "founded_year",
    "accepts_new_members",
    "seeks_volunteers",
    "last_verified",
    "url",
]


def download(client, params=None) -> tuple[str, list[list[str]]]:
    response = client.get("/associations/export.csv", params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="yhdistykset-')
    text = b"".join(response.streaming_content).decode("utf-8")
    return text, list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_starts_with_a_bom_and_a_header_row(client):
    text, rows = download(client)
    assert text.startswith("\ufeff")  # spreadsheet programs then read the file as UTF-8
    assert rows == [CSV_HEADER]


def test_csv_rows_are_the_current_search_only(client):
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    AssociationFactory(name="Halssilan Mieskuoro ry")
    AssociationFactory(name="Palokan Urheiluseura ry")
    AssociationFactory(name="Luonnoskuoro ry", status=Association.Status.DRAFT)
    _text, rows = download(client, {"q": "kuoro"})
    assert [row[0] for row in rows[1:]] == ["Halssilan Mieskuoro ry", "Jyväskylän Mieskuoro ry"]


def test_csv_row_has_every_column(client, choir):
    _text, rows = download(client)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["name"] == "Jyväskylän Kamarikuoro ry"
    assert row["register_number"] == "123.456"
    assert row["business_id"] == "0737546-2"
    assert row["categories"] == "Kulttuuri"
    assert row["districts"] == "Keskusta"
    assert row["founded_year"] == "1978"
    assert row["accepts_new_members"] == "1"
    assert row["last_verified"] == choir.last_verified_at.isoformat()
    assert row["url"] == f"http://testserver/associations/{choir.slug}/"


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil.example","x")', "+SUM(A1)", "-2+3", "@cmd"]
)
def test_csv_guards_against_formula_injection(client, name):
    AssociationFactory(name=name)
    _text, rows = download(client)
    assert rows[1][0] == "'" + name


def test_csv_with_an_invalid_filter_is_a_400(client):
    response = client.get("/en/associations/export.csv", {"category": "ei-ole"})
    assert response.status_code == 400
    assert "ei-ole is not one of the available choices" in response.content.decode()


def test_csv_query_count_does_not_grow_with_rows(client):
    category = CategoryFactory()
    for _ in range(30):
        AssociationFactory(categories=[category], districts=[DistrictFactory()])
    with CaptureQueriesContext(connection) as captured:
        _text, rows = download(client)
    assert len(rows) == 31
    assert len(captured) <= 4


def test_null_character_in_the_search_is_a_json_400(client):
    response = client.get(API, {"q": "kuoro\x00"})
    assert response.status_code == 400
    assert "q" in response.json()["fields"]


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "expected"), [("0", 2), ("false", 2), ("1", 1), ("true", 1)])
def test_api_boolean_filters_read_zero_and_false_as_no_filter(client, value, expected):
    AssociationFactory(name="Avoin ry", accepts_new_members=True)
    AssociationFactory(name="Suljettu ry", accepts_new_members=False)
    data = client.get(f"/api/v1/associations?accepts_new_members={value}").json()
    assert data["count"] == expected
