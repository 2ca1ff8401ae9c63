"""The public grant decisions in a real browser: a resident filters by year, sees the
totals as a chart with its table, and downloads the CSV; axe-clean at 360 px in Finnish
and Swedish."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations
from tests.grants.decisions_data import decisions_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_filters_decisions_by_year_and_downloads_the_csv(page):
    decisions_world()
    page.goto("/grants/decisions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Avustuspäätökset")
    page.get_by_text("Rajaukset").first.click()
    page.get_by_role("textbox", name="Vuosi").fill("2024")
    page.get_by_role("button", name="Näytä päätökset").click()
    expect(page.locator("article")).to_have_count(1)
    expect(page.locator("article h2")).to_have_text("Jyväskylän Kamarikuoro ry")
    chart = page.get_by_role("img", name="Vuosittain", exact=False)
    expect(chart).to_be_visible()
    expect(page.get_by_role("table", name="Vuosittain")).to_contain_text("2 500,00")
    csv_link = page.get_by_role("link", name="Lataa CSV-tiedostona (360Giving)")
    assert "year=2024" in csv_link.get_attribute("href")
    response = page.request.get(csv_link.get_attribute("href"))
    assert response.status == 200
    assert "Amount Awarded" in response.text()
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_decisions_page_is_accessible_on_a_phone(page, language):
    decisions_world()
    page.set_viewport_size({"width": 360, "height": 740})
    prefix = "" if language == "fi" else f"/{language}"
    assert page.goto(f"{prefix}/grants/decisions/").status == 200
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    assert page.goto(f"{prefix}/grants/decisions/?association=kamarikuoro").status == 200
    assert_no_axe_violations(page)
    assert page.goto(f"{prefix}/associations/kamarikuoro/").status == 200
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
