"""The liaison's desk (/moderation/): who gets in, the queue, decisions, emails, feed, log.

Pages are read in English (/en/…), whose wording is the source text itself.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
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
from associations.models.directory import months_ago
from tests.factories import AssociationFactory, CategoryFactory, UserFactory
from yhdistystori.models import User
from yhdistystori.roles import Role, grant_role
from yhdistystori.urls import desk_patterns

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


# --- people and things ----------------------------------------------------------------------


def make_liaison(**kwargs) -> User:
    """Another liaison besides the `liaison` of tests/conftest.py, with settings of their own."""
    user = UserFactory(**kwargs)
    grant_role(user, Role.LIAISON)
    return user


def editor_of(association, *, role=Membership.Role.OWNER, **kwargs) -> User:
    user = UserFactory(**kwargs)
    Membership.objects.create(association=association, user=user, role=role)
    return user


def pending_listing(name="Uusi Yhdistys ry", *, submitted_days_ago=1, **kwargs) -> Association:
    return AssociationFactory(
        name=name,
        status=Association.Status.PENDING,
        submitted_at=timezone.now() - timedelta(days=submitted_days_ago),
        last_verified_at=None,
        **kwargs,
    )


def claim_for(association, *, days_ago=0, user=None) -> Claim:
    claim = workflows.claim_create(
        association=association,
        user=user or UserFactory(),
        position="Puheenjohtaja",
        message="Olen yhdistyksen puheenjohtaja.",
    )
    if days_ago:
        Claim.objects.filter(pk=claim.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return claim


def report_on(association, *, days_ago=0) -> Report:
    report = workflows.report_create(
        association=association,
        reason=Report.Reason.INACTIVE,
        message="Yhdistys lopetti toimintansa viime vuonna.",
        contact="naapuri@example.fi",
    )
    if days_ago:
        Report.objects.filter(pk=report.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return report


def edit(association, user, *, values=None, relations=None) -> workflows.ProfileUpdate:
    association.refresh_from_db()
    return workflows.profile_update(
        association=association,
        user=user,
        base_version=association.version,
        values=values or {},
        relations=relations or {},
    )


def name_change(association, *, new_name="Uusi Nimi ry", days_ago=0) -> ProfileChange:
    change = edit(association, editor_of(association), values={"name": new_name}).pending
    if days_ago:
        ProfileChange.objects.filter(pk=change.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return change


def stale_profile(name="Vanha Seura ry", *, months=20, **kwargs) -> Association:
    return AssociationFactory(name=name, last_verified_at=months_ago(months), **kwargs)


def en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def page_text(response) -> str:
    """The page's text without tags and with collapsed spaces, as a reader sees it."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(text.split())


def links_in(message) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", message.body)


def follow(client, url: str):
    assert url.startswith(settings.SITE_URL), url
    return client.get(url.removeprefix(settings.SITE_URL))


def assert_email_parts(message) -> None:
    assert message.body.strip()
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<html" in html


# --- who gets in -----------------------------------------------------------------------------

# Every URL of the desk, with the objects it needs. A new URL without a row here fails
# test_every_desk_url_is_in_the_access_table.
DESK_URLS = {
    "queue": lambda objs: {},
    "association": lambda objs: {"pk": objs["association"].pk},
    "claim": lambda objs: {"pk": objs["claim"].pk},
    "report": lambda objs: {"pk": objs["report"].pk},
    "change": lambda objs: {"pk": objs["change"].pk},
    "changes": lambda objs: {},
    "log": lambda objs: {},
    "email_settings": lambda objs: {},
}


def test_every_desk_url_is_in_the_access_table():
    assert {pattern.name for pattern in desk_patterns} == set(DESK_URLS)


@pytest.fixture
def desk_objects(db):
    association = AssociationFactory(name="Kuokkalan Kuoro ry")
    editor = editor_of(association)
    return {
        "association": association,
        "editor": editor,
        "claim": claim_for(association),
        "report": report_on(association),
        "change": name_change(association),
    }


