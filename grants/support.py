"""The city's support to associations, in money and in kind, read from the data.

- Money: the published grants in force (the rows of grants.transparency.published_current())
  by the year of their decision. A decision that granted nothing is not a grant: it is
  neither summed nor counted.
- In kind: the accepted times at the city's facilities, by the year of their date. A
  time's support is its hours × (the normal price per hour − the price the association
  paid per hour), never below zero, with both prices as they were copied onto the booking
  request when it was made, not the facility's prices of today. A time counts once it has
  begun: times booked for later in the year are not counted yet (they may still be
  cancelled). Cancelled, declined and requested times never count.

An association's sums for a year are rounded to the cent (hours to two decimals) once;
every other figure (a category's, a district's, the year's) adds those up, so that the
support page, its CSV and the profiles agree to the cent. An association in two fields
of activity (or districts) counts in both, read from its own copy of the relation's ids
(RELATION_ID_COLUMNS, arrays) rather than through the link tables.

Everything is aggregated in SQL: one query for a year's totals by category and district
(kept a few minutes in the cache: cached_year_support), one for the years with support,
one for an association's history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from associations.models import RELATION_ID_COLUMNS, Association
from grants.models import Application, Booking, BookingRequest, GrantDecision

ZERO = Decimal("0")
CENT = Decimal("0.01")


@dataclass
class Support:
    """Support in money and in kind, summed over some associations and a year."""

    amount: Decimal = ZERO
    grants: int = 0
    hours: Decimal = ZERO
    value: Decimal = ZERO
    times: int = 0
    associations: int = 0

    @property
    def total(self) -> Decimal:
        return self.amount + self.value

    def __bool__(self) -> bool:
        return bool(self.grants or self.times)


@dataclass
class YearSupport:
    """One year of support: the whole, and by category and district id."""

    year: int
    whole: Support = field(default_factory=Support)
    categories: dict[int, Support] = field(default_factory=dict)
    districts: dict[int, Support] = field(default_factory=dict)


def _names() -> dict[str, str]:
    return {
        "booking": Booking._meta.db_table,
        "request": BookingRequest._meta.db_table,
        "decision": GrantDecision._meta.db_table,
        "application": Application._meta.db_table,
        "association": Association._meta.db_table,
        "category_ids": RELATION_ID_COLUMNS["categories"],
        "district_ids": RELATION_ID_COLUMNS["districts"],
        "accepted": Booking.Status.ACCEPTED.value,
    }


# Each association's support per year: `supported (association_id, year, amount, grants,
# hours, value, times, category_ids, district_ids)`. The conditions {money_where} and
# {kind_where} narrow the rows (a year, an association); a time counts when it began
# before %(now)s, and so on a date no later than %(today)s (a bound the index serves).
# The accepted times are read from the index grants_booking_accepted_on_date (migration
# 0003_support) alone, summed per request first: a request holds one price.
SUPPORTED = """
WITH money AS (
    SELECT a.association_id, {money_year} AS year,
           SUM(d.amount) AS amount, COUNT(*) AS grants
    FROM {decision} d JOIN {application} a ON a.id = d.application_id
    WHERE d.published_at IS NOT NULL AND d.is_current AND d.amount > 0 {money_where}
    GROUP BY 1, 2
), used AS (
    SELECT b.request_id, {kind_year} AS year,
           EXTRACT(EPOCH FROM SUM(upper(b.during) - lower(b.during))) AS seconds,
           COUNT(*) AS times
    FROM {booking} b
    WHERE b.status = '{accepted}' AND b.on_date <= %(today)s AND lower(b.during) <= %(now)s
        {kind_where}
    GROUP BY 1, 2
), kind AS (
    SELECT r.association_id, u.year,
           ROUND(SUM(u.seconds) / 3600, 2) AS hours,
           ROUND(SUM(u.seconds * GREATEST(r.normal_price_per_hour - r.price_per_hour, 0))
                 / 3600, 2) AS value,
           SUM(u.times) AS times
    FROM used u JOIN {request} r ON r.id = u.request_id
    GROUP BY 1, 2
), supported AS MATERIALIZED (
    SELECT s.*, x.{category_ids} AS category_ids, x.{district_ids} AS district_ids
    FROM (
        SELECT COALESCE(m.association_id, k.association_id) AS association_id,
               COALESCE(m.year, k.year) AS year,
               COALESCE(m.amount, 0) AS amount, COALESCE(m.grants, 0) AS grants,
               COALESCE(k.hours, 0) AS hours, COALESCE(k.value, 0) AS value,
               COALESCE(k.times, 0) AS times
        FROM money m FULL JOIN kind k ON k.association_id = m.association_id AND k.year = m.year
    ) s JOIN {association} x ON x.id = s.association_id
)
"""

SUMS = (
    "SUM(s.amount), SUM(s.grants)::int, SUM(s.hours), SUM(s.value), SUM(s.times)::int, "
    "COUNT(*)::int"
)

# A year's totals: the whole, then by category and by district (through the arrays).
YEAR_TOTALS = (
    SUPPORTED
    + """
