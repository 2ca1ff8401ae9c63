"""After a meeting: closing it with a memo, and following up what was raised.

`occurrence_close` records in one transaction what the organiser writes down (the
memo, its PDFs, how many came, the associations that took part, the follow-ups);
it may be run again to correct it. `follow_up_update` gives a follow-up a new status
with a dated note. The organisers of a meeting that has ended are reminded once to
close it (`remind_all`, daily from `manage.py remind_to_close`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events import emails
from events.memo import CheckedPdf, sanitise_memo
from events.models import FollowUp, FollowUpNote, MemoAttachment, Occurrence, Topic
from yhdistystori.roles import Role, has_role

# A day for the memo to be written while the meeting is fresh, before the reminder.
REMIND_AFTER = timedelta(days=1)
# Meetings that ended longer ago than this are not emailed about (the first run after
# installing would otherwise remind of every past meeting); My page lists them longer.
REMIND_WITHIN = timedelta(days=30)
MY_PAGE_WITHIN = timedelta(days=90)
MY_PAGE_ROWS = 20


class ClosingError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def closing_refusal(occurrence: Occurrence, now=None) -> str:
    """Why the meeting cannot be closed now, or "" when it can."""
    if occurrence.is_cancelled:
        return _("The meeting was cancelled, so there is nothing to close.")
    if occurrence.start > (now or timezone.now()):
        return _("A meeting can be closed once it has started.")
    return ""


@dataclass
class FollowUpRow:
    """One follow-up as the organiser left it in the closing form; `follow_up` is None
    for a new one."""

    title: str
    responsible: str
    status: str = FollowUp.Status.OPEN
    description: str = ""
    follow_up: FollowUp | None = None


@dataclass
class NewAttachment:
    title: str
    pdf: CheckedPdf


def _attachment_name(title: str) -> str:
    # The uploader's file name is never used: it may be anything, and the path is public.
    return f"{slugify(title)[:60] or 'liite'}-{secrets.token_urlsafe(6)}.pdf"


def _save_follow_up(row: FollowUpRow, *, occurrence: Occurrence, user, now) -> None:
    follow_up = row.follow_up
    if follow_up is None:
        follow_up = FollowUp.objects.create(
            occurrence=occurrence,
            title=row.title,
            description=row.description,
            responsible=row.responsible,
            status=row.status,
            created_at=now,
            updated_at=now,
        )
        FollowUpNote.objects.create(follow_up=follow_up, status=row.status, written_by=user)
        return
    status_changed = follow_up.status != row.status
    follow_up.title = row.title
    follow_up.description = row.description
    follow_up.responsible = row.responsible
    follow_up.status = row.status
    follow_up.updated_at = now
    follow_up.save()
    if status_changed:
        FollowUpNote.objects.create(follow_up=follow_up, status=row.status, written_by=user)


def occurrence_close(
    *,
    occurrence: Occurrence,
    user,
    memo: str,
    attendance: int | None,
    associations: Iterable,
    follow_ups: Iterable[FollowUpRow] = (),
    new_attachments: Iterable[NewAttachment] = (),
    removed_attachments: Iterable[MemoAttachment] = (),
) -> Occurrence:
    """Record what the meeting left behind, all or nothing. The memo is sanitised here, so
    whoever calls this cannot store unsafe HTML."""
    now = timezone.now()
    removed_files = []
    with transaction.atomic():
        locked = Occurrence.objects.select_for_update().get(pk=occurrence.pk)
        refusal = closing_refusal(locked, now)
        if refusal:
            raise ClosingError(refusal)
        locked.memo = sanitise_memo(memo)
        locked.attendance = attendance
        if locked.closed_at is None:
            locked.closed_at = now
            locked.closed_by = user
        locked.save(update_fields=["memo", "attendance", "closed_at", "closed_by"])
        locked.participating_associations.set(associations)
        rows = list(follow_ups)
        # As stored, not as a form may have changed them: a new status is told by a note.
        stored = FollowUp.objects.select_for_update().in_bulk(
            [row.follow_up.pk for row in rows if row.follow_up is not None]
        )
        for row in rows:
            if row.follow_up is not None:
                row.follow_up = stored.get(row.follow_up.pk)
                if row.follow_up is None or row.follow_up.occurrence_id != locked.pk:
                    raise ClosingError(_("That follow-up is not one of this meeting's."))
            _save_follow_up(row, occurrence=locked, user=user, now=now)
        for attachment in removed_attachments:
            if attachment.occurrence_id == locked.pk:
                removed_files.append(attachment.file.name)
                attachment.delete()
        for new in new_attachments:
            attachment = MemoAttachment(occurrence=locked, title=new.title, size=new.pdf.size)
            attachment.file.save(_attachment_name(new.title), ContentFile(new.pdf.data), save=False)
            attachment.save()
        storage = MemoAttachment._meta.get_field("file").storage
        # Files go only once the rows are gone for good: a rollback keeps both.
        transaction.on_commit(lambda: [storage.delete(name) for name in removed_files])
    occurrence.__dict__.update(
        memo=locked.memo,
        attendance=locked.attendance,
        closed_at=locked.closed_at,
        closed_by_id=locked.closed_by_id,
    )
    return occurrence


@transaction.atomic
def follow_up_update(*, follow_up: FollowUp, user, status: str, note: str, date) -> FollowUpNote:
    """A new status with a dated note; the follow-up's status is the latest one set."""
    locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    written = FollowUpNote.objects.create(
        follow_up=locked, status=status, note=note, date=date, written_by=user
    )
    locked.status = status
    locked.updated_at = timezone.now()
    locked.save(update_fields=["status", "updated_at"])
    follow_up.status, follow_up.updated_at = locked.status, locked.updated_at
    return written


