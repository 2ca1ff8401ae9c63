"""The recurrence engine: a series' rule as dates, and the occurrence rows made from it.

A rule is RFC 5545 RRULE text read by python-dateutil. Its DTSTART is the series'
first date and start time as a naive local datetime, so that dateutil repeats the
wall-clock time (17:00 stays 17:00 across daylight-saving changes); each date is then
made aware in settings.TIME_ZONE. EXDATE and RDATE are whole days at the series'
start time.

Occurrences are made for a rolling horizon (`HORIZON_DAYS`) by `materialise`, which
runs when a series is saved (events.managing.series_save) and daily
(`materialise_all`, the `materialise_occurrences` command). An occurrence in the rule
is known by the local date of its `original_start`: a change of the start time keeps
the occurrence (and what is attached to it) and moves it to the new time.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as du
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EventSeries, FollowUp, MemoAttachment, Occurrence, Registration, Topic

# Two years of occurrences are made ahead; the daily run moves the horizon on.
HORIZON_DAYS = 730
# More occurrences than any sensible series has in all (a weekly meeting for ten years
# is 520): a daily series for ten years is refused. An open-ended rule is counted over
# the horizon, as only that much of it is ever made at once.
MAX_OCCURRENCES = 800
# A rule that makes nothing in this many years makes nothing the site would show.
SEARCH_YEARS = 10

FREQUENCIES = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY, "YEARLY": du.YEARLY}
SUPPORTED_PARTS = (
    "FREQ",
    "INTERVAL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYSETPOS",
    "COUNT",
    "UNTIL",
    "WKST",
)
_PART = re.compile(r"^[A-Z]+=[A-Z0-9+\-,:]+$")


class RuleError(ValueError):
    """A rule that cannot be used; the message is for the person who wrote it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def city_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def aware(local: datetime) -> datetime:
    """A naive local wall-clock time in the city's zone."""
    return local.replace(tzinfo=city_zone())


def local_naive(moment: datetime) -> datetime:
    return moment.astimezone(city_zone()).replace(tzinfo=None)


# --- reading a rule ------------------------------------------------------------------------


def parse(text: str) -> dict[str, str]:
    """The rule's parts by name, checked against what the site supports.

    UNTIL is made a local wall-clock time (naive), as the rule's DTSTART is: a UTC
    value (…Z) is converted, and a date alone means the end of that day.
    """
    text = (text or "").strip().upper()
    if text.startswith("RRULE:"):
        text = text[len("RRULE:") :]
    parts: dict[str, str] = {}
    for part in filter(None, text.split(";")):
        if not _PART.match(part):
            raise RuleError(
                _("The recurrence rule could not be read: “%(part)s”.") % {"part": part}
            )
        name, value = part.split("=", 1)
        if name not in SUPPORTED_PARTS:
            raise RuleError(
                _("The recurrence rule uses %(part)s, which this site does not support.")
                % {"part": name}
            )
        if name in parts:
            raise RuleError(_("The recurrence rule gives %(part)s twice.") % {"part": name})
        parts[name] = value
    if "FREQ" not in parts:
        raise RuleError(_("The recurrence rule must say how often (FREQ)."))
    if parts["FREQ"] not in FREQUENCIES:
        raise RuleError(_("Events can repeat daily, weekly, monthly or yearly."))
    if "COUNT" in parts and "UNTIL" in parts:
        raise RuleError(_("A rule can end on a date or after a number of times, not both."))
    if "UNTIL" in parts:
        parts["UNTIL"] = _local_until(parts["UNTIL"])
    return parts


def _local_until(value: str) -> str:
    try:
        if value.endswith("Z"):
            moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=ZoneInfo("UTC"))
            return local_naive(moment).strftime("%Y%m%dT%H%M%S")
        if "T" in value:
            datetime.strptime(value, "%Y%m%dT%H%M%S")
            return value
        return datetime.strptime(value, "%Y%m%d").strftime("%Y%m%dT235959")
    except ValueError:
        raise RuleError(_("The end date of the rule could not be read.")) from None


