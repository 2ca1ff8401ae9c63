"""Every email about booking requests, one function each.

The templates are in templates/emails/bookings/, rendered by yhdistystori.emails in each
recipient's language after the transaction commits. No email carries the facility's
access instructions (door codes, keys): they point to the request's page, which shows
them to the association's editors once a time is accepted.
"""

from __future__ import annotations

from associations.emails import editors_of
from yhdistystori import emails
from yhdistystori.emails import Recipient
from yhdistystori.roles import Role, users_with_role


def association_side(request) -> list:
    """The person who asked and the association's editors."""
    people: list = []
    if request.requested_by is not None and request.requested_by.is_active:
        people.append(request.requested_by)
    people += list(editors_of(request.association).order_by("pk"))
    return people


def managers_side(request) -> list:
    """The facilities managers and the facility's booking contact."""
    people: list = list(users_with_role(Role.FACILITIES).order_by("pk"))
    if request.facility.contact_email:
        people.append(Recipient(email=request.facility.contact_email))
    return people


def _context(request, **more) -> dict:
    return {
        "request": request,
        "facility": request.facility,
        "association": request.association,
        **more,
    }


def request_accepted(request, *, accepted, declined) -> int:
    """The manager accepted all dates (or some: `declined` are the others)."""
    name = "bookings/partly_accepted" if declined else "bookings/accepted"
    return emails.send(
        name,
        to=association_side(request),
        context=_context(request, accepted=accepted, declined=declined),
    )


def request_declined(request) -> int:
    return emails.send(
        "bookings/declined",
        to=association_side(request),
        context=_context(request, reason=request.decision_reason),
    )


def bookings_cancelled(request, *, dates, reason: str, by_association: bool) -> int:
    """Times were cancelled: the other side hears which and why."""
    to = managers_side(request) if by_association else association_side(request)
    return emails.send(
        "bookings/cancelled",
        to=to,
        context=_context(request, dates=dates, reason=reason, by_association=by_association),
    )
