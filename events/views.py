"""The public pages of events: a series and one occurrence of it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from events import registration_views
from events.permissions import can_manage_series, occurrence_for_viewer, series_for_viewer


@require_safe
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = series_for_viewer(request.user, slug)
    context = {
        "series": series,
        "can_manage": can_manage_series(request.user, series),
        "upcoming": series.occurrences.upcoming()[:20],
    }
    return render(request, "events/series.html", context)


@require_safe
def occurrence_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = occurrence_for_viewer(request.user, slug, pk)
    context = {
        "series": occurrence.series,
        "occurrence": occurrence,
        "can_manage": can_manage_series(request.user, occurrence.series),
        **registration_views.registration_context(request, occurrence),
    }
    return render(request, "events/occurrence.html", context)
