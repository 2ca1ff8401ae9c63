"""Topics before a meeting: who may propose one, and the organiser's agenda.

A topic is proposed (by an association's editor or a registrant), then the organiser
puts it on the agenda, where its place is a number 1..n kept without gaps, or
declines it. Every change of the agenda locks the occurrence's row, so two
organisers moving topics at once cannot leave two topics in one place.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.models import Association, Membership
from events import emails
from events.models import Occurrence, Registration, Topic
from events.permissions import can_manage_series


class TopicError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def proposal_refusal(occurrence: Occurrence, now=None) -> str:
    """Why topics cannot be proposed for this occurrence now, or "" when they can."""
    now = now or timezone.now()
    if not occurrence.series.is_public(now):
        return _("Topics can be proposed once the event is published.")
    if occurrence.is_cancelled:
        return _("This meeting has been cancelled, so no topics are taken for it.")
    if occurrence.start <= now:
        return _("This meeting has already started, so no more topics are taken for it.")
    return ""


def user_may_propose(user, occurrence: Occurrence) -> bool:
    """Associations' editors may propose topics, and so may anyone registered for it
    (and the organisers, though they have the agenda page for their own)."""
    if not user.is_authenticated:
        return False
    if Membership.objects.filter(user=user).exists() or can_manage_series(user, occurrence.series):
        return True
    return (
        Registration.objects.active()
        .filter(occurrence=occurrence, email=user.email.lower())
        .exists()
    )


def associations_of(user):
    """The associations a person may propose topics on behalf of: those they edit."""
    return Association.objects.filter(memberships__user=user).order_by("name", "pk")


def topic_propose(
    *,
    occurrence: Occurrence,
    title: str,
    description: str = "",
    user=None,
    registration: Registration | None = None,
    association: Association | None = None,
) -> Topic:
    """A new proposed topic; the organisers are told by email."""
    refusal = proposal_refusal(occurrence)
    if refusal:
        raise TopicError(refusal)
    with transaction.atomic():
        topic = Topic.objects.create(
            occurrence=occurrence,
            title=title,
            description=description,
            proposed_by=user if user is not None and user.is_authenticated else None,
            proposed_by_registration=registration,
            association=association,
        )
        emails.topic_proposed(topic)
    return topic


def _locked_agenda(occurrence: Occurrence) -> list[Topic]:
    Occurrence.objects.select_for_update().filter(pk=occurrence.pk).first()
    return list(
        occurrence.topics.filter(status=Topic.Status.ON_AGENDA).order_by(
            "agenda_position", "created_at", "id"
        )
    )


def _renumber(agenda: list[Topic]) -> None:
    for position, topic in enumerate(agenda, start=1):
        if topic.agenda_position != position:
            topic.agenda_position = position
            Topic.objects.filter(pk=topic.pk).update(agenda_position=position)


def _other_topic(occurrence: Occurrence, topic_id: int) -> Topic:
    topic = occurrence.topics.filter(pk=topic_id).first()
    if topic is None:
        raise TopicError(_("That topic is not one of this meeting's topics."))
    return topic


@transaction.atomic
def topic_add_own(*, occurrence: Occurrence, user, title: str, description: str = "") -> Topic:
    """The organiser's own topic, straight onto the end of the agenda."""
    agenda = _locked_agenda(occurrence)
    return Topic.objects.create(
        occurrence=occurrence,
        title=title,
        description=description,
        proposed_by=user,
        status=Topic.Status.ON_AGENDA,
        agenda_position=len(agenda) + 1,
    )


@transaction.atomic
def topic_arrange(*, occurrence: Occurrence, topic_id: int, action: str) -> Topic:
    """One change to the agenda: `agenda` (to its end), `up`, `down`, `decline`, `reopen`."""
    agenda = _locked_agenda(occurrence)
    topic = _other_topic(occurrence, topic_id)
    on_agenda = [t.pk for t in agenda]
    if action == "agenda":
        if topic.pk not in on_agenda:
            topic.status = Topic.Status.ON_AGENDA
            topic.save(update_fields=["status"])
            agenda.append(topic)
    elif action in ("up", "down"):
        if topic.pk not in on_agenda:
            raise TopicError(_("Only topics on the agenda can be moved."))
        index = on_agenda.index(topic.pk)
        other = index - 1 if action == "up" else index + 1
        if 0 <= other < len(agenda):
            agenda[index], agenda[other] = agenda[other], agenda[index]
    elif action in ("decline", "reopen"):
        topic.status = Topic.Status.DECLINED if action == "decline" else Topic.Status.PROPOSED
        topic.agenda_position = None
        topic.save(update_fields=["status", "agenda_position"])
        agenda = [t for t in agenda if t.pk != topic.pk]
    else:
        raise TopicError(_("Unknown change to the agenda."))
    _renumber(agenda)
    return topic
