"""The liaison's desk (/moderation/): the queue, its items, the change feed and the log.

Every view is for liaisons and admins only (`liaison_required`). Decisions are
POSTed to the item's own page as `action=<name>` with a reason; the page then
runs the workflow (associations/workflows.py) and redirects with a message, or
on a WorkflowError shows the page again with the message, the typed reason and
status 400.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from http import HTTPStatus
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from associations import workflows
from associations.models import (
    Association,
    Claim,
    ModerationAction,
    ProfileChange,
    Report,
)
from associations.models.moderation import field_label
from associations.permissions import require_liaison
from associations.queue import KINDS, Queue, forget_queue_total, remember_queue_total
from associations.workflows import PROFILE_RELATIONS, WorkflowError

QUEUE_PAGE_SIZE = 25
FEED_PAGE_SIZE = 20
LOG_PAGE_SIZE = 50


def liaison_required(view):
    """Sign in first (anonymous visitors go to the login page), then liaisons and admins only."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        require_liaison(request.user)
        return view(request, *args, **kwargs)

    return wrapped


# --- forms -----------------------------------------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModerationEmailForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["moderation_email"]
        widgets = {"moderation_email": forms.RadioSelect}
        labels = {"moderation_email": gettext_lazy("How do you want to hear of new items?")}


# --- actions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """A decision on an item: what the button says and which workflow it runs."""

    name: str
    button: str
    run: Callable[[Any, Any, str], Any]  # (item, liaison, reason) -> result
    done: str  # the success message; %(name)s is the association's name
    reason_label: str
    reason_required: bool = False
    help: str = ""
    danger: bool = False


def _verify_published(association: Association, liaison, reason: str) -> Association:
    if association.status != Association.Status.PUBLISHED:
        raise WorkflowError(gettext_lazy("Only a published profile can be marked verified."))
    return workflows.association_verify(association=association, user=liaison, reason=reason)


ASSOCIATION_ACTIONS = {
    action.name: action
    for action in (
        Action(
            name="approve",
            button=gettext_lazy("Approve and publish"),
            run=lambda a, liaison, reason: workflows.association_approve(
                association=a, liaison=liaison, reason=reason
            ),
            done=gettext_lazy("“%(name)s” is published. Its editors have been told."),
            reason_label=gettext_lazy("Note to the editors (optional)"),
        ),
        Action(
            name="reject",
            button=gettext_lazy("Return to the editors"),
            run=lambda a, liaison, reason: workflows.association_reject(
                association=a, liaison=liaison, reason=reason
            ),
            done=gettext_lazy("“%(name)s” was returned to its editors as a draft."),
            reason_label=gettext_lazy("What the editors should fix"),
            reason_required=True,
            help=gettext_lazy("The listing goes back to draft; the editors get your reason."),
        ),
        Action(
            name="hide",
            button=gettext_lazy("Hide the profile"),
            run=lambda a, liaison, reason: workflows.association_hide(
                association=a, liaison=liaison, reason=reason
            ),
            done=gettext_lazy("“%(name)s” is hidden. Its editors have been told."),
            reason_label=gettext_lazy("Why it is hidden"),
            reason_required=True,
            help=gettext_lazy("Residents no longer see the profile; the editors get your reason."),
            danger=True,
        ),
        Action(
            name="restore",
            button=gettext_lazy("Publish again"),
            run=lambda a, liaison, reason: workflows.association_restore(
                association=a, liaison=liaison, reason=reason
            ),
            done=gettext_lazy("“%(name)s” is published again. Its editors have been told."),
            reason_label=gettext_lazy("Note to the editors (optional)"),
        ),
        Action(
            name="verify",
            button=gettext_lazy("Mark verified"),
            run=_verify_published,
            done=gettext_lazy("“%(name)s” is marked verified today."),
            reason_label=gettext_lazy("How you checked it (optional)"),
            help=gettext_lazy("For example after a call with the association."),
        ),
    )
}

CLAIM_ACTIONS = {
    action.name: action
    for action in (
        Action(
            name="approve",
            button=gettext_lazy("Approve the claim"),
            run=lambda claim, liaison, reason: workflows.claim_approve(
                claim=claim, liaison=liaison, reason=reason
            ),
            done=gettext_lazy("The claimant is now an owner of “%(name)s” and has been told."),
            reason_label=gettext_lazy("Note to the claimant (optional)"),
        ),
        Action(
            name="reject",
            button=gettext_lazy("Reject the claim"),
            run=lambda claim, liaison, reason: workflows.claim_reject(
                claim=claim, liaison=liaison, reason=reason
            ),
            done=gettext_lazy("The claim to “%(name)s” was rejected. The claimant has been told."),
            reason_label=gettext_lazy("Why (the claimant sees this)"),
            reason_required=True,
            danger=True,
        ),
    )
}