# --- reminders -----------------------------------------------------------------------------


def wants_closing() -> Q:
    """Occurrences that are meetings to follow up, not a club's weekly evening: the city's
    events, events people registered for, and any with topics proposed. Others may be
    closed all the same, but nobody is reminded of them."""
    topics = Topic.objects.filter(occurrence=OuterRef("pk"))
    return Q(series__by_city=True) | Q(series__registration_required=True) | Exists(topics)


def due_for_closing_reminder(now=None):
    """Public meetings that ended a day ago or more (within REMIND_WITHIN), not closed,
    not cancelled, and whose organisers have not yet been reminded."""
    now = now or timezone.now()
    return (
        Occurrence.objects.public(now)
        .active()
        .filter(wants_closing())
        .filter(
            closed_at=None,
            closing_reminded_at=None,
            end__lte=now - REMIND_AFTER,
            end__gt=now - REMIND_WITHIN,
        )
        .select_related("series")
        .order_by("end", "pk")
    )


def remind_to_close(occurrence: Occurrence, now=None) -> list:
    """Email the meeting's organisers once and mark it reminded. Returns those emailed."""
    now = now or timezone.now()
    with transaction.atomic():
        # Lock and look again: another run may have reminded of it a moment ago.
        locked = (
            due_for_closing_reminder(now)
            .select_for_update(of=("self",))
            .filter(pk=occurrence.pk)
            .first()
        )
        if locked is None:
            return []
        organisers = emails.organisers_of(locked.series)
        emails.closing_reminder(locked, to=organisers)
        Occurrence.objects.filter(pk=locked.pk).update(closing_reminded_at=now)
    return organisers


@dataclass
class Reminded:
    occurrence: Occurrence
    organisers: list


def remind_all(*, now=None) -> Iterator[Reminded]:
    now = now or timezone.now()
    for occurrence in list(due_for_closing_reminder(now)[:1000]):
        organisers = remind_to_close(occurrence, now)
        yield Reminded(occurrence=occurrence, organisers=organisers)


def meetings_to_close(user, now=None) -> list[Occurrence]:
    """For My page: meetings this person organises that have ended and wait to be closed.

    The organising associations' editors see theirs; liaisons see the city's own events
    (they may manage every event, but closing an association's meeting is its own job).
    """
    if not user.is_authenticated:
        return []
    now = now or timezone.now()
    whose = Q(series__organisers__memberships__user=user)
    if has_role(user, Role.LIAISON):
        whose |= Q(series__by_city=True)
    ids = (
        Occurrence.objects.public(now)
        .active()
        .filter(closed_at=None, end__lte=now, end__gt=now - MY_PAGE_WITHIN)
        .filter(wants_closing())
        .filter(whose)
        .values("pk")
    )
    return list(
        Occurrence.objects.filter(pk__in=ids)
        .select_related("series")
        .order_by("-end", "-pk")[:MY_PAGE_ROWS]
    )
