"""The organisers' pages: create and edit an event, duplicate it, cancel or move one
occurrence; and the report form anyone may send."""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from events import managing
from events.describing import describe
from events.forms import CancelForm, ConfirmDropForm, EventReportForm, MoveForm, SeriesForm
from events.permissions import occurrence_for_organiser, series_for_organiser, series_for_viewer
from yhdistystori.ratelimits import rate_limited_form
from yhdistystori.roles import Role, has_role


def _may_create(user) -> bool:
    return has_role(user, Role.LIAISON) or managing.editable_associations(user).exists()


def _show_error(form, error: managing.WorkflowError) -> None:
    target = error.field if error.field in form.fields else None
    form.add_error(target, error.message)


def _form_page(request, form, *, series=None, status=HTTPStatus.OK, **extra) -> HttpResponse:
    context = {"form": form, "series": series, **extra}
    if series is not None and "keep_rule" in form.fields:
        context["sentence"] = describe(series, get_language() or "fi")
    return render(request, "events/manage/series_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not _may_create(request.user):
        raise PermissionDenied
    liaison = has_role(request.user, Role.LIAISON)
    form = SeriesForm(request.POST or None, user=request.user, liaison=liaison)
    if request.method != "POST":
        return _form_page(request, form)
    if form.is_valid():
        try:
            series = managing.series_save(data=form.series_input(), by=request.user)
        except managing.WorkflowError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:series", slug=series.slug)
    return _form_page(request, form, status=HTTPStatus.BAD_REQUEST)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    series = series_for_organiser(request.user, slug)
    liaison = has_role(request.user, Role.LIAISON)
    form = SeriesForm(request.POST or None, instance=series, user=request.user, liaison=liaison)
    if request.method != "POST":
        return _form_page(request, form, series=series)
    confirm = ConfirmDropForm(request.POST)
    if form.is_valid() and confirm.is_valid():
        try:
            managing.series_save(
                data=form.series_input(),
                by=request.user,
                series=series,
                seen_version=form.cleaned_data.get("version"),
                confirm_drops="confirm" in request.POST,
                drop_reason=confirm.cleaned_data["drop_reason"],
            )
        except managing.ConfirmationNeeded as needed:
            # Nothing is saved yet: the same form comes back with what would go.
            return _form_page(request, form, series=series, plan=needed.plan, confirm=confirm)
        except managing.Conflict as error:
            form.add_error(None, error.message)
            return _form_page(request, form, series=series, status=HTTPStatus.CONFLICT)
        except managing.WorkflowError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:series", slug=series.slug)
    return _form_page(request, form, series=series, status=HTTPStatus.BAD_REQUEST)


@login_required
@require_POST
def duplicate(request: HttpRequest, slug: str) -> HttpResponse:
    series = series_for_organiser(request.user, slug)
    copy = managing.series_duplicate(series=series, by=request.user)
    messages.success(request, _("This is a copy saved as a draft. Check the dates and save it."))
    return redirect("events:edit", slug=copy.slug)


def _occurrence_page(request, template, occurrence, form, status=HTTPStatus.OK):
    context = {"occurrence": occurrence, "series": occurrence.series, "form": form}
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def cancel_occurrence(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = occurrence_for_organiser(request.user, slug, pk)
    form = CancelForm(request.POST or None)
    template = "events/manage/cancel_occurrence.html"
    if request.method != "POST":
        return _occurrence_page(request, template, occurrence, form)
    if form.is_valid():
        try:
            managing.occurrence_cancel(
                occurrence=occurrence, reason=form.cleaned_data["reason"], by=request.user
            )
        except managing.WorkflowError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The occurrence is cancelled. Registrants were told."))
            return redirect("events:occurrence", slug=slug, pk=pk)
    return _occurrence_page(request, template, occurrence, form, HTTPStatus.BAD_REQUEST)


@login_required
@require_http_methods(["GET", "POST"])
def move_occurrence(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = occurrence_for_organiser(request.user, slug, pk)
    template = "events/manage/move_occurrence.html"
    if request.method != "POST":
        start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
        initial = {"date": start.date(), "start_time": start.time(), "end_time": end.time()}
        return _occurrence_page(request, template, occurrence, MoveForm(initial=initial))
    form = MoveForm(request.POST)
    if form.is_valid():
        start, end = form.times()
        try:
            managing.occurrence_move(occurrence=occurrence, start=start, end=end, by=request.user)
        except managing.WorkflowError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The occurrence is moved. Registrants were told."))
            return redirect("events:occurrence", slug=slug, pk=pk)
    return _occurrence_page(request, template, occurrence, form, HTTPStatus.BAD_REQUEST)


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone may tell the liaison that an event is wrong or inappropriate."""
    series = series_for_viewer(request.user, slug)

    def send(form: EventReportForm) -> HttpResponse:
        managing.report_create(
            series=series,
            reason=form.cleaned_data["reason"],
            message=form.cleaned_data["message"],
            contact=form.cleaned_data["contact"],
            reporter=request.user,
            language=(get_language() or settings.LANGUAGE_CODE)[:2],
        )
        messages.success(
            request, _("Thank you for the report. The city's liaison will look into it.")
        )
        return redirect("events:series", slug=series.slug)

    # Reports on events count towards the same limit as reports on listings.
    return rate_limited_form(
        request,
        EventReportForm,
        action="report",
        template="events/manage/report.html",
        context={"series": series},
        on_valid=send,
    )
