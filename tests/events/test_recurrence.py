"""The recurrence engine: the RFC 5545 examples, daylight saving, EXDATE and RDATE, the
checks of a rule, materialising occurrences and changing a rule from a date on."""

from datetime import date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from events import managing, recurrence
from events.describing import describe, describe_schedule
from events.models import Occurrence, Registration, Topic
from events.recurrence import RuleError, Schedule
from tests.factories import EventSeriesFactory

HELSINKI = ZoneInfo("Europe/Helsinki")


def dates(rule: str, start: str, *, first: int | None = None, **extra) -> list[str]:
    """The local dates a rule makes from DTSTART `start` (YYYYMMDD at 09:00), as YYYYMMDD."""
    day = datetime.strptime(start, "%Y%m%d").date()
    schedule = Schedule(start_date=day, start_time=time(9), rrule=rule, **extra)
    made = schedule.rule_set()
    made = islice(made, first) if first else made
    return [d.strftime("%Y%m%d") for d in made]


def days(year_month: str, *numbers: int) -> list[str]:
    return [f"{year_month}{n:02d}" for n in numbers]


# --- RFC 5545 section 3.8.5.3, the examples within the supported subset ----------------------


def test_daily_for_10_occurrences():
    assert dates("FREQ=DAILY;COUNT=10", "19970902") == days("199709", *range(2, 12))


def test_daily_until_december_24():
    made = dates("FREQ=DAILY;UNTIL=19971224T000000Z", "19970902")
    assert len(made) == 113
    assert made[0] == "19970902" and made[-1] == "19971223"


def test_every_other_day_forever():
    assert dates("FREQ=DAILY;INTERVAL=2", "19970902", first=5) == days("199709", 2, 4, 6, 8, 10)


def test_every_10_days_5_occurrences():
    assert dates("FREQ=DAILY;INTERVAL=10;COUNT=5", "19970902") == [
        *days("199709", 2, 12, 22),
        *days("199710", 2, 12),
    ]


def test_every_day_in_january_for_3_years():
    yearly = "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA"
    daily = "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1"
    expected = [d for y in ("1998", "1999", "2000") for d in days(f"{y}01", *range(1, 32))]
    assert dates(yearly, "19980101") == expected
    assert dates(daily, "19980101") == expected


def test_weekly_for_10_occurrences():
    assert dates("FREQ=WEEKLY;COUNT=10", "19970902") == [
        *days("199709", 2, 9, 16, 23, 30),
        *days("199710", 7, 14, 21, 28),
        "19971104",
    ]


def test_weekly_until_december_24():
    assert dates("FREQ=WEEKLY;UNTIL=19971224T000000Z", "19970902") == [
        *days("199709", 2, 9, 16, 23, 30),
        *days("199710", 7, 14, 21, 28),
        *days("199711", 4, 11, 18, 25),
        *days("199712", 2, 9, 16, 23),
    ]


def test_every_other_week_forever():
    assert dates("FREQ=WEEKLY;INTERVAL=2;WKST=SU", "19970902", first=13) == [
        *days("199709", 2, 16, 30),
        *days("199710", 14, 28),
        *days("199711", 11, 25),
        *days("199712", 9, 23),
        *days("199801", 6, 20),
        *days("199802", 3, 17),
    ]


def test_weekly_on_tuesday_and_thursday_for_five_weeks():
    expected = [*days("199709", 2, 4, 9, 11, 16, 18, 23, 25, 30), "19971002"]
    until = "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH"
    assert dates(until, "19970902") == expected
    assert dates("FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", "19970902") == expected


def test_every_other_week_on_monday_wednesday_friday_until_december_24():
    rule = "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR"
    assert dates(rule, "19970901") == [
        *days("199709", 1, 3, 5, 15, 17, 19, 29),
        *days("199710", 1, 3, 13, 15, 17, 27, 29, 31),
        *days("199711", 10, 12, 14, 24, 26, 28),
        *days("199712", 8, 10, 12, 22),
    ]


