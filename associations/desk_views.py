"""The associations' pages on the staff's desk (/moderation/): a listing, a claim, a
report and a change to decide on, the change feed and the liaison's log.

Each item page is yhdistystori.desk_views.item_page with a DeskPage: the actions
that fit the item's state run the workflows of associations/workflows/.
"""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from associations import workflows
from associations.diffs import diff_changes
from associations.models import Association, Claim, ModerationAction, ProfileChange, Report
from yhdistystori.desk_views import DeskAction, DeskPage, desk_required
from yhdistystori.pagination import paginate

FEED_PAGE_SIZE = 20
LOG_PAGE_SIZE = 50


def _by_name(*actions: DeskAction) -> dict[str, DeskAction]:
    return {action.name: action for action in actions}


# --- a listing ---------------------------------------------------------------------------

ASSOCIATION_ACTIONS = _by_name(
    DeskAction(
        name="approve",
        button=gettext_lazy("Approve and publish"),
        workflow=workflows.association_approve,
        done=gettext_lazy("“%(name)s” is published. Its editors have been told."),
        reason_label=gettext_lazy("Note to the editors (optional)"),
    ),
    DeskAction(
        name="reject",
        button=gettext_lazy("Return to the editors"),
        workflow=workflows.association_reject,
        done=gettext_lazy("“%(name)s” was returned to its editors as a draft."),
        reason_label=gettext_lazy("What the editors should fix"),
        reason_required=True,
        help=gettext_lazy("The listing goes back to draft; the editors get your reason."),
    ),
    DeskAction(
        name="hide",
        button=gettext_lazy("Hide the profile"),
        workflow=workflows.association_hide,
        done=gettext_lazy("“%(name)s” is hidden. Its editors have been told."),
        reason_label=gettext_lazy("Why it is hidden"),
        reason_required=True,
        help=gettext_lazy("Residents no longer see the profile; the editors get your reason."),
        danger=True,
    ),
    DeskAction(
        name="restore",
        button=gettext_lazy("Publish again"),
        workflow=workflows.association_restore,
        done=gettext_lazy("“%(name)s” is published again. Its editors have been told."),
        reason_label=gettext_lazy("Note to the editors (optional)"),
    ),
    DeskAction(
        name="verify",
        button=gettext_lazy("Mark verified"),
        workflow=workflows.association_verify,
        actor_arg="user",
        done=gettext_lazy("“%(name)s” is marked verified today."),
        reason_label=gettext_lazy("How you checked it (optional)"),
        help=gettext_lazy("For example after a call with the association."),
    ),
)


def association_actions(association: Association) -> list[str]:
    """The decisions that fit the listing's state."""
    Status = Association.Status
    names = []
    if association.status == Status.PENDING:
        names += ["approve", "reject"]
    if association.status == Status.PUBLISHED and association.verification_overdue:
        names.append("verify")
    # Hiding is for what residents can see; a draft or a listing under review is not public.
    if association.status == Status.PUBLISHED:
        names.append("hide")
    elif association.status == Status.HIDDEN:
        names.append("restore")
    return names


def association_context(request: HttpRequest, listing: Association) -> dict:
    return {
        "association": listing,
        "memberships": listing.memberships.select_related("user").order_by("-role", "pk"),
        "claims": listing.claims.pending().select_related("user"),
        "reports": listing.reports.open(),
        "pending_changes": listing.changes.pending().select_related("user"),
        "recent_changes": diff_changes(
            listing.changes.exclude(status=ProfileChange.Status.PENDING).select_related("user")[:5]
        ),
        "recent_actions": listing.moderation_actions.select_related("actor")[:10],
    }


ASSOCIATION_PAGE = DeskPage(
    queryset=lambda: Association.objects.prefetch_related(
        "categories", "districts", "target_groups", "languages"
    ),
    item_arg="association",
    template="moderation/association.html",
    actions=ASSOCIATION_ACTIONS,
    available=association_actions,
    context=association_context,
    name=lambda association: association.name,
    error=workflows.WorkflowError,
    # The editors may edit a listing while it waits: a decision is on the version shown.
    version_attr="version",
)


# --- a claim -------------------------------------------------------------------------------

CLAIM_ACTIONS = _by_name(
    DeskAction(
        name="approve",
        button=gettext_lazy("Approve the claim"),
        workflow=workflows.claim_approve,
        done=gettext_lazy("The claimant is now an owner of “%(name)s” and has been told."),
        reason_label=gettext_lazy("Note to the claimant (optional)"),
    ),
    DeskAction(
        name="reject",
        button=gettext_lazy("Reject the claim"),
        workflow=workflows.claim_reject,
        done=gettext_lazy("The claim to “%(name)s” was rejected. The claimant has been told."),
        reason_label=gettext_lazy("Why (the claimant sees this)"),
        reason_required=True,
        danger=True,
    ),
)


