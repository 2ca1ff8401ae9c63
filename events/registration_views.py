"""The pages of registering: the form, the registrant's own page behind the emailed link,
and the organisers' list, spreadsheet and message to everyone registered."""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from events import registering, topics
from events.exports import registrations_csv as _registrations_csv
from events.forms_registration import RegistrantsMessageForm, RegistrationForm
from events.models import Occurrence, Registration
from events.permissions import occurrence_for_organiser, occurrence_for_viewer
from yhdistystori.ratelimits import limit_exceeded


def registration_context(request: HttpRequest, occurrence: Occurrence, form=None) -> dict:
    """What the occurrence page's registration part shows: the form while it is open,
    else why not, and the places left."""
    refusal = registering.registration_refusal(occurrence)
    series = occurrence.series
    if form is None and not refusal:
        form = RegistrationForm(user=request.user)
    return {
        "registration_form": form,
        "registration_refusal": refusal,
        "registration_closes_at": registering.registration_closes_at(occurrence),
        "free_places": (
            registering.free_places(occurrence) if series.registration_required else None
        ),
    }


def _occurrence_url(occurrence: Occurrence) -> str:
    return reverse("events:occurrence", args=[occurrence.series.slug, occurrence.pk])


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = occurrence_for_viewer(request.user, slug, pk)
    status = HTTPStatus.OK
    throttled = False
    form = None
    refusal = registering.registration_refusal(occurrence)
    if request.method == "POST":
        form = RegistrationForm(request.POST, user=request.user)
        throttled = limit_exceeded(request, "event_registration")
        if throttled:
            form.is_valid()  # what was typed stays in the form
            status = HTTPStatus.TOO_MANY_REQUESTS
        elif refusal:
            status = HTTPStatus.BAD_REQUEST
        elif form.is_valid():
            try:
                done = registering.registration_create(
                    occurrence=occurrence,
                    language=(get_language() or settings.LANGUAGE_CODE)[:2],
                    **{
                        field: form.cleaned_data[field]
                        for field in (
                            "name",
                            "email",
                            "association",
                            "dietary_needs",
                            "accessibility_needs",
                        )
                    },
                )
            except registering.RegistrationError as error:
                form.add_error(error.field, error.message)
                status = HTTPStatus.BAD_REQUEST
            else:
                messages.success(request, _registered_message(done.registration))
                return redirect(_occurrence_url(occurrence))
        else:
            status = HTTPStatus.BAD_REQUEST
    context = {
        "series": occurrence.series,
        "occurrence": occurrence,
        "throttled": throttled,
        **registration_context(request, occurrence, form),
    }
    return render(request, "events/registration/register.html", context, status=status)


def _registered_message(registration: Registration) -> str:
    if registration.status == Registration.Status.CONFIRMED:
        return _(
            "You are registered. We sent a confirmation to %(email)s with a link to "
            "cancel if your plans change."
        ) % {"email": registration.email}
    return _(
        "The places are taken, so you are on the waiting list (number %(position)s). "
        "If a place comes free, you get it in turn and we email %(email)s."
    ) % {"email": registration.email, "position": registering.waitlist_position(registration)}


@never_cache
@require_http_methods(["GET", "POST"])
def registration(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant's own page, from the emailed link: no account needed."""
    found = Registration.find(token)
    if (
        found is None
        or found.status == Registration.Status.CANCELLED
        or found.anonymised_at is not None
    ):
        return render(request, "events/registration/unknown.html", status=HTTPStatus.NOT_FOUND)
    occurrence = found.occurrence
    error = ""
    if request.method == "POST":
        try:
            registering.registration_cancel(registration=found)
        except registering.RegistrationError as refusal:
            error = refusal.message
        else:
            messages.success(
                request,
                _("Your registration is cancelled. We sent a confirmation to %(email)s.")
                % {"email": found.email},
            )
            return redirect(_occurrence_url(occurrence))
    context = {
        "registration": found,
        "occurrence": occurrence,
        "series": occurrence.series,
        "position": registering.waitlist_position(found),
        "error": error,
        # A registrant may propose topics for the meeting through this same link.
        "topic_url": (
            ""
            if topics.proposal_refusal(occurrence)
            else reverse("events:registrant_topic", args=[token])
        ),
    }
    status = HTTPStatus.BAD_REQUEST if error else HTTPStatus.OK
    return render(request, "events/registration/registration.html", context, status=status)


@login_required
@require_safe
def registrations(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = occurrence_for_organiser(request.user, slug, pk)
    rows = list(occurrence.registrations.select_related("association").order_by("created_at", "id"))
    confirmed = [r for r in rows if r.status == Registration.Status.CONFIRMED]
    waitlisted = [r for r in rows if r.status == Registration.Status.WAITLISTED]
    context = {
        "series": occurrence.series,
        "occurrence": occurrence,
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "cancelled_count": sum(r.status == Registration.Status.CANCELLED for r in rows),
        "capacity": occurrence.series.capacity,
        "needs": [r for r in confirmed + waitlisted if r.dietary_needs or r.accessibility_needs],
    }
    return render(request, "events/registration/list.html", context)


@login_required
@require_safe
def registrations_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = occurrence_for_organiser(request.user, slug, pk)
    return _registrations_csv(occurrence)


@login_required
@require_http_methods(["GET", "POST"])
def registrations_email(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = occurrence_for_organiser(request.user, slug, pk)
    status = HTTPStatus.OK
    throttled = False
    if request.method == "POST":
        form = RegistrantsMessageForm(request.POST)
        throttled = limit_exceeded(request, "registrants_message")
        if throttled:
            form.is_valid()
            status = HTTPStatus.TOO_MANY_REQUESTS
        elif form.is_valid():
            sent = registering.registrants_message(
                occurrence=occurrence, sender=request.user, **form.cleaned_data
            )
            messages.success(
                request,
                ngettext(
                    "The message was sent to %(count)d person.",
                    "The message was sent to %(count)d people.",
                    sent,
                )
                % {"count": sent},
            )
            return redirect("events:registrations", slug=slug, pk=pk)
        else:
            status = HTTPStatus.BAD_REQUEST
    else:
        form = RegistrantsMessageForm()
    active = occurrence.registrations.filter(anonymised_at__isnull=True)
    context = {
        "series": occurrence.series,
        "occurrence": occurrence,
        "form": form,
        "throttled": throttled,
        "confirmed_count": active.confirmed().count(),
        "waitlisted_count": active.waitlisted().count(),
    }
    return render(request, "events/registration/email.html", context, status=status)