def test_every_other_week_on_tuesday_and_thursday_for_8_occurrences():
    assert dates("FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", "19970902") == [
        *days("199709", 2, 4, 16, 18, 30),
        *days("199710", 2, 14, 16),
    ]


def test_monthly_on_the_first_friday():
    assert dates("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "19970905") == [
        "19970905", "19971003", "19971107", "19971205", "19980102",
        "19980206", "19980306", "19980403", "19980501", "19980605",
    ]  # fmt: skip
    assert dates("FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", "19970905") == [
        "19970905", "19971003", "19971107", "19971205",
    ]  # fmt: skip


def test_every_other_month_on_the_first_and_last_sunday():
    assert dates("FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", "19970907") == [
        "19970907", "19970928", "19971102", "19971130", "19980104",
        "19980125", "19980301", "19980329", "19980503", "19980531",
    ]  # fmt: skip


def test_monthly_on_the_second_to_last_monday():
    assert dates("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", "19970922") == [
        "19970922", "19971020", "19971117", "19971222", "19980119", "19980216",
    ]  # fmt: skip


def test_monthly_on_the_third_to_the_last_day():
    assert dates("FREQ=MONTHLY;BYMONTHDAY=-3", "19970928", first=6) == [
        "19970928", "19971029", "19971128", "19971229", "19980129", "19980226",
    ]  # fmt: skip


def test_monthly_on_the_2nd_and_15th():
    assert dates("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", "19970902") == [
        *days("199709", 2, 15),
        *days("199710", 2, 15),
        *days("199711", 2, 15),
        *days("199712", 2, 15),
        *days("199801", 2, 15),
    ]


def test_monthly_on_the_first_and_last_day():
    assert dates("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", "19970930") == [
        "19970930", "19971001", "19971031", "19971101", "19971130",
        "19971201", "19971231", "19980101", "19980131", "19980201",
    ]  # fmt: skip


def test_every_18_months_on_the_10th_to_15th():
    rule = "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15"
    assert dates(rule, "19970910") == [
        *days("199709", *range(10, 16)),
        *days("199903", 10, 11, 12, 13),
    ]


def test_every_tuesday_every_other_month():
    assert dates("FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", "19970902", first=18) == [
        *days("199709", 2, 9, 16, 23, 30),
        *days("199711", 4, 11, 18, 25),
        *days("199801", 6, 13, 20, 27),
        *days("199803", 3, 10, 17, 24, 31),
    ]


def test_yearly_in_june_and_july():
    assert dates("FREQ=YEARLY;COUNT=10;BYMONTH=6,7", "19970610") == [
        f"{year}{month}10" for year in range(1997, 2002) for month in ("06", "07")
    ]


def test_every_other_year_in_january_february_march():
    assert dates("FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", "19970310") == [
        "19970310", "19990110", "19990210", "19990310", "20010110",
        "20010210", "20010310", "20030110", "20030210", "20030310",
    ]  # fmt: skip


def test_every_20th_monday_of_the_year():
    assert dates("FREQ=YEARLY;BYDAY=20MO", "19970519", first=3) == [
        "19970519", "19980518", "19990517",
    ]  # fmt: skip


def test_every_thursday_in_march():
    assert dates("FREQ=YEARLY;BYMONTH=3;BYDAY=TH", "19970313", first=11) == [
        *days("199703", 13, 20, 27),
        *days("199803", 5, 12, 19, 26),
        *days("199903", 4, 11, 18, 25),
    ]


def test_every_thursday_in_june_july_and_august():
    assert dates("FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", "19970605", first=13) == [
        *days("199706", 5, 12, 19, 26),
        *days("199707", 3, 10, 17, 24, 31),
        *days("199708", 7, 14, 21, 28),
    ]


