"""The public event pages in a real browser at 360 px wide, in Finnish and Swedish:
axe-core's WCAG 2.1 A/AA rules, no sideways scrolling, and finding an event by its
field and opening it from the month's calendar."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import NARROW_WIDTH, assert_fits_narrow_screen, assert_no_axe_violations
from tests.events.public_data import occurrence_at
from tests.factories import AssociationFactory, CategoryFactory, DistrictFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def events():
    music = CategoryFactory(slug="musiikki", name_fi="Musiikki", name_sv="Musik")
    DistrictFactory(slug="keskusta", name_fi="Keskusta", name_sv="Centrum")
    choir = AssociationFactory(name="Kamarikuoro ry", slug="kamarikuoro")
    soon = timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0)
    concert = occurrence_at(
        soon + timedelta(days=2),
        title_fi="Joulukonsertti",
        title_sv="Julkonsert",
        by_city=False,
        capacity=50,
        registration_required=True,
    )
    concert.series.organisers.set([choir])
    concert.series.categories.set([music])
    coffee = occurrence_at(soon + timedelta(days=3), title_fi="Iltakahvit", featured=True)
    coffee.cancelled_at = timezone.now()
    coffee.cancel_reason = "Sali on remontissa."
    coffee.save()
    return {"concert": concert, "coffee": coffee}


def check_narrow(page) -> None:
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 740})
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)


@pytest.mark.parametrize("prefix", ["", "/sv"])
def test_event_pages_are_accessible_on_a_phone(page, events, prefix):
    concert = events["concert"]
    month = timezone.localtime(concert.start)
    paths = [
        f"{prefix}/events/",
        f"{prefix}/events/?when=past",
        f"{prefix}/events/?from=31.2.2026",  # with an error message
        f"{prefix}/events/month/?year={month.year}&month={month.month}",
        f"{prefix}/events/{concert.series.slug}/",
        f"{prefix}/events/{concert.series.slug}/{concert.pk}/",
        f"{prefix}/events/{events['coffee'].series.slug}/{events['coffee'].pk}/",
        f"{prefix}/",
    ]
    for path in paths:
        page.goto(path)
        check_narrow(page)


def test_a_resident_finds_a_concert_by_its_field_and_opens_it_from_the_month(page, events):
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 740})
    page.goto("/events/")
    page.get_by_text("Rajaukset").click()
    page.get_by_label("Musiikki").check()
    page.get_by_role("button", name="Näytä tapahtumat").click()
    expect(page.locator(".result-title")).to_have_text(["Joulukonsertti"])
    page.get_by_role("link", name="Kuukausinäkymä").first.click()
    if timezone.localtime(events["concert"].start).month != timezone.localdate().month:
        page.locator("a[rel=next]").click()
    # On a phone the month is a list of the days that have events.
    page.locator(".month-list").get_by_role("link", name="Joulukonsertti").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Joulukonsertti")
    expect(page.locator("main")).to_contain_text("Jäljellä 50 / 50 paikkaa")
