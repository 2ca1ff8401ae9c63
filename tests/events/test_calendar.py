"""The iCalendar feeds, read back the way calendar clients read them."""

import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from events.models import Occurrence
from events.registering import registration_create
from tests.factories import EventSeriesFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")


def weekly_series(first: datetime.date, weeks: int, **fields):
    """A series with `weeks` occurrences at 17:00 local time, made as the rule would."""
    series = EventSeriesFactory(start_date=first, start_time=datetime.time(17), **fields)
    for week in range(weeks):
        start = datetime.datetime.combine(
            first + timedelta(weeks=week), datetime.time(17), tzinfo=HELSINKI
        )
        OccurrenceFactory(series=series, original_start=start, start=start)
    return series


def feed(client, url) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def expand(calendar, days=400):
    now = timezone.now()
    return recurring_ical_events.of(calendar).between(
        now - timedelta(days=100), now + timedelta(days=days)
    )


def next_weekday(weekday: int, after: datetime.date) -> datetime.date:
    return after + timedelta(days=(weekday - after.weekday()) % 7 or 7)


def test_each_occurrence_is_an_event_at_its_local_time_across_a_dst_change(client):
    # The last Sunday of October ends summer time: weekly meetings around it stay at 17:00.
    today = timezone.localdate()
    year = today.year if today < datetime.date(today.year, 10, 1) else today.year + 1
    october_end = max(
        datetime.date(year, 10, d)
        for d in range(25, 32)
        if datetime.date(year, 10, d).weekday() == 6
    )
    series = weekly_series(october_end - timedelta(days=13), 4, title_fi="Kuorotreenit")

    events = expand(feed(client, reverse("events:series_calendar", args=[series.slug])))

    starts = [event.start for event in events]
    assert [start.astimezone(HELSINKI).time() for start in starts] == [datetime.time(17)] * 4
    assert [start.utcoffset() for start in starts] == [timedelta(hours=3)] * 2 + [
        timedelta(hours=2)
    ] * 2
    assert all(str(event["SUMMARY"]) == "Kuorotreenit" for event in events)
    assert events[0].end - events[0].start == timedelta(hours=2)


def test_the_feed_names_its_time_zone_and_the_entries_use_it(client):
    weekly_series(timezone.localdate() + timedelta(days=3), 1)
    body = client.get(reverse("events:calendar")).content.decode()
    calendar = Calendar.from_ical(body)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert "DTSTART;TZID=Europe/Helsinki:" in body
    assert str(calendar["X-WR-CALNAME"])


def test_a_cancelled_occurrence_says_so_with_its_reason(client):
    series = weekly_series(timezone.localdate() + timedelta(days=3), 2)
    cancelled = series.occurrences.first()
    cancelled.cancelled_at = timezone.now()
    cancelled.cancel_reason = "Sali on remontissa."
    cancelled.save()

    events = {str(e["UID"]): e for e in expand(feed(client, reverse("events:calendar")))}

    entry = next(e for uid, e in events.items() if uid.startswith(f"occurrence-{cancelled.pk}@"))
    assert entry["STATUS"] == "CANCELLED"
    assert "Sali on remontissa." in str(entry["DESCRIPTION"])
    assert entry["SEQUENCE"] == 1
    others = [e for e in events.values() if e is not entry]
    assert [e["STATUS"] for e in others] == ["CONFIRMED"]


def test_a_moved_occurrence_is_at_its_new_time_with_a_higher_sequence(client):
    series = weekly_series(timezone.localdate() + timedelta(days=3), 1)
    moved = series.occurrences.get()
    moved.start += timedelta(days=1, hours=1)
    moved.end = moved.start + timedelta(hours=2)
    moved.save()
    (event,) = expand(feed(client, reverse("events:series_calendar", args=[series.slug])))
    assert event.start == moved.start
    assert event["SEQUENCE"] == 1