def test_every_friday_the_13th_with_the_start_left_out():
    made = dates(
        "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
        "19970902",
        first=5,
        excluded_dates=(date(1997, 9, 2),),
    )
    assert made == ["19980213", "19980313", "19981113", "19990813", "20001013"]


def test_the_first_saturday_after_the_first_sunday():
    assert dates("FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", "19970913", first=10) == [
        "19970913", "19971011", "19971108", "19971213", "19980110",
        "19980207", "19980307", "19980411", "19980509", "19980613",
    ]  # fmt: skip


def test_us_presidential_election_day():
    rule = "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8"
    assert dates(rule, "19961105", first=3) == ["19961105", "20001107", "20041102"]


def test_the_third_tuesday_wednesday_or_thursday_of_the_month():
    assert dates("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", "19970904") == [
        "19970904", "19971007", "19971106",
    ]  # fmt: skip


def test_the_second_to_last_weekday_of_the_month():
    assert dates("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "19970929", first=7) == [
        "19970929", "19971030", "19971127", "19971230", "19980129", "19980226", "19980330",
    ]  # fmt: skip


def test_the_last_weekday_of_the_month():
    assert dates("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "19970930", first=4) == [
        "19970930", "19971031", "19971128", "19971231",
    ]  # fmt: skip


def test_the_week_start_changes_what_every_other_week_means():
    rule = "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST="
    assert dates(rule + "MO", "19970805") == ["19970805", "19970810", "19970819", "19970824"]
    assert dates(rule + "SU", "19970805") == ["19970805", "19970817", "19970819", "19970831"]


def test_a_day_the_month_lacks_is_skipped():
    assert dates("FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", "20070115") == [
        "20070115", "20070130", "20070215", "20070315", "20070330",
    ]  # fmt: skip


# --- daylight saving, added dates, checks -------------------------------------------------------


def test_a_weekly_meeting_stays_at_17_local_across_daylight_saving_changes():
    schedule = Schedule(start_date=date(2030, 3, 14), start_time=time(17), rrule="FREQ=WEEKLY")
    march = schedule.starts(before=datetime(2030, 4, 5, tzinfo=HELSINKI))
    assert [s.astimezone(HELSINKI).hour for s in march] == [17, 17, 17, 17]
    utc = [s.utcoffset() for s in march]
    # Summer time starts on the last Sunday of March (31.3.2030).
    assert utc == [timedelta(hours=2)] * 3 + [timedelta(hours=3)]
    october = Schedule(start_date=date(2030, 10, 17), start_time=time(17), rrule="FREQ=WEEKLY")
    autumn = october.starts(before=datetime(2030, 11, 1, tzinfo=HELSINKI))
    assert [s.astimezone(HELSINKI).hour for s in autumn] == [17, 17, 17]
    assert [s.utcoffset() for s in autumn] == [timedelta(hours=3)] * 2 + [timedelta(hours=2)]


def test_added_dates_come_at_the_series_start_time_and_excluded_ones_go():
    schedule = Schedule(
        start_date=date(2030, 1, 1),
        start_time=time(18, 30),
        rrule="FREQ=WEEKLY;COUNT=3",
        excluded_dates=(date(2030, 1, 8),),
        added_dates=(date(2030, 1, 10),),
    )
    starts = schedule.starts(before=datetime(2031, 1, 1, tzinfo=HELSINKI))
    assert [s.astimezone(HELSINKI).replace(tzinfo=None) for s in starts] == [
        datetime(2030, 1, 1, 18, 30),
        datetime(2030, 1, 10, 18, 30),
        datetime(2030, 1, 15, 18, 30),
    ]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=SOMETIMES", "daily, weekly, monthly or yearly"),
        ("FREQ=HOURLY", "daily, weekly, monthly or yearly"),
        ("FREQ=YEARLY;BYYEARDAY=1,100", "does not support"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20301231", "not both"),
        ("INTERVAL=2", "how often"),
        ("FREQ=WEEKLY;BYDAY=XX", "could not be read"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "makes no dates"),
        ("FREQ=DAILY;UNTIL=20391231", "more than 800"),
        ("FREQ=DAILY;COUNT=3650", "more than 800"),
    ],
)
def test_a_rule_that_cannot_be_used_is_refused_with_a_reason(rule, message):
    schedule = Schedule(start_date=date(2030, 1, 1), start_time=time(17), rrule=rule)
    with translation.override("en"), pytest.raises(RuleError) as error:
        recurrence.validate(schedule)
    assert message in error.value.message


