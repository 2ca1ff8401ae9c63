"""What the facilities' list page and its API share: the published facilities with the
filters in use, the chips that remove each filter, and the checkbox groups of the form."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from grants.facility_filters import (
    ACCESS_CHOICES,
    TERM_FILTERS,
    TIME_PARAMETERS,
    FacilityFilter,
    time_label,
)
from grants.models import Facility, OpeningHours
from yhdistystori.collation import sort_key


def published_facilities() -> QuerySet:
    """The facilities residents see, with what a row of the list shows."""
    return Facility.objects.published().select_related("district").order_by("name_fi", "id")


class MatchedOnce:
    """The facilities that match, for a Paginator: which ones is read once, as ids in page
    order (a city has hundreds of facilities, a country some thousands), and only the
    page's rows are read whole. Counting and then reading the page would test the free-time
    conditions, the costly part, twice."""

    def __init__(self, queryset: QuerySet, rows=None):
        """`rows(ids)` reads the page's facilities with what the page shows (by default the
        same query for those ids)."""
        self.queryset = queryset
        self.rows = rows or (lambda ids: queryset.filter(pk__in=ids).order_by())
        self.ids = list(queryset.values_list("pk", flat=True))

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, item):
        ids = self.ids[item]
        if not isinstance(item, slice):
            return self.queryset.get(pk=ids)
        found = {row.pk: row for row in self.rows(ids)}
        return [found[pk] for pk in ids if pk in found]


def facility_filter(request: HttpRequest, *, lenient: bool, queryset=None) -> FacilityFilter:
    return FacilityFilter(
        request.GET or None,
        queryset=published_facilities() if queryset is None else queryset,
        lenient=lenient,
    )


def kept_query(request: HttpRequest, filterset: FacilityFilter) -> QueryDict:
    """The query the page's links carry on: without the page and unknown terms."""
    keep = request.GET.copy()
    keep.pop("page", None)
    ignored = set(filterset.ignored)
    for name in TERM_FILTERS:
        if name in keep:
            keep.setlist(name, [value for value in keep.getlist(name) if value not in ignored])
    return keep


def _without(query: QueryDict, name: str, value: str | None = None) -> str:
    rest = query.copy()
    if value is None:
        rest.pop(name, None)
    else:
        rest.setlist(name, [v for v in rest.getlist(name) if v != value])
    return "?" + rest.urlencode()


def _time_chip(data: dict) -> str:
    hours = f"{time_label(data['from'])}–{time_label(data['to'])}"
    if data.get("date") is not None:
        return _("Free on %(date)s at %(hours)s") % {
            "date": date_format(data["date"], "SHORT_DATE_FORMAT"),
            "hours": hours,
        }
    return _("Free every %(weekday)s at %(hours)s, %(first)s–%(last)s") % {
        "weekday": OpeningHours.Weekday(data["weekday"]).label.lower(),
        "hours": hours,
        "first": date_format(data["starts_on"], "SHORT_DATE_FORMAT"),
        "last": date_format(data["ends_on"], "SHORT_DATE_FORMAT"),
    }


def filter_chips(filterset: FacilityFilter, query: QueryDict) -> list[dict]:
    """The filters in use, each with the address of the list without it."""
    if not filterset.is_bound or not filterset.form.is_valid():
        return []
    data = filterset.form.cleaned_data
    chips = []
    if (data.get("q") or "").strip():
        chips.append({"label": f"“{data['q'].strip()}”", "url": _without(query, "q")})
    for term in data.get("district") or ():
        chips.append({"label": term.name, "url": _without(query, "district", term.slug)})
    if data.get("kind"):
        chips.append({"label": Facility.Kind(data["kind"]).label, "url": _without(query, "kind")})
    if data.get("capacity"):
        label = _("Room for at least %(count)s") % {"count": data["capacity"]}
        chips.append({"label": label, "url": _without(query, "capacity")})
    access_labels = dict(ACCESS_CHOICES)
    for key in data.get("access") or ():
        chips.append({"label": access_labels[key], "url": _without(query, "access", key)})
    for term in data.get("equipment") or ():
        chips.append({"label": term.name, "url": _without(query, "equipment", term.slug)})
    if data.get("from") is not None and data.get("to") is not None:
        rest = query.copy()
        for name in TIME_PARAMETERS:
            rest.pop(name, None)
        chips.append({"label": _time_chip(data), "url": "?" + rest.urlencode()})
    return chips


def filter_groups(filterset: FacilityFilter) -> list[dict]:
    """The district and equipment filters as checkbox groups, one query each."""
    groups = []
    for name in TERM_FILTERS:
        bound = filterset.form[name]
        ticked = {str(value) for value in (bound.value() or [])}
        options = [(term.slug, term.name, term.slug in ticked) for term in bound.field.queryset]
        if name == "district":
            options.sort(key=lambda option: sort_key(option[1]))
        groups.append({"field": bound, "options": options})
    return groups


def access_group(filterset: FacilityFilter) -> dict:
    bound = filterset.form["access"]
    ticked = {str(value) for value in (bound.value() or [])}
    return {
        "field": bound,
        "options": [(key, label, key in ticked) for key, label in ACCESS_CHOICES],
    }