@pytest.mark.parametrize("url_name", DESK_URLS)
@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("outsider", 403), ("editor", 403), ("liaison", 200), ("admin", 200)],
)
def test_only_liaisons_and_admins_open_the_desk(
    client, desk_objects, outsider, liaison, admin_user, url_name, persona, expected
):
    people = {
        "outsider": outsider,
        "editor": desk_objects["editor"],
        "liaison": liaison,
        "admin": admin_user,
    }
    if persona in people:
        client.force_login(people[persona])
    url = reverse(f"moderation:{url_name}", kwargs=DESK_URLS[url_name](desk_objects) or None)
    response = client.get(url)
    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("persona", ["outsider", "editor"])
def test_others_cannot_decide_anything(client, desk_objects, outsider, persona):
    person = outsider if persona == "outsider" else desk_objects["editor"]
    client.force_login(person)
    association = desk_objects["association"]
    response = client.post(
        reverse("moderation:association", kwargs={"pk": association.pk}),
        {"action": "hide", "hide-reason": "Testi"},
    )
    assert response.status_code == 403
    association.refresh_from_db()
    assert association.status == Association.Status.PUBLISHED
    assert not ModerationAction.objects.exists()


def test_actions_are_post_only(client, liaison, desk_objects):
    client.force_login(liaison)
    url = reverse("moderation:association", kwargs={"pk": desk_objects["association"].pk})
    assert client.get(url, {"action": "hide", "hide-reason": "x"}).status_code == 200
    desk_objects["association"].refresh_from_db()
    assert desk_objects["association"].status == Association.Status.PUBLISHED
    assert client.put(url).status_code == 405


def test_the_header_links_to_the_desk_for_liaisons_only(client, liaison):
    pending_listing()
    client.force_login(liaison)
    response = client.get("/en/")
    assert 'href="/en/moderation/"' in response.content.decode()
    assert "Moderation (1 item waiting" in page_text(response)

    client.force_login(UserFactory())
    assert "/moderation/" not in client.get("/en/").content.decode()


def test_the_header_costs_other_people_no_query_for_the_desk(client):
    person = UserFactory()
    client.force_login(person)
    client.get("/en/")  # the first page remembers that this person is not a liaison
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/")
    assert not [q for q in queries.captured_queries if "auth_group" in q["sql"]]


# --- the queue -------------------------------------------------------------------------------


def test_queue_lists_every_kind_oldest_first_with_counts(client, liaison):
    listing = pending_listing("Uusi Kuoro ry", submitted_days_ago=3)
    claimed = AssociationFactory(name="Vanha Kerho ry")
    claim_for(claimed, days_ago=10)
    reported = AssociationFactory(name="Hiljainen Seura ry")
    report_on(reported, days_ago=1)
    renamed = AssociationFactory(name="Nimeltään Vanha ry")
    name_change(renamed, days_ago=5)
    # Stale since about 60 days ago: confirmed 18 months and two months ago.
    stale = stale_profile("Unohtunut Yhdistys ry", months=20)

    client.force_login(liaison)
    response = client.get(en("moderation:queue"))
    assert response.status_code == 200
    rows = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a>', response.content.decode())
    assert [name for _url, name in rows] == [
        "Unohtunut Yhdistys ry",
        "Vanha Kerho ry",
        "Nimeltään Vanha ry",
        "Uusi Kuoro ry",
        "Hiljainen Seura ry",
    ]
    assert rows[0][0] == en("moderation:association", pk=stale.pk)
    assert rows[3][0] == en("moderation:association", pk=listing.pk)
    text = page_text(response)
    assert "5 items wait for a decision, oldest first." in text
    for label in ("New listings 1", "Claims 1", "Reports 1", "Name and ID changes 1"):
        assert label in text
    assert "Stale profiles 1" in text


def test_queue_filters_by_kind(client, liaison):
    pending_listing("Uusi Kuoro ry")
    report_on(AssociationFactory(name="Hiljainen Seura ry"))
    client.force_login(liaison)
    response = client.get(en("moderation:queue"), {"kind": "report"})
    assert "Hiljainen Seura ry" in page_text(response)
    assert "Uusi Kuoro ry" not in page_text(response)
    assert 'aria-current="page">Reports' in response.content.decode()


def test_queue_with_an_unknown_kind_says_so_and_shows_all(client, liaison):
    pending_listing("Uusi Kuoro ry")
    client.force_login(liaison)
    response = client.get(en("moderation:queue"), {"kind": "spam"})
    assert response.status_code == 400
    assert "There is no such kind of item." in page_text(response)
    assert "Uusi Kuoro ry" in page_text(response)


