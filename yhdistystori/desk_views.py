"""The staff's desk (/moderation/): the queue, the email settings, and the one shape
every item page has.

An item page shows one thing that waits (a listing, a claim, ...) with a form per
decision that fits its state. A decision is POSTed to the same page as
`action=<name>` with a reason; the page runs the app's workflow and redirects with
a message, or, when the workflow refuses (a WorkflowError-like exception with a
`message`), shows the page again with the message, the typed reason and 400 (or the
refusal's own `status`, with its `context` added to the page's: say, what changed).

An item whose content its editors can change while it waits names the attribute that
counts its versions (`DeskPage.version_attr`): every decision form carries the
version the page showed, and the workflow gets it as `seen_version=` to refuse a
decision on content the deciding person has not seen (its refusal's context then
shows what changed and sets the newer `seen_version` the page carries on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from http import HTTPStatus
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from yhdistystori.decisions import REASON_MAX_LENGTH
from yhdistystori.desk import (
    Queue,
    desk_kinds,
    forget_queue_total,
    has_desk,
    kinds_for,
    remember_queue_total,
)
from yhdistystori.pagination import paginate
from yhdistystori.roles import Role, require_role, role_required

QUEUE_PAGE_SIZE = 25

DESK_ROLE = Role.LIAISON
desk_required = role_required(DESK_ROLE)


def any_desk_required(view):
    """The queue and its email settings: for staff of every role that decides a kind of
    item (yhdistystori.desk.desk_roles). Anonymous visitors go to the login page, others
    get 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not has_desk(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@dataclass(frozen=True)
class DeskAction:
    """A decision on an item: what its button says and which workflow it runs.

    The workflow is called with the item under the page's `item_arg` keyword, the
    deciding user under `actor_arg`, `reason=` and any `options`.
    """

    name: str
    button: str
    workflow: Callable[..., Any]
    done: str  # the success message; %(name)s is the item's name
    reason_label: str
    reason_required: bool = False
    help: str = ""
    danger: bool = False
    actor_arg: str = "liaison"
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DeskPage:
    """One kind of item page on the desk."""

    queryset: Callable[[], QuerySet]
    item_arg: str  # the workflows' keyword for the item
    template: str
    actions: dict[str, DeskAction]
    available: Callable[[Any], list[str]]  # the names of the actions that fit the item now
    context: Callable[[HttpRequest, Any], dict]  # what the page shows besides the decisions
    name: Callable[[Any], str]  # the item's name in the success message
    error: type[Exception] = Exception  # the workflows' refusal, with a `message`
    role: Role = DESK_ROLE  # who decides
    version_attr: str = ""  # the item's version, if it has one: passed on as `seen_version=`


def seen_version(request: HttpRequest) -> int | None:
    """The item's version the decision form was rendered with, or None if it has none."""
    raw = request.POST.get("version", "")
    if raw.isascii() and raw.isdigit() and len(raw) < 19:
        return int(raw)
    return None


def safe_next(request: HttpRequest) -> str:
    """Where to go after a decision: a page of this site the form names, if any."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def action_forms(
    available: list[DeskAction], bound: dict | None = None, failed: DeskAction | None = None
) -> list[dict]:
    """Each available action with its (empty, or as typed) reason form, for the templates.

    An action that failed stays on the page with what was typed, even when the item's
    state no longer offers it (another liaison decided first): nothing typed is lost.
    """
    bound = bound or {}
    shown = list(available)
    if failed is not None and failed not in shown:
        shown.append(failed)
    return [
        {
            "action": action,
            "form": bound.get(action.name) or ReasonForm(prefix=action.name),
            "failed": action == failed,
        }
        for action in shown
    ]


@require_http_methods(["GET", "POST"])
@login_required
def item_page(request: HttpRequest, pk: int, *, page: DeskPage) -> HttpResponse:
    require_role(request.user, page.role)
    item = get_object_or_404(page.queryset(), pk=pk)
    bound: dict[str, ReasonForm] = {}
    refusal_context: dict = {}
    error = ""
    failed = None
    status = HTTPStatus.OK
    if request.method == "POST":
        name = request.POST.get("action", "")
        action = page.actions.get(name)
        status = HTTPStatus.BAD_REQUEST
        if action is None:
            error = _("Choose one of the actions on this page.")
        else:
            form = bound[name] = ReasonForm(request.POST, prefix=name)
            failed = action
            if not form.is_valid():
                error = _("Please correct the reason.")
            elif page.version_attr and seen_version(request) is None:
                # A form from before versions were sent, or made by hand: nobody can
                # tell what its sender saw.
                error = _("This page was out of date. Check the item below and decide again.")
            else:
                reason = form.cleaned_data["reason"]
                versioned = {"seen_version": seen_version(request)} if page.version_attr else {}
                # The workflow decides whether the action fits the item's state now
                # (another liaison may have decided it meanwhile) and says why not.
                try:
                    action.workflow(
                        **{page.item_arg: item, action.actor_arg: request.user},
                        reason=reason,
                        **versioned,
                        **action.options,
                    )
                except page.error as exc:
                    error = exc.message
                    status = getattr(exc, "status", status)
                    refusal_context = getattr(exc, "context", None) or {}
                    if action.reason_required and not reason.strip():
                        form.add_error("reason", exc.message)  # shown at the field, too
                else:
                    forget_queue_total()
                    messages.success(request, action.done % {"name": page.name(item)})
                    return HttpResponseRedirect(safe_next(request) or reverse("moderation:queue"))
    available = [page.actions[name] for name in page.available(item)]
    shown = None
    if page.version_attr:
        # A form sent back keeps the version its sender saw (a reason missing is no
        # reason to skip what changed meanwhile); a refusal may show a newer one.
        shown = seen_version(request) if request.method == "POST" else None
        if shown is None:
            shown = getattr(item, page.version_attr)
    context = {
        **page.context(request, item),
        "actions": action_forms(available, bound, failed),
        "error": error,
        # The summary at the top links the failed decision's field errors to the field.
        "error_form": bound.get(failed.name) if failed else None,
        "next": safe_next(request),
        "seen_version": shown,
        **refusal_context,
    }
    return render(request, page.template, context, status=status)


@require_safe
@any_desk_required
def queue(request: HttpRequest) -> HttpResponse:
    # Each person sees the kinds their roles decide.
    mine = kinds_for(request.user)
    kinds = {name: k for name, k in desk_kinds().items() if name in mine}
    kind = request.GET.get("kind", "")
    status = HTTPStatus.OK
    error = ""
    if kind and kind not in kinds:
        error = _("There is no such kind of item. Showing all of them.")
        status = HTTPStatus.BAD_REQUEST
        kind = ""
    items = Queue([kind] if kind else None, visible=mine)
    pages = paginate(request, items, QUEUE_PAGE_SIZE, keep={"kind": kind} if kind else None)
    counts = items.counts
    remember_queue_total(sum(counts.values()), mine)
    context = {
        **pages,
        "kind": kind,
        "kinds": [
            {"name": name, "label": k.plural, "count": counts[name], "current": name == kind}
            for name, k in kinds.items()
        ],
        "total": sum(counts.values()),
        "error": error,
    }
    return render(request, "moderation/queue.html", context, status=status)


class EmailSettingsForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["moderation_email"]
        widgets = {"moderation_email": forms.RadioSelect}
        labels = {"moderation_email": gettext_lazy("How do you want to hear of new items?")}


@require_http_methods(["GET", "POST"])
@any_desk_required
def email_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = EmailSettingsForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your choice is saved."))
            return redirect("moderation:email_settings")
        status = HTTPStatus.BAD_REQUEST
    else:
        form = EmailSettingsForm(instance=request.user)
        status = HTTPStatus.OK
    return render(request, "moderation/settings.html", {"form": form}, status=status)
