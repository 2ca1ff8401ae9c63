"""Use reports' pages: the association's report, the officer's review and the private
attachments. The workflows are in grants/use_reports.py."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from grants import use_reports
from grants.models import UseReport, UseReportAttachment
from grants.permissions import (
    application_for_editor,
    application_for_viewer,
    require_grants_officer,
)
from grants.use_report_forms import ReviewForm, UseReportForm
from yhdistystori.security import PRIVATE


@login_required
@require_http_methods(["GET", "POST"])
def use_report(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_for_editor(request.user, pk)
    reports = use_reports.reports_of(application)
    refusal = use_reports.submit_refusal(application, reports)
    form = None if refusal else UseReportForm()
    status = HTTPStatus.OK
    if request.method == "POST":
        status = HTTPStatus.BAD_REQUEST
        if not refusal:
            form = UseReportForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    use_reports.use_report_submit(
                        application=application,
                        user=request.user,
                        text=form.cleaned_data["text"],
                        amount_used=form.cleaned_data["amount_used"],
                        total_costs=form.cleaned_data["total_costs"],
                        attachments=form.new_attachments,
                    )
                except use_reports.UseReportError as error:
                    refusal = error.message
                else:
                    messages.success(
                        request,
                        _("Thank you. Your use report was sent to the grants officer."),
                    )
                    return redirect(request.path)
    context = {
        "application": application,
        "round": application.round,
        "decision": use_reports.granted_decision(application),
        "reports": reports,
        "form": form,
        "refusal": refusal,
        "file_lost": request.method == "POST" and bool(request.FILES) and status != HTTPStatus.OK,
    }
    return render(request, "grants/use_report_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def use_report_review(request: HttpRequest, pk: int) -> HttpResponse:
    require_grants_officer(request.user)
    report = get_object_or_404(
        UseReport.objects.select_related("application__round", "application__association"), pk=pk
    )
    application = report.application
    form = ReviewForm()
    error = ""
    status = HTTPStatus.OK
    if request.method == "POST":
        status = HTTPStatus.BAD_REQUEST
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                use_reports.use_report_review(
                    report=report,
                    by=request.user,
                    accept=form.accept,
                    reason=form.cleaned_data["reason"],
                )
            except use_reports.UseReportError as refusal:
                error = refusal.message
            else:
                if form.accept:
                    messages.success(request, _("The use report was accepted."))
                else:
                    messages.success(request, _("The association was asked for more."))
                return redirect(request.path)
    context = {
        "report": report,
        "application": application,
        "round": application.round,
        "decision": use_reports.granted_decision(application),
        "reports": use_reports.reports_of(application),
        "form": form if report.status == UseReport.Status.SUBMITTED else None,
        "error": error,
    }
    return render(request, "grants/use_report_review.html", context, status=status)


@login_required
@require_GET
def use_report_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """A use report's file, for the association's editors and the grants officers only."""
    attachment = (
        UseReportAttachment.objects.select_related("use_report")
        .filter(pk=attachment_pk, use_report_id=pk)
        .first()
    )
    if attachment is None:
        raise Http404
    application_for_viewer(request.user, attachment.use_report.application_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = attachment.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=True,
        filename=f"{attachment.title}.{extension}",
    )
    response["Cache-Control"] = PRIVATE
    response["X-Content-Type-Options"] = "nosniff"
    return response
