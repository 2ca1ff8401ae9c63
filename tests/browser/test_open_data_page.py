"""A developer finds the open data from the footer, reads how to use it, and downloads
the search for Excel; the page passes axe-core and fits a 360 px screen in fi and sv."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations
from tests.factories import AssociationFactory, CategoryFactory
from yhdistystori.models import SiteConfiguration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def directory():
    SiteConfiguration(
        city_name_fi="Jyväskylä", city_name_sv="Jyväskylä", city_name_genitive_fi="Jyväskylän"
    ).save()
    music = CategoryFactory(slug="musiikki", name_fi="Musiikki", name_sv="Musik")
    AssociationFactory(name="Jyväskylän Mieskuoro ry", categories=[music], accepts_new_members=True)
    AssociationFactory(name="Kuokkalan Kamarikuoro ry", categories=[music])


def test_footer_leads_to_the_open_data_page_whose_examples_answer(page, directory):
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Avoin data (rajapinta)").click()
    page.wait_for_url("**/open-data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Avoin data")
    expect(page.locator(".attribution")).to_have_text("Lähde: Jyväskylän Yhdistystori, CC BY 4.0")

    page.locator('a[href="/api/v1/associations?q=kuoro&page_size=10"]').click()
    data = page.evaluate("() => JSON.parse(document.body.innerText)")
    assert [item["name"] for item in data["results"]] == [
        "Jyväskylän Mieskuoro ry",
        "Kuokkalan Kamarikuoro ry",
    ]


@pytest.mark.parametrize("path", ["/open-data/", "/sv/open-data/"])
def test_open_data_page_is_accessible_and_fits_a_phone(page, directory, path):
    page.goto(path)
    expect(page.locator("table.data-table")).to_have_count(3)
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    assert_no_axe_violations(page)


def test_swedish_directory_offers_the_search_for_excel_in_swedish(page, directory):
    page.goto("/sv/associations/?q=kuoro")
    link = page.get_by_role("link", name="Ladda ner för Excel")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith("-excel.csv")
    data = Path(download.path()).read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert [row["Namn"] for row in rows] == ["Jyväskylän Mieskuoro ry", "Kuokkalan Kamarikuoro ry"]
    assert rows[0]["Tar emot nya medlemmar"] == "ja"
    assert rows[1]["Tar emot nya medlemmar"] == "nej"
    assert_no_axe_violations(page)
