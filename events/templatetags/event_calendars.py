"""Links to subscribe to an event's calendar, for the event pages."""

from __future__ import annotations

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("events/includes/calendar_links.html", takes_context=True)
def calendar_links(context, series) -> dict:
    """The series' feed as a webcal:// link (calendar apps subscribe to it) and as
    https:// (to copy into a calendar that asks for an address)."""
    request = context["request"]
    path = reverse("events:series_calendar", args=[series.slug])
    https = request.build_absolute_uri(path)
    return {
        "series": series,
        "webcal_url": "webcal://" + https.split("://", 1)[1],
        "https_url": https,
        "all_events_url": request.build_absolute_uri(reverse("events:calendar")),
    }
