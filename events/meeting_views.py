"""Meetings' pages: proposing topics, arranging the agenda, closing a meeting and the
follow-ups' public history. The workflows are in events/topics.py and events/closing.py."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from events import closing, topics
from events.meeting_forms import (
    CloseForm,
    FollowUpFormSet,
    FollowUpNoteForm,
    OwnTopicForm,
    TopicForm,
)
from events.meeting_page import follow_up_for_viewer
from events.models import Occurrence, Registration, Topic
from events.permissions import can_manage_series, occurrence_for_organiser, occurrence_for_viewer
from yhdistystori.ratelimits import limit_exceeded

THROTTLED = gettext_lazy(
    "You have proposed many topics in a short while. Your text is kept: wait a while and "
    "send it again."
)


def occurrence_url(occurrence: Occurrence, anchor: str = "") -> str:
    url = reverse("events:occurrence", args=[occurrence.series.slug, occurrence.pk])
    return f"{url}#{anchor}" if anchor else url


def _topic_page(
    request: HttpRequest,
    occurrence: Occurrence,
    *,
    action: str,
    associations=None,
    registration: Registration | None = None,
    refusal: str = "",
    refusal_status: int = HTTPStatus.OK,
) -> HttpResponse:
    """The proposal form for a signed-in person or a registrant, or the reason it is closed."""
    form = TopicForm(request.POST or None, associations=associations)
    status = HTTPStatus.OK
    if refusal:
        status = refusal_status if request.method == "GET" else max(refusal_status, 400)
    elif request.method == "POST":
        status = HTTPStatus.BAD_REQUEST
        if limit_exceeded(request, action):
            form.is_valid()  # what was typed stays in the form
            form.add_error(None, THROTTLED)
            status = HTTPStatus.TOO_MANY_REQUESTS
        elif form.is_valid():
            try:
                topics.topic_propose(
                    occurrence=occurrence,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    user=request.user,
                    registration=registration,
                    association=form.cleaned_data.get("association"),
                )
            except topics.TopicError as error:
                refusal = error.message
            else:
                messages.success(
                    request,
                    _("Thank you. Your topic was sent to the organisers, who arrange the agenda."),
                )
                return redirect(occurrence_url(occurrence, "topics"))
    context = {
        "series": occurrence.series,
        "occurrence": occurrence,
        "form": form,
        "refusal": refusal,
        "registration": registration,
    }
    return render(request, "events/topic_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def propose_topic(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = occurrence_for_viewer(request.user, slug, pk)
    refusal = topics.proposal_refusal(occurrence)
    refusal_status = HTTPStatus.OK
    if not refusal and not topics.user_may_propose(request.user, occurrence):
        refusal = _(
            "Topics are proposed by the editors of associations in the directory and by "
            "those registered for the meeting. Register for it, and you can propose a topic "
            "through the link in your confirmation email."
        )
        refusal_status = HTTPStatus.FORBIDDEN
    return _topic_page(
        request,
        occurrence,
        action="topic",
        associations=topics.associations_of(request.user),
        refusal=refusal,
        refusal_status=refusal_status,
    )


@require_http_methods(["GET", "POST"])
def registrant_topic(request: HttpRequest, token: str) -> HttpResponse:
    """A registrant without an account proposes a topic through their registration's link."""
    registration = Registration.find(token)
    if registration is None:
        raise Http404
    occurrence = registration.occurrence
    refusal = topics.proposal_refusal(occurrence)
    refusal_status = HTTPStatus.OK
    if registration.status == Registration.Status.CANCELLED:
        refusal = _("Your registration was cancelled, so you cannot propose topics with it.")
        refusal_status = HTTPStatus.FORBIDDEN
    return _topic_page(
        request,
        occurrence,
        action="registrant_topic",
        registration=registration,
        refusal=refusal,
        refusal_status=refusal_status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = occurrence_for_organiser(request.user, slug, pk)
    own_form = OwnTopicForm(prefix="own")
    error = ""
    status = HTTPStatus.OK
    if request.method == "POST":
        status = HTTPStatus.BAD_REQUEST
        try:
            if "add" in request.POST:
                own_form = OwnTopicForm(request.POST, prefix="own")
                if own_form.is_valid():
                    topics.topic_add_own(
                        occurrence=occurrence, user=request.user, **own_form.cleaned_data
                    )
                    messages.success(request, _("The topic was added to the agenda."))
                    return redirect(request.path + "#agenda")
            else:
                try:
                    topic_id = int(request.POST.get("topic", ""))
                except ValueError:
                    raise topics.TopicError(_("Choose a topic to change.")) from None
                topic = topics.topic_arrange(
                    occurrence=occurrence, topic_id=topic_id, action=request.POST.get("action", "")
                )
                return redirect(f"{request.path}#topic-{topic.pk}")
        except topics.TopicError as refusal:
            error = refusal.message
    topic_list = list(
        occurrence.topics.select_related("association", "proposed_by", "proposed_by_registration")
    )
    context = {
        "series": occurrence.series,
        "occurrence": occurrence,
        "agenda": [t for t in topic_list if t.status == Topic.Status.ON_AGENDA],
        "proposed_topics": [t for t in topic_list if t.status == Topic.Status.PROPOSED],
        "declined_topics": [t for t in topic_list if t.status == Topic.Status.DECLINED],
        "own_form": own_form,
        "error": error,
    }
    return render(request, "events/agenda.html", context, status=status)


def _follow_up_rows(formset) -> list[closing.FollowUpRow]:
    rows = []
    for form in formset.forms:
        if not form.has_changed():
            continue
        data = form.cleaned_data
        rows.append(
            closing.FollowUpRow(
                title=data["title"],
                responsible=data["responsible"],
                status=data["status"],
                description=data.get("description", ""),
                follow_up=form.instance if form.instance.pk else None,
            )
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    occurrence = occurrence_for_organiser(request.user, slug, pk)
    refusal = closing.closing_refusal(occurrence)
    follow_ups = occurrence.follow_ups.order_by("created_at", "id")
    status = HTTPStatus.OK
    if request.method == "POST" and not refusal:
        data = request.POST
        if "add_row" in data:
            # Another empty follow-up row: the form comes back as typed, one row longer.
            data = data.copy()
            total = data.get("followups-TOTAL_FORMS", "0")
            data["followups-TOTAL_FORMS"] = str(int(total) + 1 if total.isdigit() else 0)
        form = CloseForm(data, request.FILES, occurrence=occurrence)
        formset = FollowUpFormSet(data, queryset=follow_ups, prefix="followups")
        if "add_row" not in data and form.is_valid() and formset.is_valid():
            try:
                closing.occurrence_close(
                    occurrence=occurrence,
                    user=request.user,
                    memo=form.cleaned_data["memo"],
                    attendance=form.cleaned_data["attendance"],
                    associations=form.participating(),
                    follow_ups=_follow_up_rows(formset),
                    new_attachments=[
                        closing.NewAttachment(
                            title=form.cleaned_data["attachment_title"], pdf=form.pdf
                        )
                    ]
                    if form.pdf
                    else [],
                    removed_attachments=form.cleaned_data["remove_attachments"],
                )
            except closing.ClosingError as error:
                refusal = error.message
            else:
                messages.success(request, _("The meeting's memo and follow-ups were saved."))
                return redirect(occurrence_url(occurrence, "memo"))
        if "add_row" not in data:
            status = HTTPStatus.BAD_REQUEST
    else:
        if request.method == "POST":
            status = HTTPStatus.BAD_REQUEST
        form = CloseForm(
            occurrence=occurrence,
            initial={
                "memo": occurrence.memo,
                "attendance": occurrence.attendance,
                "associations": list(occurrence.participating_associations.all()),
            },
        )
        formset = FollowUpFormSet(queryset=follow_ups, prefix="followups")
    context = {
        "series": occurrence.series,
        "occurrence": occurrence,
        "form": form,
        "formset": formset,
        "refusal": refusal,
        "file_lost": request.method == "POST" and bool(request.FILES) and status != HTTPStatus.OK,
    }
    return render(request, "events/close.html", context, status=status)


@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """A follow-up and its history for everyone; a new status with a note for organisers."""
    item = follow_up_for_viewer(request.user, pk)
    if item is None:
        raise Http404
    series = item.occurrence.series
    can_manage = can_manage_series(request.user, series)
    form = FollowUpNoteForm(initial={"status": item.status}) if can_manage else None
    status = HTTPStatus.OK
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if not can_manage:
            raise PermissionDenied
        form = FollowUpNoteForm(request.POST)
        if form.is_valid():
            closing.follow_up_update(follow_up=item, user=request.user, **form.cleaned_data)
            messages.success(request, _("The follow-up was updated."))
            return redirect(request.path)
        status = HTTPStatus.BAD_REQUEST
    notes = list(item.notes.order_by("-date", "-created_at", "-id"))
    context = {
        "series": series,
        "occurrence": item.occurrence,
        "follow_up": item,
        "notes": notes,
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "events/follow_up.html", context, status=status)