def test_empty_queue_says_nothing_waits(client, liaison):
    client.force_login(liaison)
    assert "Nothing waits" in page_text(client.get(en("moderation:queue")))


def test_queue_pages_continue_in_order_across_kinds(client, liaison):
    for n in range(20):
        pending_listing(f"Listaus {n:02d} ry", submitted_days_ago=40 - 2 * n)
        claim_for(AssociationFactory(name=f"Vaatimus {n:02d} ry"), days_ago=39 - 2 * n)
    client.force_login(liaison)
    names = []
    for page in (1, 2):
        response = client.get(en("moderation:queue"), {"page": page})
        names += re.findall(
            r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.content.decode()
        )
    expected = [name for n in range(20) for name in (f"Listaus {n:02d} ry", f"Vaatimus {n:02d} ry")]
    assert names == expected


def test_queue_query_count_does_not_grow_with_the_queue(
    client, liaison, django_assert_max_num_queries
):
    for n in range(15):
        pending_listing(f"Listaus {n} ry", submitted_days_ago=n + 1)
        association = AssociationFactory()
        claim_for(association, days_ago=n)
        report_on(association, days_ago=n)
        name_change(association)
    Association.objects.bulk_create(
        [
            Association(
                name=f"Vanha {n} ry",
                slug=f"vanha-{n}",
                status=Association.Status.PUBLISHED,
                last_verified_at=months_ago(30),
            )
            for n in range(300)
        ]
    )
    client.force_login(liaison)
    with django_assert_max_num_queries(16):
        response = client.get(en("moderation:queue"))
    assert response.status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(en("moderation:queue"), {"page": 5}).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(en("moderation:queue"), {"kind": "stale", "page": 3}).status_code == 200


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
        {"action": "approve", "approve-reason": "Tervetuloa!"},
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
        en("moderation:association", pk=listing.pk), {"action": "reject", "reject-reason": "  "}
    )
    assert response.status_code == 400
    assert "Tell the editors why, so that they can fix the listing." in page_text(response)
    listing.refresh_from_db()
    assert listing.status == Association.Status.PENDING
    assert not ModerationAction.objects.exists()
    assert mail.outbox == []


def test_rejecting_a_listing_returns_it_to_draft_and_tells_the_editors_why(client, liaison):
    listing = pending_listing("Uusi Kuoro ry")
    editor = editor_of(listing, language="en")
    client.force_login(liaison)
    response = client.post(
        en("moderation:association", pk=listing.pk),
        {"action": "reject", "reject-reason": "Kuvaus puuttuu."},
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
        {"action": "approve", "approve-reason": "Hyvä listaus"},
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
        {"action": "hide", "hide-reason": "x" * 2001},
    )
    assert response.status_code == 400
    assert "x" * 2001 in response.content.decode()


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

    response = client.post(url, {"action": "hide", "hide-reason": ""})
    assert response.status_code == 400
    assert "Give a reason: the editors are told it." in page_text(response)

    response = client.post(url, {"action": "hide", "hide-reason": "Asiaton kuvaus."})
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
    response = client.post(url, {"action": "restore", "restore-reason": ""})
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
        {"action": "hide", "hide-reason": "Lopettanut", "next": report_url},
    )
    assert response["Location"] == report_url


def test_a_next_address_elsewhere_is_ignored(client, liaison):
    association = AssociationFactory()
    client.force_login(liaison)
    response = client.post(
        en("moderation:association", pk=association.pk),
        {"action": "hide", "hide-reason": "Testi", "next": "https://evil.example/"},
    )
    assert response["Location"] == en("moderation:queue")


def test_marking_a_stale_profile_verified(client, liaison):
    association = stale_profile("Unohtunut Yhdistys ry")
    client.force_login(liaison)
    url = en("moderation:association", pk=association.pk)
    assert "Mark verified" in page_text(client.get(url))
    response = client.post(url, {"action": "verify", "verify-reason": "Soitin puheenjohtajalle."})
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
    assert "Hide the profile" in text
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


# --- the change feed and revert ------------------------------------------------------------------


