"""A facility from the search to the week view in a real browser: an association finds a
free step-free room for 20 people on Tuesday evenings, asks for the spring term, the
facilities manager accepts all but one date, the busy times appear on the facility's
week view and the association's profile tells of the hours. Every page axe-clean at
360 px, in Finnish and in Swedish."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from grants.models import Booking, BookingRequest, Facility, OpeningHours
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import AssociationFactory
from tests.grants.facility_factories import BookingRequestFactory, FacilityFactory, add_booking

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TUESDAY = 1


def check(page) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def spring_term() -> tuple[date, date]:
    """The first Tuesday of next January and the last Tuesday of that May."""
    year = timezone.localdate().year + 1
    first = date(year, 1, 1)
    first += timedelta(days=(TUESDAY - first.weekday()) % 7)
    last = date(year, 5, 31)
    last -= timedelta(days=(last.weekday() - TUESDAY) % 7)
    return first, last


def finnish(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def fill_date(field, day: date) -> None:
    """Type `day` as a person would: the Finnish way, or through the browser's date picker."""
    native = field.get_attribute("type") == "date"
    field.fill(day.isoformat() if native else finnish(day))


def _open_on_tuesday_evenings(facility: Facility) -> None:
    facility.opening_hours.all().delete()
    OpeningHours.objects.create(facility=facility, weekday=TUESDAY, opens=time(16), closes=time(21))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_term_of_tuesday_evenings_from_the_search_to_the_profile(
    page, editor, association, facilities_manager, language
):
    prefix = "" if language == "fi" else "/sv"
    first, last = spring_term()
    youth_centre = FacilityFactory(
        slug="huhtasuon-nuorisotila",
        name_fi="Huhtasuon nuorisotila",
        name_sv="Huhtasuo ungdomsgård",
        capacity=30,
        step_free_access=True,
        accessible_toilet=True,
        access_instructions="Ovikoodi 4321, avain lokerossa 7.",
        open_every_day=False,
    )
    _open_on_tuesday_evenings(youth_centre)
    # Not what the association looks for: steps at the door, too small, or busy then.
    steps = FacilityFactory(name_fi="Portaiden koulu", capacity=40, open_every_day=False)
    _open_on_tuesday_evenings(steps)
    small = FacilityFactory(
        name_fi="Pieni kerhohuone", capacity=10, step_free_access=True, open_every_day=False
    )
    _open_on_tuesday_evenings(small)
    busy = FacilityFactory(
        name_fi="Varattu sali", capacity=50, step_free_access=True, open_every_day=False
    )
    _open_on_tuesday_evenings(busy)
    other = BookingRequestFactory(facility=busy, association=AssociationFactory())
    add_booking(other, first + timedelta(weeks=3))

    # The association's editor looks for a free step-free room for 20 on Tuesday evenings.
    log_in(page, editor)
    page.goto(f"{prefix}/facilities/")
    check(page)
    page.locator("details.filters summary").click()
    page.locator("#id_capacity").fill("20")
    page.locator("input[name=access][value=step_free]").check()
    page.locator("#id_weekday").select_option(str(TUESDAY))
    page.locator("#id_from").fill("18:00")
    page.locator("#id_to").fill("20:00")
    fill_date(page.locator("#id_starts_on"), first)
    fill_date(page.locator("#id_ends_on"), last)
    page.locator("details.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/facilities/\?.*weekday=1"))
    check(page)
    results = page.locator("main").inner_text()
    assert youth_centre.name_fi in results or "Huhtasuo ungdomsgård" in results
    for facility in (steps, small, busy):
        assert facility.name_fi not in results

    # It opens the facility and asks for the spring term.
    page.locator("main a[href$='/facilities/huhtasuon-nuorisotila/']").first.click()
    check(page)
    assert "4321" not in page.content()
    page.locator("main a[href$='/facilities/huhtasuon-nuorisotila/request/']").click()
    check(page)
    page.locator("input[name=repeat][value=weekly]").check()
    fill_date(page.locator("#id_first_date"), first)
    page.locator("#id_starts").fill("18:00")
    page.locator("#id_ends").fill("20:00")
    fill_date(page.locator("#id_last_date"), last)
    page.locator("#id_purpose").fill("Kuoron viikkoharjoitukset")
    page.locator("#id_attendance").fill("20")
    page.locator("button[name=check]").click()
    page.locator("#dates-title").wait_for()
    check(page)
    page.locator("button[name=send]").click()
    page.wait_for_url(re.compile(r".*/facilities/bookings/\d+/$"))
    check(page)
    request = BookingRequest.objects.get(association=association)
    times = list(request.bookings.order_by("on_date"))
    assert times[0].on_date == first and times[-1].on_date == last
    assert len(times) >= 18  # a term of Tuesdays, the public holidays left out

    # The facilities manager accepts every date but one.
    page.context.clear_cookies()
    log_in(page, facilities_manager)
    page.goto(f"{prefix}/moderation/")
    check(page)
    page.locator(f"main a[href$='/moderation/facility-bookings/{request.pk}/']").first.click()
    check(page)
    left_out = times[4].on_date
    page.locator(f"input[name=dates][value='{left_out.isoformat()}']").uncheck()
    page.locator("#id_reason").fill("Tila on silloin koulun käytössä.")
    mail.outbox.clear()
    page.locator("button[name=action][value=accept_some]").click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == BookingRequest.Status.PARTLY_ACCEPTED
    accepted = request.bookings.filter(status=Booking.Status.ACCEPTED)
    assert accepted.count() == len(times) - 1
    assert not accepted.filter(on_date=left_out).exists()
    assert [editor.email] == [
        address for m in mail.outbox for address in m.to if address == editor.email
    ]
    assert all("4321" not in m.body for m in mail.outbox)

    # The busy times show on the facility's week view, without the association's name.
    page.context.clear_cookies()
    busy_week = times[0].on_date.isocalendar()
    page.goto(
        f"{prefix}/facilities/huhtasuon-nuorisotila/?week={busy_week.year}-W{busy_week.week:02d}"
    )
    check(page)
    week = page.locator("main").inner_text()
    assert re.search(r"18[.:]00\s*[–-]\s*20[.:]00", week), week
    assert association.name not in week
    free_week = left_out.isocalendar()
    page.goto(
        f"{prefix}/facilities/huhtasuon-nuorisotila/?week={free_week.year}-W{free_week.week:02d}"
    )
    assert not re.search(r"18[.:]00\s*[–-]\s*20[.:]00", page.locator("main").inner_text())

    # The association's profile tells of the hours booked (they count once they begin).
    page.goto(f"{prefix}/associations/{association.slug}/")
    check(page)
    section = page.locator("#association-grants-title").locator("..").inner_text()
    hours = Decimal(2 * (len(times) - 1))
    assert f"{hours:.0f}" in section
    assert str(len(times) - 1) in section
