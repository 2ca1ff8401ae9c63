"""Every email the grants app sends, one function each.

The templates are in templates/emails/grants/ (`<name>_subject.txt`, `<name>.txt`,
`<name>.html`), rendered by yhdistystori.emails in the recipient's language after the
transaction commits.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import translation

from yhdistystori import emails
from yhdistystori.emails import Recipient


def _address(email: str, *, fallback_language: str):
    """The person behind an address when they have an account (for their language), or
    the bare address in `fallback_language`."""
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if user is not None:
        return user
    return Recipient(email=email, language=fallback_language)


def application_received(application, *, by) -> int:
    """The receipt of a sent application, to the person who sent it and to the
    application's contact email."""
    to = [by]
    if application.contact_email:
        language = getattr(by, "language", "") or translation.get_language() or "fi"
        to.append(_address(application.contact_email, fallback_language=language))
    return emails.send(
        "grants/application_received",
        to=to,
        context={
            "application": application,
            "round": application.round,
            "association": application.association,
        },
    )
