"""The pages of rounds: the public list and a round's page, and the grants officers'
form to create and edit a round and the button that announces it."""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from grants import listing, rounds
from grants.models import GrantRound
from grants.permissions import is_grants_officer, require_grants_officer, round_for_viewer
from grants.round_forms import RoundForm
from yhdistystori.pagination import paginate


@require_safe
def round_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    current = listing.with_days_left(listing.current_rounds(now), now)
    previous = listing.last_time(current)
    for grant_round in current:
        grant_round.previous = previous.get(grant_round.pk)
    context = {
        "current": current,
        "is_officer": is_grants_officer(request.user),
        **paginate(request, listing.past_rounds(now), settings.DIRECTORY_PAGE_SIZE),
    }
    return render(request, "grants/list.html", context)


@require_safe
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    grant_round = round_for_viewer(request.user, slug)
    now = timezone.now()
    officer = is_grants_officer(request.user)
    listing.with_days_left([grant_round], now)
    context = {
        "round": grant_round,
        "state": grant_round.state_at(now),
        "categories": list(grant_round.eligible_categories.all()),
        "guidelines": list(grant_round.guidelines.all()),
        "last_time": listing.last_time([grant_round]).get(grant_round.pk),
        "is_officer": officer,
        "history": _history(grant_round) if officer else [],
    }
    return render(request, "grants/round.html", context)


def _state_label(state: str) -> str:
    return GrantRound.State(state).label if state in GrantRound.State.values else state


def _history(grant_round: GrantRound) -> list:
    changes = list(grant_round.state_changes.select_related("decided_by"))
    for change in changes:
        change.from_label = _state_label(change.from_state)
        change.to_label = _state_label(change.to_state)
    return changes


def _form_page(request, form, *, grant_round=None, status=HTTPStatus.OK) -> HttpResponse:
    context = {"form": form, "round": grant_round}
    return render(request, "grants/round_form.html", context, status=status)


def _show_error(form, error: rounds.WorkflowError) -> None:
    target = error.field if error.field in form.fields else None
    form.add_error(target, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    require_grants_officer(request.user)
    form = RoundForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _form_page(request, form)
    if form.is_valid():
        try:
            grant_round = rounds.round_save(data=form.round_input(), by=request.user)
        except rounds.WorkflowError as error:
            _show_error(form, error)
        else:
            messages.success(
                request, _("The round is saved as a draft. Announce it when it is ready.")
            )
            return redirect("grants:round", slug=grant_round.slug)
    return _form_page(request, form, status=HTTPStatus.BAD_REQUEST)


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, slug: str) -> HttpResponse:
    require_grants_officer(request.user)
    grant_round = round_for_viewer(request.user, slug)
    form = RoundForm(request.POST or None, request.FILES or None, instance=grant_round)
    if request.method != "POST":
        return _form_page(request, form, grant_round=grant_round)
    if form.is_valid():
        try:
            rounds.round_save(
                data=form.round_input(),
                by=request.user,
                grant_round=grant_round,
                seen_version=form.cleaned_data.get("version"),
            )
        except rounds.Conflict as error:
            form.add_error(None, error.message)
            return _form_page(request, form, grant_round=grant_round, status=HTTPStatus.CONFLICT)
        except rounds.WorkflowError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect("grants:round", slug=grant_round.slug)
    return _form_page(request, form, grant_round=grant_round, status=HTTPStatus.BAD_REQUEST)


@login_required
@require_POST
def round_announce(request: HttpRequest, slug: str) -> HttpResponse:
    require_grants_officer(request.user)
    grant_round = round_for_viewer(request.user, slug)
    try:
        rounds.round_announce(grant_round=grant_round, by=request.user)
    except rounds.WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The round is announced: everyone can see it now."))
    return redirect("grants:round", slug=grant_round.slug)
