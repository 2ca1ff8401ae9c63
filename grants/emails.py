"""Every email the grants app sends, one function each.

The templates are in templates/emails/grants/ (`<name>_subject.txt`, `<name>.txt`,
`<name>.html`), rendered by yhdistystori.emails in the recipient's language after the
transaction commits.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from associations.emails import editors_of
from yhdistystori import emails
from yhdistystori.accounts import recipient_language
from yhdistystori.emails import Recipient
from yhdistystori.roles import Role, users_with_role


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


def _association_side(application) -> list:
    """The association's editors and the contact person the application names."""
    people = list(editors_of(application.association).order_by("pk"))
    if application.contact_email:
        people.append(application.contact_email)
    return people


# --- use reports -------------------------------------------------------------------------


def use_report_submitted(report) -> int:
    """The grants officers hear of each use report sent to them."""
    application = report.application
    return emails.send(
        "grants/use_report_submitted",
        to=users_with_role(Role.GRANTS).order_by("pk"),
        context={"report": report, "application": application, "round": application.round},
    )


def use_report_accepted(report) -> int:
    application = report.application
    return emails.send(
        "grants/use_report_accepted",
        to=_association_side(application),
        context={"report": report, "application": application, "round": application.round},
    )


def use_report_more_requested(report) -> int:
    application = report.application
    return emails.send(
        "grants/use_report_more_requested",
        to=_association_side(application),
        context={
            "report": report,
            "application": application,
            "round": application.round,
            "reason": report.decision_reason,
        },
    )


def use_report_reminder(application) -> int:
    """A reminder some days before the use report is due."""
    return emails.send(
        "grants/use_report_reminder",
        to=editors_of(application.association).order_by("pk"),
        context={"application": application, "round": application.round},
    )


def use_report_overdue(application) -> int:
    """A reminder once the due date has passed without a report."""
    return emails.send(
        "grants/use_report_overdue",
        to=editors_of(application.association).order_by("pk"),
        context={"application": application, "round": application.round},
    )


# --- decisions ---------------------------------------------------------------------------


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