def test_an_open_ended_weekly_club_night_is_fine():
    recurrence.validate(
        Schedule(start_date=date(2030, 1, 1), start_time=time(18), rrule="FREQ=WEEKLY;BYDAY=TU")
    )


# --- the sentences ------------------------------------------------------------------------------


SIX_MONTHLY = "FREQ=MONTHLY;INTERVAL=6;BYDAY=3TH"


@pytest.mark.parametrize(
    ("rule", "language", "sentence"),
    [
        (SIX_MONTHLY, "en", "every 6 months on the third Thursday, 17–19"),
        (SIX_MONTHLY, "fi", "6 kuukauden välein kolmantena torstaina klo 17–19"),
        (SIX_MONTHLY, "sv", "var 6:e månad den tredje torsdagen kl. 17–19"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "fi", "joka toinen viikko tiistaisin klo 17–19"),
        ("FREQ=WEEKLY;BYDAY=TU", "sv", "varje vecka på tisdag kl. 17–19"),
        ("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=2", "en", "every week on Tuesday and Thursday, 17–19, 2 times"),  # noqa: E501
        ("FREQ=YEARLY;UNTIL=20351231T235959", "fi", "joka vuosi klo 17–19, 31.12.2035 asti"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "fi", "joka kuukausi viimeisenä perjantaina klo 17–19"),
        ("FREQ=DAILY;INTERVAL=3", "sv", "var 3:e dag kl. 17–19"),
    ],
)  # fmt: skip
def test_a_rule_reads_as_a_sentence(rule, language, sentence):
    schedule = Schedule(start_date=date(2030, 1, 3), start_time=time(17), rrule=rule)
    assert describe_schedule(schedule, language) == sentence


def test_the_sentence_tells_of_exceptions_in_each_language(db):
    series = EventSeriesFactory(
        start_date=date(2030, 9, 3),
        start_time=time(18, 30),
        duration=timedelta(hours=1, minutes=30),
        rrule="FREQ=WEEKLY;BYDAY=TU",
        excluded_dates=[date(2030, 12, 24)],
        added_dates=[date(2031, 1, 2)],
    )
    assert describe(series, "fi") == (
        "joka viikko tiistaisin klo 18.30–20; ei 24.12.2030; lisäksi 2.1.2031"
    )
    assert describe(series, "sv") == (
        "varje vecka på tisdag kl. 18.30–20; inte 24.12.2030; dessutom 2.1.2031"
    )
    assert describe(series, "en") == (
        "every week on Tuesday, 18:30–20; not on 24 December 2030; also on 2 January 2031"
    )


# --- occurrence rows ----------------------------------------------------------------------------

NOW = datetime(2030, 1, 1, 12, tzinfo=HELSINKI)


def weekly(**fields):
    return EventSeriesFactory(
        start_date=date(2030, 1, 7), start_time=time(17), rrule="FREQ=WEEKLY", **fields
    )


def starts_of(series) -> list[datetime]:
    return list(series.occurrences.order_by("start").values_list("start", flat=True))


@pytest.mark.django_db
def test_materialise_makes_two_years_and_is_idempotent():
    series = weekly()
    made = recurrence.materialise(series, now=NOW)
    assert len(made.create) == 104  # every Monday from 7.1.2030 to 29.12.2031
    assert recurrence.materialise(series, now=NOW).create == []
    assert series.occurrences.count() == 104
    last = max(starts_of(series))
    assert last < NOW + timedelta(days=recurrence.HORIZON_DAYS)
    # A day later the horizon has moved on by one more Monday at most.
    recurrence.materialise(series, now=NOW + timedelta(days=7))
    assert series.occurrences.count() == 105


