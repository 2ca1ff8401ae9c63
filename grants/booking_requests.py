"""A booking request's life: an association's editor checks the times and sends it, the
facilities manager accepts all or some of its dates or declines it, the association may
withdraw it while it waits, and either side may cancel the whole series or one date.

Each function is one transaction that locks the request (select_for_update), raises its
version and tells the other side by email. Accepting is all or nothing: when a chosen
date clashes with another accepted booking, the database's exclusion constraint
(`accepted_bookings_never_overlap`) refuses the write, nothing is accepted and the
refusal names the clashing dates.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from associations.models import Association
from grants import booking_emails
from grants.applying import editable_associations
from grants.booking_times import Plan, TimesError, short_date
from grants.facility_hours import covers
from grants.models import Booking, BookingRequest, Facility
from yhdistystori import desk

ACTIVE = (Booking.Status.REQUESTED, Booking.Status.ACCEPTED)
DESK_KIND = "booking_request"


class BookingError(Exception):
    """A change the workflow refuses; `message` is for the person, `field` its form
    field. `status` is the HTTP status a page answers with."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Outdated(BookingError):
    """The request changed after the page that decides on it was opened."""

    status = 409


@dataclass(frozen=True)
class RequestInput:
    purpose: str
    attendance: int
    message: str = ""


@dataclass(frozen=True)
class DateCheck:
    """One date of a plan, as the check step and the manager's page show it."""

    day: datetime.date
    during: object  # DateTimeTZRange
    conflict: bool
    outside_hours: bool
    booking: Booking | None = None


# --- checking the times ----------------------------------------------------------------------


def _clashes(facility_id: int, ranges, *, exclude_request: int | None = None) -> list:
    """The accepted bookings of the facility that overlap any of `ranges`, in one query."""
    if not ranges:
        return []
    lower = min(r.lower for r in ranges)
    upper = max(r.upper for r in ranges)
    busy = Booking.objects.busy([facility_id], lower, upper)
    if exclude_request is not None:
        busy = busy.exclude(request_id=exclude_request)
    return list(busy.only("during", "on_date"))


def _overlaps(during, others) -> bool:
    return any(
        during.lower < other.during.upper and other.during.lower < during.upper for other in others
    )


def check_dates(
    facility: Facility, dates, *, exclude_request: int | None = None
) -> list[DateCheck]:
    """Each (date, range[, booking]) with whether it clashes with an accepted booking and
    whether it falls outside the facility's opening hours. Two queries whatever the
    number of dates."""
    dates = list(dates)
    busy = _clashes(facility.pk, [row[1] for row in dates], exclude_request=exclude_request)
    spans = list(facility.opening_hours.all())
    checks = []
    for row in dates:
        day, during = row[0], row[1]
        local_start = timezone.localtime(during.lower)
        local_end = timezone.localtime(during.upper)
        checks.append(
            DateCheck(
                day=day,
                during=during,
                conflict=_overlaps(during, busy),
                outside_hours=not covers(
                    spans, day.weekday(), local_start.time(), local_end.time()
                ),
                booking=row[2] if len(row) > 2 else None,
            )
        )
    return checks


def check_plan(facility: Facility, plan: Plan) -> list[DateCheck]:
    return check_dates(facility, plan.ranges())


# --- making a request ------------------------------------------------------------------------


def _check_requester(facility: Facility, association: Association, by, attendance: int) -> None:
    if not facility.is_published:
        raise BookingError(_("This facility cannot be booked."))
    if not editable_associations(by).filter(pk=association.pk).exists():
        raise BookingError(
            _("You do not edit this association, or it is not published."), field="association"
        )
    if attendance > facility.capacity:
        raise BookingError(
            _("At most %(capacity)s people may be in the facility at once.")
            % {"capacity": facility.capacity},
            field="attendance",
        )


def booking_request_check(
    *, facility: Facility, association: Association, by, values: RequestInput, plan: Plan
) -> list[DateCheck]:
    """What sending the request would book, checked, without saving anything."""
    _check_requester(facility, association, by, values.attendance)
    return check_plan(facility, plan)


