"""The public pages of events: the list, the month, a series and one occurrence."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from events import jsonld, pages, registration_views
from events.listing import (
    Month,
    MonthForm,
    event_filter,
    filter_chips,
    filter_groups,
    kept_query,
    with_organisers,
)
from events.meeting_page import meeting_context
from events.permissions import can_manage_series, occurrence_for_viewer, series_for_viewer
from yhdistystori.pagination import paginate

MONTH_IGNORES = ("page", "when", "from", "to", "year", "month")


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events soonest first (or past ones newest first), filtered and paged."""
    filterset = event_filter(request, lenient=True)
    keep = kept_query(request, filterset)
    pages_context = paginate(
        request, with_organisers(filterset.qs), settings.DIRECTORY_PAGE_SIZE, keep=keep
    )
    context = {
        "filter": filterset,
        "ignored": filterset.ignored,
        "chips": filter_chips(filterset, keep),
        "filter_groups": filter_groups(filterset),
        "is_past": filterset.is_past,
        "clear_url": reverse("events:list"),
        **pages_context,
    }
    status = 400 if filterset.is_bound and not filterset.form.is_valid() else 200
    return render(request, "events/list.html", context, status=status)


@require_safe
def month(request: HttpRequest) -> HttpResponse:
    """One month as a calendar, with the list's filters."""
    form = MonthForm(request.GET)
    today = timezone.localdate()
    first = date(today.year, today.month, 1)
    status = 200
    if form.is_valid():
        first = date(
            form.cleaned_data["year"] or today.year, form.cleaned_data["month"] or today.month, 1
        )
    else:
        status = 400
    # The month's days bound the dates, so the list's date range and time do not apply.
    data = request.GET.copy()
    for name in MONTH_IGNORES:
        data.pop(name, None)
    filterset = event_filter(request, lenient=True, data=data)
    shown = Month(first)
    start, end = shown.bounds()
    occurrences = list(
        filterset.matching.filter(start__gte=start, start__lt=end).order_by("start", "id")
    )
    keep = kept_query(request, filterset, drop=MONTH_IGNORES)
    context = {
        "form": form,
        "filter": filterset,
        "ignored": filterset.ignored,
        "chips": filter_chips(filterset, keep),
        "filter_groups": filter_groups(filterset),
        "month": shown,
        "weeks": shown.weeks(occurrences),
        "has_events": bool(occurrences),
        "filter_query": keep.urlencode(),
        "clear_url": f"{reverse('events:month')}?year={first.year}&month={first.month}",
        "previous": shown.previous_first if shown.in_range(shown.previous_first) else None,
        "next": shown.next_first if shown.in_range(shown.next_first) else None,
    }
    if filterset.is_bound and not filterset.form.is_valid():
        status = 400
    return render(request, "events/month.html", context, status=status)


@require_safe
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = series_for_viewer(request.user, slug)
    context = {
        "series": series,
        "can_manage": can_manage_series(request.user, series),
        "organisers": list(series.organisers.all()),
        "upcoming": series.occurrences.upcoming()[:20],
        "memos": pages.memos(series),
        "follow_up_groups": pages.follow_ups_by_status(series),
    }
    return render(request, "events/series.html", context)


@require_safe
def occurrence_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = occurrence_for_viewer(request.user, slug, pk)
    series = occurrence.series
    organisers = list(series.organisers.all())
    context = {
        "series": series,
        "occurrence": occurrence,
        "can_manage": can_manage_series(request.user, series),
        "organisers": organisers,
        "duration": pages.duration_text(occurrence.end - occurrence.start),
        "places_left": pages.places_left(occurrence),
        "jsonld": jsonld.event(occurrence, organisers, request),
        **registration_views.registration_context(request, occurrence),
    }
    context |= meeting_context(occurrence, user=request.user, can_manage=context["can_manage"])
    return render(request, "events/occurrence.html", context)
