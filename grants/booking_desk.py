"""Booking requests on the staff's desk (yhdistystori.desk): the requests that wait for
the facilities manager's answer, and the page that answers one (accept all dates, accept
the ticked ones, or decline with a reason)."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from grants import booking_requests
from grants.booking_forms import DecisionForm
from grants.booking_requests import DESK_KIND, BookingError, Outdated
from grants.booking_views import facility_page
from grants.models import Booking, BookingRequest
from yhdistystori.desk import DeskKind, Urgency
from yhdistystori.roles import Role, require_role


def pending_requests(today=None):
    return BookingRequest.objects.filter(status=BookingRequest.Status.PENDING)


DESK_KINDS = (
    DeskKind(
        name=DESK_KIND,
        label=gettext_lazy("Booking request"),
        plural=gettext_lazy("Booking requests"),
        announcement=gettext_lazy("An association asks for a facility."),
        queryset=pending_requests,
        since=F("created_at"),
        url_name="moderation:booking_request",
        summary_template="grants/bookings/desk_summary.html",
        related=("facility", "association"),
        role=Role.FACILITIES,
        urgency=Urgency.NORMAL,
    ),
)


def _dates(booking_request: BookingRequest):
    bookings = list(booking_request.bookings.order_by("during"))
    return booking_requests.check_dates(
        booking_request.facility,
        [(b.on_date, b.during, b) for b in bookings],
        exclude_request=booking_request.pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The manager's page for one request."""
    require_role(request.user, Role.FACILITIES)
    booking_request = get_object_or_404(
        BookingRequest.objects.select_related("facility", "association", "requested_by"), pk=pk
    )
    checks = _dates(booking_request)
    waiting = [c.day for c in checks if c.booking.status == Booking.Status.REQUESTED]
    form = DecisionForm(request.POST or None, request=booking_request, dates=waiting)
    error = ""
    status = HTTPStatus.OK
    # The forms carry the version the deciding person saw: a decision sent back keeps it,
    # and only a refusal for a newer version shows the newer one.
    shown_version = booking_request.version
    if request.method == "POST":
        status = HTTPStatus.BAD_REQUEST
        action = request.POST.get("action", "")
        if action not in ("accept_all", "accept_some", "decline"):
            error = _("Choose one of the actions on this page.")
        elif not form.is_valid():
            error = _("This page was out of date. Check the request below and decide again.")
        else:
            data = form.cleaned_data
            shown_version = data["version"]
            try:
                if action == "decline":
                    booking_requests.booking_request_decline(
                        booking_request=booking_request,
                        by=request.user,
                        reason=data["reason"],
                        seen_version=data["version"],
                    )
                    done = _("The request is declined. The association has been told.")
                else:
                    booking_requests.booking_request_accept(
                        booking_request=booking_request,
                        by=request.user,
                        dates=None if action == "accept_all" else data["dates"],
                        reason=data["reason"],
                        seen_version=data["version"],
                    )
                    done = _("The request is accepted. The association has been told.")
            except BookingError as refusal:
                error = refusal.message
                status = refusal.status
                if refusal.field in form.fields:
                    form.add_error(refusal.field, refusal.message)
                if isinstance(refusal, Outdated):
                    booking_request.refresh_from_db()
                    checks = _dates(booking_request)
                    shown_version = booking_request.version
            else:
                messages.success(request, done)
                return redirect("moderation:queue")
    context = {
        "booking_request": booking_request,
        "facility": booking_request.facility,
        "facility_url": facility_page(booking_request.facility),
        "checks": checks,
        "form": form,
        "seen_version": shown_version,
        "is_pending": booking_request.status == BookingRequest.Status.PENDING,
        "error": error,
        "error_form": form if form.is_bound else None,
        "statuses": Booking.Status,
    }
    return render(request, "grants/bookings/desk_decide.html", context, status=status)
