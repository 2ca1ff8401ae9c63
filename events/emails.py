"""Every email the events app sends, one function each.

The templates are in templates/emails/events/ (`<name>_subject.txt`, `<name>.txt`,
`<name>.html`), rendered by yhdistystori.emails in the recipient's language after the
transaction commits. A registrant has no account: their language is the one of the
page they registered on (Registration.language), and their link to see and cancel the
registration carries a token that only the email knows.
"""

from __future__ import annotations

import logging

from django.utils import translation

from yhdistystori import emails

logger = logging.getLogger(__name__)

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
