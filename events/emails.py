"""Every email the events app sends, one function each.

The templates are in templates/emails/events/ (`<name>_subject.txt`, `<name>.txt`,
`<name>.html`); yhdistystori.emails renders them per recipient in that person's
language, after the transaction commits.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from yhdistystori import emails
from yhdistystori.roles import Role, users_with_role


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
