"""Whether a facility is open for a time: the one place that reads opening hours, for the
list's "free at this time" (in SQL) and for a booking request's times (in Python).

Times are local (Europe/Helsinki). A span closing at 00:00 closes at midnight. A time is
within the opening hours when one span of its weekday covers it whole.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet

from grants.models import OpeningHours

MIDNIGHT = datetime.time(0, 0)


def _closes(value: datetime.time) -> datetime.time:
    return datetime.time.max if value == MIDNIGHT else value


def covers(
    spans: Iterable[OpeningHours], weekday: int, starts: datetime.time, ends: datetime.time
) -> bool:
    """Whether one of `spans` (a facility's opening hours) covers `starts`–`ends` on
    `weekday` (0 is Monday). `ends` of 00:00 is midnight."""
    end = _closes(ends)
    return any(
        span.weekday == weekday and span.opens <= starts and end <= _closes(span.closes)
        for span in spans
    )


def open_for(
    facilities: QuerySet, weekday: int, starts: datetime.time, ends: datetime.time
) -> QuerySet:
    """`facilities` open for the whole of `starts`–`ends` on `weekday`."""
    span_closes = Q(closes=MIDNIGHT)
    if ends != MIDNIGHT:
        span_closes |= Q(closes__gte=ends)
    spans = OpeningHours.objects.filter(
        span_closes, facility=OuterRef("pk"), weekday=weekday, opens__lte=starts
    )
    return facilities.filter(Exists(spans))
