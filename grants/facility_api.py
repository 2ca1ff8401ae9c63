"""/api/v1/facilities: read-only JSON of the published facilities with the list page's
filters (strict: an unknown district or equipment is a 400), paged like the other APIs
(grants/api.py). The access instructions are private and never in it."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from grants import giving
from grants.facility_listing import MatchedOnce, facility_filter, published_facilities
from grants.models import Equipment, Facility

LANGUAGES = ("fi", "sv", "en")


def _error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _languages(obj, name: str) -> dict:
    return {language: getattr(obj, f"{name}_{language}") for language in LANGUAGES}


def _amount(value) -> str:
    return f"{value:.2f}"


def _time(value) -> str:
    return f"{value:%H:%M}"


def serialize(facility: Facility, request: HttpRequest) -> dict:
    district = facility.district
    return {
        "id": facility.pk,
        "slug": facility.slug,
        "uri": request.build_absolute_uri(reverse("facilities:detail", args=[facility.slug])),
        "name": _languages(facility, "name"),
        "kind": facility.kind,
        "description": _languages(facility, "description"),
        "address": {
            "street_address": facility.street_address,
            "postal_code": facility.postal_code,
            "city": facility.city,
        },
        "district": {"slug": district.slug, "name": _languages(district, "name")}
        if district
        else None,
        "latitude": None if facility.latitude is None else float(facility.latitude),
        "longitude": None if facility.longitude is None else float(facility.longitude),
        "capacity": facility.capacity,
        "accessibility": {
            "step_free_access": facility.step_free_access,
            "accessible_toilet": facility.accessible_toilet,
            "induction_loop": facility.induction_loop,
            "notes": _languages(facility, "accessibility"),
        },
        "equipment": [
            {"slug": item.slug, "name": _languages(item, "name")}
            for item in facility.equipment.all()
        ],
        "rooms": [
            {"name": room.name, "capacity": room.capacity, "notes": room.notes}
            for room in facility.rooms.all()
        ],
        "opening_hours": [
            {"weekday": span.weekday, "opens": _time(span.opens), "closes": _time(span.closes)}
            for span in facility.opening_hours.all()
        ],
        "photos": [
            {
                "url": request.build_absolute_uri(photo.image.url),
                "width": photo.width,
                "height": photo.height,
                "alt": _languages(photo, "alt"),
            }
            for photo in facility.photos.all()
        ],
        "currency": giving.CURRENCY,
        "pricing": facility.pricing,
        "price_per_hour": _amount(facility.price_per_hour),
        "normal_price_per_hour": _amount(facility.normal_price_per_hour),
        "support_per_hour": _amount(facility.support_per_hour),
        "rules": _languages(facility, "rules"),
        "contact": {
            "name": facility.contact_name,
            "email": facility.contact_email,
            "phone": facility.contact_phone,
        },
    }


def _with_details(facilities):
    # Only the columns the API shows: the access instructions are not even read.
    return facilities.defer("access_instructions").prefetch_related(
        Prefetch("equipment", queryset=Equipment.objects.all()),
        "rooms",
        "opening_hours",
        "photos",
    )


@require_safe
def facility_list(request: HttpRequest) -> JsonResponse:
    filterset = facility_filter(request, lenient=False, queryset=published_facilities())
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
    matching = MatchedOnce(
        filterset.qs, rows=lambda ids: _with_details(published_facilities().filter(pk__in=ids))
    )
    paginator = Paginator(matching, page_size)
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
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize(facility, request) for facility in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )
