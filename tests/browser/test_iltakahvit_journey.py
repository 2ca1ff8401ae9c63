"""The iltakahvit from start to finish in a real browser: a resident finds the next one
from the home page, registers, proposes a topic through the emailed link and cancels by
it, so the person waiting gets the place; the organiser puts the topic on the agenda and,
after the meeting, closes it with a memo and a follow-up that the next meeting's page
shows. Every page axe-clean at 360 px, in Finnish and in Swedish."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Occurrence, Registration
from events.registering import registration_create
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import EventSeriesFactory, OccurrenceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*?events/registration/[^/\s]+/)", message.body)[1]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_iltakahvit_from_the_home_page_to_the_memo(page, owner, association, language):
    prefix = "" if language == "fi" else "/sv"
    series = EventSeriesFactory(
        slug="iltakahvit",
        title_fi="Päättäjien ja yhdistysten iltakahvit",
        title_sv="Kvällskaffe för beslutsfattare och föreningar",
        by_city=True,
        organisers=[association],
        featured=True,
        registration_required=True,
        capacity=1,
    )
    meeting = OccurrenceFactory(series=series)
    later = meeting.start + timedelta(days=365)
    next_year = OccurrenceFactory(series=series, original_start=later, start=later)

    # A resident finds the next iltakahvit on the home page.
    page.goto(f"{prefix}/")
    check(page)
    page.locator(".next-featured a").first.click()
    expect(page).to_have_url(re.compile(rf".*/events/iltakahvit/{meeting.pk}/$"))
    check(page)

    # ... registers ...
    page.locator("#id_name").fill("Maija Meikäläinen")
    page.locator("#id_email").fill("maija@example.fi")
    page.locator(f"form[action$='/{meeting.pk}/register/'] button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    check(page)
    assert Registration.objects.get(email="maija@example.fi").status == "confirmed"

    # ... proposes a topic through the link in the confirmation ...
    link = link_in(next(m for m in mail.outbox if m.to == ["maija@example.fi"]))
    page.goto(link)
    check(page)
    page.locator("main a[href$='/topic/']").click()
    check(page)
    page.locator("#id_title").fill("Kaupungin tilat yhdistysten käyttöön")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Kaupungin tilat yhdistysten käyttöön")

    # ... and, someone waiting for the only place, cancels by the same link.
    registration_create(occurrence=meeting, name="Ville Varasija", email="ville@example.fi")
    assert Registration.objects.get(email="ville@example.fi").status == "waitlisted"
    page.goto(link)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".messages")).to_be_visible()
    assert Registration.objects.get(email="ville@example.fi").status == "confirmed"
    assert any(m.to == ["ville@example.fi"] for m in mail.outbox[-3:])

    # The organiser puts the topic on the agenda; the meeting's page shows it.
    log_in(page, owner)
    page.goto(f"{prefix}/events/iltakahvit/{meeting.pk}/agenda/")
    check(page)
    page.locator("#proposed button[value=agenda]").click()
    expect(page.locator("#agenda")).to_contain_text("Kaupungin tilat yhdistysten käyttöön")

    # The meeting is held; the organiser closes it with a memo and a follow-up.
    start = timezone.now() - timedelta(hours=3)
    Occurrence.objects.filter(pk=meeting.pk).update(start=start, end=start + timedelta(hours=2))
    page.goto(f"{prefix}/events/iltakahvit/{meeting.pk}/close/")
    check(page)
    page.locator("#id_memo").fill("Keskusteltiin tiloista.\n\nSovittiin selvityksestä.")
    page.locator("#id_attendance").fill("38")
    page.locator("#id_followups-0-title").fill("Tilojen vapaat vuorot näkyviin")
    page.locator("#id_followups-0-responsible").fill("Tilapalvelut")
    page.locator("main form button[name=save]").click()
    expect(page.locator("#memo")).to_contain_text("Keskusteltiin tiloista.")
    check(page)

    # Next year's meeting shows what came of it.
    page.context.clear_cookies()
    page.goto(f"{prefix}/events/iltakahvit/{next_year.pk}/")
    expect(page.locator("main")).to_contain_text("Tilojen vapaat vuorot näkyviin")
    check(page)
    page.goto(f"{prefix}/events/iltakahvit/")
    expect(page.locator("main")).to_contain_text("Keskusteltiin tiloista.")
    check(page)
