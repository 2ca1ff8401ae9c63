"""Every email the grants app sends, one function each.

The templates are in templates/emails/grants/ (`<name>_subject.txt`, `<name>.txt`,
`<name>.html`), rendered by yhdistystori.emails in each recipient's language after the
transaction commits.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from yhdistystori import emails
from yhdistystori.accounts import recipient_language
from yhdistystori.emails import Recipient


def applicants_of(application) -> list:
    """Who hears of an application's decision: the association's editors, each in their
    own language, and the contact address the application gave."""
    people: list = list(
        get_user_model()
        .objects.filter(is_active=True, memberships__association=application.association_id)
        .distinct()
        .order_by("pk")
    )
    if application.contact_email:
        people.append(
            Recipient(
                email=application.contact_email,
                language=recipient_language(email=application.contact_email),
                name=application.contact_name,
            )
        )
    return people


def _decision_context(decision) -> dict:
    # grants.deciding sends these emails, so it is imported here rather than at the top.
    from grants.deciding import review_ends_on

    application = decision.application
    sent_on = timezone.localdate(decision.published_at or timezone.now())
    return {
        "decision": decision,
        "application": application,
        "round": application.round,
        "association": application.association,
        "review_ends_on": review_ends_on(sent_on=sent_on, round=application.round),
    }


def decision_published(decision) -> int:
    """The applicant's decision, with the rationale and how to ask for a review."""
    return emails.send(
        "grants/decision_published",
        to=applicants_of(decision.application),
        context=_decision_context(decision),
    )


def decision_corrected(decision) -> int:
    """A published decision was corrected: the new decision and the reason."""
    return emails.send(
        "grants/decision_corrected",
        to=applicants_of(decision.application),
        context=_decision_context(decision),
    )
