"""The grants officers' pages: a round's applications, one application's review (comments
and the proposal), the round's decision, publishing it, and correcting a decision."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grants import applying, deciding, reviewing
from grants.models import Application, GrantDecision, GrantRound
from grants.permissions import require_grants_officer
from grants.review_forms import (
    CommentForm,
    CorrectionForm,
    ProposalForm,
    ReviewFilterForm,
    RoundDecisionForm,
)


def _officers_round(request: HttpRequest, slug: str) -> GrantRound:
    require_grants_officer(request.user)
    return get_object_or_404(GrantRound.objects.select_related("programme"), slug=slug)


def _show_error(form, error: deciding.DecisionError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_http_methods(["GET"])
def review(request: HttpRequest, slug: str) -> HttpResponse:
    round = _officers_round(request, slug)
    form = ReviewFilterForm(request.GET or None)
    status = HTTPStatus.OK
    filters: dict = {}
    if form.is_bound:
        if form.is_valid():
            filters = form.cleaned_data
        else:
            status = HTTPStatus.BAD_REQUEST
    applications = reviewing.review_list(round, filters)
    context = {
        "round": round,
        "form": form,
        "applications": applications,
        "sums": reviewing.sums_of(round, applications),
        "withdrawn": reviewing.withdrawn(round),
        "filtered": bool(filters and any(filters.get(k) for k in filters if k != "sort")),
    }
    return render(request, "grants/review/round.html", context, status=status)


def _application_page(request, application, *, comment_form=None, proposal_form=None, status=200):
    initial = {
        "amount": application.proposed_amount,
        "rationale": application.proposal_rationale,
    }
    decisions = list(
        application.decisions.select_related("corrects", "recorded_by").order_by(
            "recorded_at", "pk"
        )
    )
    context = {
        "application": application,
        "round": application.round,
        "association": application.association,
        "income": [row for row in application.budget.all() if row.kind == "income"],
        "expenses": [row for row in application.budget.all() if row.kind == "expense"],
        "attachments": application.attachments.all(),
        "comments": application.comments.select_related("author"),
        "comment_form": comment_form or CommentForm(),
        "proposal_form": proposal_form or ProposalForm(initial=initial),
        "decisions": decisions,
        "current_decision": next((d for d in decisions if d.is_current), None),
        "unreported": applying.missing_use_reports(application.association).exclude(
            pk=application.pk
        ),
        "may_propose": application.status == Application.Status.SUBMITTED
        and not any(d.is_current for d in decisions),
    }
    context["income_total"] = sum(row.amount for row in context["income"])
    context["expense_total"] = sum(row.amount for row in context["expenses"])
    return render(request, "grants/review/application.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def review_application(request: HttpRequest, pk: int) -> HttpResponse:
    require_grants_officer(request.user)
    application = get_object_or_404(
        Application.objects.select_related("round__programme", "association").exclude(
            status=Application.Status.DRAFT
        ),
        pk=pk,
    )
    if request.method != "POST":
        return _application_page(request, application)
    if "comment" in request.POST:
        form = CommentForm(request.POST)
        if form.is_valid():
            deciding.comment_add(
                application=application, text=form.cleaned_data["text"].strip(), by=request.user
            )
            messages.success(request, _("The comment is saved."))
            return redirect("grants:review_application", pk=pk)
        return _application_page(
            request, application, comment_form=form, status=HTTPStatus.BAD_REQUEST
        )
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            deciding.proposal_record(
                application=application,
                amount=form.cleaned_data["amount"],
                rationale=form.cleaned_data["rationale"].strip(),
                by=request.user,
            )
        except deciding.DecisionError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The proposal is saved."))
            return redirect("grants:review_application", pk=pk)
    return _application_page(
        request, application, proposal_form=form, status=HTTPStatus.BAD_REQUEST
    )


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, slug: str) -> HttpResponse:
    round = _officers_round(request, slug)
    applications = deciding.undecided_applications(round)
    form = RoundDecisionForm(request.POST or None, applications=applications)
    may_decide = round.state in (GrantRound.State.CLOSED, GrantRound.State.DECIDED)
    status = HTTPStatus.OK
    if request.method == "POST":
        if form.is_valid():
            try:
                decisions = deciding.round_decide(
                    round=round,
                    decisions=form.decisions(),
                    decided_on=form.cleaned_data["decided_on"],
                    section=form.cleaned_data["section"].strip(),
                    by=request.user,
                )
            except deciding.DecisionError as error:
                _show_error(form, error)
            else:
                messages.success(
                    request,
                    _("The decision on %(count)s applications is recorded.")
                    % {"count": len(decisions)},
                )
                return redirect("grants:review", slug=slug)
        status = HTTPStatus.BAD_REQUEST
    decided = (
        GrantDecision.objects.current()
        .filter(application__round=round)
        .select_related("application__association")
        .order_by("application__association__name")
    )
    context = {
        "round": round,
        "form": form,
        "may_decide": may_decide,
        "decided": decided,
        "may_publish": round.state == GrantRound.State.DECIDED and not form.applications,
    }
    return render(request, "grants/review/decide.html", context, status=status)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    round = _officers_round(request, slug)
    try:
        count = deciding.round_publish(round=round, by=request.user)
    except deciding.DecisionError as error:
        messages.error(request, error.message)
        return redirect("grants:decide", slug=slug)
    messages.success(
        request,
        _("%(count)s decisions are published and the applicants were emailed.") % {"count": count},
    )
    return redirect("grants:review", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    require_grants_officer(request.user)
    decision = get_object_or_404(
        GrantDecision.objects.select_related("application__association", "application__round"),
        pk=pk,
    )
    application = decision.application
    if request.method == "POST":
        # A decision corrected a moment ago (the button pressed twice, or another officer)
        # is refused by the workflow with its reason.
        form = CorrectionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                deciding.decision_correct(
                    decision=decision,
                    amount=data["amount"],
                    rationale=data["rationale"].strip(),
                    decided_on=data["decided_on"],
                    section=data["section"].strip(),
                    reason=data["correction_reason"],
                    by=request.user,
                )
            except deciding.DecisionError as error:
                _show_error(form, error)
            else:
                messages.success(request, _("The correction is recorded."))
                return redirect("grants:review_application", pk=application.pk)
        status = HTTPStatus.BAD_REQUEST
    else:
        if not decision.is_current:
            raise Http404
        form = CorrectionForm(initial={"amount": decision.amount, "rationale": decision.rationale})
        status = HTTPStatus.OK
    context = {
        "decision": decision,
        "application": application,
        "round": application.round,
        "form": form,
        "decisions": application.decisions.select_related("corrects").order_by("recorded_at", "pk"),
    }
    return render(request, "grants/review/correct.html", context, status=status)
