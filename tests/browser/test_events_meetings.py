"""A meeting from topics to follow-ups in a real browser: an editor proposes a topic, the
organiser puts it on the agenda and, after the meeting, closes it with a memo and a
follow-up. Every page checked with axe-core at 360 px, in Finnish and in Swedish."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import FollowUp, Occurrence, Topic
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import AssociationFactory, MembershipFactory, OccurrenceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page) -> None:
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_propose_arrange_and_close_a_meeting(page, owner, association, language):
    prefix = "" if language == "fi" else "/sv"
    meeting = OccurrenceFactory(
        series__by_city=False, series__organisers=[association], series__title_fi="Iltakahvit"
    )
    base = f"{prefix}/events/{meeting.series.slug}/{meeting.pk}/"
    proposer = UserFactory(email="proposer@example.fi")
    MembershipFactory(association=AssociationFactory(name="Keljon Kyläyhdistys ry"), user=proposer)

    log_in(page, proposer)
    page.goto(base + "topics/new/")
    check(page)
    page.locator("#id_title").fill("Avustusten avoimuus")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#topics")).to_contain_text("Avustusten avoimuus")
    check(page)
    page.context.clear_cookies()

    log_in(page, owner)
    page.goto(base + "agenda/")
    check(page)
    page.locator("#proposed button[value=agenda]").click()
    expect(page.locator("#agenda")).to_contain_text("Avustusten avoimuus")
    assert Topic.objects.get().status == Topic.Status.ON_AGENDA

    # The meeting is held.
    start = timezone.now() - timedelta(hours=3)
    Occurrence.objects.filter(pk=meeting.pk).update(start=start, end=start + timedelta(hours=2))
    page.goto(base + "close/")
    check(page)
    page.locator("#id_memo").fill("Keskusteltiin avustuksista.\n\nSovittiin jatkosta.")
    page.locator("#id_attendance").fill("40")
    page.locator("#id_followups-0-title").fill("Avustuspäätösten perustelut")
    page.locator("#id_followups-0-responsible").fill("Avustuspalvelut")
    page.locator("main form button[name=save]").click()
    expect(page.locator("#memo")).to_contain_text("Keskusteltiin avustuksista.")
    check(page)

    follow_up = FollowUp.objects.get()
    page.goto(f"{prefix}/events/follow-ups/{follow_up.pk}/")
    check(page)
    page.locator("#id_note").fill("Perustelut julkaistaan.")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("main")).to_contain_text("Perustelut julkaistaan.")
    page.goto("/my/" if language == "fi" else "/sv/my/")
    check(page)