REPORT_ACTIONS = {
    action.name: action
    for action in (
        Action(
            name="resolve",
            button=gettext_lazy("Mark handled"),
            run=lambda report, liaison, reason: workflows.report_close(
                report=report, liaison=liaison, resolution=reason
            ),
            done=gettext_lazy("The report on “%(name)s” is marked handled."),
            reason_label=gettext_lazy("What was done (optional)"),
        ),
        Action(
            name="dismiss",
            button=gettext_lazy("Dismiss"),
            run=lambda report, liaison, reason: workflows.report_close(
                report=report, liaison=liaison, resolution=reason, dismiss=True
            ),
            done=gettext_lazy("The report on “%(name)s” was dismissed."),
            reason_label=gettext_lazy("Why it needs nothing done (optional)"),
        ),
    )
}

CHANGE_ACTIONS = {
    action.name: action
    for action in (
        Action(
            name="approve",
            button=gettext_lazy("Approve the change"),
            run=lambda change, liaison, reason: workflows.change_approve(
                change=change, liaison=liaison, reason=reason
            ),
            done=gettext_lazy("The change to “%(name)s” is live. Its editors have been told."),
            reason_label=gettext_lazy("Note to the editors (optional)"),
        ),
        Action(
            name="reject",
            button=gettext_lazy("Reject the change"),
            run=lambda change, liaison, reason: workflows.change_reject(
                change=change, liaison=liaison, reason=reason
            ),
            done=gettext_lazy("The change to “%(name)s” was rejected. Its editors have been told."),
            reason_label=gettext_lazy("Why (the editors see this)"),
            reason_required=True,
            danger=True,
        ),
        Action(
            name="revert",
            button=gettext_lazy("Revert"),
            run=lambda change, liaison, reason: workflows.change_revert(
                change=change, liaison=liaison, reason=reason
            ),
            done=gettext_lazy("The change to “%(name)s” was reverted. Its editors have been told."),
            reason_label=gettext_lazy("Reason (optional)"),
            danger=True,
        ),
    )
}


def association_actions(association: Association) -> list[Action]:
    """The decisions that fit the listing's state."""
    Status = Association.Status
    names = []
    if association.status == Status.PENDING:
        names += ["approve", "reject"]
    if association.status == Status.PUBLISHED and association.verification_overdue:
        names.append("verify")
    if association.status == Status.HIDDEN:
        names.append("restore")
    else:
        names.append("hide")
    return [ASSOCIATION_ACTIONS[name] for name in names]


def claim_actions(claim: Claim) -> list[Action]:
    return list(CLAIM_ACTIONS.values()) if claim.status == Claim.Status.PENDING else []


def report_actions(report: Report) -> list[Action]:
    return list(REPORT_ACTIONS.values()) if report.status == Report.Status.OPEN else []


def change_actions(change: ProfileChange) -> list[Action]:
    if change.status == ProfileChange.Status.PENDING:
        return [CHANGE_ACTIONS["approve"], CHANGE_ACTIONS["reject"]]
    if change.status == ProfileChange.Status.APPLIED:
        return [CHANGE_ACTIONS["revert"]]
    return []


