"""The facilities' public pages: /facilities/ with its search and filters, and each
facility's page with its week of busy times."""

from __future__ import annotations

import datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from grants import facility_week
from grants.facility_filters import TIME_PARAMETERS
from grants.facility_listing import (
    MatchedOnce,
    access_group,
    facility_filter,
    filter_chips,
    filter_groups,
    kept_query,
    published_facilities,
)
from grants.facility_permissions import facility_for_viewer, is_facilities_manager
from grants.models import Facility
from yhdistystori.pagination import paginate

OPENSTREETMAP = "https://www.openstreetmap.org/"


@require_safe
def facility_list(request: HttpRequest) -> HttpResponse:
    filterset = facility_filter(request, lenient=True)
    keep = kept_query(request, filterset)
    valid = not filterset.is_bound or filterset.form.is_valid()
    matching = filterset.qs if valid else filterset.queryset.none()
    context = {
        "filter": filterset,
        "ignored": filterset.ignored,
        "chips": filter_chips(filterset, keep),
        "filter_groups": filter_groups(filterset),
        "access_group": access_group(filterset),
        "time_open": any(filterset.data.get(name) for name in TIME_PARAMETERS)
        if filterset.is_bound
        else False,
        "clear_url": reverse("facilities:list"),
        "is_manager": is_facilities_manager(request.user),
        **paginate(
            request,
            MatchedOnce(matching, rows=lambda ids: published_facilities().filter(pk__in=ids)),
            settings.DIRECTORY_PAGE_SIZE,
            keep=keep,
        ),
    }
    return render(request, "grants/facilities/list.html", context, status=200 if valid else 400)


def map_url(facility: Facility) -> str:
    """A plain link to OpenStreetMap: at the coordinates when known, else a search for the
    address. Nothing is fetched from the map service when a page shows the link."""
    if facility.latitude is not None and facility.longitude is not None:
        lat, lon = f"{facility.latitude:.6f}", f"{facility.longitude:.6f}"
        return f"{OPENSTREETMAP}?{urlencode({'mlat': lat, 'mlon': lon})}#map=17/{lat}/{lon}"
    address = ", ".join(
        part
        for part in (facility.street_address, f"{facility.postal_code} {facility.city}".strip())
        if part
    )
    return f"{OPENSTREETMAP}search?{urlencode({'query': address})}"


@require_safe
def facility_detail(request: HttpRequest, slug: str) -> HttpResponse:
    facility = facility_for_viewer(request.user, slug)
    status = 200
    week_error = ""
    try:
        monday = facility_week.parse_week(request.GET.get("week"))
    except ValueError:
        week_error = _("The week was not understood: write it as 2026-W11. This week is shown.")
        monday = facility_week.parse_week(None)
        status = 400
    spans = list(facility.opening_hours.all())
    week = datetime.timedelta(weeks=1)
    context = {
        "facility": facility,
        "rooms": list(facility.rooms.all()),
        "equipment": list(facility.equipment.all()),
        "photos": list(facility.photos.all()),
        "spans": spans,
        "days": facility_week.week_days(facility, monday, spans),
        "monday": monday,
        "sunday": monday + datetime.timedelta(days=6),
        "week_number": monday.isocalendar()[1],
        "previous_week": facility_week.week_value(monday - week),
        "next_week": facility_week.week_value(monday + week),
        "week_error": week_error,
        "map_url": map_url(facility),
        "is_manager": is_facilities_manager(request.user),
        "has_support": facility.support_per_hour > Decimal("0"),
    }
    return render(request, "grants/facilities/detail.html", context, status=status)
