"""The iCalendar feeds: every public event, one series, one association's events.

Anyone may subscribe: the feeds hold only what the public pages show. A client polls
them again and again, so each answers with an ETag and a short cache time; a built
feed is kept in the cache under the digest of what it is made of, and is built
anew in one query however many occurrences it holds.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from associations.models import Association
from events import calendar
from events.models import EventSeries, Occurrence

CONTENT_TYPE = "text/calendar; charset=utf-8"
# A built feed is kept under the digest of its content, so a change shows at once.
FEED_CACHE_SECONDS = 24 * 60 * 60


def _feed(request: HttpRequest, occurrences, *, name: str, filename: str) -> HttpResponse:
    occurrences = calendar.feed_occurrences(occurrences)
    base_url = f"{request.scheme}://{request.get_host()}"
    host = calendar.uid_host(request)
    digest = calendar.fingerprint(occurrences, get_language() or "", base_url, host, name)
    etag = f'"{digest[:32]}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        key = f"events:feed:{digest}"
        body = cache.get(key)
        if body is None:
            body = calendar.build_calendar(occurrences, name=name, base_url=base_url, host=host)
            cache.set(key, body, FEED_CACHE_SECONDS)
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
