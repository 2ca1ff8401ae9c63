"""Which facilities are free at a time: open for the whole of it (grants.facility_hours)
and without an accepted booking that overlaps it.

Each is one query: the opening hours and the bookings are tested in NOT EXISTS
subqueries of the facilities' query. The bookings' test is `during && …` on the
accepted bookings of the facility, which the exclusion constraint's GiST index
(facility, during) WHERE status = 'accepted' answers. For a weekday over a period, the
period's times are one multirange, so that every week is tested in the same index scan
rather than in a query per date.

Times are local (Europe/Helsinki), DST-correct for each date. An end of 00:00 is
midnight.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from grants.facility_hours import MIDNIGHT, open_for
from grants.models import Booking

CITY_TIME = ZoneInfo(settings.TIME_ZONE)
# The weekly test's default period, from today.
DEFAULT_WEEKS = 16
# The longest period the weekly test accepts: a bound on the size of the query.
MAX_PERIOD_DAYS = 366


def local_range(day: datetime.date, starts: datetime.time, ends: datetime.time) -> DateTimeTZRange:
    """[starts, ends) on `day` in the city's time; an end of 00:00 is the next midnight."""
    lower = datetime.datetime.combine(day, starts, CITY_TIME)
    end_day = day + datetime.timedelta(days=1) if ends == MIDNIGHT else day
    upper = datetime.datetime.combine(end_day, ends, CITY_TIME)
    return DateTimeTZRange(lower, upper, "[)")


def weekly_dates(weekday: int, starts_on: datetime.date, ends_on: datetime.date) -> list:
    """Every date on `weekday` (0 is Monday) from `starts_on` to `ends_on`, both included."""
    first = starts_on + datetime.timedelta(days=(weekday - starts_on.weekday()) % 7)
    count = max((ends_on - first).days // 7 + 1, 0)
    return [first + datetime.timedelta(weeks=n) for n in range(count)]


def _accepted_overlapping(ranges) -> QuerySet:
    return Booking.objects.accepted().filter(facility=OuterRef("pk"), during__overlap=ranges)


def free_on_date(
    facilities: QuerySet, day: datetime.date, starts: datetime.time, ends: datetime.time
) -> QuerySet:
    """`facilities` open for the whole of `starts`–`ends` on `day` and not booked then."""
    opened = open_for(facilities, day.weekday(), starts, ends)
    return opened.filter(~Exists(_accepted_overlapping(local_range(day, starts, ends))))


def _multirange(ranges: list[DateTimeTZRange]) -> RawSQL:
    """The ranges as one tstzmultirange, passed as text: `&&` of a range and a
    multirange is an operator of the GiST range_ops the exclusion constraint's index uses."""
    texts = [f"[{r.lower.isoformat()},{r.upper.isoformat()})" for r in ranges]
    return RawSQL("tstzmultirange(VARIADIC %s::tstzrange[])", (texts,))


def free_every_week(
    facilities: QuerySet,
    weekday: int,
    starts: datetime.time,
    ends: datetime.time,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> QuerySet:
    """`facilities` open on `weekday` for the whole of `starts`–`ends` and not booked then
    on any such weekday from `starts_on` to `ends_on`."""
    opened = open_for(facilities, weekday, starts, ends)
    ranges = [local_range(day, starts, ends) for day in weekly_dates(weekday, starts_on, ends_on)]
    if not ranges:
        return opened
    return opened.filter(~Exists(_accepted_overlapping(_multirange(ranges))))


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The weekly test's period when none is given: the coming 16 weeks from today."""
    today = today or timezone.localdate()
    return today, today + datetime.timedelta(weeks=DEFAULT_WEEKS) - datetime.timedelta(days=1)
