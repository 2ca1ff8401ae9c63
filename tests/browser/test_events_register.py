"""Registering for an event in a real browser: register, cancel by the emailed link, and
the organiser sees the waiting person promoted; axe-clean at 360 px in Finnish and Swedish."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.models import Registration
from events.registering import registration_create
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import OccurrenceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def occurrence(association):
    return OccurrenceFactory(
        series__slug="iltakahvit",
        series__title_fi="Iltakahvit",
        series__title_sv="Kvällskaffe",
        series__organisers=[association],
        series__by_city=False,
        series__registration_required=True,
        series__capacity=1,
    )


def check(page) -> None:
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*?events/registration/[^/\s]+/)", message.body)[1]


def test_register_cancel_by_the_emailed_link_and_the_waiting_person_is_promoted(
    page, occurrence, editor
):
    url = f"/events/iltakahvit/{occurrence.pk}/"
    assert page.goto(url).status == 200
    check(page)
    page.get_by_label("Nimi").fill("Maija Meikäläinen")
    page.get_by_label("Sähköposti").fill("maija@example.fi")
    page.get_by_label("Ruokavaliot").fill("Gluteeniton")
    page.get_by_role("button", name="Ilmoittaudu").click()
    expect(page.locator(".messages")).to_contain_text("Olet ilmoittautunut")
    check(page)

    registration_create(occurrence=occurrence, name="Ville Varasija", email="ville@example.fi")
    assert Registration.objects.get(email="ville@example.fi").status == "waitlisted"

    maija = next(m for m in mail.outbox if m.to == ["maija@example.fi"])
    assert page.goto(link_in(maija)).status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("Iltakahvit")
    check(page)
    page.get_by_role("button", name="Peru ilmoittautumiseni").click()
    expect(page.locator(".messages")).to_contain_text("Ilmoittautumisesi on peruttu")
    assert page.goto(link_in(maija)).status == 404
    check(page)

    promoted = [m for m in mail.outbox if m.to == ["ville@example.fi"]]
    assert promoted[-1].subject.startswith("Sinulle vapautui paikka")

    log_in(page, editor)
    page.goto(url)
    page.get_by_role("link", name="Katso ilmoittautuneet").click()
    confirmed = page.locator("h2:has-text('Vahvistettu') + ol")
    expect(confirmed).to_contain_text("Ville Varasija")
    expect(page.locator("main")).not_to_contain_text("Maija Meikäläinen")
    check(page)
    page.get_by_role("link", name="Lähetä viesti kaikille ilmoittautuneille").click()
    check(page)


def test_the_swedish_pages_and_a_form_with_errors_are_accessible(page, occurrence):
    assert page.goto(f"/sv/events/iltakahvit/{occurrence.pk}/").status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Kvällskaffe")
    check(page)
    page.get_by_label("Namn").fill("Stina")
    page.get_by_label("E-post").fill("inte-en-adress")
    page.get_by_label("Förening").fill("Ingen sådan förening rf")
    page.get_by_role("button", name="Anmäl dig").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_label("Förening")).to_have_value("Ingen sådan förening rf")
    check(page)
    assert page.goto("/sv/events/registration/okand/").status == 404
    check(page)
