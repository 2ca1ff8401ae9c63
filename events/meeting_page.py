"""What an occurrence's page shows of its meeting: the agenda and proposed topics before,
the memo and follow-ups after, and what came of the earlier meetings' follow-ups.

A fixed number of queries however many topics and follow-ups there are.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.utils import timezone

from events.closing import closing_refusal
from events.models import FollowUp, FollowUpNote, Occurrence, Topic
from events.permissions import series_visible_to
from events.topics import proposal_refusal

# Open matters first: they are what people come back to see.
STATUS_ORDER = Case(
    *(When(status=status, then=Value(n)) for n, status in enumerate(FollowUp.Status.values)),
    output_field=IntegerField(),
)
EARLIER_FOLLOW_UPS_SHOWN = 50


def with_latest_notes(follow_ups) -> list[FollowUp]:
    """The follow-ups with `latest_note` set (None when there is none), in one more query."""
    notes = FollowUpNote.objects.order_by("-date", "-created_at", "-id")
    rows = list(follow_ups.prefetch_related(Prefetch("notes", queryset=notes, to_attr="newest")))
    for follow_up in rows:
        follow_up.latest_note = follow_up.newest[0] if follow_up.newest else None
    return rows


def earlier_follow_ups(occurrence: Occurrence) -> list[FollowUp]:
    """Follow-ups raised at the series' earlier meetings, open ones first."""
    return with_latest_notes(
        FollowUp.objects.filter(
            occurrence__series_id=occurrence.series_id, occurrence__start__lt=occurrence.start
        )
        .select_related("occurrence")
        .order_by(STATUS_ORDER, "-occurrence__start", "created_at", "id")[:EARLIER_FOLLOW_UPS_SHOWN]
    )


def meeting_context(occurrence: Occurrence, *, user, can_manage: bool) -> dict:
    """The context of templates/events/includes/occurrence_agenda.html and occurrence_memo.html."""
    now = timezone.now()
    topics = list(occurrence.topics.select_related("association"))
    context = {
        "agenda": sorted(
            (t for t in topics if t.status == Topic.Status.ON_AGENDA),
            key=lambda t: (t.agenda_position or 0, t.created_at, t.pk),
        ),
        "proposed_topics": [t for t in topics if t.status == Topic.Status.PROPOSED],
        # Only the organisers see what they did not take up: a proposer is not shamed.
        "declined_topics": (
            [t for t in topics if t.status == Topic.Status.DECLINED] if can_manage else []
        ),
        "topics_open": not proposal_refusal(occurrence, now),
        "can_close": can_manage and not closing_refusal(occurrence, now),
        "earlier_follow_ups": earlier_follow_ups(occurrence),
    }
    if occurrence.is_closed:
        context["memo_attachments"] = list(occurrence.memo_attachments.all())
        context["participants"] = list(occurrence.participating_associations.order_by("name", "pk"))
        context["follow_ups"] = with_latest_notes(
            occurrence.follow_ups.order_by("created_at", "id")
        )
    return context


def follow_up_for_viewer(user, pk: int) -> FollowUp | None:
    """The follow-up if its event is one this person may see."""
    visible = series_visible_to(user).values("pk")
    return (
        FollowUp.objects.select_related("occurrence__series")
        .filter(pk=pk, occurrence__series__in=visible)
        .first()
    )
