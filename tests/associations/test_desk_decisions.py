"""The desk's item pages and the liaison's decisions on each kind: new listings
(approve, reject, hide, restore, mark verified), claims, reports, and name and ID
changes, with the emails each decision sends.

Pages are read in English (/en/…), whose wording is the source text itself.
"""

import html
import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from associations import workflows
from associations.models import (
    Association,
    Claim,
    Membership,
    ModerationAction,
    ProfileChange,
    Report,
)
from tests.associations.conftest import (
    assert_email_parts,
    claim_for,
    editor_of,
    en,
    follow,
    links_in,
    name_change,
    page_text,
    pending_listing,
    report_on,
    stale_profile,
)
from tests.factories import AssociationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


# --- new listings ------------------------------------------------------------------------------


def test_approving_a_listing_publishes_it_records_and_emails_each_editor_in_their_language(
    client, liaison
):
    listing = pending_listing("Uusi Kuoro ry")
    finnish = editor_of(listing, language="fi")
    swedish = editor_of(listing, language="sv", role=Membership.Role.EDITOR)
    client.force_login(liaison)
    response = client.post(
        en("moderation:association", pk=listing.pk),
        {"action": "approve", "approve-reason": "Tervetuloa!", "version": listing.version},
    )
    assert response.status_code == 302
    assert response["Location"] == en("moderation:queue")
    assert "“Uusi Kuoro ry” is published." in page_text(client.get(response["Location"]))

    listing.refresh_from_db()
    assert listing.status == Association.Status.PUBLISHED
    action = ModerationAction.objects.get()
    assert (action.action, action.actor, action.association, action.reason) == (
        ModerationAction.Action.APPROVE_LISTING,
        liaison,
        listing,
        "Tervetuloa!",
    )

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {finnish.email, swedish.email}
    for person, prefix in ((finnish, ""), (swedish, "/sv")):
        message = by_address[person.email]
        assert_email_parts(message)
        assert "Uusi Kuoro ry" in message.subject
        assert "Tervetuloa!" in message.body
        profile_link = f"{settings.SITE_URL}{prefix}/associations/{listing.slug}/"
        assert profile_link in links_in(message)
        assert profile_link in message.alternatives[0][0]
        assert follow(client, profile_link).status_code == 200


def test_rejecting_a_listing_without_a_reason_changes_nothing(client, liaison):
    listing = pending_listing("Uusi Kuoro ry")
    editor_of(listing)
    client.force_login(liaison)
    response = client.post(
        en("moderation:association", pk=listing.pk),
        {"action": "reject", "reject-reason": "  ", "version": listing.version},
    )
    assert response.status_code == 400
    assert "Tell the editors why, so that they can fix the listing." in page_text(response)
    listing.refresh_from_db()
    assert listing.status == Association.Status.PENDING
    assert not ModerationAction.objects.exists()
    assert mail.outbox == []


def test_a_missing_reason_is_summarised_at_the_top_with_a_link_to_its_field(client, liaison):
    listing = pending_listing("Uusi Kuoro ry")
    client.force_login(liaison)
    page = client.get(en("moderation:association", pk=listing.pk)).content.decode()
    # The server's message, not the browser's, tells what is missing.
    assert re.search(
        r'<form method="post" novalidate class="action-form[^"]*" id="action-reject"', page
    )
    response = client.post(
        en("moderation:association", pk=listing.pk),
        {"action": "reject", "reject-reason": "", "version": listing.version},
    )
    summary = re.search(
        r'<div class="errors error-summary"[^>]*data-error-summary>.*?</div>',
        html.unescape(response.content.decode()),
        re.S,
    ).group()
    message = "Tell the editors why, so that they can fix the listing."
    assert re.search(rf'<a href="#id_reject-reason">[^<]*: {re.escape(message)}</a>', summary)


