"""Occurrences as iCalendar (RFC 5545): the feeds people subscribe to and the file an
email carries.

Each occurrence is its own VEVENT with a UID that never changes: occurrences are rows,
and a moved or cancelled one differs from its series' rule, so a client is not asked
to expand a rule and then patch it. Times carry TZID=Europe/Helsinki with its
VTIMEZONE, so a meeting at 17:00 stays at 17:00 in every client across daylight-saving
changes. Everything a VEVENT holds is stable between requests (DTSTAMP is when the
entry last changed, not the time of the request), so the same data gives the same
bytes and the feeds can answer with an ETag.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from events.models import Occurrence

# Subscribers see the recent past too (a meeting they attended stays in their calendar),
# and every future occurrence the horizon holds.
PAST_WINDOW = timedelta(days=90)
PRODID = "-//Yhdistystori//Events//FI"
# Raise when what a VEVENT holds changes, so that cached feeds are built anew.
FEED_FORMAT = 1


def uid_host(request=None) -> str:
    """The host part of the UIDs: the site's own name, so that UIDs stay the same
    whichever address a client used."""
    host = urlsplit(settings.SITE_URL).hostname if settings.SITE_URL else ""
    if not host and request is not None:
        host = request.get_host().split(":")[0]
    return host or "yhdistystori"


def occurrence_uid(occurrence: Occurrence, host: str) -> str:
    return f"occurrence-{occurrence.pk}@{host}"


def feed_occurrences(queryset, now: datetime | None = None):
    """The occurrences a feed lists, with their series, in one query."""
    now = now or timezone.now()
    return queryset.filter(end__gte=now - PAST_WINDOW).select_related("series").order_by("start")


def sequence(occurrence: Occurrence) -> int:
    """Clients replace an entry they have only when SEQUENCE grows: moving and
    cancelling each raise it."""
    return int(occurrence.is_moved) + int(occurrence.is_cancelled)


def last_changed(occurrence: Occurrence) -> datetime:
    series = occurrence.series
    moments = [series.updated_at, occurrence.cancelled_at, series.created_at]
    return max(moment for moment in moments if moment is not None)


def _description(occurrence: Occurrence, url: str) -> str:
    parts = []
    if occurrence.is_cancelled:
        reason = occurrence.cancel_reason.strip()
        parts.append(_("Cancelled: %(reason)s") % {"reason": reason} if reason else _("Cancelled."))
    if occurrence.series.description:
        parts.append(occurrence.series.description)
    if occurrence.series.online_url:
        parts.append(_("Online: %(url)s") % {"url": occurrence.series.online_url})
    parts.append(url)
    return "\n\n".join(parts)


def occurrence_event(occurrence: Occurrence, *, base_url: str, host: str) -> Event:
    """One occurrence as a VEVENT, in the active language."""
    series = occurrence.series
    local = ZoneInfo(settings.TIME_ZONE)
    url = base_url + reverse("events:occurrence", args=[series.slug, occurrence.pk])
    event = Event()
    event.add("uid", occurrence_uid(occurrence, host))
    event.add("dtstamp", last_changed(occurrence).astimezone(ZoneInfo("UTC")))
    event.add("dtstart", occurrence.start.astimezone(local))
    event.add("dtend", occurrence.end.astimezone(local))
    event.add("sequence", sequence(occurrence))
    summary = series.title
    if occurrence.is_cancelled:
        summary = _("Cancelled: %(title)s") % {"title": summary}
    event.add("summary", summary)
    event.add("description", _description(occurrence, url))
    location = series.address_line or series.online_url
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("status", "CANCELLED" if occurrence.is_cancelled else "CONFIRMED")
    return event


def build_calendar(
    occurrences: Iterable[Occurrence], *, name: str, base_url: str, host: str, method: str = ""
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for occurrence in occurrences:
        calendar.add_component(occurrence_event(occurrence, base_url=base_url, host=host))
    calendar.add_missing_timezones()
    if not calendar.timezones:
        # An empty feed still names its zone, so a client shows later entries right.
        calendar.add_component(_timezone())
    return calendar.to_ical()


def _timezone():
    from icalendar import Timezone

    return Timezone.from_tzid(settings.TIME_ZONE)


def occurrence_ics(occurrence: Occurrence) -> bytes:
    """The file an email attaches: one occurrence, its links to the site's own address."""
    return build_calendar(
        [occurrence],
        name=occurrence.series.title,
        base_url=settings.SITE_URL.rstrip("/"),
        host=uid_host(),
        method="PUBLISH",
    )


def fingerprint(occurrences, *parts: str) -> str:
    """A digest of everything a feed's entries are made of, read in one light query.

    Building a feed of a thousand entries takes a noticeable while, and calendar
    clients ask for it again and again: the digest names the finished feed in the
    cache and is its ETag. `parts` are what else it depends on (language, address).
    """
    rows = occurrences.values_list(
        "pk",
        "start",
        "end",
        "original_start",
        "cancelled_at",
        "cancel_reason",
        "series__updated_at",
    )
    digest = hashlib.sha256(repr((FEED_FORMAT, parts)).encode())
    for row in rows:
        digest.update(repr(row).encode())
    return digest.hexdigest()