def booking_request_make(
    *,
    facility: Facility,
    association: Association,
    by,
    values: RequestInput,
    plan: Plan,
) -> BookingRequest:
    """Send the request: the request with the facility's prices and one Booking per
    date, waiting for the manager. Dates that clash or fall outside the opening hours
    are sent too: the manager decides on them."""
    with transaction.atomic():
        facility = Facility.objects.get(pk=facility.pk)  # its prices as they are now
        _check_requester(facility, association, by, values.attendance)
        request = BookingRequest.objects.create(
            facility=facility,
            association=association,
            requested_by=by,
            purpose=values.purpose,
            attendance=values.attendance,
            message=values.message,
            repeat=plan.repeat,
            first_date=plan.first_date,
            last_date=plan.last_date,
            starts=plan.starts,
            ends=plan.ends,
            skip_holidays=plan.skip_holidays,
            exceptions=plan.exceptions,
            skipped_holidays=plan.skipped_holidays,
            price_per_hour=facility.price_per_hour,
            normal_price_per_hour=facility.normal_price_per_hour,
        )
        Booking.objects.bulk_create(
            Booking(request=request, facility=facility, during=during, on_date=day)
            for day, during in plan.ranges()
        )
        desk.announce(
            DESK_KIND,
            pk=request.pk,
            title=association.name,
            summary=f"{facility.name} · {describe_times(request)}",
        )
    return request


def describe_times(request: BookingRequest) -> str:
    """ "6.5.2027 18:00–20:00" or "weekly 13.1.2027–26.5.2027 18:00–20:00"."""
    hours = f"{request.starts:%H:%M}–{request.ends:%H:%M}"
    if request.repeat == BookingRequest.Repeat.WEEKLY and request.last_date:
        return _("%(weekday)s %(first)s–%(last)s, %(hours)s") % {
            "weekday": formats.date_format(request.first_date, "l"),
            "first": short_date(request.first_date),
            "last": short_date(request.last_date),
            "hours": hours,
        }
    return f"{short_date(request.first_date)} {hours}"


# --- the manager's answer --------------------------------------------------------------------


def _locked(booking_request: BookingRequest) -> BookingRequest:
    return (
        BookingRequest.objects.select_for_update(of=("self",))
        .select_related("facility", "association")
        .get(pk=booking_request.pk)
    )


def _check_pending(request: BookingRequest, seen_version: int | None) -> None:
    if seen_version is not None and seen_version != request.version:
        raise Outdated(
            _(
                "The request changed after you opened this page (%(status)s now). Check it "
                "below and decide again."
            )
            % {"status": request.get_status_display()}
        )
    if request.status != BookingRequest.Status.PENDING:
        raise BookingError(
            _("The request is no longer waiting for an answer: it is %(status)s.")
            % {"status": request.get_status_display().lower()}
        )


def _clash_message(request: BookingRequest, chosen: list[Booking]) -> str:
    busy = _clashes(request.facility_id, [b.during for b in chosen], exclude_request=request.pk)
    days = [b.on_date for b in chosen if _overlaps(b.during, busy)]
    listed = ", ".join(short_date(day) for day in days) or _("some of the dates")
    return _(
        "The facility is already booked for part of the time on %(dates)s. Nothing was "
        "accepted: leave those dates out, or decline the request."
    ) % {"dates": listed}


def booking_request_accept(
    *,
    booking_request: BookingRequest,
    by,
    dates: Iterable[datetime.date] | None = None,
    reason: str = "",
    seen_version: int | None = None,
) -> BookingRequest:
    """Accept the request's dates (all of them when `dates` is None); the others are
    declined. All or nothing: a date that clashes with another accepted booking leaves
    the whole request as it was."""
    with transaction.atomic():
        request = _locked(booking_request)
        _check_pending(request, seen_version)
        waiting = list(request.bookings.filter(status=Booking.Status.REQUESTED))
        wanted = None if dates is None else set(dates)
        chosen = [b for b in waiting if wanted is None or b.on_date in wanted]
        if not chosen:
            raise BookingError(_("Choose at least one date to accept, or decline the request."))
        others = [b for b in waiting if b not in chosen]
        try:
            with transaction.atomic():
                Booking.objects.filter(pk__in=[b.pk for b in chosen]).update(
                    status=Booking.Status.ACCEPTED
                )
        except IntegrityError:
            raise BookingError(_clash_message(request, chosen)) from None
        Booking.objects.filter(pk__in=[b.pk for b in others]).update(status=Booking.Status.DECLINED)
        status = BookingRequest.Status.PARTLY_ACCEPTED if others else BookingRequest.Status.ACCEPTED
        request.record_decision(status=status, by=by, reason=reason, save=False)
        request.version += 1
        request.save()
        booking_emails.request_accepted(
            request,
            accepted=[b.on_date for b in chosen],
            declined=[b.on_date for b in others],
        )
    desk.forget_queue_total()
    return request