def test_rejecting_a_listing_returns_it_to_draft_and_tells_the_editors_why(client, liaison):
    listing = pending_listing("Uusi Kuoro ry")
    editor = editor_of(listing, language="en")
    client.force_login(liaison)
    response = client.post(
        en("moderation:association", pk=listing.pk),
        {"action": "reject", "reject-reason": "Kuvaus puuttuu.", "version": listing.version},
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == Association.Status.DRAFT
    assert ModerationAction.objects.get().action == ModerationAction.Action.REJECT_LISTING
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert "Kuvaus puuttuu." in message.body
    assert "Kuvaus puuttuu." in message.alternatives[0][0]
    assert "needs changes" in message.subject


def test_a_failed_decision_keeps_what_the_liaison_typed(client, liaison):
    listing = AssociationFactory(name="Julkinen Seura ry")  # published: not waiting for review
    client.force_login(liaison)
    response = client.post(
        en("moderation:association", pk=listing.pk),
        {"action": "approve", "approve-reason": "Hyvä listaus", "version": listing.version},
    )
    assert response.status_code == 400
    assert "This listing is not waiting for review." in page_text(response)
    listing.refresh_from_db()
    assert listing.status == Association.Status.PUBLISHED


def test_a_reason_kept_after_a_failure_is_shown_in_its_form(client, liaison):
    listing = pending_listing()
    client.force_login(liaison)
    response = client.post(
        en("moderation:association", pk=listing.pk),
        {"action": "reject", "reject-reason": "x" * 2001, "version": listing.version},
    )
    assert response.status_code == 400
    assert "x" * 2001 in response.content.decode()


def test_a_listing_under_review_is_decided_after_its_content_and_cannot_be_hidden(client, liaison):
    listing = pending_listing()
    client.force_login(liaison)
    page = client.get(en("moderation:association", pk=listing.pk)).content.decode()

    assert 'value="approve"' in page and 'value="reject"' in page
    assert 'value="hide"' not in page
    assert page.index('id="profile-title"') < page.index('value="approve"')
    hiding = client.post(
        en("moderation:association", pk=listing.pk),
        {"action": "hide", "hide-reason": "Testi", "version": listing.version},
    )
    assert hiding.status_code == 400
    assert "Only a public profile can be hidden" in hiding.content.decode()
    listing.refresh_from_db()
    assert listing.status == Association.Status.PENDING


def test_an_unknown_action_is_refused(client, liaison):
    listing = pending_listing()
    client.force_login(liaison)
    response = client.post(en("moderation:association", pk=listing.pk), {"action": "delete"})
    assert response.status_code == 400
    assert "Choose one of the actions on this page." in page_text(response)


def test_hiding_and_restoring_a_profile(client, liaison):
    association = AssociationFactory(name="Riitainen Seura ry")
    editor = editor_of(association, language="en")
    client.force_login(liaison)
    url = en("moderation:association", pk=association.pk)

    response = client.post(
        url, {"action": "hide", "hide-reason": "", "version": association.version}
    )
    assert response.status_code == 400
    assert "Give a reason: the editors are told it." in page_text(response)

    response = client.post(
        url, {"action": "hide", "hide-reason": "Asiaton kuvaus.", "version": association.version}
    )
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.status == Association.Status.HIDDEN
    (hidden_email,) = mail.outbox
    assert hidden_email.to == [editor.email]
    assert "Asiaton kuvaus." in hidden_email.body
    my_link = next(link for link in links_in(hidden_email) if link.endswith("/my/"))
    client.force_login(editor)
    assert follow(client, my_link).status_code == 200

    client.force_login(liaison)
    assert "Publish again" in page_text(client.get(url))
    response = client.post(
        url, {"action": "restore", "restore-reason": "", "version": association.version}
    )
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.status == Association.Status.PUBLISHED
    assert len(mail.outbox) == 2
    assert "back in the directory" in mail.outbox[1].subject
    assert list(ModerationAction.objects.values_list("action", flat=True)) == [
        ModerationAction.Action.RESTORE,
        ModerationAction.Action.HIDE,
    ]


def test_hiding_from_a_report_returns_to_the_report(client, liaison):
    association = AssociationFactory()
    report = report_on(association)
    client.force_login(liaison)
    report_url = en("moderation:report", pk=report.pk)
    hide_link = re.search(r'href="([^"]*#action-hide)"', client.get(report_url).content.decode())
    page = client.get(hide_link.group(1).replace("&amp;", "&"))
    assert f'name="next" value="{report_url}"' in page.content.decode()
    response = client.post(
        en("moderation:association", pk=association.pk),
        {
            "action": "hide",
            "hide-reason": "Lopettanut",
            "next": report_url,
            "version": association.version,
        },
    )
    assert response["Location"] == report_url


def test_a_next_address_elsewhere_is_ignored(client, liaison):
    association = AssociationFactory()
    client.force_login(liaison)
    response = client.post(
        en("moderation:association", pk=association.pk),
        {
            "action": "hide",
            "hide-reason": "Testi",
            "next": "https://evil.example/",
            "version": association.version,
        },
    )
    assert response["Location"] == en("moderation:queue")


def test_marking_a_stale_profile_verified(client, liaison):
    association = stale_profile("Unohtunut Yhdistys ry")
    client.force_login(liaison)
    url = en("moderation:association", pk=association.pk)
    assert "Mark verified" in page_text(client.get(url))
    response = client.post(
        url,
        {
            "action": "verify",
            "verify-reason": "Soitin puheenjohtajalle.",
            "version": association.version,
        },
    )
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.last_verified_at == timezone.localdate()
    action = ModerationAction.objects.get()
    assert action.action == ModerationAction.Action.MARK_VERIFIED
    assert action.reason == "Soitin puheenjohtajalle."
    assert not Association.objects.stale().exists()


def test_the_listing_page_shows_drafts_editors_and_what_waits(client, liaison):
    draft = AssociationFactory(name="Luonnos ry", status=Association.Status.DRAFT)
    editor = editor_of(draft, full_name="Eeva Editori")
    client.force_login(liaison)
    text = page_text(client.get(en("moderation:association", pk=draft.pk)))
    assert "Luonnos ry" in text
    assert "Draft" in text
    assert "Eeva Editori" in text and editor.email in text
    assert "Hide the profile" not in text  # a draft is not public
    assert "Approve and publish" not in text


# --- claims ------------------------------------------------------------------------------------


def test_claim_page_shows_who_claims_and_why(client, liaison):
    association = AssociationFactory(name="Vanha Kerho ry")
    claimant = UserFactory(full_name="Kalle Kerholainen")
    claim = claim_for(association, user=claimant)
    client.force_login(liaison)
    text = page_text(client.get(en("moderation:claim", pk=claim.pk)))
    assert "Claim to Vanha Kerho ry" in text
    assert "Kalle Kerholainen" in text and claimant.email in text
    assert "Puheenjohtaja" in text
    assert "Olen yhdistyksen puheenjohtaja." in text


def test_approving_a_claim_makes_the_claimant_an_owner_and_tells_them(client, liaison):
    association = AssociationFactory(name="Vanha Kerho ry", is_claimed=False)
    claimant = UserFactory(language="sv")
    claim = claim_for(association, user=claimant)
    client.force_login(liaison)
    response = client.post(
        en("moderation:claim", pk=claim.pk), {"action": "approve", "approve-reason": ""}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    association.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED
    assert association.is_claimed
    assert Membership.objects.get(association=association, user=claimant).is_owner
    assert ModerationAction.objects.get().claim == claim

    (message,) = mail.outbox
    assert message.to == [claimant.email]
    assert_email_parts(message)
    assert "Vanha Kerho ry" in message.body
    my_link = next(link for link in links_in(message) if link.endswith("/my/"))
    assert my_link == f"{settings.SITE_URL}/sv/my/"
    client.force_login(claimant)
    assert follow(client, my_link).status_code == 200


def test_rejecting_a_claim_needs_a_reason_and_tells_the_claimant(client, liaison):
    association = AssociationFactory(name="Vanha Kerho ry")
    claimant = UserFactory()
    claim = claim_for(association, user=claimant)
    client.force_login(liaison)
    url = en("moderation:claim", pk=claim.pk)

    response = client.post(url, {"action": "reject", "reject-reason": ""})
    assert response.status_code == 400
    assert "Tell the claimant why." in page_text(response)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PENDING

    response = client.post(url, {"action": "reject", "reject-reason": "Et ole hallituksessa."})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REJECTED
    assert not Membership.objects.filter(user=claimant).exists()
    (message,) = mail.outbox
    assert message.to == [claimant.email]
    assert "Et ole hallituksessa." in message.body
    profile_link = next(link for link in links_in(message) if "/associations/" in link)
    assert follow(client, profile_link).status_code == 200


def test_a_decided_claim_cannot_be_decided_again(client, liaison):
    claim = claim_for(AssociationFactory())
    workflows.claim_reject(claim=claim, liaison=liaison, reason="Ei")
    client.force_login(liaison)
    response = client.post(en("moderation:claim", pk=claim.pk), {"action": "approve"})
    assert response.status_code == 400
    assert "This claim has been decided already." in page_text(response)
    assert claim.association.memberships.count() == 0


# --- reports -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status", "kind"),
    [
        ("resolve", Report.Status.RESOLVED, ModerationAction.Action.RESOLVE_REPORT),
        ("dismiss", Report.Status.DISMISSED, ModerationAction.Action.DISMISS_REPORT),
    ],
)
def test_closing_a_report_with_a_note(client, liaison, action, status, kind):
    report = report_on(AssociationFactory(name="Hiljainen Seura ry"))
    client.force_login(liaison)
    url = en("moderation:report", pk=report.pk)
    text = page_text(client.get(url))
    assert "Yhdistys lopetti toimintansa viime vuonna." in text
    assert "naapuri@example.fi" in text
    response = client.post(url, {"action": action, f"{action}-reason": "Tarkistettu."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.decision_reason, report.decided_by) == (
        status,
        "Tarkistettu.",
        liaison,
    )
    recorded = ModerationAction.objects.get()
    assert (recorded.action, recorded.report) == (kind, report)
    assert not Report.objects.open().exists()


def test_the_reporter_hears_what_came_of_the_report_in_their_language(client, liaison):
    association = AssociationFactory(name="Hiljainen Seura ry")
    report = workflows.report_create(
        association=association,
        reason=Report.Reason.INACTIVE,
        message="Föreningen har upphört.",
        contact="granne@example.fi",
        language="sv",
    )
    mail.outbox.clear()
    client.force_login(liaison)
    url = en("moderation:report", pk=report.pk)
    client.post(url, {"action": "dismiss", "dismiss-reason": "Föreningen är aktiv."})
    [message] = mail.outbox
    assert message.to == ["granne@example.fi"]
    assert "Föreningen är aktiv." in message.body
    with translation.override("sv"):
        assert gettext("The liaison checked the listing and made no changes to it.") in (
            message.body
        )
        assert association.get_absolute_url() in message.body
    assert '<html lang="sv">' in message.alternatives[0][0]


def test_a_reporter_without_an_email_address_is_not_written_to(client, liaison):
    report = workflows.report_create(
        association=AssociationFactory(),
        reason=Report.Reason.INCORRECT,
        message="Puhelinnumero on väärä.",
        contact="040 123 4567",
    )
    mail.outbox.clear()
    client.force_login(liaison)
    client.post(en("moderation:report", pk=report.pk), {"action": "resolve"})
    report.refresh_from_db()
    assert report.status == Report.Status.RESOLVED
    assert mail.outbox == []


# --- name and ID changes -----------------------------------------------------------------------


def test_approving_a_name_change_renames_the_association(client, liaison):
    association = AssociationFactory(name="Vanha Nimi ry")
    change = name_change(association, new_name="Uusi Nimi ry")
    association.refresh_from_db()
    assert association.name == "Vanha Nimi ry"  # waits for the liaison
    mail.outbox.clear()
    client.force_login(liaison)
    url = en("moderation:change", pk=change.pk)
    text = page_text(client.get(url))
    assert "Vanha Nimi ry" in text and "Uusi Nimi ry" in text
    response = client.post(url, {"action": "approve", "approve-reason": ""})
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.name == "Uusi Nimi ry"
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.APPLIED
    assert ModerationAction.objects.get().action == ModerationAction.Action.APPROVE_CHANGE
    (message,) = mail.outbox
    assert "Uusi Nimi ry" in message.body
    assert_email_parts(message)


def test_rejecting_a_name_change_keeps_the_name(client, liaison):
    association = AssociationFactory(name="Vanha Nimi ry")
    change = name_change(association, new_name="Uusi Nimi ry")
    mail.outbox.clear()
    client.force_login(liaison)
    url = en("moderation:change", pk=change.pk)
    assert client.post(url, {"action": "reject", "reject-reason": ""}).status_code == 400
    response = client.post(url, {"action": "reject", "reject-reason": "Rekisterissä eri nimi."})
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.name == "Vanha Nimi ry"
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.REJECTED
    (message,) = mail.outbox
    assert "Rekisterissä eri nimi." in message.body
    assert "Uusi Nimi ry" in message.body
