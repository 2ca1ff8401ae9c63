"""Every email the associations app sends, one function each.

The templates are in templates/emails/associations/ (`<name>_subject.txt`,
`<name>.txt`, `<name>.html`); yhdistystori.emails renders them per recipient in
that person's language, after the transaction commits. Templates build their
links from `site_url` and `{% url %}` or `get_absolute_url`, so every link
carries the recipient's language.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from yhdistystori import emails
from yhdistystori.roles import Role, users_with_role


def editors_of(association):
    """Active users who edit the association."""
    return get_user_model().objects.filter(is_active=True, memberships__association=association)


def _to_editors(name: str, association, **context) -> int:
    return emails.send(
        f"associations/{name}",
        to=editors_of(association),
        context={"association": association, **context},
    )


# --- the liaison's decisions on a listing ------------------------------------------------


def listing_approved(association, *, reason: str = "") -> int:
    return _to_editors("listing_approved", association, reason=reason)


def listing_rejected(association, *, reason: str) -> int:
    return _to_editors("listing_rejected", association, reason=reason)


def listing_hidden(association, *, reason: str) -> int:
    return _to_editors("listing_hidden", association, reason=reason)


def listing_restored(association, *, reason: str = "") -> int:
    return _to_editors("listing_restored", association, reason=reason)


def listings_orphaned(associations: list) -> int:
    """The liaisons hear of listings hidden because their last editor deleted the account."""
    return emails.send(
        "associations/listings_orphaned",
        to=users_with_role(Role.LIAISON),
        context={"associations": associations},
    )


def verification_reminder(association, *, editors) -> int:
    return emails.send(
        "associations/verification_reminder", to=editors, context={"association": association}
    )


# --- claims --------------------------------------------------------------------------------


def claim_approved(claim) -> int:
    """To every editor, the new owner included."""
    return _to_editors(
        "claim_approved", claim.association, claim=claim, reason=claim.decision_reason
    )


def claim_rejected(claim) -> int:
    return emails.send(
        "associations/claim_rejected",
        to=[claim.user],
        context={
            "claim": claim,
            "association": claim.association,
            "reason": claim.decision_reason,
        },
    )


# --- changes to names and identifiers --------------------------------------------------------


def change_approved(change) -> int:
    return _to_editors(
        "change_approved", change.association, change=change, reason=change.decision_reason
    )


def change_rejected(change) -> int:
    return _to_editors(
        "change_rejected", change.association, change=change, reason=change.decision_reason
    )


def change_reverted(change, *, skipped: list[str]) -> int:
    return _to_editors(
        "change_reverted",
        change.association,
        change=change,
        reason=change.decision_reason,
        skipped=skipped,
    )


# --- editors ---------------------------------------------------------------------------------


def invitation(invitation, *, token: str, to) -> int:
    """`to` is the invited person's account if they have one (their language), else the
    address. The token is in the link only: it is never stored."""
    return emails.send(
        "associations/invitation",
        to=[to],
        context={
            "association": invitation.association,
            "inviter": invitation.invited_by,
            "expires_at": invitation.expires_at,
            "token": token,
        },
    )


# --- reports ---------------------------------------------------------------------------------


def report_closed(report, *, to) -> int:
    """The resident who reported hears what came of it."""
    return emails.send(
        "associations/report_closed",
        to=[to],
        context={
            "report": report,
            "association": report.association,
            "dismissed": report.status == report.Status.DISMISSED,
            "reason": report.decision_reason,
        },
    )