@pytest.fixture
def vocabulary(db):
    return {
        "music": CategoryFactory(slug="musiikki", name_fi="Musiikki", name_en="Music"),
        "sports": CategoryFactory(slug="liikunta", name_fi="Liikunta", name_en="Sports"),
        "culture": CategoryFactory(slug="kulttuuri", name_fi="Kulttuuri", name_en="Culture"),
    }


def test_feed_shows_a_readable_diff_newest_first(client, liaison, vocabulary):
    choir = AssociationFactory(
        name="Kuoro ry", categories=[vocabulary["music"]], accepts_new_members=False
    )
    club = AssociationFactory(name="Kerho ry", phone="040 111 2222")
    editor = editor_of(choir, full_name="Eeva Editori")
    edit(
        choir,
        editor,
        values={"description": "Laulamme.", "accepts_new_members": True},
        relations={"categories": [vocabulary["sports"], vocabulary["culture"]]},
    )
    edit(club, editor_of(club), values={"phone": "050 333 4444"})
    client.force_login(liaison)
    response = client.get(en("moderation:changes"))
    assert response.status_code == 200
    text = page_text(response)
    assert text.index("Kerho ry") < text.index("Kuoro ry")
    assert "Before 040 111 2222 After 050 333 4444" in text
    assert "Removed Music" in text
    assert "Added Culture, Sports" in text  # in the vocabulary's order
    assert "Accepts new members Before No After Yes" in text
    assert "By Eeva Editori" in text
    assert text.count("Revert") >= 2


def test_feed_shows_logo_changes_as_images(client, liaison):
    association = AssociationFactory()
    ProfileChange.objects.create(
        association=association,
        user=liaison,
        version=2,
        to_published=True,
        changes=[
            {"field": "logo", "old": "", "new": "logos/uusi.png"},
            {"field": "logo_small", "old": "", "new": "logos/uusi-small.png"},
        ],
    )
    client.force_login(liaison)
    html = client.get(en("moderation:changes")).content.decode()
    assert re.search(r'<img src="/media/logos/uusi.png" alt="The logo after"', html)
    assert "uusi-small" not in html
    assert "No logo" in html


def test_feed_leaves_out_drafts_and_pending_changes(client, liaison):
    draft = AssociationFactory(name="Luonnos ry", status=Association.Status.DRAFT)
    edit(draft, editor_of(draft), values={"phone": "040 1"})
    name_change(AssociationFactory(name="Odottava ry"))
    client.force_login(liaison)
    text = page_text(client.get(en("moderation:changes")))
    assert "Luonnos ry" not in text
    assert "Odottava ry" not in text
    assert "No changes yet" in text


def test_feed_filters_by_association(client, liaison):
    choir = AssociationFactory(name="Kuoro ry")
    club = AssociationFactory(name="Kerho ry")
    edit(choir, editor_of(choir), values={"phone": "040 1"})
    edit(club, editor_of(club), values={"phone": "040 2"})
    client.force_login(liaison)
    response = client.get(en("moderation:changes"), {"association": choir.pk})
    text = page_text(response)
    assert "Showing changes to Kuoro ry." in text
    assert "Kerho ry" not in text
    bad = client.get(en("moderation:changes"), {"association": "kuoro"})
    assert bad.status_code == 400
    assert "That association was not found." in page_text(bad)


def test_feed_query_count_does_not_grow_with_changes(
    client, liaison, vocabulary, django_assert_max_num_queries
):
    for n in range(30):
        association = AssociationFactory()
        edit(
            association,
            editor_of(association),
            values={"phone": f"040 {n}", "seeks_volunteers": True},
            relations={"categories": [vocabulary["music"]], "districts": []},
        )
    client.force_login(liaison)
    # Five of these are the header's counts of the queue, cached for a minute.
    with django_assert_max_num_queries(12):
        response = client.get(en("moderation:changes"))
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(en("moderation:changes"), {"page": 2}).status_code == 200