@pytest.mark.django_db
def test_materialise_never_touches_the_past_and_keeps_what_carries_something():
    series = weekly()
    recurrence.materialise(series, now=NOW)
    first, second, third = series.occurrences.order_by("start")[:3]
    Registration.objects.create(
        occurrence=third, name="Aino", email="aino@example.fi", status="confirmed", token_hash="x"
    )
    second.cancelled_at = NOW
    second.save()
    series.rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"  # none of the Mondays any more
    series.save()
    later = datetime(2030, 1, 10, tzinfo=HELSINKI)  # the first one is past now
    recurrence.materialise(series, now=later)
    remaining = set(series.occurrences.values_list("pk", flat=True))
    assert {first.pk, second.pk, third.pk} <= remaining
    assert (
        series.occurrences.filter(start__gt=later)
        .exclude(pk__in=[second.pk, third.pk])
        .filter(
            start__week_day=2  # Monday in Django's numbering
        )
        .count()
        == 0
    )


@pytest.mark.django_db
def test_a_new_start_time_moves_the_occurrences_with_their_registrations():
    series = weekly()
    recurrence.materialise(series, now=NOW)
    occurrence = series.occurrences.order_by("start").first()
    Topic.objects.create(occurrence=occurrence, title="Tilat")
    series.start_time = time(18)
    series.save()
    recurrence.materialise(series, now=NOW)
    occurrence.refresh_from_db()
    assert occurrence.start == datetime(2030, 1, 7, 18, tzinfo=HELSINKI)
    assert occurrence.topics.count() == 1
    assert series.occurrences.count() == 104


@pytest.mark.django_db
def test_a_rule_change_from_a_date_on_is_previewed_then_applied(liaison):
    series = weekly()
    recurrence.materialise(series, now=NOW)
    monday_jan_14, monday_jan_21 = series.occurrences.order_by("start")[1:3]
    kept = Registration.objects.create(
        occurrence=monday_jan_14, name="A", email="a@example.fi", status="confirmed",
        token_hash="a",
    )  # fmt: skip
    Registration.objects.create(
        occurrence=monday_jan_21, name="B", email="b@example.fi", status="confirmed",
        token_hash="b",
    )  # fmt: skip
    # From 14.1. on, every other week: the 21st goes, the 14th and 28th stay.
    values = {
        "title_fi": series.title_fi,
        "by_city": True,
        "start_date": date(2030, 1, 14),
        "start_time": time(17),
        "duration": series.duration,
        "rrule": "FREQ=WEEKLY;INTERVAL=2",
    }
    data = managing.SeriesInput(values=values)
    preview = managing.preview_change(series, data, now=NOW)
    assert monday_jan_21 in preview.dropped_with_attachments
    assert monday_jan_14 not in preview.dropped
    past = series.occurrences.order_by("start").first()  # 7.1. is before the new first date
    assert past in preview.dropped  # …and in the future at NOW, so it is proposed to go
    with pytest.raises(managing.ConfirmationNeeded):
        managing.series_save(data=data, by=liaison, series=series, now=NOW)
    managing.series_save(data=data, by=liaison, series=series, confirm_drops=True, now=NOW)
    assert Occurrence.objects.get(pk=monday_jan_21.pk).is_cancelled
    assert Registration.objects.get(pk=kept.pk).occurrence_id == monday_jan_14.pk
    assert not Occurrence.objects.filter(pk=past.pk).exists()


@pytest.mark.django_db
def test_materialise_all_moves_every_live_series_on():
    weekly()
    weekly(status="hidden")
    assert recurrence.materialise_all(now=NOW) == 104
    assert recurrence.materialise_all(now=NOW) == 0