def safe_next(request: HttpRequest) -> str:
    """Where to go after a decision: a page of this site the form names, if any."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def decide(
    request: HttpRequest,
    *,
    item,
    association: Association,
    actions: dict[str, Action],
    render_page: Callable[..., HttpResponse],
) -> HttpResponse:
    """Run the POSTed action on `item`; redirect with a message, or show why it failed.

    The workflow decides whether the action fits the item's state now (another
    liaison may have decided it meanwhile) and says why not.
    """
    name = request.POST.get("action", "")
    action = actions.get(name)
    if action is None:
        return render_page(
            status=HTTPStatus.BAD_REQUEST, error=_("Choose one of the actions on this page.")
        )
    form = ReasonForm(request.POST, prefix=name)
    if not form.is_valid():
        return render_page(
            status=HTTPStatus.BAD_REQUEST,
            bound={name: form},
            error=_("Please correct the reason."),
            failed=action,
        )
    try:
        action.run(item, request.user, form.cleaned_data["reason"])
    except WorkflowError as exc:
        if action.reason_required and not form.cleaned_data["reason"].strip():
            form.add_error("reason", exc.message)  # shown at the field, too
        return render_page(
            status=HTTPStatus.BAD_REQUEST, bound={name: form}, error=exc.message, failed=action
        )
    forget_queue_total()
    messages.success(request, action.done % {"name": association.name})
    return HttpResponseRedirect(safe_next(request) or reverse("moderation:queue"))


def action_forms(
    available: list[Action], bound: dict | None = None, failed: Action | None = None
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


# --- the queue -----------------------------------------------------------------------------


@require_GET
@liaison_required
def queue(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    status = HTTPStatus.OK
    error = ""
    if kind and kind not in KINDS:
        error = _("There is no such kind of item. Showing all of them.")
        status = HTTPStatus.BAD_REQUEST
        kind = ""
    items = Queue([kind] if kind else None)
    page = Paginator(items, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    counts = items.counts
    remember_queue_total(sum(counts.values()))
    context = {
        "page": page,
        "kind": kind,
        "kinds": [
            {"name": name, "label": k.plural, "count": counts[name], "current": name == kind}
            for name, k in KINDS.items()
        ],
        "total": sum(counts.values()),
        "error": error,
        "query_without_page": f"kind={kind}" if kind else "",
        "elided_pages": page.paginator.get_elided_page_range(page.number, on_each_side=2),
    }
    return render(request, "moderation/queue.html", context, status=status)


# --- one item ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@liaison_required
def association(request: HttpRequest, pk: int) -> HttpResponse:
    listing = get_object_or_404(
        Association.objects.prefetch_related(
            "categories", "districts", "target_groups", "languages"
        ),
        pk=pk,
    )
    available = association_actions(listing)

    def render_page(status=HTTPStatus.OK, bound=None, error="", failed=None):
        context = {
            "association": listing,
            "actions": action_forms(available, bound, failed),
            "error": error,
            "next": safe_next(request),
            "memberships": listing.memberships.select_related("user").order_by("-role", "pk"),
            "claims": listing.claims.pending().select_related("user"),
            "reports": listing.reports.open(),
            "pending_changes": listing.changes.pending().select_related("user"),
            "recent_changes": diff_changes(
                listing.changes.exclude(status=ProfileChange.Status.PENDING).select_related("user")[
                    :5
                ]
            ),
            "recent_actions": listing.moderation_actions.select_related("actor")[:10],
        }
        return render(request, "moderation/association.html", context, status=status)

    if request.method == "POST":
        return decide(
            request,
            item=listing,
            association=listing,
            actions=ASSOCIATION_ACTIONS,
            render_page=render_page,
        )
    return render_page()


@require_http_methods(["GET", "POST"])
@liaison_required
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Claim.objects.select_related("association", "user", "decided_by"), pk=pk
    )
    available = claim_actions(item)

    def render_page(status=HTTPStatus.OK, bound=None, error="", failed=None):
        context = {
            "claim": item,
            "association": item.association,
            "actions": action_forms(available, bound, failed),
            "error": error,
            "owners": item.association.memberships.select_related("user"),
            "other_claims": item.association.claims.pending()
            .exclude(pk=item.pk)
            .select_related("user"),
        }
        return render(request, "moderation/claim.html", context, status=status)

    if request.method == "POST":
        return decide(
            request,
            item=item,
            association=item.association,
            actions=CLAIM_ACTIONS,
            render_page=render_page,
        )
    return render_page()


@require_http_methods(["GET", "POST"])
@liaison_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Report.objects.select_related("association", "reporter", "handled_by"), pk=pk
    )
    available = report_actions(item)

    def render_page(status=HTTPStatus.OK, bound=None, error="", failed=None):
        context = {
            "report": item,
            "association": item.association,
            "actions": action_forms(available, bound, failed),
            "error": error,
            "other_reports": item.association.reports.open().exclude(pk=item.pk),
        }
        return render(request, "moderation/report.html", context, status=status)

    if request.method == "POST":
        return decide(
            request,
            item=item,
            association=item.association,
            actions=REPORT_ACTIONS,
            render_page=render_page,
        )
    return render_page()


@require_http_methods(["GET", "POST"])
@liaison_required
def change(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        ProfileChange.objects.select_related("association", "user", "reviewed_by"), pk=pk
    )
    available = change_actions(item)

    def render_page(status=HTTPStatus.OK, bound=None, error="", failed=None):
        context = {
            "change": diff_changes([item])[0],
            "association": item.association,
            "actions": action_forms(available, bound, failed),
            "error": error,
            "next": safe_next(request),
        }
        return render(request, "moderation/change.html", context, status=status)

    if request.method == "POST":
        return decide(
            request,
            item=item,
            association=item.association,
            actions=CHANGE_ACTIONS,
            render_page=render_page,
        )
    return render_page()


# --- the change feed -----------------------------------------------------------------------


@dataclass
class DiffRow:
    """One field of a change, ready to show: before and after, each as its kind of value."""

    field: str
    label: str
    kind: str  # "text", "bool", "list" or "image"
    old: Any
    new: Any
    removed: list[str] | None = None  # lists: the terms taken away and added
    added: list[str] | None = None


def _image_url(name: str) -> str:
    return default_storage.url(name) if name else ""


def diff_changes(changes) -> list[ProfileChange]:
    """The changes with `diff` (a list of DiffRow) set on each.

    Lists of terms are named in the reader's language, looked up in one query per
    vocabulary for all the changes; a term deleted since keeps the name it had when
    the change was made.
    """
    changes = list(changes)
    wanted: dict[str, set[int]] = {}
    for item in changes:
        for entry in item.changes:
            if entry["field"] in PROFILE_RELATIONS:
                ids = set(entry.get("old") or []) | set(entry.get("new") or [])
                wanted.setdefault(entry["field"], set()).update(ids)
    names: dict[str, dict[int, str]] = {}
    for field, ids in wanted.items():
        model = Association._meta.get_field(field).related_model
        # In the vocabulary's own order (dicts keep it), as the profile lists them.
        names[field] = {term.pk: term.name for term in model.objects.filter(pk__in=ids)}
    for item in changes:
        item.diff = [
            _diff_row(entry, names) for entry in item.changes if entry["field"] != "logo_small"
        ]
    return changes


def _diff_row(entry: dict, names: dict[str, dict[int, str]]) -> DiffRow:
    field = entry["field"]
    old, new = entry.get("old"), entry.get("new")
    label = field_label(field)
    if field in PROFILE_RELATIONS:
        known = names.get(field, {})

        def named(ids, stored) -> list[str]:
            ids = set(ids or [])
            if ids <= known.keys():
                return [name for pk, name in known.items() if pk in ids]
            # A term deleted since: the names as they were when the change was made.
            return list(stored or [])

        old_names = named(old, entry.get("old_names"))
        new_names = named(new, entry.get("new_names"))
        return DiffRow(
            field=field,
            label=label,
            kind="list",
            old=old_names,
            new=new_names,
            removed=[name for name in old_names if name not in new_names],
            added=[name for name in new_names if name not in old_names],
        )
    if field == "logo":
        return DiffRow(field, label, "image", _image_url(old or ""), _image_url(new or ""))
    if isinstance(old, bool) or isinstance(new, bool):
        return DiffRow(field, label, "bool", old, new)
    return DiffRow(
        field,
        label,
        "text",
        "" if old is None else old,
        "" if new is None else new,
    )


@require_GET
@liaison_required
def changes(request: HttpRequest) -> HttpResponse:
    feed = ProfileChange.objects.feed().select_related("association", "user", "reviewed_by")
    association_filter = None
    status = HTTPStatus.OK
    error = ""
    raw = request.GET.get("association", "")
    if raw:
        if raw.isascii() and raw.isdigit() and len(raw) < 19:  # a bigint, never "²"
            association_filter = Association.objects.filter(pk=int(raw)).first()
        if association_filter is None:
            error = _("That association was not found. Showing changes to all associations.")
            status = HTTPStatus.BAD_REQUEST
        else:
            feed = feed.filter(association=association_filter)
    page = Paginator(feed, FEED_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = diff_changes(page.object_list)
    query = f"association={association_filter.pk}" if association_filter else ""
    context = {
        "page": page,
        "association_filter": association_filter,
        "error": error,
        "query_without_page": query,
        "here": request.get_full_path(),
        "elided_pages": page.paginator.get_elided_page_range(page.number, on_each_side=2),
    }
    return render(request, "moderation/changes.html", context, status=status)


# --- the log and the liaison's settings -------------------------------------------------------


@require_GET
@liaison_required
def log(request: HttpRequest) -> HttpResponse:
    actions = ModerationAction.objects.select_related("actor")
    page = Paginator(actions, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query_without_page": "",
        "elided_pages": page.paginator.get_elided_page_range(page.number, on_each_side=2),
    }
    return render(request, "moderation/log.html", context)


@require_http_methods(["GET", "POST"])
@liaison_required
def settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ModerationEmailForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your choice is saved."))
            return redirect("moderation:settings")
        status = HTTPStatus.BAD_REQUEST
    else:
        form = ModerationEmailForm(instance=request.user)
        status = HTTPStatus.OK
    return render(request, "moderation/settings.html", {"form": form}, status=status)