def unparse(parts: dict[str, str]) -> str:
    return ";".join(f"{name}={parts[name]}" for name in SUPPORTED_PARTS if name in parts)


def _rule(parts: dict[str, str], dtstart: datetime) -> du.rrule:
    try:
        return du.rrulestr(unparse(parts), dtstart=dtstart)
    except (ValueError, TypeError, IndexError):
        raise RuleError(_("The recurrence rule could not be read.")) from None


@dataclass(frozen=True)
class Schedule:
    """What a series' dates are made of; built from a series or from a form's values."""

    start_date: date
    start_time: object  # datetime.time
    rrule: str = ""
    excluded_dates: tuple[date, ...] = ()
    added_dates: tuple[date, ...] = ()
    duration: timedelta = field(default=timedelta(hours=2))

    @classmethod
    def of(cls, series: EventSeries) -> Schedule:
        return cls(
            start_date=series.start_date,
            start_time=series.start_time,
            rrule=series.rrule,
            excluded_dates=tuple(series.excluded_dates or ()),
            added_dates=tuple(series.added_dates or ()),
            duration=series.duration,
        )

    @property
    def dtstart(self) -> datetime:
        return datetime.combine(self.start_date, self.start_time)

    def at_start_time(self, day: date) -> datetime:
        return datetime.combine(day, self.start_time)

    def rule_set(self) -> du.rruleset:
        """The dates as naive local datetimes (dateutil's rruleset)."""
        rules = du.rruleset()
        if self.rrule:
            rules.rrule(_rule(parse(self.rrule), self.dtstart))
        else:
            rules.rdate(self.dtstart)
        for day in self.added_dates:
            rules.rdate(self.at_start_time(day))
        for day in self.excluded_dates:
            rules.exdate(self.at_start_time(day))
        return rules

    def starts(self, *, after: datetime | None = None, before: datetime) -> list[datetime]:
        """Aware starts in [after, before), `after` defaulting to the first."""
        rules = self.rule_set()
        low = local_naive(after) if after else datetime.min
        high = local_naive(before)
        found = []
        for local in rules:
            if local >= high:
                break
            if local >= low:
                found.append(aware(local))
        return found

    def next_starts(self, count: int, *, now: datetime | None = None) -> list[datetime]:
        now = now or timezone.now()
        low = local_naive(now)
        return [aware(d) for d in itertools.islice((d for d in self.rule_set() if d >= low), count)]


def validate(schedule: Schedule) -> None:
    """Refuse a rule that cannot be read, makes nothing, or makes far too much."""
    if schedule.rrule:
        parts = parse(schedule.rrule)
        rule = _rule(parts, schedule.dtstart)
        finite = "COUNT" in parts or "UNTIL" in parts
        horizon = schedule.dtstart + timedelta(days=HORIZON_DAYS)
        dates = iter(rule) if finite else itertools.takewhile(lambda d: d < horizon, rule)
        # An impossible rule (30 February) is searched only so far, not to year 9999.
        search_end = schedule.dtstart.replace(year=schedule.dtstart.year + SEARCH_YEARS)
        first = next(itertools.takewhile(lambda d: d <= search_end, iter(rule)), None)
        if first is None and not schedule.added_dates:
            raise RuleError(_("The recurrence rule makes no dates. Check the days chosen."))
        made = sum(1 for _date in itertools.islice(dates, MAX_OCCURRENCES + 1))
        if made + len(schedule.added_dates) > MAX_OCCURRENCES:
            raise RuleError(
                _(
                    "The series would have more than %(max)s occurrences. Make it shorter, "
                    "repeat it less often, or leave out the end so that it goes on."
                )
                % {"max": MAX_OCCURRENCES}
            )
    elif len(schedule.added_dates) > MAX_OCCURRENCES:
        raise RuleError(_("Too many dates were added."))


# --- occurrence rows -------------------------------------------------------------------------


