"""Every email the events app sends, one function each.

The templates are in templates/emails/events/ (`<name>_subject.txt`, `<name>.txt`,
`<name>.html`); yhdistystori.emails renders them per recipient in that person's
language, after the transaction commits. Registrants without an account are written
to in the language they registered in.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from yhdistystori import emails
from yhdistystori.emails import Recipient
from yhdistystori.roles import Role, users_with_role


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