def booking_request_decline(
    *, booking_request: BookingRequest, by, reason: str, seen_version: int | None = None
) -> BookingRequest:
    """Decline every date of the request, with the reason the association reads."""
    if not reason.strip():
        raise BookingError(_("Write the reason: the association reads it."), field="reason")
    with transaction.atomic():
        request = _locked(booking_request)
        _check_pending(request, seen_version)
        request.bookings.filter(status=Booking.Status.REQUESTED).update(
            status=Booking.Status.DECLINED
        )
        request.record_decision(
            status=BookingRequest.Status.DECLINED, by=by, reason=reason.strip(), save=False
        )
        request.version += 1
        request.save()
        booking_emails.request_declined(request)
    desk.forget_queue_total()
    return request


# --- the association withdraws, either side cancels ------------------------------------------


def booking_request_withdraw(*, booking_request: BookingRequest, by) -> BookingRequest:
    """The association takes back a request that still waits for an answer."""
    with transaction.atomic():
        request = _locked(booking_request)
        if request.status != BookingRequest.Status.PENDING:
            raise BookingError(_("Only a request that waits for an answer can be withdrawn."))
        request.bookings.filter(status=Booking.Status.REQUESTED).update(
            status=Booking.Status.CANCELLED, cancelled_at=timezone.now(), cancelled_by=by
        )
        request.record_decision(status=BookingRequest.Status.WITHDRAWN, by=by, save=False)
        request.version += 1
        request.save()
    desk.forget_queue_total()
    return request


def cancellable(request: BookingRequest, now: datetime.datetime | None = None):
    """The request's accepted bookings that have not started yet."""
    now = now or timezone.now()
    return request.bookings.filter(status=Booking.Status.ACCEPTED, during__startswith__gt=now)


def booking_cancel(
    *,
    booking_request: BookingRequest,
    by,
    by_association: bool,
    reason: str,
    on_date: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> list[Booking]:
    """Cancel the request's accepted times still to come (`on_date`: only that one),
    with the reason the other side reads. `by_association` says which side cancels."""
    now = now or timezone.now()
    if not reason.strip():
        raise BookingError(_("Write the reason: the other side reads it."), field="reason")
    with transaction.atomic():
        request = _locked(booking_request)
        bookings = cancellable(request, now)
        if on_date is not None:
            bookings = bookings.filter(on_date=on_date)
        cancelled = list(bookings.select_for_update())
        if not cancelled:
            raise BookingError(
                _("%(date)s has no accepted time still to come.") % {"date": short_date(on_date)}
                if on_date
                else _("The request has no accepted times still to come."),
                field="on_date",
            )
        Booking.objects.filter(pk__in=[b.pk for b in cancelled]).update(
            status=Booking.Status.CANCELLED,
            cancelled_at=now,
            cancelled_by=by,
            cancel_reason=reason.strip(),
        )
        if not cancellable(request, now).exists():
            request.record_decision(
                status=BookingRequest.Status.CANCELLED, by=by, reason=reason.strip(), save=False
            )
        request.version += 1
        request.save()
        booking_emails.bookings_cancelled(
            request,
            dates=[b.on_date for b in cancelled],
            reason=reason.strip(),
            by_association=by_association,
        )
    return cancelled


# --- reading ---------------------------------------------------------------------------------


def is_accepted(request: BookingRequest) -> bool:
    """Whether the request holds a time the facility was given to the association for:
    then its editors read the access instructions."""
    return request.status in (
        BookingRequest.Status.ACCEPTED,
        BookingRequest.Status.PARTLY_ACCEPTED,
    )


def request_dates(request: BookingRequest) -> list[tuple]:
    """(date, range, booking) of every booking of the request, in order."""
    return [(b.on_date, b.during, b) for b in request.bookings.order_by("during")]


__all__ = [
    "ACTIVE",
    "BookingError",
    "DateCheck",
    "Outdated",
    "RequestInput",
    "TimesError",
    "booking_cancel",
    "booking_request_accept",
    "booking_request_check",
    "booking_request_decline",
    "booking_request_make",
    "booking_request_withdraw",
]
