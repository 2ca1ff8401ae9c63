"""The associations' pages: apply to a round, edit the application with its budget and
attachments, send it or take it back, read it, and download its private attachments."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grants import applying, deciding
from grants.forms_applications import (
    ApplicationForm,
    ChooseAssociationForm,
    budget_formsets,
    with_more_rows,
)
from grants.models import Application, BudgetRow, GrantDecision
from grants.permissions import (
    application_for_editor,
    application_for_viewer,
    edits_association,
    is_grants_officer,
    round_for_viewer,
)
from yhdistystori.templatetags.form_errors import error_links


def _missing_reports(associations) -> list[tuple]:
    """(association, applications lacking an accepted use report) for each that has some."""
    found = []
    for association in associations:
        missing = list(applying.missing_use_reports(association))
        if missing:
            found.append((association, missing))
    return found


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    grant_round = round_for_viewer(request.user, slug)
    mine = applying.editable_associations(request.user)
    if not mine.exists():
        raise PermissionDenied
    applied = list(
        Application.objects.filter(round=grant_round, association__in=mine)
        .select_related("association")
        .order_by("association__name")
    )
    free = list(mine.exclude(pk__in=[application.association_id for application in applied]))
    initial = {"association": free[0].pk} if len(free) == 1 else {}
    form = ChooseAssociationForm(
        request.POST or None, associations=mine, offered=free, initial=initial
    )
    status = HTTPStatus.OK
    if request.method == "POST":
        status = HTTPStatus.BAD_REQUEST
        if form.is_valid():
            try:
                application = applying.application_start(
                    round=grant_round, association=form.cleaned_data["association"], by=request.user
                )
            except applying.AlreadyApplied as error:
                form.add_error("association", error.message)
                status = HTTPStatus.CONFLICT
            except applying.ApplyError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Your draft is started. It is saved as you go."))
                return redirect("grants:application_edit", pk=application.pk)
    context = {
        "round": grant_round,
        "form": form,
        "applied": applied,
        "may_apply": bool(free),
        "is_open": grant_round.is_open(),
        "missing_reports": _missing_reports(mine),
    }
    return render(request, "grants/applications/apply.html", context, status=status)


# --- the application form --------------------------------------------------------------------


def _error_links(form, formsets) -> list[dict]:
    """The errors of the application form and of its budget rows, as the error summary
    lists them: a row's error links to its input and names the row."""
    links = error_links(form)
    for kind, formset in formsets.items():
        kind_label = BudgetRow.Kind(kind).label
        links += [
            {"error": error, "label": kind_label, "anchor": ""}
            for error in formset.non_form_errors()
        ]
        for number, row in enumerate(formset.forms, start=1):
            for name in ("description", "amount"):
                label = _("%(kind)s, row %(number)s") % {"kind": kind_label, "number": number}
                links += [
                    {"error": error, "label": label, "anchor": row[name].id_for_label}
                    for error in row[name].errors
                ]
    return links


def _edit_page(request, application, form, formsets, status=HTTPStatus.OK) -> HttpResponse:
    context = {
        "application": application,
        "round": application.round,
        "form": form,
        "error_links": _error_links(form, formsets) if form.is_bound else [],
        "income_rows": formsets[BudgetRow.Kind.INCOME],
        "expense_rows": formsets[BudgetRow.Kind.EXPENSE],
        "sums": _sums(application),
        "attachments": list(application.attachments.all()),
        "missing_reports": _missing_reports([application.association]),
    }
    return render(request, "grants/applications/edit.html", context, status=status)


