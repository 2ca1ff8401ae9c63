"""schema.org Event JSON-LD for an occurrence's page."""

from __future__ import annotations

import json

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from yhdistystori.models import SiteConfiguration

SCHEMA = "https://schema.org/"


def _iso(moment) -> str:
    # With the city's offset (+02:00 or +03:00), as the page shows the local time.
    return timezone.localtime(moment).isoformat()


def _status(occurrence) -> str:
    if occurrence.is_cancelled:
        return SCHEMA + "EventCancelled"
    if occurrence.is_moved:
        return SCHEMA + "EventRescheduled"
    return SCHEMA + "EventScheduled"


def _locations(series) -> tuple[list[dict], str]:
    """The places of the event and its attendance mode."""
    locations = []
    if series.place_name or series.street_address:
        locations.append(
            {
                "@type": "Place",
                "name": series.place_name or series.street_address,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": series.street_address,
                    "postalCode": series.postal_code,
                    "addressLocality": series.post_office,
                    "addressCountry": "FI",
                },
            }
        )
    if series.online_url:
        locations.append({"@type": "VirtualLocation", "url": series.online_url})
    if series.online_url and len(locations) == 2:
        mode = "MixedEventAttendanceMode"
    elif series.online_url:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    return locations, SCHEMA + mode


def _organisers(series, organisers, request: HttpRequest) -> list[dict]:
    found = []
    if series.by_city:
        found.append({"@type": "Organization", "name": SiteConfiguration.current().city_name})
    found += [
        {
            "@type": "Organization",
            "name": association.name,
            "url": request.build_absolute_uri(association.get_absolute_url()),
        }
        for association in organisers
    ]
    return found


def event(occurrence, organisers, request: HttpRequest) -> SafeString:
    """`organisers`: the series' organising associations, as the page has them already."""
    series = occurrence.series
    url = reverse("events:occurrence", args=[series.slug, occurrence.pk])
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": series.title,
        "startDate": _iso(occurrence.start),
        "endDate": _iso(occurrence.end),
        "eventStatus": _status(occurrence),
        "url": request.build_absolute_uri(url),
    }
    if occurrence.is_moved and not occurrence.is_cancelled:
        data["previousStartDate"] = _iso(occurrence.original_start)
    if series.description:
        data["description"] = series.description
    locations, data["eventAttendanceMode"] = _locations(series)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    found = _organisers(series, organisers, request)
    if found:
        data["organizer"] = found[0] if len(found) == 1 else found
    if series.capacity:
        data["maximumAttendeeCapacity"] = series.capacity
    # Escape '<' so that no text can close the <script> element it lives in.
    return mark_safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))  # noqa: S308
