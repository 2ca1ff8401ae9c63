"""A facility's week: its opening hours and busy times day by day, for its page.

Only that a time is taken is shown, never who booked it. The bookings are read in one
query (accepted ones overlapping the week, through the exclusion constraint's index).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from grants.models import Booking, Facility, OpeningHours

CITY_TIME = ZoneInfo(settings.TIME_ZONE)
WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
FIRST_YEAR = 2000
LAST_YEAR = 2100


@dataclass
class Busy:
    starts: datetime.datetime
    ends: datetime.datetime
    # The end is the next midnight: shown as 24.00.
    until_midnight: bool = False


@dataclass
class Day:
    date: datetime.date
    hours: list[OpeningHours] = field(default_factory=list)
    busy: list[Busy] = field(default_factory=list)

    @property
    def is_today(self) -> bool:
        return self.date == timezone.localdate()


def parse_week(value: str | None) -> datetime.date:
    """The Monday of an ISO week written `YYYY-Www` (2026-W11); this week when empty.
    Raises ValueError for anything else."""
    if not value:
        today = timezone.localdate()
        return today - datetime.timedelta(days=today.weekday())
    match = WEEK.match(value.strip())
    if not match:
        raise ValueError(value)
    year, week = int(match[1]), int(match[2])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(value)
    return datetime.date.fromisocalendar(year, week, 1)


def week_value(monday: datetime.date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), CITY_TIME)


def week_days(facility: Facility, monday: datetime.date, spans: list[OpeningHours]) -> list[Day]:
    """The seven days from `monday`, each with its opening hours and busy times (clipped
    to the day: a booking past midnight shows on both days)."""
    days = [Day(date=monday + datetime.timedelta(days=n)) for n in range(7)]
    for span in spans:
        days[span.weekday].hours.append(span)
    lower, upper = _midnight(monday), _midnight(monday + datetime.timedelta(days=7))
    times = Booking.objects.busy([facility.pk], lower, upper).order_by("during")
    for during in times.values_list("during", flat=True):
        for day in days:
            start, end = _midnight(day.date), _midnight(day.date + datetime.timedelta(days=1))
            if during.lower < end and during.upper > start:
                clipped_end = min(during.upper, end)
                day.busy.append(
                    Busy(
                        starts=max(during.lower, start).astimezone(CITY_TIME),
                        ends=clipped_end.astimezone(CITY_TIME),
                        until_midnight=clipped_end == end,
                    )
                )
    return days