def _sums(application) -> dict:
    sums = {"income": 0, "expense": 0}
    for row in application.budget.all():
        sums[row.kind] += row.amount
    sums["balance"] = sums["income"] - sums["expense"]
    return sums


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_for_editor(request.user, pk)
    if request.method != "POST":
        if not application.round.is_open():
            messages.error(
                request, _("The round is closed: the application can no longer be changed.")
            )
            return redirect("grants:application", pk=application.pk)
        form = ApplicationForm(instance=application)
        formsets = budget_formsets(application, more=request.GET.get("more", ""))
        return _edit_page(request, application, form, formsets)

    data = request.POST
    more = data.get("add_rows", "")
    if more in BudgetRow.Kind.values:
        data = with_more_rows(data, more)
    form = ApplicationForm(data, request.FILES, instance=application)
    formsets = budget_formsets(application, data=data)
    if not (form.is_valid() and all(f.is_valid() for f in formsets.values())):
        return _edit_page(request, application, form, formsets, HTTPStatus.BAD_REQUEST)
    try:
        application = applying.application_save(
            application=application,
            values=form.values(),
            budget=[line for f in formsets.values() for line in f.lines()],
            new_attachments=form.new_attachments(),
            remove_attachments=form.removed_attachment_ids(),
            by=request.user,
            seen_version=form.cleaned_data["version"],
        )
    except applying.Conflict as error:
        # What was typed stays; the form now carries the newest version, so saving
        # again replaces the other person's changes knowingly.
        data = data.copy()
        data["version"] = str(Application.objects.get(pk=pk).version)
        form = ApplicationForm(data, instance=application)
        form.is_valid()
        form.add_error(None, error.message)
        return _edit_page(request, application, form, formsets, HTTPStatus.CONFLICT)
    except applying.ApplyError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _edit_page(request, application, form, formsets, HTTPStatus.BAD_REQUEST)

    if more in BudgetRow.Kind.values:
        messages.success(request, _("The draft is saved. Fill in the new rows."))
        return redirect(f"{reverse('grants:application_edit', args=[pk])}?more={more}#{more}")
    if "submit" in request.POST:
        return _submit(request, application)
    messages.success(request, _("The application is saved."))
    return redirect("grants:application_edit", pk=pk)


def _submit(request, application) -> HttpResponse:
    try:
        applying.application_submit(application=application, by=request.user)
    except applying.ApplyError as error:
        return _detail_page(request, application, error=error.message)
    messages.success(request, _("The application is sent. A receipt is on its way to your email."))
    return redirect("grants:application", pk=application.pk)


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _submit(request, application_for_editor(request.user, pk))


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_for_editor(request.user, pk)
    try:
        applying.application_withdraw(application=application, by=request.user)
    except applying.ApplyError as error:
        return _detail_page(request, application, error=error.message)
    messages.success(
        request, _("The application is withdrawn. You may send it again while the round is open.")
    )
    return redirect("grants:application", pk=application.pk)


# --- reading it ------------------------------------------------------------------------------


def _status_label(status: str) -> str:
    labels = {**deciding.REVIEW_STATES, **dict(Application.Status.choices)}
    return str(labels.get(status, status))


def _history(application, *, officer: bool) -> list[tuple]:
    """The application's changes of state. The association sees only its own steps
    (sent, withdrawn): the review's steps would tell of a decision before it is public,
    and the decision itself is shown once published."""
    changes = application.state_changes.select_related("decided_by")
    if not officer:
        changes = changes.filter(to_state__in=Application.Status.values)
    return [
        (change, _status_label(change.from_state), _status_label(change.to_state))
        for change in changes
    ]


def _detail_page(request, application, *, error: str = "") -> HttpResponse:
    application.refresh_from_db()
    rows = list(application.budget.all())
    officer = is_grants_officer(request.user)
    editor = edits_association(request.user, application.association)
    context = {
        "application": application,
        "round": application.round,
        "income": [row for row in rows if row.kind == BudgetRow.Kind.INCOME],
        "expenses": [row for row in rows if row.kind == BudgetRow.Kind.EXPENSE],
        "sums": _sums(application),
        "attachments": list(application.attachments.all()),
        "history": _history(application, officer=officer),
        "decision": GrantDecision.objects.filter(
            application=application, is_current=True, published_at__isnull=False
        ).first(),
        "is_editor": editor,
        "is_officer": officer,
        "is_open": application.round.is_open(),
        "missing_reports": _missing_reports([application.association]) if officer else [],
        "error": error,
    }
    status = HTTPStatus.BAD_REQUEST if error else HTTPStatus.OK
    return render(request, "grants/applications/detail.html", context, status=status)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, application_for_viewer(request.user, pk))


@login_required
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    application = application_for_viewer(request.user, pk)
    stored = get_object_or_404(application.attachments, pk=attachment_pk)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = stored.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{slugify(stored.title) or 'liite'}.{extension}",
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
