"""The demo events that `make demo` loads after the associations' demo data."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import EventSeries, FollowUp, Occurrence, Registration, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("load_events_demo", stdout=out)
    return out.getvalue()


def counts():
    return [m.objects.count() for m in (EventSeries, Occurrence, Registration, Topic, FollowUp)]


def test_the_iltakahvit_series_is_there_as_it_went(demo, client):
    series = EventSeries.objects.get(slug="iltakahvit")
    local = [timezone.localtime(o.start) for o in series.occurrences.order_by("start")]
    assert [(d.date(), d.hour) for d in local[:3]] == [
        (date(2018, 11, 21), 17),
        (date(2019, 10, 31), 17),
        (date(2020, 10, 29), 17),
    ]
    first = series.occurrences.order_by("start").first()
    assert first.is_closed and first.attendance == 38
    assert "yhdyshenkilö" in first.memo
    assert first.follow_ups.count() == 4
    assert first.participating_associations.exists()
    page = client.get(f"/events/iltakahvit/{first.pk}/").content.decode()
    assert "Avustuskäytäntöihin lisää avoimuutta" in page
    assert "Keski-Suomen Yhteisöjen Tuki ry" in page


def test_the_next_iltakahvit_is_open_with_people_registered_and_topics(demo, client):
    series = EventSeries.objects.get(slug="iltakahvit")
    upcoming = series.occurrences.upcoming().first()
    assert upcoming.registrations.confirmed().count() == 4
    assert upcoming.topics.filter(status="agenda").count() == 2
    assert "The next iltakahvit" in demo
    home = client.get("/").content.decode()
    assert f"/events/iltakahvit/{upcoming.pk}/" in home


def test_about_a_dozen_association_events_some_weekly(demo):
    by_associations = EventSeries.objects.filter(by_city=False)
    assert by_associations.count() >= 12
    assert by_associations.filter(rrule__contains="FREQ=WEEKLY").count() >= 4
    assert Occurrence.objects.upcoming().count() > 50


def test_loading_again_changes_nothing(demo):
    before = counts()
    call_command("load_events_demo", stdout=StringIO())
    assert counts() == before


def test_the_events_demo_needs_the_associations_demo_first():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_events_demo", stdout=StringIO())