def test_revert_from_the_feed_restores_old_values_and_categories(client, liaison, vocabulary):
    association = AssociationFactory(
        name="Kuoro ry",
        phone="040 111 2222",
        categories=[vocabulary["music"]],
        accepts_new_members=True,
    )
    editor = editor_of(association, language="sv")
    change = edit(
        association,
        editor,
        values={"phone": "050 999 9999", "accepts_new_members": False},
        relations={"categories": [vocabulary["sports"]]},
    ).applied
    client.force_login(liaison)
    feed = en("moderation:changes")
    html = client.get(feed).content.decode()
    assert f'action="{en("moderation:change", pk=change.pk)}"' in html
    response = client.post(
        en("moderation:change", pk=change.pk),
        {"action": "revert", "revert-reason": "", "next": feed},
    )
    assert response.status_code == 302
    assert response["Location"] == feed
    assert "was reverted" in page_text(client.get(feed))

    association.refresh_from_db()
    assert association.phone == "040 111 2222"
    assert association.accepts_new_members is True
    assert list(association.categories.all()) == [vocabulary["music"]]
    assert association.search_terms_other  # the search terms follow the categories
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.REVERTED
    assert ModerationAction.objects.get().action == ModerationAction.Action.REVERT_CHANGE
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert f"{settings.SITE_URL}/sv/associations/{association.slug}/" in links_in(message)


def test_revert_skips_fields_changed_again_since(client, liaison):
    association = AssociationFactory(description="Alkuperäinen.", phone="040 1")
    editor = editor_of(association, language="en")
    first = edit(association, editor, values={"description": "Toinen.", "phone": "040 2"}).applied
    edit(association, editor, values={"description": "Kolmas."})
    client.force_login(liaison)
    response = client.post(en("moderation:change", pk=first.pk), {"action": "revert"})
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.description == "Kolmas."
    assert association.phone == "040 1"
    (message,) = mail.outbox
    assert "These fields have their earlier values again:\nphone" in message.body
    assert "changed again since, so they were left as they are: description" in message.body


def test_revert_of_a_change_whose_fields_all_changed_again_is_refused(client, liaison):
    association = AssociationFactory(phone="040 1")
    editor = editor_of(association)
    first = edit(association, editor, values={"phone": "040 2"}).applied
    edit(association, editor, values={"phone": "040 3"})
    client.force_login(liaison)
    response = client.post(
        en("moderation:change", pk=first.pk),
        {"action": "revert", "revert-reason": "Väärä numero"},
    )
    assert response.status_code == 400
    assert "Every field of this change has been changed again since." in page_text(response)
    assert "Väärä numero" in response.content.decode()
    association.refresh_from_db()
    assert association.phone == "040 3"


# --- the log and settings ------------------------------------------------------------------------


def test_log_lists_every_action_newest_first(client, liaison, django_assert_max_num_queries):
    for n in range(60):
        association = AssociationFactory(name=f"Seura {n:02d} ry")
        workflows.association_hide(association=association, liaison=liaison, reason=f"Syy {n}")
    client.force_login(liaison)
    with django_assert_max_num_queries(11):
        response = client.get(en("moderation:log"))
    text = page_text(response)
    assert text.index("Seura 59 ry") < text.index("Seura 58 ry")
    assert "Syy 59" in text
    assert "Seura 05 ry" not in text  # on the second page
    with django_assert_max_num_queries(11):
        assert "Seura 05 ry" in page_text(client.get(en("moderation:log"), {"page": 2}))


def test_liaison_chooses_how_to_hear_of_new_items(client, liaison):
    client.force_login(liaison)
    url = en("moderation:email_settings")
    assert "One email a day with the queue" in page_text(client.get(url))
    response = client.post(url, {"moderation_email": "each"})
    assert response.status_code == 302
    liaison.refresh_from_db()
    assert liaison.moderation_email == User.ModerationEmail.EACH
    assert "Your choice is saved." in page_text(client.get(url))
    assert client.post(url, {"moderation_email": "hourly"}).status_code == 400
    liaison.refresh_from_db()
    assert liaison.moderation_email == User.ModerationEmail.EACH


# --- emails to liaisons ---------------------------------------------------------------------


def test_liaisons_who_chose_each_item_hear_of_a_new_claim(client):
    each = make_liaison(moderation_email="each", language="sv")
    make_liaison(moderation_email="digest")
    make_liaison(moderation_email="none")
    claim = claim_for(AssociationFactory(name="Vanha Kerho ry"))
    (message,) = mail.outbox
    assert message.to == [each.email]
    assert_email_parts(message)
    assert "Vanha Kerho ry" in message.subject
    item_link = f"{settings.SITE_URL}/sv/moderation/claims/{claim.pk}/"
    assert item_link in links_in(message)
    client.force_login(each)
    assert follow(client, item_link).status_code == 200


