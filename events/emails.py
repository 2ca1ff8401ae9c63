"""Every email the events app sends, one function each.

The templates are in templates/emails/events/ (`<name>_subject.txt`, `<name>.txt`,
`<name>.html`), rendered by yhdistystori.emails in the recipient's language after the
transaction commits. A registrant has no account: their language is the one of the
page they registered on (Registration.language), and their link to see and cancel the
registration carries a token that only the email knows.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.utils import translation

from yhdistystori import emails
from yhdistystori.emails import Recipient
from yhdistystori.roles import Role, users_with_role

logger = logging.getLogger(__name__)


def registrants_of(occurrence) -> list[Recipient]:
    """The occurrence's confirmed and waitlisted registrants as recipients."""
    return [
        Recipient(email=r.email, language=r.language, name=r.name)
        for r in occurrence.registrations.active().only("email", "language", "name")
    ]


def organisers_of(series) -> list:
    """Who runs an event: the editors of its organising associations, and for the city's
    events the liaisons."""
    people = list(
        get_user_model()
        .objects.filter(is_active=True, memberships__association__organised_events=series)
        .distinct()
        .order_by("pk")
    )
    if series.by_city:
        known = {person.pk for person in people}
        people += [person for person in users_with_role(Role.LIAISON) if person.pk not in known]
    return people


# --- meetings: topics before, closing after ------------------------------------------------


def topic_proposed(topic) -> int:
    """The organisers hear of each topic proposed for their meeting."""
    occurrence = topic.occurrence
    return emails.send(
        "events/topic_proposed",
        to=organisers_of(occurrence.series),
        context={"topic": topic, "occurrence": occurrence, "series": occurrence.series},
    )


def closing_reminder(occurrence, *, to) -> int:
    return emails.send(
        "events/closing_reminder",
        to=to,
        context={"occurrence": occurrence, "series": occurrence.series},
    )


# --- managing events --------------------------------------------------------------------


def occurrence_cancelled(occurrence) -> int:
    return emails.send(
        "events/occurrence_cancelled",
        to=registrants_of(occurrence),
        context={
            "occurrence": occurrence,
            "series": occurrence.series,
            "reason": occurrence.cancel_reason,
        },
    )


def occurrence_moved(occurrence, *, previous_start) -> int:
    return emails.send(
        "events/occurrence_moved",
        to=registrants_of(occurrence),
        context={
            "occurrence": occurrence,
            "series": occurrence.series,
            "previous_start": previous_start,
        },
    )


def series_hidden(series) -> int:
    return emails.send(
        "events/series_hidden",
        to=organisers_of(series),
        context={"series": series, "reason": series.decision_reason},
    )


def series_restored(series) -> int:
    return emails.send(
        "events/series_restored",
        to=organisers_of(series),
        context={"series": series, "reason": series.decision_reason},
    )


# --- registrations -----------------------------------------------------------------------

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8; method=PUBLISH"


def _to_registrant(name: str, registration, *, ics: bool = False, **context) -> int:
    """Like yhdistystori.emails.send to one registrant, with the occurrence's .ics when
    `ics`. The details are read now: the row may be anonymised before the commit."""
    if not registration.email:
        return 0
    to = emails.Recipient(
        email=registration.email, language=registration.language, name=registration.name
    )
    occurrence = registration.occurrence
    context = {
        "registration": registration,
        "occurrence": occurrence,
        "series": occurrence.series,
        **context,
    }

    def render_and_send():
        from events.calendar import occurrence_ics

        try:
            message = emails.render_message(f"events/{name}", context, to)
            if ics:
                with translation.override(to.language):
                    message.attach("event.ics", occurrence_ics(occurrence), ICS_CONTENT_TYPE)
            message.send()
        except Exception:  # a mail server hiccup must not undo the registration
            logger.exception("Could not send email events/%s to %s", name, to.email)

    emails.after_commit(render_and_send)
    return 1


def registration_received(registration, *, token: str) -> int:
    """The confirmation, or the notice of a place on the waiting list."""
    name = (
        "registration_confirmed"
        if registration.status == registration.Status.CONFIRMED
        else "registration_waitlisted"
    )
    return _to_registrant(name, registration, ics=True, token=token)


def registration_promoted(registration, *, token: str) -> int:
    """A place came free and the first on the waiting list got it."""
    return _to_registrant("registration_promoted", registration, ics=True, token=token)


def registration_cancelled(registration) -> int:
    return _to_registrant("registration_cancelled", registration)


def registrants_message(registration, *, token: str, subject: str, message: str, sender) -> int:
    """The organiser's own words, framed in the registrant's language."""
    return _to_registrant(
        "registrants_message",
        registration,
        token=token,
        subject=subject,
        message=message,
        sender=sender,
    )
