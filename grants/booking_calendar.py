"""Bookings as iCalendar (RFC 5545): a facility's busy times, public and nameless, and an
association's own bookings, private behind a signed address.

Times carry TZID=Europe/Helsinki, so a booking at 18:00 stays at 18:00 in every client
across daylight-saving changes. UIDs never change (a booking is a row). The busy feed
says only "Busy": nobody learns from it which association uses the facility. The
association's feed is for its editors' calendars: its address is a token signed for the
association (django.core.signing), shown to them on My page; a token that does not
verify is a 404. Neither feed carries the access instructions.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event, Timezone

from associations.models import Association
from grants.booking_permissions import bookable_facility
from grants.models import Booking

PRODID = "-//Yhdistystori//Facilities//FI"
CONTENT_TYPE = "text/calendar; charset=utf-8"
PAST_WINDOW = timedelta(days=90)
TOKEN_SALT = "grants.booking-calendar"
# Far more than a year of weekly series at one facility; a bound on a feed's size.
MAX_ENTRIES = 5000


def association_token(association: Association) -> str:
    return signing.Signer(salt=TOKEN_SALT).sign(str(association.pk))


def association_from_token(token: str) -> Association:
    try:
        pk = signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        raise Http404 from None
    if not pk.isascii() or not pk.isdigit():
        raise Http404
    association = Association.objects.published().filter(pk=int(pk)).first()
    if association is None:
        raise Http404
    return association


def _host() -> str:
    from urllib.parse import urlsplit

    return (urlsplit(settings.SITE_URL).hostname if settings.SITE_URL else "") or "yhdistystori"


def _calendar(name: str, events) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    if not calendar.timezones:
        calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    return calendar.to_ical()


def _event(booking: Booking, *, summary: str, status: str, **more) -> Event:
    local = ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", f"booking-{booking.pk}@{_host()}")
    event.add("dtstamp", booking.request.created_at.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", booking.during.lower.astimezone(local))
    event.add("dtend", booking.during.upper.astimezone(local))
    event.add("summary", summary)
    event.add("status", status)
    for key, value in more.items():
        if value:
            event.add(key, value)
    return event


def _response(body: bytes, filename: str, *, private: bool) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    if private:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=900)
    return response


@require_safe
def busy_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The facility's accepted bookings, each only "Busy"."""
    facility = bookable_facility(slug)
    since = timezone.now() - PAST_WINDOW
    bookings = (
        Booking.objects.accepted()
        .filter(facility=facility, during__endswith__gte=since)
        .select_related("request")
        .order_by("during")[:MAX_ENTRIES]
    )
    events = [_event(b, summary=_("Busy"), status="CONFIRMED") for b in bookings]
    name = _("%(facility)s: busy times") % {"facility": facility.name}
    return _response(_calendar(name, events), f"{facility.slug}-busy", private=False)


@require_safe
def association_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The association's requested and accepted times (and those cancelled, marked so)."""
    association = association_from_token(token)
    since = timezone.now() - PAST_WINDOW
    bookings = (
        Booking.objects.filter(request__association=association, during__endswith__gte=since)
        .filter(
            # Times cancelled after they were accepted stay, marked; a withdrawn request's
            # times (cancelled without a reason) go.
            Q(status__in=(Booking.Status.REQUESTED, Booking.Status.ACCEPTED))
            | Q(status=Booking.Status.CANCELLED, cancelled_at__isnull=False) & ~Q(cancel_reason="")
        )
        .select_related("request", "facility")
        .order_by("during")[:MAX_ENTRIES]
    )
    base = f"{request.scheme}://{request.get_host()}"
    events = []
    for booking in bookings:
        summary = booking.facility.name
        status = "CONFIRMED"
        if booking.status == Booking.Status.REQUESTED:
            summary = _("Requested: %(facility)s") % {"facility": summary}
            status = "TENTATIVE"
        elif booking.status == Booking.Status.CANCELLED:
            summary = _("Cancelled: %(facility)s") % {"facility": summary}
            status = "CANCELLED"
        url = base + reverse("facilities:booking", args=[booking.request_id])
        events.append(
            _event(
                booking,
                summary=summary,
                status=status,
                location=booking.facility.street_address,
                description=f"{booking.request.purpose}\n\n{url}",
                url=url,
            )
        )
    name = _("%(association)s: facility bookings") % {"association": association.name}
    return _response(_calendar(name, events), "bookings", private=True)