def test_liaisons_are_told_when_a_listing_loses_its_last_editor(client):
    liaison = make_liaison(language="en")
    association = AssociationFactory(name="Yksinäinen Seura ry")
    leaving = editor_of(association)
    (hidden,) = workflows.memberships_release(user=leaving)
    assert hidden == association
    (message,) = mail.outbox
    assert message.to == [liaison.email]
    assert_email_parts(message)
    assert "Yksinäinen Seura ry" in message.body
    link = f"{settings.SITE_URL}/en/moderation/associations/{association.pk}/"
    assert link in links_in(message)
    client.force_login(liaison)
    assert follow(client, link).status_code == 200


def test_digest_goes_once_a_day_to_liaisons_who_chose_it(client):
    digest_en = make_liaison(moderation_email="digest", language="en")
    digest_sv = make_liaison(moderation_email="digest", language="sv")
    make_liaison(moderation_email="each")
    make_liaison(moderation_email="digest", is_active=False)
    listing = pending_listing("Uusi Kuoro ry")
    stale_profile("Unohtunut Yhdistys ry")
    mail.outbox.clear()

    call_command("send_moderation_digest", verbosity=0)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {digest_en.email, digest_sv.email}
    assert "2 items wait in the moderation queue" in by_address[digest_en.email].subject
    message = by_address[digest_sv.email]
    assert_email_parts(message)
    assert "Uusi Kuoro ry" in message.body and "Unohtunut Yhdistys ry" in message.body
    item_link = f"{settings.SITE_URL}/sv/moderation/associations/{listing.pk}/"
    assert item_link in links_in(message)
    client.force_login(digest_sv)
    assert follow(client, item_link).status_code == 200
    digest_en.refresh_from_db()
    assert digest_en.moderation_digest_sent_on == timezone.localdate()

    mail.outbox.clear()
    call_command("send_moderation_digest", verbosity=0)
    assert mail.outbox == []


def test_digest_is_not_sent_when_the_queue_is_empty():
    liaison = make_liaison(moderation_email="digest")
    call_command("send_moderation_digest", verbosity=0)
    assert mail.outbox == []
    liaison.refresh_from_db()
    assert liaison.moderation_digest_sent_on is None


def test_digest_dry_run_sends_nothing(capsys):
    liaison = make_liaison(moderation_email="digest")
    pending_listing()
    call_command("send_moderation_digest", "--dry-run")
    assert f"Would send a digest to {liaison.email}." in capsys.readouterr().out
    assert mail.outbox == []
    liaison.refresh_from_db()
    assert liaison.moderation_digest_sent_on is None


# --- the admin ----------------------------------------------------------------------------------


def test_liaisons_look_up_claims_reports_and_records_in_the_admin(client, desk_objects, liaison):
    call_command("setup_roles", verbosity=0)
    workflows.claim_reject(claim=desk_objects["claim"], liaison=liaison, reason="Ei")
    client.force_login(liaison)
    for model in ("claim", "report", "profilechange", "moderationaction", "membership"):
        response = client.get(f"/en/admin/associations/{model}/")
        assert response.status_code == 200, model
    action = ModerationAction.objects.get()
    url = f"/en/admin/associations/moderationaction/{action.pk}/change/"
    assert client.get(url).status_code == 200  # to view
    assert client.post(url, {"reason": "Muutettu"}).status_code == 403
    action.refresh_from_db()
    assert action.reason == "Ei"
    membership = desk_objects["association"].memberships.get(user=desk_objects["editor"])
    membership_url = f"/en/admin/associations/membership/{membership.pk}/change/"
    assert client.post(membership_url, {"role": "editor"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == Membership.Role.EDITOR
    change = desk_objects["change"]
    delete = f"/en/admin/associations/profilechange/{change.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ProfileChange.objects.filter(pk=change.pk).exists()


def test_a_feed_filter_that_is_not_a_number_is_a_400(client, liaison):
    client.force_login(liaison)
    for value in ("²", "abc", "9" * 30):
        response = client.get(en("moderation:changes"), {"association": value})
        assert response.status_code == 400, value
