"""The dates and times a booking request asks for: once, or weekly for a period without
the dates left out and (unless asked to keep them) Finland's public holidays.

Times are local (Europe/Helsinki). Each date's range is made from that date's own local
times, so a weekly 18:00 stays 18:00 on both sides of a daylight-saving change; an end
of 00:00 is midnight at the end of the day.

`plan()` is the one place that turns what was typed into dates and refuses what cannot
be booked (an end before the start, a time in the past, a series too long); the form
only reads the text, and the workflows (grants/booking_requests.py) use the plan.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import holidays
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

LOCAL = ZoneInfo(settings.TIME_ZONE)
MIDNIGHT = datetime.time(0, 0)
# A weekly request covers at most a year, and at most this many times.
MAX_TIMES = 60
MAX_SPAN = relativedelta(years=1)

ONCE = "once"
WEEKLY = "weekly"

# The `holidays` library's name for each of our languages.
HOLIDAY_LANGUAGES = {"fi": "fi", "sv": "sv_FI", "en": "en_US"}


class TimesError(Exception):
    """What was asked for cannot be booked; `message` is for the person, `field` is the
    form field it concerns (None for the whole form)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def short_date(day: datetime.date) -> str:
    """A date as people in Finland write it: 6.5.2027."""
    return f"{day.day}.{day.month}.{day.year}"


def local_range(day: datetime.date, starts: datetime.time, ends: datetime.time):
    """[starts, ends) on `day` in local time; an end of 00:00 is the following midnight."""
    lower = datetime.datetime.combine(day, starts, LOCAL)
    end_day = day + datetime.timedelta(days=1) if ends == MIDNIGHT else day
    upper = datetime.datetime.combine(end_day, ends, LOCAL)
    return DateTimeTZRange(lower, upper, "[)")


def holiday_names(years, language: str | None = None) -> dict[datetime.date, str]:
    """Finland's public holidays in `years`, named in `language` (the active one)."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    found = holidays.Finland(years=years, language=HOLIDAY_LANGUAGES.get(language, "fi"))
    return dict(found.items())


@dataclass(frozen=True)
class Skipped:
    day: datetime.date
    reason: str  # "holiday" or "exception"
    name: str = ""  # the holiday's name


@dataclass(frozen=True)
class Plan:
    """The dates a request books, and those it leaves out."""

    repeat: str
    first_date: datetime.date
    last_date: datetime.date | None
    starts: datetime.time
    ends: datetime.time
    dates: list[datetime.date]
    skipped: list[Skipped] = field(default_factory=list)
    exceptions: list[datetime.date] = field(default_factory=list)
    skip_holidays: bool = True

    @property
    def skipped_holidays(self) -> list[datetime.date]:
        return [s.day for s in self.skipped if s.reason == "holiday"]

    def ranges(self) -> list[tuple[datetime.date, DateTimeTZRange]]:
        return [(day, local_range(day, self.starts, self.ends)) for day in self.dates]


def plan(
    *,
    repeat: str,
    first_date: datetime.date,
    last_date: datetime.date | None,
    starts: datetime.time,
    ends: datetime.time,
    exceptions: list[datetime.date] = (),
    skip_holidays: bool = True,
    now: datetime.datetime | None = None,
) -> Plan:
    """The dates `repeat` (ONCE or WEEKLY) asks for, or TimesError saying why none can be
    booked. A weekly request repeats on the first date's weekday until the last date."""
    now = now or timezone.now()
    if ends != MIDNIGHT and ends <= starts:
        raise TimesError(_("The end time must be after the start time."), field="ends")
    if repeat == ONCE:
        candidates = [first_date]
        skipped: list[Skipped] = []
    else:
        candidates, skipped = _weekly(first_date, last_date, exceptions, skip_holidays)
    if not candidates:
        raise TimesError(
            _(
                "No dates are left once the dates left out and the public holidays are "
                "taken away. Check the dates left out, or keep the public holidays."
            ),
            field="exceptions",
        )
    if len(candidates) > MAX_TIMES:
        raise TimesError(
            _("A request may hold at most %(max)s times; this one has %(count)s.")
            % {"max": MAX_TIMES, "count": len(candidates)},
            field="last_date",
        )
    first_start = local_range(candidates[0], starts, ends).lower
    if first_start <= now:
        raise TimesError(
            _("%(date)s %(time)s has already passed: ask for a time in the future.")
            % {"date": short_date(candidates[0]), "time": formats.time_format(starts, "H:i")},
            field="first_date",
        )
    return Plan(
        repeat=repeat,
        first_date=first_date,
        last_date=last_date if repeat == WEEKLY else None,
        starts=starts,
        ends=ends,
        dates=candidates,
        skipped=skipped,
        exceptions=sorted(set(exceptions)) if repeat == WEEKLY else [],
        skip_holidays=skip_holidays,
    )


def _weekly(first_date, last_date, exceptions, skip_holidays):
    if last_date is None:
        raise TimesError(_("Give the last date of the weekly series."), field="last_date")
    if last_date < first_date:
        raise TimesError(_("The last date must not be before the first date."), field="last_date")
    if last_date > first_date + MAX_SPAN:
        raise TimesError(
            _(
                "A weekly series may last at most a year: from %(first)s the last date is "
                "%(last)s at the latest. Send a new request for the following year."
            )
            % {"first": short_date(first_date), "last": short_date(first_date + MAX_SPAN)},
            field="last_date",
        )
    weeks = (last_date - first_date).days // 7
    series = [first_date + datetime.timedelta(weeks=n) for n in range(weeks + 1)]
    strays = sorted(set(exceptions) - set(series))
    if strays:
        raise TimesError(
            _(
                "%(dates)s is not one of the series' dates (every %(weekday)s from %(first)s "
                "to %(last)s)."
            )
            % {
                "dates": ", ".join(short_date(day) for day in strays),
                "weekday": formats.date_format(first_date, "l"),
                "first": short_date(first_date),
                "last": short_date(last_date),
            },
            field="exceptions",
        )
    names = holiday_names(range(first_date.year, last_date.year + 1)) if skip_holidays else {}
    dates, skipped = [], []
    left_out = set(exceptions)
    for day in series:
        if day in left_out:
            skipped.append(Skipped(day, "exception"))
        elif day in names:
            skipped.append(Skipped(day, "holiday", names[day]))
        else:
            dates.append(day)
    return dates, skipped
