"""What the list of events, the month view and the API share: the filtered occurrences,
the filters in use, and the days of a month."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django import forms
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from events.filters import TERM_FILTERS, OccurrenceFilter
from events.models import Occurrence
from yhdistystori.collation import sort_key

FIRST_YEAR = 2000
LAST_YEAR = 2100


def event_filter(request: HttpRequest, *, lenient: bool, data: QueryDict | None = None):
    data = request.GET if data is None else data
    return OccurrenceFilter(
        data or None, queryset=Occurrence.objects.public().select_related("series"), lenient=lenient
    )


def with_organisers(occurrences: QuerySet) -> QuerySet:
    """Occurrences with their series' organisers, in one query for a whole page."""
    return occurrences.prefetch_related(
        Prefetch("series__organisers", queryset=Association.objects.only("pk", "name", "slug"))
    )


def kept_query(request: HttpRequest, filterset: OccurrenceFilter, *, drop=("page",)) -> QueryDict:
    """The query the page's links carry on: without unknown terms an old link named."""
    keep = request.GET.copy()
    for name in drop:
        keep.pop(name, None)
    ignored = set(filterset.ignored)
    for name in (*TERM_FILTERS, "organiser"):
        if name in keep:
            keep.setlist(name, [value for value in keep.getlist(name) if value not in ignored])
    return keep


def filter_chips(filterset: OccurrenceFilter, query: QueryDict) -> list[dict]:
    """Each filter in use, with the address of the same list without it."""
    chips = []
    for name, value, label in filterset.chosen():
        rest = query.copy()
        rest.setlist(name, [v for v in rest.getlist(name) if v != value])
        rest.pop("page", None)
        chips.append({"label": label, "url": "?" + rest.urlencode()})
    return chips


def filter_groups(filterset: OccurrenceFilter) -> list[dict]:
    """Category and district as checkbox groups, as the directory shows them."""
    groups = []
    for name in TERM_FILTERS:
        bound = filterset.form[name]
        ticked = {str(value) for value in (bound.value() or [])}
        options = [(term.slug, term.name, term.slug in ticked) for term in bound.field.queryset]
        if name == "district":
            options.sort(key=lambda option: sort_key(option[1]))
        groups.append({"field": bound, "options": options})
    return groups


class MonthForm(forms.Form):
    year = forms.IntegerField(
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        error_messages={"invalid": _("The year must be a number such as 2026.")},
    )
    month = forms.IntegerField(
        min_value=1,
        max_value=12,
        required=False,
        error_messages={"invalid": _("The month must be a number from 1 to 12.")},
    )


@dataclass
class Day:
    date: date
    in_month: bool
    occurrences: list = field(default_factory=list)


@dataclass
class Month:
    first: date

    @property
    def next_first(self) -> date:
        year, month = self.first.year, self.first.month
        return date(year + (month == 12), month % 12 + 1, 1)

    @property
    def previous_first(self) -> date:
        year, month = self.first.year, self.first.month
        return date(year - (month == 1), (month - 2) % 12 + 1, 1)

    def bounds(self) -> tuple[datetime, datetime]:
        """The month's first and the next month's first moment in the city's time zone."""
        return _local_start(self.first), _local_start(self.next_first)

    def weeks(self, occurrences) -> list[list[Day]]:
        """The month's weeks, Monday first, with each day's occurrences by local start."""
        by_day: dict[date, list] = {}
        for occurrence in occurrences:
            by_day.setdefault(timezone.localtime(occurrence.start).date(), []).append(occurrence)
        return [
            [Day(day, day.month == self.first.month, by_day.get(day, [])) for day in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(
                self.first.year, self.first.month
            )
        ]

    def in_range(self, day: date) -> bool:
        return FIRST_YEAR <= day.year <= LAST_YEAR


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
