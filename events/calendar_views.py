"""The iCalendar feeds: every public event, one series, one association's events.

Anyone may subscribe: the feeds hold only what the public pages show. A client polls
them again and again, so each answers with an ETag and a short cache time, and is
built in one query however many occurrences it holds.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from associations.models import Association
from events import calendar
from events.models import EventSeries, Occurrence

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _feed(request: HttpRequest, occurrences, *, name: str, filename: str) -> HttpResponse:
    body = calendar.build_calendar(
        calendar.feed_occurrences(occurrences),
        name=name,
        base_url=f"{request.scheme}://{request.get_host()}",
        host=calendar.uid_host(request),
    )
    etag = calendar.etag(body)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=900)
    return response


@require_safe
def all_events(request: HttpRequest) -> HttpResponse:
    return _feed(
        request,
        Occurrence.objects.public(),
        name=_("Yhdistystori: events"),
        filename="events",
    )


@require_safe
def series_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(EventSeries.objects.public(), slug=slug)
    return _feed(
        request, Occurrence.objects.filter(series=series), name=series.title, filename=slug
    )


@require_safe
def association_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    association = get_object_or_404(Association.objects.published(), slug=slug)
    return _feed(
        request,
        Occurrence.objects.public().filter(series__organisers=association),
        name=_("%(association)s: events") % {"association": association.name},
        filename=slug,
    )