SELECT 'whole', NULL, {sums} FROM supported s
UNION ALL
SELECT 'category', term.id, {sums}
FROM supported s CROSS JOIN LATERAL unnest(s.category_ids) AS term(id)
GROUP BY term.id
UNION ALL
SELECT 'district', term.id, {sums}
FROM supported s CROSS JOIN LATERAL unnest(s.district_ids) AS term(id)
GROUP BY term.id
"""
)

# The times of one association's requests.
OF_ASSOCIATION = (
    "AND b.request_id IN (SELECT id FROM {request} WHERE association_id = %(association)s)"
)

# The years with support, each found by one step down an index (a "loose index scan"):
# the first date of a grant, then the first date on or after the next New Year's Day,
# and so on, rather than reading every row.
YEARS = """
WITH RECURSIVE granted(day) AS (
    SELECT MIN(decided_on) FROM {decision}
    WHERE published_at IS NOT NULL AND is_current AND amount > 0
    UNION ALL
    SELECT (SELECT MIN(d.decided_on) FROM {decision} d
            WHERE d.published_at IS NOT NULL AND d.is_current AND d.amount > 0
              AND d.decided_on >= make_date(EXTRACT(YEAR FROM g.day)::int + 1, 1, 1))
    FROM granted g WHERE g.day IS NOT NULL
), used(day) AS (
    SELECT MIN(on_date) FROM {booking}
    WHERE status = '{accepted}' AND on_date <= %(today)s AND lower(during) <= %(now)s
    UNION ALL
    SELECT (SELECT MIN(b.on_date) FROM {booking} b
            WHERE b.status = '{accepted}' AND b.on_date <= %(today)s
              AND lower(b.during) <= %(now)s
              AND b.on_date >= make_date(EXTRACT(YEAR FROM u.day)::int + 1, 1, 1))
    FROM used u WHERE u.day IS NOT NULL
)
SELECT EXTRACT(YEAR FROM day)::int FROM granted WHERE day IS NOT NULL
UNION
SELECT EXTRACT(YEAR FROM day)::int FROM used WHERE day IS NOT NULL
ORDER BY 1
"""


def _moment(now: datetime | None) -> dict:
    now = now or timezone.now()
    return {"now": now, "today": timezone.localdate(now)}


# The year of each grant and time, when they are of several years.
YEARS_OF_ROWS = {
    "money_year": "EXTRACT(YEAR FROM d.decided_on)::int",
    "kind_year": "EXTRACT(YEAR FROM b.on_date)::int",
}


def _year_range(year: int) -> dict:
    return {"year": year, "start": date(year, 1, 1), "end": date(year + 1, 1, 1)}


def _support(row) -> Support:
    amount, grants, hours, value, times, associations = row
    return Support(
        amount=amount or ZERO,
        grants=grants or 0,
        hours=hours or ZERO,
        value=value or ZERO,
        times=times or 0,
        associations=associations or 0,
    )


def years_with_support(*, now: datetime | None = None) -> list[int]:
    """The years in which any association had a grant or used a facility, oldest first."""
    with connection.cursor() as cursor:
        cursor.execute(YEARS.format(**_names()), _moment(now))
        return [row[0] for row in cursor.fetchall()]


def year_support(year: int, *, now: datetime | None = None) -> YearSupport:
    """The year's support in money and in kind: the whole, by category and by district."""
    sql = YEAR_TOTALS.format(
        **_names(),
        sums=SUMS,
        money_where="AND d.decided_on >= %(start)s AND d.decided_on < %(end)s",
        kind_where="AND b.on_date >= %(start)s AND b.on_date < %(end)s",
        money_year="%(year)s::int",
        kind_year="%(year)s::int",
    )
    result = YearSupport(year=year)
    with connection.cursor() as cursor:
        cursor.execute(sql, {**_moment(now), **_year_range(year)})
        for kind, key, *sums in cursor.fetchall():
            if kind == "whole":
                result.whole = _support(sums)
            elif kind == "category":
                result.categories[key] = _support(sums)
            else:
                result.districts[key] = _support(sums)
    return result


# A year's totals change when decisions are published or corrected, when times are
# booked, answered or cancelled, and as booked times begin. The support page keeps them
# a while, as the decisions page keeps its totals, under a key that changes with the
# newest published decision and the newest booking: a new one shows at once, an answer
# to or a cancellation of an earlier booking within TOTALS_SECONDS.
TOTALS_SECONDS = 300

