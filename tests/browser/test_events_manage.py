"""The organisers' event pages in a real browser: axe-core's WCAG 2.1 A/AA rules at 360 px
wide in Finnish and Swedish, and an editor creating a weekly event through the form."""

from __future__ import annotations

import pytest
from django.utils import timezone

from events import recurrence
from events.models import EventSeries
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import EventSeriesFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page) -> None:
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)


@pytest.mark.parametrize("prefix", ["", "/sv"])
def test_organiser_pages_are_accessible_in_finnish_and_swedish(page, editor, association, prefix):
    series = EventSeriesFactory(
        slug="kuoroilta", by_city=False, organisers=[association], rrule="FREQ=WEEKLY"
    )
    recurrence.materialise(series)
    occurrence = series.occurrences.order_by("start").first()
    log_in(page, editor)
    page.set_viewport_size({"width": 360, "height": 800})
    for path in (
        "/my/",
        "/events/new/",
        "/events/kuoroilta/",
        "/events/kuoroilta/edit/",
        f"/events/kuoroilta/{occurrence.pk}/",
        f"/events/kuoroilta/{occurrence.pk}/cancel/",
        f"/events/kuoroilta/{occurrence.pk}/move/",
        "/events/kuoroilta/report/",
    ):
        assert page.goto(prefix + path).status == 200, path
        check(page)


def test_an_editor_creates_a_weekly_event_and_sees_its_dates(page, editor, association):
    log_in(page, editor)
    page.goto("/events/new/")
    page.locator("#id_title_fi").fill("Kuoroilta")
    page.get_by_label(association.name).check()
    first = timezone.localdate() + timezone.timedelta(days=3)
    page.locator("#id_start_date").fill(first.isoformat())
    page.locator("#id_start_time").fill("18:00")
    page.locator("#id_end_time").fill("20:00")
    page.locator("#id_repeat").select_option("WEEKLY")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url("**/events/kuoroilta/")
    assert "Joka viikko" in page.content()
    assert EventSeries.objects.get().occurrences.count() >= 104


@pytest.mark.parametrize("prefix", ["", "/sv"])
def test_the_events_desk_pages_are_accessible_on_a_phone(page, liaison, association, prefix):
    from events.models import EventReport

    series = EventSeriesFactory(slug="kuoroilta", by_city=False, organisers=[association])
    recurrence.materialise(series)
    report = EventReport.objects.create(
        series=series, reason="incorrect", message="Kellonaika on väärin."
    )
    log_in(page, liaison)
    page.set_viewport_size({"width": 360, "height": 800})
    for path in (
        "/moderation/",
        f"/moderation/events/{series.pk}/",
        f"/moderation/event-reports/{report.pk}/",
    ):
        assert page.goto(prefix + path).status == 200, path
        check(page)