def with_attachments(queryset):
    """Occurrences annotated with what would be lost if they went: active registrations,
    topics, a memo (text, attachments or follow-ups)."""
    return queryset.annotate(
        has_registrations=Exists(Registration.objects.active().filter(occurrence=OuterRef("pk"))),
        has_topics=Exists(Topic.objects.filter(occurrence=OuterRef("pk"))),
        has_memo_files=Exists(MemoAttachment.objects.filter(occurrence=OuterRef("pk")))
        | Exists(FollowUp.objects.filter(occurrence=OuterRef("pk"))),
    )


def has_anything(occurrence: Occurrence) -> bool:
    return bool(
        occurrence.has_registrations
        or occurrence.has_topics
        or occurrence.has_memo_files
        or occurrence.memo
        or occurrence.closed_at
    )


@dataclass
class Plan:
    """How the future occurrences of a series would change to follow a schedule."""

    create: list[datetime] = field(default_factory=list)  # new original starts
    retime: list[tuple[Occurrence, datetime]] = field(default_factory=list)  # kept, new time
    dropped: list[Occurrence] = field(default_factory=list)  # not in the rule any more
    kept: int = 0

    @property
    def dropped_with_attachments(self) -> list[Occurrence]:
        return [o for o in self.dropped if has_anything(o)]


def plan(series: EventSeries, schedule: Schedule, *, now: datetime | None = None) -> Plan:
    """Compare the future occurrences of `series` with what `schedule` makes.

    Past occurrences are never part of a plan; an occurrence is in the rule when the
    rule has a start on its original local date.
    """
    now = now or timezone.now()
    wanted = {
        local_naive(start).date(): start
        for start in schedule.starts(after=now, before=now + timedelta(days=HORIZON_DAYS))
    }
    result = Plan()
    existing = with_attachments(series.occurrences.filter(original_start__gt=now))
    for occurrence in existing.order_by("original_start"):
        day = local_naive(occurrence.original_start).date()
        start = wanted.pop(day, None)
        if start is None:
            result.dropped.append(occurrence)
        elif start != occurrence.original_start or (
            not occurrence.is_moved and occurrence.end - occurrence.start != schedule.duration
        ):
            result.retime.append((occurrence, start))
        else:
            result.kept += 1
    result.create = sorted(wanted.values())
    return result


def carry_out(series: EventSeries, schedule: Schedule, result: Plan) -> None:
    """Make the rows follow the plan. A dropped occurrence that was moved or cancelled,
    or carries something, stays (events.managing cancels it when the organiser agrees)."""
    for occurrence, start in result.retime:
        if occurrence.is_moved:
            occurrence.original_start = start
        else:
            occurrence.original_start = occurrence.start = start
            occurrence.end = start + schedule.duration
        occurrence.save(update_fields=["original_start", "start", "end"])
    gone = [o.pk for o in result.dropped if not (o.is_moved or o.is_cancelled or has_anything(o))]
    if gone:
        Occurrence.objects.filter(pk__in=gone).delete()
    Occurrence.objects.bulk_create(
        [
            Occurrence(series=series, original_start=s, start=s, end=s + schedule.duration)
            for s in result.create
        ],
        ignore_conflicts=True,  # a concurrent run made the same row: the constraint holds
    )


def materialise(series: EventSeries, *, now: datetime | None = None) -> Plan:
    """Make the series' occurrences for the horizon; safe to run any number of times.

    Never touches the past; keeps moved and cancelled occurrences and those with
    registrations, topics or a memo, even when the rule no longer has them.
    """
    schedule = Schedule.of(series)
    with transaction.atomic():
        EventSeries.objects.select_for_update().filter(pk=series.pk).first()
        result = plan(series, schedule, now=now)
        carry_out(series, schedule, result)
    return result


def materialise_all(*, now: datetime | None = None) -> int:
    """Move every live series' horizon on (the daily run); returns how many were made."""
    now = now or timezone.now()
    made = 0
    # A one-off event's occurrence is made when it is saved; only rules move on.
    live = EventSeries.objects.exclude(status=EventSeries.Status.HIDDEN).filter(
        Q(rrule__gt="") | ~Q(added_dates=[])
    )
    for series in live.iterator(chunk_size=200):
        try:
            made += len(materialise(series, now=now).create)
        except RuleError:
            continue  # a rule entered before a check existed: its page says what is wrong
    return made
