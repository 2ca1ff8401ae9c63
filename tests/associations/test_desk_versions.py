"""A decision on a listing is about the version the liaison saw: the editors may edit a
listing while it waits, and the desk refuses a decision on content nobody has seen.

Pages are read in English (/en/…), whose wording is the source text itself.
"""

import re

import pytest
from django.core import mail

from associations import workflows
from associations.models import Association, ModerationAction, ProfileChange
from tests.associations.conftest import (
    edit,
    editor_of,
    en,
    page_text,
    pending_listing,
    stale_profile,
)
from tests.factories import AssociationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

CHANGED = "The listing was changed after you opened it. Check what changed, then decide again."


def shown_version(response) -> int:
    versions = set(re.findall(r'name="version" value="(\d+)"', response.content.decode()))
    assert len(versions) == 1, versions
    return int(versions.pop())


def test_every_decision_form_carries_the_version_shown(client, liaison):
    listing = pending_listing()
    client.force_login(liaison)
    page = client.get(en("moderation:association", pk=listing.pk)).content.decode()
    forms = page.count('class="action-form')
    assert forms == 2  # approve, reject (a listing under review is not public to hide)
    assert page.count(f'name="version" value="{listing.version}"') == forms


def test_a_listing_renamed_after_the_liaison_opened_it_is_not_approved(client, liaison):
    listing = pending_listing("Kuokkalan Kuoro ry", description="Laulamme tiistaisin.")
    editor = editor_of(listing, full_name="Eeva Editori")
    client.force_login(liaison)
    url = en("moderation:association", pk=listing.pk)
    seen = shown_version(client.get(url))

    # The editor renames the listing and rewrites it while the liaison reads.
    edit(
        listing, editor, values={"name": "Kaupungin tietoturva", "description": "Vahvista tilisi."}
    )

    response = client.post(
        url, {"action": "approve", "approve-reason": "Tervetuloa!", "version": seen}
    )
    assert response.status_code == 409
    text = page_text(response)
    assert CHANGED in text
    assert "Changed since you opened the page" in text
    assert "Kuokkalan Kuoro ry" in text and "Kaupungin tietoturva" in text
    assert "Laulamme tiistaisin." in text and "Vahvista tilisi." in text
    assert "Eeva Editori" in text
    assert "Tervetuloa!" in response.content.decode()  # the typed reason stays
    listing.refresh_from_db()
    assert listing.status == Association.Status.PENDING
    assert not ModerationAction.objects.exists()
    assert mail.outbox == []

    # The page now shows the new version: deciding on it is deciding on what was seen.
    assert shown_version(response) == listing.version
    response = client.post(
        url,
        {
            "action": "reject",
            "reject-reason": "Nimi ei ole yhdistyksen.",
            "version": listing.version,
        },
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == Association.Status.DRAFT


def test_a_form_sent_back_for_its_reason_keeps_the_version_seen(client, liaison):
    listing = pending_listing()
    seen = listing.version
    edit(listing, editor_of(listing), values={"description": "Uusi kuvaus."})
    client.force_login(liaison)
    url = en("moderation:association", pk=listing.pk)
    response = client.post(url, {"action": "reject", "reject-reason": "", "version": seen})
    assert response.status_code == 400
    assert shown_version(response) == seen  # not the newer one it did not highlight
    response = client.post(url, {"action": "approve", "version": shown_version(response)})
    assert response.status_code == 409
    assert "Uusi kuvaus." in page_text(response)


def test_a_decision_without_the_version_is_refused(client, liaison):
    listing = pending_listing()
    client.force_login(liaison)
    url = en("moderation:association", pk=listing.pk)
    for version in ("", "abc", "-1"):
        response = client.post(
            url, {"action": "approve", "approve-reason": "Ok", "version": version}
        )
        assert response.status_code == 400
        assert "This page was out of date." in page_text(response)
    listing.refresh_from_db()
    assert listing.status == Association.Status.PENDING


@pytest.mark.parametrize(
    ("workflow", "status", "reason"),
    [
        ("association_approve", "pending", ""),
        ("association_reject", "pending", "Korjattavaa."),
        ("association_hide", "published", "Asiaton."),
        ("association_restore", "hidden", ""),
        ("association_verify", "published", ""),
    ],
)
def test_each_listing_decision_refuses_a_changed_listing(liaison, workflow, status, reason):
    listing = stale_profile(status=status)
    seen = listing.version
    edit(listing, editor_of(listing), values={"description": "Uusi kuvaus."})
    actor = {"user" if workflow == "association_verify" else "liaison": liaison}
    with pytest.raises(workflows.WorkflowError) as refused:
        getattr(workflows, workflow)(association=listing, reason=reason, seen_version=seen, **actor)
    assert [
        row.new for change in refused.value.context["changed_since"] for row in change.diff
    ] == ["Uusi kuvaus."]
    after = Association.objects.get(pk=listing.pk)
    assert (after.status, after.last_verified_at) == (status, listing.last_verified_at)
    assert not ModerationAction.objects.exists()
    # On the version it shows now, the same decision goes through.
    getattr(workflows, workflow)(
        association=after, reason=reason, seen_version=after.version, **actor
    )


def test_editing_a_pending_listing_is_recorded_for_the_liaison(liaison):
    """A listing the liaison has not approved has no approved name to keep: every edit
    applies, is recorded with its diff and moves the version on, so a decision made on
    an earlier version is refused (above)."""
    listing = pending_listing("Vanha Nimi ry")
    before = listing.version
    result = edit(listing, editor_of(listing), values={"name": "Uusi Nimi ry"})
    listing.refresh_from_db()
    assert listing.name == "Uusi Nimi ry"
    assert listing.version == before + 1
    assert result.pending is None
    assert result.applied.changes == [
        {"field": "name", "old": "Vanha Nimi ry", "new": "Uusi Nimi ry"}
    ]
    assert result.applied.status == ProfileChange.Status.APPLIED


def test_a_report_page_carries_no_version(client, liaison):
    """Only listings have versions: a report or a claim is not the listing's content,
    and a change request the editors replace is refused already (test_desk_decisions)."""
    association = AssociationFactory()
    client.force_login(liaison)
    page = client.get(
        en(
            "moderation:report",
            pk=workflows.report_create(
                association=association, reason="inactive", message="x", contact=""
            ).pk,
        )
    ).content.decode()
    assert 'name="version"' not in page