NEWEST = """
SELECT (SELECT MAX(id) FROM {decision} WHERE published_at IS NOT NULL),
       (SELECT MAX(id) FROM {booking})
"""


def cached_year_support(year: int, *, now: datetime | None = None) -> YearSupport:
    """`year_support(year)`, from the cache when nothing was published or booked since."""
    with connection.cursor() as cursor:
        cursor.execute(NEWEST.format(**_names()))
        decision, booking = cursor.fetchone()
    key = f"grants-support:{year}:{decision}:{booking}"
    data = cache.get(key)
    if data is None:
        data = year_support(year, now=now)
        cache.set(key, data, TOTALS_SECONDS)
    return data


@dataclass
class AssociationYear:
    """One association's support in one year."""

    association_id: int
    year: int
    support: Support


def _association_years_sql(*, year: int | None, association_id: int | None, now) -> tuple:
    money_where, kind_where, params = [], [], _moment(now)
    if year is not None:
        money_where.append("AND d.decided_on >= %(start)s AND d.decided_on < %(end)s")
        kind_where.append("AND b.on_date >= %(start)s AND b.on_date < %(end)s")
        params.update(_year_range(year))
    if association_id is not None:
        money_where.append("AND a.association_id = %(association)s")
        kind_where.append(OF_ASSOCIATION.format(request=BookingRequest._meta.db_table))
        params["association"] = association_id
    sql = SUPPORTED.format(
        **_names(),
        money_where=" ".join(money_where),
        kind_where=" ".join(kind_where),
        **YEARS_OF_ROWS,
    )
    return sql, params


def association_years(*, year: int | None = None, now: datetime | None = None):
    """Each association's support per year (one year, or all), newest year first, then
    by association: an iterator of AssociationYear."""
    sql, params = _association_years_sql(year=year, association_id=None, now=now)
    sql += (
        "SELECT s.association_id, s.year, s.amount, s.grants, s.hours, s.value, s.times, 1 "
        "FROM supported s ORDER BY s.year DESC, s.association_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for association_pk, row_year, *sums in cursor.fetchall():
            yield AssociationYear(association_pk, row_year, _support(sums))


# An association's years, and whether it has any published decision in force (a refusal
# too), in one answer of at least one row.
HISTORY = """
SELECT decided.any, decided.upcoming_times, decided.upcoming_seconds,
       s.year, s.amount, s.grants, s.hours, s.value, s.times, 1
FROM (
    SELECT EXISTS (
        SELECT 1 FROM {decision} d JOIN {application} a ON a.id = d.application_id
        WHERE a.association_id = %(association)s AND d.published_at IS NOT NULL
          AND d.is_current
    ) AS any, upcoming.times AS upcoming_times, upcoming.seconds AS upcoming_seconds
    FROM (
        SELECT COUNT(*) AS times,
               COALESCE(SUM(EXTRACT(EPOCH FROM upper(b.during) - lower(b.during))), 0) AS seconds
        FROM {booking} b JOIN {request} r ON r.id = b.request_id
        WHERE b.status = '{accepted}' AND b.on_date >= %(today)s AND lower(b.during) > %(now)s
          AND r.association_id = %(association)s
    ) upcoming
) decided
LEFT JOIN supported s ON true
ORDER BY s.year DESC
"""


@dataclass
class Upcoming:
    """An association's accepted times that have not begun yet."""

    times: int
    hours: Decimal


@dataclass
class History:
    """An association's support per year, newest first, and its sum over the years."""

    years: list[AssociationYear]
    whole: Support
    # Any published decision in force, a refusal too: the profile lists them.
    has_decisions: bool
    # The accepted times still to come: support once they begin.
    upcoming: Upcoming


def association_history(association, *, now: datetime | None = None) -> History:
    """The association's support per year, and its accepted times still to come, in one
    query."""
    sql, params = _association_years_sql(year=None, association_id=association.pk, now=now)
    sql += HISTORY.format(**_names())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    years = [
        AssociationYear(association.pk, row_year, _support(sums))
        for _any, _times, _seconds, row_year, *sums in rows
        if row_year is not None
    ]
    whole = Support(associations=1 if years else 0)
    for entry in years:
        whole.amount += entry.support.amount
        whole.grants += entry.support.grants
        whole.hours += entry.support.hours
        whole.value += entry.support.value
        whole.times += entry.support.times
    _any, times, seconds, *_rest = rows[0]
    upcoming = Upcoming(times=times, hours=(Decimal(seconds) / Decimal(3600)).quantize(CENT))
    return History(years=years, whole=whole, has_decisions=bool(_any), upcoming=upcoming)
