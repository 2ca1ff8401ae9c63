"""/grants/decisions.json and .csv: the published grants in force in the 360Giving Data
Standard 1.4.3, validated against its schemas (tests/standards/360giving-1.4.3/), with
the decisions page's filters and a guard against formulas in the CSV."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from tests.grants.decisions_data import decisions_world
from yhdistystori.models import SiteConfiguration

pytestmark = pytest.mark.django_db

STANDARD = Path(__file__).parents[1] / "standards" / "360giving-1.4.3"
# The address the package schema refers to the grant schema by.
GRANT_SCHEMA_URL = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json"
JSON_URL = reverse("grants:decisions_json")
CSV_URL = reverse("grants:decisions_csv")


@pytest.fixture
def world(settings):
    settings.CITY_BUSINESS_ID = "0208201-1"
    SiteConfiguration.objects.update_or_create(pk=1, defaults={"city_name_fi": "Jyväskylä"})
    cache.delete(SiteConfiguration.CACHE_KEY)
    return decisions_world()


@pytest.fixture(scope="module")
def package_validator() -> Draft202012Validator:
    grant = json.loads((STANDARD / "360-giving-schema-1.4.3.json").read_text(encoding="utf-8"))
    package = json.loads(
        (STANDARD / "360-giving-package-schema-1.4.3.json").read_text(encoding="utf-8")
    )
    registry = Registry().with_resources(
        [
            (GRANT_SCHEMA_URL, DRAFT202012.create_resource(grant)),
            (grant["$id"], DRAFT202012.create_resource(grant)),
        ]
    )
    return Draft202012Validator(
        package, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def test_the_json_is_a_valid_360giving_package(client, world, package_validator):
    response = client.get(JSON_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = response.json()
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in package_validator.iter_errors(data)]
    assert errors == []
    assert len(data["grants"]) == 4


def test_a_grant_in_360giving(client, world):
    correction = world["correction"]
    grants = {g["id"]: g for g in client.get(JSON_URL).json()["grants"]}
    grant = grants[f"360G-jyvaskyla-{correction.pk}"]
    assert grant["title"] == "Toiminta 2025: Jyväskylän Kamarikuoro ry"
    assert grant["description"] == "Kevätkonsertin tilavuokrat."
    assert grant["currency"] == "EUR"
    assert grant["amountAwarded"] == 3500
    assert grant["amountAppliedFor"] == 4000
    assert grant["awardDate"] == "2025-03-11"
    assert grant["recipientOrganization"] == [
        {"id": "FI-PRO-0737546-2", "name": "Jyväskylän Kamarikuoro ry"}
    ]
    assert grant["fundingOrganization"] == [{"id": "FI-PRO-0208201-1", "name": "Jyväskylä"}]
    assert grant["grantProgramme"] == [{"code": "toiminta-avustus", "title": "Toiminta-avustus"}]
    # The corrected decision is no longer a grant; the unpublished one is not public.
    assert f"360G-jyvaskyla-{world['corrected'].pk}" not in grants
    assert f"360G-jyvaskyla-{world['unpublished'].pk}" not in grants


def test_an_association_without_a_business_id_gets_a_local_identifier(client, world):
    grants = client.get(JSON_URL, {"association": "kuokkalan-urheiluseura"}).json()["grants"]
    assert {g["recipientOrganization"][0]["id"] for g in grants} == {
        f"360G-jyvaskyla-association-{world['club'].pk}"
    }
    assert {g["amountAwarded"] for g in grants} == {6000.5, 1000}


def test_the_downloads_follow_the_filters(client, world):
    grants = client.get(JSON_URL, {"year": "2025", "programme": "toiminta-avustus"}).json()
    assert len(grants["grants"]) == 2
    rows = list(csv.reader(io.StringIO(client.get(CSV_URL, {"year": "2024"}).getvalue().decode())))
    assert len(rows) == 2


def test_no_matching_grant_is_not_an_empty_package(client, world, package_validator):
    """The standard's package holds at least one grant: none is a 404 that says why, and the
    page offers no downloads then; the CSV still has its column titles."""
    response = client.get(JSON_URL, {"year": "2031"})
    assert response.status_code == 404
    assert "Mikään julkaistu päätös ei vastaa" in response.content.decode()
    assert list(package_validator.iter_errors({"grants": []}))  # why: minItems 1
    assert len(read_csv(client.get(CSV_URL, {"year": "2031"}))) == 1
    page = client.get("/grants/decisions/", {"year": "2031"}).content.decode()
    assert "360Giving" not in page
    assert "360Giving" in client.get("/grants/decisions/").content.decode()


def test_a_bad_filter_value_is_a_400(client, world):
    for url in (JSON_URL, CSV_URL):
        response = client.get(url, {"year": "viime vuonna"})
        assert response.status_code == 400


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_has_360givings_column_titles(client, world):
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, *rows = read_csv(response)
    assert header == [
        "Identifier",
        "Title",
        "Description",
        "Currency",
        "Amount Awarded",
        "Amount Applied For",
        "Award Date",
        "Recipient Org:Identifier",
        "Recipient Org:Name",
        "Funding Org:Identifier",
        "Funding Org:Name",
        "Grant Programme:Code",
        "Grant Programme:Title",
        "Last modified",
    ]
    assert len(rows) == 4
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    row = by_id[f"360G-jyvaskyla-{world['correction'].pk}"]
    assert row["Amount Awarded"] == "3500"
    assert row["Award Date"] == "2025-03-11"
    assert row["Recipient Org:Identifier"] == "FI-PRO-0737546-2"


def test_the_csv_does_not_let_a_spreadsheet_run_a_formula(client, world):
    header, *rows = read_csv(client.get(CSV_URL))
    descriptions = [row[header.index("Description")] for row in rows]
    assert '\'=HYPERLINK("http://evil.example")' in descriptions
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_the_csv_reads_the_same_grants_as_the_json(client, world):
    header, *rows = read_csv(client.get(CSV_URL))
    grants = client.get(JSON_URL).json()["grants"]
    assert [row[0] for row in rows] == [g["id"] for g in grants]