def test_uids_and_content_stay_the_same_between_requests(client):
    weekly_series(timezone.localdate() + timedelta(days=3), 3)
    url = reverse("events:calendar")
    first, second = client.get(url), client.get(url)

    def uids(response):
        return [str(e["UID"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]

    assert uids(first) == uids(second)
    assert len(set(uids(first))) == 3
    assert first["ETag"] == second["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_each_entry_carries_the_page_and_the_place(client):
    series = weekly_series(timezone.localdate() + timedelta(days=3), 1)
    occurrence = series.occurrences.get()
    (event,) = feed(client, reverse("events:calendar")).walk("VEVENT")
    assert str(event["URL"]).endswith(
        reverse("events:occurrence", args=[series.slug, occurrence.pk])
    )
    assert str(event["URL"]).startswith("http")
    assert "Vapaudenkatu 32" in str(event["LOCATION"])


def test_the_feed_holds_the_recent_past_and_the_future_but_not_drafts(client):
    today = timezone.localdate()
    recent = weekly_series(today - timedelta(days=30), 1, title_fi="Äskettäinen")
    weekly_series(today - timedelta(days=200), 1, title_fi="Vanha")
    weekly_series(today + timedelta(days=300), 1, title_fi="Tuleva")
    weekly_series(today + timedelta(days=3), 1, title_fi="Luonnos", status="draft")
    summaries = {str(e["SUMMARY"]) for e in feed(client, reverse("events:calendar")).walk("VEVENT")}
    assert summaries == {"Äskettäinen", "Tuleva"}
    assert recent.occurrences.exists()


def test_the_summary_is_in_the_language_of_the_request(client):
    weekly_series(
        timezone.localdate() + timedelta(days=3), 1, title_fi="Iltakahvit", title_sv="Kvällskaffe"
    )
    with translation.override("sv"):
        url = reverse("events:calendar")
    (event,) = feed(client, url).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Kvällskaffe"


def test_an_association_feed_has_the_events_it_organises_or_co_organises(client, association):
    other = EventSeriesFactory(by_city=False)
    weekly_series(
        timezone.localdate() + timedelta(days=3), 1, title_fi="Oma", organisers=[association]
    )
    weekly_series(
        timezone.localdate() + timedelta(days=4),
        1,
        title_fi="Yhteinen",
        organisers=[association, *other.organisers.all()],
    )
    weekly_series(timezone.localdate() + timedelta(days=5), 1, title_fi="Kaupungin")
    calendar = feed(client, reverse("events:association_calendar", args=[association.slug]))
    assert {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")} == {"Oma", "Yhteinen"}
    assert association.name in str(calendar["X-WR-CALNAME"])


def test_the_feed_takes_a_fixed_number_of_queries_however_many_occurrences(
    client, django_assert_max_num_queries
):
    for _ in range(5):
        weekly_series(timezone.localdate() + timedelta(days=1), 40)
    assert Occurrence.objects.count() == 200
    with django_assert_max_num_queries(3):
        calendar = feed(client, reverse("events:calendar"))
    assert len(calendar.walk("VEVENT")) == 200


def test_the_confirmation_email_carries_the_occurrence_as_a_calendar_file():
    occurrence = OccurrenceFactory(series__registration_required=True, series__title_fi="Talkoot")
    registration_create(occurrence=occurrence, name="Maija", email="maija@example.fi")
    (message,) = mail.outbox
    filename, content, content_type = message.attachments[0]
    assert filename.endswith(".ics") and content_type.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    assert calendar["METHOD"] == "PUBLISH"
    (event,) = recurring_ical_events.of(calendar).between(
        occurrence.start - timedelta(hours=1), occurrence.end
    )
    assert event.start == occurrence.start
    assert str(event["UID"]).startswith(f"occurrence-{occurrence.pk}@")


def test_a_change_shows_at_once_though_the_built_feed_is_kept(client):
    series = weekly_series(timezone.localdate() + timedelta(days=3), 2)
    url = reverse("events:series_calendar", args=[series.slug])
    before = client.get(url)
    occurrence = series.occurrences.first()
    occurrence.cancelled_at = timezone.now()
    occurrence.save()

    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    statuses = [str(e["STATUS"]) for e in Calendar.from_ical(after.content).walk("VEVENT")]
    assert sorted(statuses) == ["CANCELLED", "CONFIRMED"]
