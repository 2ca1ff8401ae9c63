"""Every email the events app sends, one function each.

The templates are in templates/emails/events/; yhdistystori.emails renders them per
recipient in that person's language after the transaction commits. Registrants
without an account are written to in the language they registered in.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from yhdistystori import emails
from yhdistystori.emails import Recipient


def registrants_of(occurrence) -> list[Recipient]:
    """The occurrence's confirmed and waitlisted registrants as recipients."""
    return [
        Recipient(email=r.email, language=r.language, name=r.name)
        for r in occurrence.registrations.active().only("email", "language", "name")
    ]


def organisers_of(series):
    """Active users who edit an association that organises the series."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__association__in=series.organisers.all())
        .distinct()
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
