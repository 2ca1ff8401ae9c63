"""The editors' pages: create and edit a profile, send it for review, confirm it,
and manage who edits it (invitations, removal, ownership)."""

from __future__ import annotations

from copy import copy
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from associations import workflows
from associations.forms import InvitationForm, ProfileForm
from associations.models import (
    PROFILE_FIELDS,
    PROFILE_RELATIONS,
    Association,
    Invitation,
    Membership,
)
from associations.models.moderation import field_label
from associations.permissions import association_for_editor, can_manage_editors
from associations.views import profile_response
from associations.workflows import WorkflowError
from yhdistystori.ratelimits import limit_exceeded
from yhdistystori.roles import Role, has_role

# --- creating and editing the profile --------------------------------------------------------


def _form_response(
    request: HttpRequest,
    form: ProfileForm,
    *,
    association: Association | None = None,
    status: int = HTTPStatus.OK,
    **extra,
) -> HttpResponse:
    context = {
        "form": form,
        "association": association,
        # Browsers cannot be given a file back: say so when one was chosen.
        "logo_dropped": bool(request.FILES.get("logo")) and status != HTTPStatus.OK,
        **extra,
    }
    return render(request, "associations/profile_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_response(request, ProfileForm())
    form = ProfileForm(request.POST, request.FILES)
    if limit_exceeded(request, "listing_create"):
        form.is_valid()  # the values stay in the form as typed
        form.add_error(None, _("You have created many listings. Try again in an hour."))
        return _form_response(request, form, status=HTTPStatus.TOO_MANY_REQUESTS)
    if form.is_valid():
        try:
            association = workflows.association_create(
                user=request.user,
                values=form.values,
                relations=form.relations,
                logo=form.cleaned_data["logo"],
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
        else:
            if "submit" in request.POST:
                workflows.association_submit(association=association, user=request.user)
                messages.success(
                    request,
                    _(
                        "The listing was saved and sent to the city's liaison for review. "
                        "You get an email when it is published."
                    ),
                )
            else:
                messages.success(
                    request,
                    _(
                        "The draft was saved. Only you see it until you send it for review "
                        "and the liaison approves it."
                    ),
                )
            return redirect(association)
    return _form_response(request, form, status=HTTPStatus.BAD_REQUEST)


def _value_display(change: dict, side: str) -> str:
    """One side ("old" or "new") of a recorded change, as a person reads it."""
    if f"{side}_names" in change:
        return ", ".join(change[f"{side}_names"]) or _("(none)")
    value = change.get(side)
    if change["field"] == "logo":
        return _("a logo") if value else _("(none)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None or value == "":
        return _("(empty)")
    return str(value)


def _typed_value(form: ProfileForm, name: str):
    """What the form holds for a field, in the form a ProfileChange records it."""
    value = form.cleaned_data.get(name)
    if name in PROFILE_RELATIONS:
        return sorted(term.pk for term in value or [])
    return value


def _form_data_value(data: QueryDict, name: str, value) -> None:
    """Put a recorded value into submitted form data, as a browser would have sent it."""
    if name in PROFILE_RELATIONS:
        data.setlist(name, [str(pk) for pk in value])
    elif isinstance(value, bool):
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
    else:
        data[name] = "" if value is None else str(value)


def _merge_conflict(
    form: ProfileForm, conflict: workflows.ProfileConflict
) -> tuple[QueryDict, list]:
    """The form data to show again after someone else saved first, and what they changed.

    The person's typed values stay. A field they left as it was when they opened
    the form takes the other person's new value: saving again must not undo a
    change they never saw. A field both changed keeps theirs, and is marked.
    """
    data = form.data.copy()
    data["version"] = str(conflict.current.version)
    rows = []
    first_old = {}
    for change in conflict.changes:  # oldest first
        for entry in change.changes:
            first_old.setdefault(entry["field"], entry["old"])
    editable = {*PROFILE_FIELDS, *PROFILE_RELATIONS}
    outcome = {}
    for name, old in first_old.items():
        if name not in editable:
            continue
        current = getattr(conflict.current, name)
        if name in PROFILE_RELATIONS:
            current = sorted(term.pk for term in current.all())
        typed = _typed_value(form, name)
        if typed == current:
            outcome[name] = "same"
        elif typed == old:
            _form_data_value(data, name, current)
            outcome[name] = "taken"
        else:
            outcome[name] = "both"
    for change in conflict.changes:
        for entry in change.changes:
            if entry["field"] == "logo_small":
                continue  # one row for the logo is enough
            rows.append(
                {
                    "label": field_label(entry["field"]),
                    "old": _value_display(entry, "old"),
                    "new": _value_display(entry, "new"),
                    "user": change.user,
                    "when": change.created_at,
                    "outcome": outcome.get(entry["field"], ""),
                }
            )
    return data, rows


def _saved_message(association: Association, result: workflows.ProfileUpdate) -> str:
    parts = []
    if result.applied is None and result.pending is None:
        return _("Nothing was changed.")
    if result.applied is not None:
        if association.status == Association.Status.PUBLISHED:
            parts.append(_("Saved. The changes are on the public profile now."))
        else:
            parts.append(_("Saved."))
    if result.pending is not None:
        fields = ", ".join(field_label(name) for name in result.pending.field_names)
        parts.append(
            _(
                "The new %(fields)s waits for the liaison's approval; you get an email "
                "when it is decided."
            )
            % {"fields": fields}
        )
    return " ".join(parts)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    association, _membership = association_for_editor(request.user, slug)
    pending = association.changes.pending().select_related("user").first()
    if request.method != "POST":
        form = ProfileForm(
            instance=association, editing=True, initial={"version": association.version}
        )
        return _form_response(request, form, association=association, pending=pending)
    # A copy: the form writes what was typed onto its instance, and the page heading
    # must keep the saved name when the form comes back with errors.
    form = ProfileForm(request.POST, request.FILES, instance=copy(association), editing=True)
    # Liaisons are not counted: correcting many listings in a row is their job, and
    # each of their accounts is one the city gave the role to.
    if not has_role(request.user, Role.LIAISON) and limit_exceeded(request, "listing_edit"):
        form.is_valid()  # the values stay in the form as typed
        form.add_error(None, _("You have saved many changes. Try again in an hour."))
        return _form_response(
            request,
            form,
            association=association,
            pending=pending,
            status=HTTPStatus.TOO_MANY_REQUESTS,
        )
    if not form.is_valid():
        return _form_response(
            request, form, association=association, pending=pending, status=HTTPStatus.BAD_REQUEST
        )
    try:
        result = workflows.profile_update(
            association=association,
            user=request.user,
            base_version=form.cleaned_data["version"],
            values=form.values,
            relations=form.relations,
            logo=form.cleaned_data["logo"],
            remove_logo=form.cleaned_data.get("remove_logo", False),
        )
    except workflows.ProfileConflict as conflict:
        data, rows = _merge_conflict(form, conflict)
        current = conflict.current
        form = ProfileForm(data, instance=current, editing=True)
        return _form_response(
            request,
            form,
            association=current,
            pending=pending,
            conflict=rows,
            conflicted=True,
            status=HTTPStatus.CONFLICT,
        )
    except WorkflowError as error:
        form.add_error(None, error.message)
        return _form_response(
            request, form, association=association, pending=pending, status=HTTPStatus.BAD_REQUEST
        )
    association.refresh_from_db()
    text = _saved_message(association, result)
    if "submit" in request.POST and association.status == Association.Status.DRAFT:
        try:
            workflows.association_submit(association=association, user=request.user)
        except WorkflowError as error:  # another editor sent it a moment ago
            text = " ".join([text, str(error.message)])
        else:
            text = " ".join([text, _("The listing was sent to the city's liaison for review.")])
    messages.success(request, text)
    return redirect(association)


@login_required
@require_POST
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    association, _membership = association_for_editor(request.user, slug)
    try:
        workflows.association_submit(association=association, user=request.user)
    except WorkflowError as error:
        messages.error(request, error.message)
        return profile_response(request, association, status=HTTPStatus.BAD_REQUEST)
    messages.success(
        request,
        _(
            "Sent for review. The city's liaison checks the listing; you get an email when "
            "it is published or if something needs fixing."
        ),
    )
    return redirect(association)


@login_required
@require_POST
def verify(request: HttpRequest, slug: str) -> HttpResponse:
    association, _membership = association_for_editor(request.user, slug)
    try:
        association = workflows.association_verify(association=association, user=request.user)
    except WorkflowError as error:
        messages.error(request, error.message)
        return profile_response(request, association, status=HTTPStatus.BAD_REQUEST)
    messages.success(
        request,
        _("Thank you. The information was confirmed as correct on %(date)s.")
        % {"date": date_format(association.last_verified_at, "SHORT_DATE_FORMAT")},
    )
    return redirect(association)


# --- editors and invitations -----------------------------------------------------------------


def _editors_response(
    request: HttpRequest,
    association: Association,
    membership: Membership | None,
    *,
    form: InvitationForm | None = None,
    status: int = HTTPStatus.OK,
) -> HttpResponse:
    can_manage = can_manage_editors(request.user, membership)
    refusal = (
        workflows.invitation_refusal(association=association, inviter=request.user)
        if can_manage
        else ""
    )
    context = {
        "association": association,
        "membership": membership,
        "can_manage": can_manage,
        "memberships": association.memberships.select_related("user").order_by(
            "-role", "created_at"
        ),
        "invitations": (
            association.invitations.open().select_related("invited_by") if can_manage else []
        ),
        "form": form or (InvitationForm() if can_manage and not refusal else None),
        "invitation_refusal": refusal,
    }
    return render(request, "associations/editors.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def editors(request: HttpRequest, slug: str) -> HttpResponse:
    """The editors of a profile; owners invite new ones here (POST)."""
    association, membership = association_for_editor(request.user, slug)
    if request.method != "POST":
        return _editors_response(request, association, membership)
    if not can_manage_editors(request.user, membership):
        raise PermissionDenied
    form = InvitationForm(request.POST)
    if limit_exceeded(request, "invitation"):
        form.is_valid()  # the address stays in the form as typed
        form.add_error(None, _("You have sent many invitations. Try again in an hour."))
        return _editors_response(
            request, association, membership, form=form, status=HTTPStatus.TOO_MANY_REQUESTS
        )
    if form.is_valid():
        try:
            invitation = workflows.invitation_create(
                association=association, inviter=request.user, email=form.cleaned_data["email"]
            )
        except WorkflowError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s. The link works until %(date)s.")
                % {
                    "email": invitation.email,
                    "date": date_format(
                        timezone.localtime(invitation.expires_at), "SHORT_DATE_FORMAT"
                    ),
                },
            )
            return redirect("associations:editors", slug=association.slug)
    return _editors_response(
        request, association, membership, form=form, status=HTTPStatus.BAD_REQUEST
    )


@login_required
@require_POST
def invitation_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    association, _membership = association_for_editor(request.user, slug, owner=True)
    invitation = get_object_or_404(Invitation, pk=pk, association=association)
    try:
        workflows.invitation_cancel(invitation=invitation)
    except WorkflowError as error:
        messages.error(request, error.message)
        return _editors_response(request, association, _membership, status=HTTPStatus.BAD_REQUEST)
    messages.success(
        request,
        _("The invitation to %(email)s was cancelled; its link no longer works.")
        % {"email": invitation.email},
    )
    return redirect("associations:editors", slug=association.slug)


@login_required
@require_POST
def editor_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An owner removes an editor, or an editor leaves (removes themselves)."""
    association, membership = association_for_editor(request.user, slug)
    target = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, association=association
    )
    leaving = target.user_id == request.user.pk
    if not leaving and not can_manage_editors(request.user, membership):
        raise PermissionDenied
    try:
        workflows.membership_remove(membership=target, by=request.user)
    except WorkflowError as error:
        messages.error(request, error.message)
        return _editors_response(request, association, membership, status=HTTPStatus.BAD_REQUEST)
    if leaving:
        messages.success(
            request,
            _("You are no longer an editor of %(name)s.") % {"name": association.name},
        )
        return redirect("my_page")
    messages.success(
        request,
        _("%(person)s is no longer an editor.") % {"person": target.user},
    )
    return redirect("associations:editors", slug=association.slug)


@login_required
@require_POST
def owner_transfer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The owner hands ownership to another editor and stays on as an editor."""
    association, membership = association_for_editor(request.user, slug, owner=True)
    target = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, association=association
    )
    if target.is_owner:
        messages.error(request, _("%(person)s is an owner already.") % {"person": target.user})
        return _editors_response(request, association, membership, status=HTTPStatus.BAD_REQUEST)
    try:
        workflows.ownership_transfer(association=association, from_user=request.user, to=target)
    except WorkflowError as error:
        messages.error(request, error.message)
        return _editors_response(request, association, membership, status=HTTPStatus.BAD_REQUEST)
    if membership is not None and membership.pk != target.pk:
        text = _("%(person)s is now the owner. You remain an editor.")
    else:
        text = _("%(person)s is now an owner.")
    messages.success(request, text % {"person": target.user})
    return redirect("associations:editors", slug=association.slug)


def _invitation_refused(
    request: HttpRequest, message: str, invitation: Invitation | None, status: int
) -> HttpResponse:
    context = {"message": message, "invitation": invitation}
    return render(request, "associations/invitation_closed.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation email links to: which association, and an Accept button."""
    found = Invitation.find(token)
    if found is None:
        return _invitation_refused(
            request, workflows.INVALID_INVITATION, None, HTTPStatus.NOT_FOUND
        )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            membership = workflows.invitation_accept(token=token, user=request.user)
        except workflows.InvitationForAnotherAddress as error:
            return _invitation_refused(request, error.message, found, HTTPStatus.FORBIDDEN)
        except WorkflowError as error:
            return _invitation_refused(request, error.message, found, HTTPStatus.GONE)
        messages.success(
            request,
            _("Welcome! You are now an editor of %(name)s.") % {"name": membership.association},
        )
        return redirect(membership.association)
    if found.closed_reason:
        return _invitation_refused(request, found.closed_reason, found, HTTPStatus.GONE)
    already = (
        request.user.is_authenticated
        and Membership.objects.filter(association=found.association, user=request.user).exists()
    )
    # Say before the click that this account cannot accept (invitation_accept refuses).
    other_address = (
        workflows.InvitationForAnotherAddress(found).message
        if request.user.is_authenticated and not already and not found.is_addressed_to(request.user)
        else ""
    )
    context = {"invitation": found, "already_editor": already, "other_address": other_address}
    return render(request, "associations/invitation.html", context)
