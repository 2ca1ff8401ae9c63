"""Registering for an occurrence, cancelling, the waitlist, and the organisers' messages.

Each workflow is one transaction that locks the occurrence's row before it counts the
confirmed places: two people asking for the last seat at once are served one after
the other, so a capacity of ten never confirms eleven. Emails go out after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events import emails
from events.models import Occurrence, Registration

# Registrants' personal details are kept this long after the occurrence ends.
KEEP_PERSONAL_DATA = timedelta(days=90)


class RegistrationError(Exception):
    """A rule said no; `message` tells the person why, in their language."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Registered:
    registration: Registration
    token: str  # for the link that shows and cancels it; only its hash is stored


def registration_closes_at(occurrence: Occurrence) -> datetime:
    return occurrence.start - occurrence.series.registration_closes_before


def registration_refusal(occurrence: Occurrence, now: datetime | None = None) -> str:
    """Why nobody can register for this occurrence now, or "" when they can."""
    now = now or timezone.now()
    series = occurrence.series
    if not series.registration_required:
        return _("This event needs no registration: welcome!")
    if not series.is_public(now):
        return _("Registration opens when the event is published.")
    if occurrence.is_cancelled:
        return _("This occurrence is cancelled.")
    if occurrence.start <= now:
        return _("This occurrence has already taken place.")
    if registration_closes_at(occurrence) <= now:
        return _("Registration for this occurrence has closed.")
    return ""


def free_places(occurrence: Occurrence) -> int | None:
    """Confirmed places left, or None when there is no limit."""
    capacity = occurrence.series.capacity
    if capacity is None:
        return None
    return max(capacity - occurrence.registrations.confirmed().count(), 0)


def _locked(occurrence: Occurrence) -> Occurrence:
    """The occurrence's row locked until the transaction ends, with its series."""
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("series")
        .get(pk=occurrence.pk)
    )


def registration_create(
    *,
    occurrence: Occurrence,
    name: str,
    email: str,
    association=None,
    dietary_needs: str = "",
    accessibility_needs: str = "",
    language: str = "fi",
) -> Registered:
    """Register one person: confirmed while places last, then on the waiting list."""
    email = email.strip().lower()
    duplicate = RegistrationError(
        _("This email address is already registered for this occurrence."), field="email"
    )
    with transaction.atomic():
        occurrence = _locked(occurrence)
        refusal = registration_refusal(occurrence)
        if refusal:
            raise RegistrationError(refusal)
        if occurrence.registrations.active().filter(email=email).exists():
            raise duplicate
        places = free_places(occurrence)
        token, token_hash = Registration.new_token()
        registration = Registration(
            occurrence=occurrence,
            name=name.strip(),
            email=email,
            association=association,
            dietary_needs=dietary_needs.strip(),
            accessibility_needs=accessibility_needs.strip(),
            language=language,
            status=(
                Registration.Status.CONFIRMED
                if places is None or places > 0
                else Registration.Status.WAITLISTED
            ),
            token_hash=token_hash,
        )
        try:
            # The database's unique constraint is the last word when the same address
            # comes twice at once; the savepoint keeps the transaction usable.
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            raise duplicate from None
        emails.registration_received(registration, token=token)
    return Registered(registration, token)


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = (
        registration.occurrence.registrations.waitlisted()
        .filter(created_at__lte=registration.created_at)
        .exclude(created_at=registration.created_at, id__gt=registration.id)
        .count()
    )
    return ahead


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel through the registrant's link; a freed place goes to the first waiting.

    Returns the registration promoted from the waiting list, if any.
    """
    with transaction.atomic():
        occurrence = _locked(registration.occurrence)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise RegistrationError(_("This registration is already cancelled."))
        if occurrence.end <= timezone.now():
            raise RegistrationError(_("This occurrence has already taken place."))
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        registration.occurrence = occurrence
        emails.registration_cancelled(registration)
        promoted = _promote(occurrence) if was_confirmed else []
    return promoted[0] if promoted else None


def promote_waitlisted(*, occurrence: Occurrence) -> list[Registration]:
    """Fill free places from the waiting list, oldest first, and tell each one.

    For when places are freed some other way than a cancellation: the organiser raised
    the capacity. Safe to call at any time; does nothing when no place is free.
    """
    with transaction.atomic():
        return _promote(_locked(occurrence))


def _promote(occurrence: Occurrence) -> list[Registration]:
    """Needs the occurrence's row locked by the caller."""
    if occurrence.is_cancelled or occurrence.start <= timezone.now():
        return []
    places = free_places(occurrence)
    waiting = occurrence.registrations.waitlisted().select_for_update()
    if places is not None:
        waiting = waiting[:places]
    promoted = list(waiting)
    now = timezone.now()
    for registration in promoted:
        token, registration.token_hash = Registration.new_token()
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.occurrence = occurrence
        registration.save(update_fields=["status", "promoted_at", "token_hash"])
        emails.registration_promoted(registration, token=token)
    return promoted


def registrants_message(
    *, occurrence: Occurrence, subject: str, message: str, include_waitlisted: bool, sender
) -> int:
    """The organiser's message to everyone registered; returns how many it went to.

    Each message carries the person's link to cancel. The link is a new one (the old
    token cannot be recovered from its hash), so the older links stop working.
    """
    statuses = [Registration.Status.CONFIRMED]
    if include_waitlisted:
        statuses.append(Registration.Status.WAITLISTED)
    with transaction.atomic():
        occurrence = _locked(occurrence)
        recipients = list(
            occurrence.registrations.filter(status__in=statuses, anonymised_at__isnull=True)
            .exclude(email="")
            .select_for_update()
        )
        tokens = {}
        for registration in recipients:
            tokens[registration.pk], registration.token_hash = Registration.new_token()
            registration.occurrence = occurrence
        Registration.objects.bulk_update(recipients, ["token_hash"])
        for registration in recipients:
            emails.registrants_message(
                registration,
                token=tokens[registration.pk],
                subject=subject,
                message=message,
                sender=sender,
            )
    return len(recipients)


def delete_old_personal_data(now: datetime | None = None) -> int:
    """Blank registrants' names, addresses and needs 90 days after the occurrence.

    Idempotent, for a daily run: rows stay (the counts of who registered and who
    was on the waiting list), only what identifies a person goes. Returns how many
    occurrences were handled.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Occurrence.objects.filter(
                end__lte=now - KEEP_PERSONAL_DATA, personal_data_deleted_at__isnull=True
            )
            .select_for_update()
            .values_list("pk", flat=True)
        )
        if not due:
            return 0
        Registration.objects.filter(occurrence__in=due, anonymised_at__isnull=True).update(
            name="", email="", dietary_needs="", accessibility_needs="", anonymised_at=now
        )
        Occurrence.objects.filter(pk__in=due).update(personal_data_deleted_at=now)
    return len(due)
