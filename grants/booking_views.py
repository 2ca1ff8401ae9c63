"""The associations' booking pages: ask for a facility (check the times, then send),
read the request, withdraw it, and cancel its times."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from grants import booking_requests, booking_times
from grants.applying import editable_associations
from grants.booking_calendar import association_token
from grants.booking_forms import CancelForm, RequestForm
from grants.booking_permissions import (
    bookable_facility,
    is_facilities_manager,
    request_for_editor,
    request_for_viewer,
)
from grants.booking_requests import BookingError
from grants.booking_times import TimesError
from grants.models import Booking, BookingRequest
from grants.permissions import edits_association


def facility_page(facility) -> str:
    """The facility's public page, when the site has it (the facility information's
    part of the site names it `facilities:detail`)."""
    try:
        return reverse("facilities:detail", kwargs={"slug": facility.slug})
    except NoReverseMatch:
        return ""


# --- asking for a time -----------------------------------------------------------------------


def _schedule(plan: booking_times.Plan, checks) -> list[dict]:
    """The dates of the check step, booked and left out, in date order."""
    rows = [
        {
            "day": check.day,
            "during": check.during,
            "conflict": check.conflict,
            "outside_hours": check.outside_hours,
        }
        for check in checks
    ]
    rows += [{"day": s.day, "skipped": s.reason, "holiday": s.name} for s in plan.skipped]
    return sorted(rows, key=lambda row: row["day"])


@login_required
@require_http_methods(["GET", "POST"])
def request_booking(request: HttpRequest, slug: str) -> HttpResponse:
    facility = bookable_facility(slug)
    mine = editable_associations(request.user)
    associations = list(mine)
    if not associations:
        raise PermissionDenied
    initial = {"association": associations[0].pk} if len(associations) == 1 else {}
    form = RequestForm(request.POST or None, associations=mine, facility=facility, initial=initial)
    context = {
        "facility": facility,
        "facility_url": facility_page(facility),
        "form": form,
        "associations": associations,
        "max_times": booking_times.MAX_TIMES,
    }
    if request.method != "POST":
        return render(request, "grants/bookings/request.html", context)

    status = HTTPStatus.BAD_REQUEST
    if form.is_valid():
        try:
            plan = form.plan()
            checks = booking_requests.booking_request_check(
                facility=facility,
                association=form.cleaned_data["association"],
                by=request.user,
                values=form.values(),
                plan=plan,
            )
        except (TimesError, BookingError) as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if "send" in request.POST:
                made = booking_requests.booking_request_make(
                    facility=facility,
                    association=form.cleaned_data["association"],
                    by=request.user,
                    values=form.values(),
                    plan=plan,
                )
                marked = sum(1 for c in checks if c.conflict or c.outside_hours)
                text = _("The request is sent to the facilities manager.")
                if marked:
                    text += " " + ngettext(
                        "%(count)s date clashes with another booking or falls outside the "
                        "opening hours: the manager decides on it.",
                        "%(count)s dates clash with other bookings or fall outside the "
                        "opening hours: the manager decides on them.",
                        marked,
                    ) % {"count": marked}
                messages.success(request, text)
                return redirect("facilities:booking", pk=made.pk)
            status = HTTPStatus.OK
            context.update(
                checked=True,
                schedule=_schedule(plan, checks),
                booked=len(plan.dates),
                marked=sum(1 for c in checks if c.conflict or c.outside_hours),
            )
    return render(request, "grants/bookings/request.html", context, status=status)


# --- the request's page ----------------------------------------------------------------------


def _page(
    request: HttpRequest, booking_request: BookingRequest, *, form=None, error="", status=200
):
    editor = edits_association(request.user, booking_request.association)
    manager = is_facilities_manager(request.user)
    bookings = list(booking_request.bookings.order_by("during"))
    cancellable = list(booking_requests.cancellable(booking_request))
    accepted = booking_requests.is_accepted(booking_request)
    if form is None and cancellable:
        form = CancelForm(dates=[b.on_date for b in cancellable])
    names = (
        booking_times.holiday_names({day.year for day in booking_request.skipped_holidays})
        if booking_request.skipped_holidays
        else {}
    )
    context = {
        "booking_request": booking_request,
        "facility": booking_request.facility,
        "facility_url": facility_page(booking_request.facility),
        "bookings": bookings,
        "skipped_holidays": [(day, names.get(day, "")) for day in booking_request.skipped_holidays],
        "is_editor": editor,
        "is_manager": manager,
        "show_access": accepted and bool(booking_request.facility.access_instructions),
        "may_withdraw": editor and booking_request.status == BookingRequest.Status.PENDING,
        "cancel_form": form if cancellable else None,
        "calendar_token": association_token(booking_request.association) if editor else "",
        "error": error,
        "statuses": Booking.Status,
    }
    return render(request, "grants/bookings/detail.html", context, status=status)


@login_required
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, request_for_viewer(request.user, pk))


@login_required
@require_POST
def booking_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    booking_request = request_for_editor(request.user, pk)
    try:
        booking_requests.booking_request_withdraw(booking_request=booking_request, by=request.user)
    except BookingError as error:
        booking_request.refresh_from_db()
        return _page(request, booking_request, error=error.message, status=HTTPStatus.BAD_REQUEST)
    messages.success(request, _("The request is withdrawn."))
    return redirect("facilities:booking", pk=pk)


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Either side cancels times: the form first asks to confirm what it cancels."""
    booking_request = request_for_viewer(request.user, pk)
    dates = [b.on_date for b in booking_requests.cancellable(booking_request)]
    form = CancelForm(request.POST, dates=dates)
    if not dates:
        return _page(
            request,
            booking_request,
            error=_("The request has no accepted times still to come."),
            status=HTTPStatus.BAD_REQUEST,
        )
    if not form.is_valid():
        return _page(request, booking_request, form=form, status=HTTPStatus.BAD_REQUEST)
    on_date = form.cleaned_data["on_date"] if form.cleaned_data["scope"] == "date" else None
    if request.POST.get("confirm") != "yes":
        context = {
            "booking_request": booking_request,
            "facility": booking_request.facility,
            "form": form,
            "on_date": on_date,
            "dates": [on_date] if on_date else dates,
        }
        return render(request, "grants/bookings/cancel_confirm.html", context)
    try:
        cancelled = booking_requests.booking_cancel(
            booking_request=booking_request,
            by=request.user,
            by_association=edits_association(request.user, booking_request.association),
            reason=form.cleaned_data["reason"],
            on_date=on_date,
        )
    except BookingError as error:
        booking_request.refresh_from_db()
        return _page(
            request, booking_request, form=form, error=error.message, status=HTTPStatus.BAD_REQUEST
        )
    messages.success(
        request,
        ngettext(
            "%(count)s time is cancelled. The other side has been told.",
            "%(count)s times are cancelled. The other side has been told.",
            len(cancelled),
        )
        % {"count": len(cancelled)},
    )
    return redirect("facilities:booking", pk=pk)