def claim_context(request: HttpRequest, claim: Claim) -> dict:
    return {
        "claim": claim,
        "association": claim.association,
        "owners": claim.association.memberships.select_related("user"),
        "other_claims": claim.association.claims.pending()
        .exclude(pk=claim.pk)
        .select_related("user"),
    }


def _pending_only(item) -> list[str]:
    return ["approve", "reject"] if item.status == item.Status.PENDING else []


def _association_name(item) -> str:
    return item.association.name


CLAIM_PAGE = DeskPage(
    queryset=lambda: Claim.objects.select_related("association", "user", "decided_by"),
    item_arg="claim",
    template="moderation/claim.html",
    actions=CLAIM_ACTIONS,
    available=_pending_only,
    context=claim_context,
    name=_association_name,
    error=workflows.WorkflowError,
)


# --- a report ------------------------------------------------------------------------------

REPORT_ACTIONS = _by_name(
    DeskAction(
        name="resolve",
        button=gettext_lazy("Mark handled"),
        workflow=workflows.report_close,
        done=gettext_lazy("The report on “%(name)s” is marked handled."),
        reason_label=gettext_lazy("What was done (optional)"),
    ),
    DeskAction(
        name="dismiss",
        button=gettext_lazy("Dismiss"),
        workflow=workflows.report_close,
        options={"dismiss": True},
        done=gettext_lazy("The report on “%(name)s” was dismissed."),
        reason_label=gettext_lazy("Why it needs nothing done (optional)"),
    ),
)


def report_context(request: HttpRequest, report: Report) -> dict:
    return {
        "report": report,
        "association": report.association,
        "other_reports": report.association.reports.open().exclude(pk=report.pk),
    }


REPORT_PAGE = DeskPage(
    queryset=lambda: Report.objects.select_related("association", "reporter", "decided_by"),
    item_arg="report",
    template="moderation/report.html",
    actions=REPORT_ACTIONS,
    available=lambda report: list(REPORT_ACTIONS) if report.status == Report.Status.OPEN else [],
    context=report_context,
    name=_association_name,
    error=workflows.WorkflowError,
)


# --- a change ------------------------------------------------------------------------------

CHANGE_ACTIONS = _by_name(
    DeskAction(
        name="approve",
        button=gettext_lazy("Approve the change"),
        workflow=workflows.change_approve,
        done=gettext_lazy("The change to “%(name)s” is live. Its editors have been told."),
        reason_label=gettext_lazy("Note to the editors (optional)"),
    ),
    DeskAction(
        name="reject",
        button=gettext_lazy("Reject the change"),
        workflow=workflows.change_reject,
        done=gettext_lazy("The change to “%(name)s” was rejected. Its editors have been told."),
        reason_label=gettext_lazy("Why (the editors see this)"),
        reason_required=True,
        danger=True,
    ),
    DeskAction(
        name="revert",
        button=gettext_lazy("Revert"),
        workflow=workflows.change_revert,
        done=gettext_lazy("The change to “%(name)s” was reverted. Its editors have been told."),
        reason_label=gettext_lazy("Reason (optional)"),
        danger=True,
    ),
)


def change_actions(change: ProfileChange) -> list[str]:
    if change.status == ProfileChange.Status.PENDING:
        return ["approve", "reject"]
    if change.status == ProfileChange.Status.APPLIED:
        return ["revert"]
    return []


def change_context(request: HttpRequest, change: ProfileChange) -> dict:
    return {"change": diff_changes([change])[0], "association": change.association}


CHANGE_PAGE = DeskPage(
    queryset=lambda: ProfileChange.objects.select_related("association", "user", "decided_by"),
    item_arg="change",
    template="moderation/change.html",
    actions=CHANGE_ACTIONS,
    available=change_actions,
    context=change_context,
    name=_association_name,
    error=workflows.WorkflowError,
)


# --- the change feed and the log -------------------------------------------------------------


@require_safe
@desk_required
def changes(request: HttpRequest) -> HttpResponse:
    feed = ProfileChange.objects.feed().select_related("association", "user", "decided_by")
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
    keep = {"association": association_filter.pk} if association_filter else None
    pages = paginate(request, feed, FEED_PAGE_SIZE, keep=keep)
    pages["page"].object_list = diff_changes(pages["page"].object_list)
    context = {
        **pages,
        "association_filter": association_filter,
        "error": error,
        "here": request.get_full_path(),
    }
    return render(request, "moderation/changes.html", context, status=status)


@require_safe
@desk_required
def log(request: HttpRequest) -> HttpResponse:
    actions = ModerationAction.objects.select_related("actor")
    return render(request, "moderation/log.html", paginate(request, actions, LOG_PAGE_SIZE))
