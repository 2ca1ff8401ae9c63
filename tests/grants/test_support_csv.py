"""The support CSV (/grants/support.csv): one row per association per year with its
grants and its facility use, for auditors and spreadsheets."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from associations.models import Association
from tests.grants.support_data import support_world

pytestmark = pytest.mark.django_db
URL = reverse("grants:support_csv")
COLUMNS = [
    "year",
    "association",
    "business_id",
    "association_url",
    "grants",
    "grants_eur",
    "facility_times",
    "facility_hours",
    "in_kind_eur",
    "total_eur",
]


@pytest.fixture
def world():
    return support_world()


def _read(response) -> tuple[str, list[dict]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return body, list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def test_a_years_csv_has_one_row_per_supported_association(client, world):
    response = client.get(URL, {"year": "2025"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="support-2025.csv"' in response["Content-Disposition"]
    body, rows = _read(response)
    assert body.startswith("\ufeff" + ",".join(COLUMNS) + "\r\n")
    by_name = {row["association"]: row for row in rows}
    # The refused association got nothing and is not listed.
    assert set(by_name) == {"Jyväskylän Kamarikuoro ry", "Kuokkalan Urheiluseura ry"}
    choir = by_name["Jyväskylän Kamarikuoro ry"]
    assert choir == {
        "year": "2025",
        "association": "Jyväskylän Kamarikuoro ry",
        "business_id": "0737546-2",
        "association_url": "http://testserver" + world["choir"].get_absolute_url(),
        "grants": "1",
        "grants_eur": "3500.00",
        "facility_times": "2",
        "facility_hours": "4.00",
        "in_kind_eur": "120.00",
        "total_eur": "3620.00",
    }
    club = by_name["Kuokkalan Urheiluseura ry"]
    assert (club["grants"], club["grants_eur"]) == ("2", "7000.50")
    assert (club["facility_hours"], club["in_kind_eur"]) == ("3.50", "45.00")


def test_the_rows_add_up_to_the_support_page(client, world):
    _body, rows = _read(client.get(URL, {"year": "2025"}))
    assert sum(Decimal(row["total_eur"]) for row in rows) == Decimal("10665.50")


def test_without_a_year_the_csv_holds_every_year_newest_first(client, world):
    response = client.get(URL)
    assert 'filename="support.csv"' in response["Content-Disposition"]
    _body, rows = _read(response)
    assert [(row["year"], row["association"]) for row in rows] == [
        ("2025", "Jyväskylän Kamarikuoro ry"),
        ("2025", "Kuokkalan Urheiluseura ry"),
        ("2024", "Jyväskylän Kamarikuoro ry"),
    ]


def test_a_name_that_looks_like_a_formula_is_kept_as_text(client, world):
    Association.objects.filter(pk=world["club"].pk).update(name="=HYPERLINK(1)")
    _body, rows = _read(client.get(URL, {"year": "2025"}))
    assert "'=HYPERLINK(1)" in {row["association"] for row in rows}


@pytest.mark.parametrize("year", ["abc", "1999", "3000"])
def test_a_bad_year_is_refused_with_a_message(client, year):
    response = client.get(URL, {"year": year})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "2000" in response.text or "2026" in response.text


def test_the_csv_reads_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        _read(client.get(URL))
