"""The dates and times of a booking request (grants/booking_times.py): once, weekly with
public holidays and dates left out, across daylight-saving changes, and every refusal."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from grants import booking_times
from grants.booking_forms import DateListField
from grants.booking_times import ONCE, WEEKLY, TimesError, plan

HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = ZoneInfo("UTC")
# Before every date below.
NOW = datetime.datetime(2026, 12, 1, 12, tzinfo=HELSINKI)
T18, T20 = datetime.time(18), datetime.time(20)
D = datetime.date


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def weekly(first, last, **kwargs):
    return plan(
        repeat=WEEKLY, first_date=first, last_date=last, starts=T18, ends=T20, now=NOW, **kwargs
    )


def test_once_is_one_date_at_its_local_times():
    once = plan(
        repeat=ONCE, first_date=D(2027, 1, 12), last_date=None, starts=T18, ends=T20, now=NOW
    )
    ((day, during),) = once.ranges()
    assert day == D(2027, 1, 12)
    assert during.lower == datetime.datetime(2027, 1, 12, 18, tzinfo=HELSINKI)
    assert during.upper == datetime.datetime(2027, 1, 12, 20, tzinfo=HELSINKI)


def test_a_spring_term_on_thursdays_skips_ascension_day():
    spring = weekly(D(2027, 1, 14), D(2027, 5, 27))
    assert D(2027, 5, 6) not in spring.dates  # Ascension Day
    assert spring.skipped_holidays == [D(2027, 5, 6)]
    assert len(spring.dates) == 19  # 20 Thursdays less one
    assert all(day.weekday() == 3 for day in spring.dates)
    (skipped,) = spring.skipped
    assert skipped.name == "Ascension Day"


def test_a_spring_term_on_mondays_and_fridays_skips_easter():
    mondays = weekly(D(2027, 1, 11), D(2027, 5, 31))
    fridays = weekly(D(2027, 1, 8), D(2027, 5, 28))
    assert D(2027, 3, 29) in mondays.skipped_holidays  # Easter Monday
    assert D(2027, 3, 26) in fridays.skipped_holidays  # Good Friday
    assert D(2027, 3, 29) not in mondays.dates


def test_holidays_are_kept_when_asked():
    spring = weekly(D(2027, 1, 14), D(2027, 5, 27), skip_holidays=False)
    assert D(2027, 5, 6) in spring.dates
    assert spring.skipped == []


def test_holiday_names_follow_the_language():
    with translation.override("fi"):
        spring = weekly(D(2027, 1, 14), D(2027, 5, 27))
    assert spring.skipped[0].name == "Helatorstai"


def test_dates_left_out_are_skipped_and_listed():
    spring = weekly(D(2027, 1, 12), D(2027, 3, 2), exceptions=[D(2027, 2, 23), D(2027, 3, 2)])
    assert D(2027, 2, 23) not in spring.dates
    assert [s.day for s in spring.skipped if s.reason == "exception"] == [
        D(2027, 2, 23),
        D(2027, 3, 2),
    ]
    assert spring.dates[-1] == D(2027, 2, 16)


def test_a_date_left_out_that_is_not_in_the_series_is_refused():
    with pytest.raises(TimesError) as refusal:
        weekly(D(2027, 1, 12), D(2027, 3, 2), exceptions=[D(2027, 2, 24)])
    assert refusal.value.field == "exceptions"
    assert "24.2.2027 is not one of the series' dates" in refusal.value.message
    assert "Tuesday" in refusal.value.message


@pytest.mark.parametrize(
    ("first", "last", "utc_hour_before", "utc_hour_after"),
    [
        # Summer time begins on 28.3.2027: 18:00 is 16:00 UTC before and 15:00 UTC after.
        (D(2027, 3, 16), D(2027, 4, 6), 16, 15),
        # It ends on 31.10.2027: 18:00 is 15:00 UTC before and 16:00 UTC after.
        (D(2027, 10, 19), D(2027, 11, 9), 15, 16),
    ],
)
def test_18_stays_18_across_daylight_saving(first, last, utc_hour_before, utc_hour_after):
    series = weekly(first, last)
    ranges = [during for _day, during in series.ranges()]
    assert [r.lower.astimezone(HELSINKI).hour for r in ranges] == [18] * 4
    assert [r.upper.astimezone(HELSINKI).hour for r in ranges] == [20] * 4
    assert ranges[0].lower.astimezone(UTC).hour == utc_hour_before
    assert ranges[-1].lower.astimezone(UTC).hour == utc_hour_after
    assert all(r.upper - r.lower == datetime.timedelta(hours=2) for r in ranges)


def test_an_end_of_midnight_is_the_end_of_the_day():
    late = plan(
        repeat=ONCE,
        first_date=D(2027, 1, 12),
        last_date=None,
        starts=datetime.time(20),
        ends=datetime.time(0),
        now=NOW,
    )
    ((_day, during),) = late.ranges()
    assert during.upper == datetime.datetime(2027, 1, 13, 0, tzinfo=HELSINKI)


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"starts": T20, "ends": T18}, "ends", "end time must be after the start"),
        ({"starts": T18, "ends": T18}, "ends", "end time must be after the start"),
        ({"first_date": D(2026, 11, 30)}, "first_date", "has already passed"),
        ({"last_date": D(2036, 12, 28)}, "last_date", "at most a year"),
        ({"last_date": D(2027, 1, 5)}, "last_date", "must not be before the first"),
        ({"last_date": None}, "last_date", "last date"),
        (
            {"last_date": D(2027, 1, 26), "exceptions": [D(2027, 1, 12), D(2027, 1, 19)]},
            "exceptions",
            "No dates are left",
        ),
    ],
)
def test_what_cannot_be_booked_is_refused_with_a_reason(kwargs, field, words):
    values = {
        "repeat": WEEKLY,
        "first_date": D(2027, 1, 12),
        "last_date": D(2027, 3, 2),
        "starts": T18,
        "ends": T20,
        "now": NOW,
        **kwargs,
    }
    if values["last_date"] is not None and "exceptions" in kwargs:
        values["exceptions"] = [*kwargs["exceptions"], D(2027, 1, 26)]
    with pytest.raises(TimesError) as refusal:
        plan(**values)
    assert refusal.value.field == field
    assert words in refusal.value.message


def test_a_series_of_more_times_than_allowed_is_refused(monkeypatch):
    monkeypatch.setattr(booking_times, "MAX_TIMES", 5)
    with pytest.raises(TimesError) as refusal:
        weekly(D(2027, 1, 12), D(2027, 3, 2))
    assert "at most 5 times; this one has 8" in refusal.value.message


def test_dates_left_out_are_read_the_finnish_way():
    field = DateListField(required=False)
    assert field.clean("24.2.2027\n3.3.2027, 10.3.2027") == [
        D(2027, 2, 24),
        D(2027, 3, 3),
        D(2027, 3, 10),
    ]


def test_a_bad_date_left_out_is_named():
    from django.core.exceptions import ValidationError

    field = DateListField(required=False)
    with pytest.raises(ValidationError) as refusal:
        field.clean("24.2.2027, 31.2.2027, tiistai")
    message = refusal.value.messages[0]
    assert "“31.2.2027”" in message
    assert "“tiistai”" in message
    assert "“24.2.2027”" not in message
