"""/api/v1/events: read-only JSON of public occurrences with the list's filters, paged
like /api/v1/associations (associations/api.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from events.listing import event_filter, with_organisers
from events.models import Occurrence


def _error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _status(occurrence: Occurrence) -> str:
    if occurrence.is_cancelled:
        return "cancelled"
    return "moved" if occurrence.is_moved else "scheduled"


def serialize(occurrence: Occurrence, request: HttpRequest) -> dict:
    series = occurrence.series
    url = reverse("events:occurrence", args=[series.slug, occurrence.pk])
    return {
        "id": occurrence.pk,
        "series": series.slug,
        "title": {"fi": series.title_fi, "sv": series.title_sv, "en": series.title_en},
        "description": {
            "fi": series.description_fi,
            "sv": series.description_sv,
            "en": series.description_en,
        },
        "start": timezone.localtime(occurrence.start).isoformat(),
        "end": timezone.localtime(occurrence.end).isoformat(),
        "original_start": timezone.localtime(occurrence.original_start).isoformat(),
        "status": _status(occurrence),
        "cancel_reason": occurrence.cancel_reason or None,
        "place": {
            "name": series.place_name,
            "street_address": series.street_address,
            "postal_code": series.postal_code,
            "post_office": series.post_office,
            "online_url": series.online_url or None,
        },
        "by_city": series.by_city,
        "organisers": [
            {
                "id": association.pk,
                "name": association.name,
                "uri": request.build_absolute_uri(association.get_absolute_url()),
            }
            for association in series.organisers.all()
        ],
        "categories": [{"id": c.slug, "name": c.name} for c in series.categories.all()],
        "districts": [{"id": d.slug, "name": d.name} for d in series.districts.all()],
        "audience": series.audience,
        "capacity": series.capacity,
        "registration_required": series.registration_required,
        "url": request.build_absolute_uri(url),
    }


@require_safe
def event_list(request: HttpRequest) -> JsonResponse:
    filterset = event_filter(request, lenient=False)
    if filterset.is_bound and not filterset.form.is_valid():
        return _error(_("Invalid filter values."), 400, fields=filterset.errors.get_json_data())
    try:
        page_size = int(request.GET.get("page_size", settings.API_PAGE_SIZE))
        page_number = int(request.GET.get("page", 1))
    except ValueError:
        return _error(_("page and page_size must be whole numbers."), 400)
    if not 1 <= page_size <= settings.API_MAX_PAGE_SIZE:
        return _error(
            _("page_size must be between 1 and %(max)d.") % {"max": settings.API_MAX_PAGE_SIZE},
            400,
        )
    occurrences = with_organisers(filterset.qs).prefetch_related(
        "series__categories", "series__districts"
    )
    paginator = Paginator(occurrences, page_size)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        return _error(_("There is no page %(page)s.") % {"page": page_number}, 404)

    def link(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count,
            "count_is_exact": True,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize(occurrence, request) for occurrence in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )
