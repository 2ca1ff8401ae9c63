"""The rules of associations/workflows.py, below the views that call them."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from associations import workflows
from associations.models import (
    Association,
    Invitation,
    Membership,
    ModerationAction,
    ProfileChange,
)
from tests.factories import AssociationFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def owned(association, user, role=Membership.Role.OWNER):
    Membership.objects.create(association=association, user=user, role=role)
    return association


def edit(association, user, **values):
    association.refresh_from_db()
    return workflows.profile_update(
        association=association,
        user=user,
        base_version=association.version,
        values=values,
        relations={},
    )


def test_new_listing_is_a_draft_owned_by_its_creator():
    user = UserFactory()
    association = workflows.association_create(
        user=user,
        values={"name": "Kuokkalan Kuoro ry", "description": "Laulamme."},
        relations={"categories": [CategoryFactory(slug="kulttuuri")]},
    )
    assert association.status == Association.Status.DRAFT
    assert Membership.objects.get(association=association).user == user
    assert Membership.objects.get(association=association).is_owner
    assert Association.objects.visible_to(user).filter(pk=association.pk).exists()
    assert not Association.objects.visible_to(UserFactory()).filter(pk=association.pk).exists()


def test_edit_of_a_published_profile_goes_live_and_is_recorded():
    editor = UserFactory()
    association = owned(AssociationFactory(description="Vanha kuvaus."), editor)
    result = edit(association, editor, description="Uusi kuvaus.", phone="040 1")
    association.refresh_from_db()
    assert association.description == "Uusi kuvaus."
    assert association.version == 2
    change = result.applied
    assert change.user == editor and change.to_published
    assert {c["field"]: (c["old"], c["new"]) for c in change.changes} == {
        "description": ("Vanha kuvaus.", "Uusi kuvaus."),
        "phone": ("", "040 1"),
    }
    assert list(ProfileChange.objects.feed()) == [change]


def test_saving_without_changes_records_nothing():
    editor = UserFactory()
    association = owned(AssociationFactory(description="Sama."), editor)
    result = edit(association, editor, description="Sama.")
    assert result.applied is None and result.pending is None
    assert not ProfileChange.objects.exists()


def test_new_name_of_a_published_profile_waits_for_the_liaison(liaison):
    editor = UserFactory()
    association = owned(AssociationFactory(name="Vanha Nimi ry"), editor)
    result = edit(association, editor, name="Uusi Nimi ry", description="Muuttui heti.")
    association.refresh_from_db()
    assert association.name == "Vanha Nimi ry"
    assert association.description == "Muuttui heti."
    assert result.pending.status == ProfileChange.Status.PENDING

    workflows.change_approve(change=result.pending, liaison=liaison)
    association.refresh_from_db()
    assert association.name == "Uusi Nimi ry"
    assert Association.objects.search("uusi").filter(pk=association.pk).exists()
    assert ModerationAction.objects.filter(action="approve_change", actor=liaison).exists()


def test_rejected_name_change_leaves_the_name(liaison):
    editor = UserFactory()
    association = owned(AssociationFactory(name="Vanha Nimi ry"), editor)
    pending = edit(association, editor, name="Huono Nimi ry").pending
    with pytest.raises(workflows.WorkflowError):
        workflows.change_reject(change=pending, liaison=liaison, reason=" ")
    workflows.change_reject(change=pending, liaison=liaison, reason="Nimi ei ole rekisterissä.")
    association.refresh_from_db()
    assert association.name == "Vanha Nimi ry"
    pending.refresh_from_db()
    assert pending.status == ProfileChange.Status.REJECTED


def test_a_draft_is_renamed_at_once():
    editor = UserFactory()
    association = owned(AssociationFactory(status=Association.Status.DRAFT, name="A ry"), editor)
    result = edit(association, editor, name="B ry")
    association.refresh_from_db()
    assert association.name == "B ry" and result.pending is None
    assert not ProfileChange.objects.feed().exists()


def test_second_save_from_an_old_form_is_refused_with_the_other_change():
    first, second = UserFactory(), UserFactory()
    association = owned(AssociationFactory(description="Alku."), first)
    owned(association, second, Membership.Role.EDITOR)
    opened_at = association.version
    workflows.profile_update(
        association=association,
        user=first,
        base_version=opened_at,
        values={"description": "Ensimmäisen teksti."},
        relations={},
    )
    with pytest.raises(workflows.ProfileConflict) as conflict:
        workflows.profile_update(
            association=association,
            user=second,
            base_version=opened_at,
            values={"description": "Toisen teksti."},
            relations={},
        )
    assert conflict.value.current.description == "Ensimmäisen teksti."
    [other] = conflict.value.changes
    assert other.user == first
    assert other.changes[0]["new"] == "Ensimmäisen teksti."
    association.refresh_from_db()
    assert association.description == "Ensimmäisen teksti."


def test_revert_puts_back_old_values_and_terms(liaison):
    editor = UserFactory()
    sports, culture = CategoryFactory(slug="liikunta"), CategoryFactory(slug="kulttuuri")
    association = owned(AssociationFactory(description="Alku.", categories=[sports]), editor)
    change = workflows.profile_update(
        association=association,
        user=editor,
        base_version=association.version,
        values={"description": "Roskaa."},
        relations={"categories": [culture]},
    ).applied
    revert = workflows.change_revert(change=change, liaison=liaison)
    association.refresh_from_db()
    assert association.description == "Alku."
    assert list(association.categories.all()) == [sports]
    assert revert.skipped == []
    change.refresh_from_db()
    assert change.status == ProfileChange.Status.REVERTED
    assert revert.change.user == liaison
    assert ModerationAction.objects.filter(action="revert_change", change=change).exists()


def test_revert_leaves_fields_changed_again_since(liaison):
    editor = UserFactory()
    association = owned(AssociationFactory(description="Alku.", phone=""), editor)
    change = edit(association, editor, description="Toinen.", phone="040 1").applied
    edit(association, editor, description="Kolmas.")
    revert = workflows.change_revert(change=change, liaison=liaison)
    association.refresh_from_db()
    assert association.description == "Kolmas."
    assert association.phone == ""
    assert revert.skipped == ["description"]


def test_the_last_owner_cannot_leave():
    owner, editor = UserFactory(), UserFactory()
    association = owned(AssociationFactory(), owner)
    owned(association, editor, Membership.Role.EDITOR)
    membership = Membership.objects.get(user=owner)
    with pytest.raises(workflows.WorkflowError):
        workflows.membership_remove(membership=membership, by=owner)
    workflows.ownership_transfer(
        association=association, from_user=owner, to=Membership.objects.get(user=editor)
    )
    assert Membership.objects.get(user=editor).is_owner
    assert not Membership.objects.get(user=owner).is_owner
    workflows.membership_remove(membership=Membership.objects.get(user=owner), by=owner)
    assert list(association.memberships.values_list("user", flat=True)) == [editor.pk]


def test_leaving_user_hands_ownership_to_a_remaining_editor():
    owner, editor = UserFactory(), UserFactory()
    association = owned(AssociationFactory(), owner)
    owned(association, editor, Membership.Role.EDITOR)
    assert workflows.memberships_release(user=owner) == []
    association.refresh_from_db()
    assert association.status == Association.Status.PUBLISHED
    assert Membership.objects.get(association=association).user == editor
    assert Membership.objects.get(association=association).is_owner


def test_profile_left_without_editors_is_hidden_and_recorded(liaison):
    owner = UserFactory()
    association = owned(AssociationFactory(), owner)
    assert workflows.memberships_release(user=owner) == [association]
    association.refresh_from_db()
    assert association.status == Association.Status.HIDDEN
    assert ModerationAction.objects.get(association=association).action == "orphaned"


def test_invitation_works_once():
    owner, invitee = UserFactory(), UserFactory(email="uusi@example.fi")
    EmailAddress.objects.create(user=invitee, email=invitee.email, verified=True, primary=True)
    association = owned(AssociationFactory(), owner)
    invitation, token = Invitation.new(
        association=association, email=invitee.email, invited_by=owner
    )
    invitation.save()
    membership = workflows.invitation_accept(token=token, user=invitee)
    assert membership.role == Membership.Role.EDITOR
    with pytest.raises(workflows.WorkflowError):
        workflows.invitation_accept(token=token, user=UserFactory())
    assert association.memberships.count() == 2


def test_expired_invitation_is_refused():
    owner = UserFactory()
    association = owned(AssociationFactory(), owner)
    invitation, token = Invitation.new(
        association=association, email="x@example.fi", invited_by=owner
    )
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()
    with pytest.raises(workflows.WorkflowError):
        workflows.invitation_accept(token=token, user=UserFactory())
    assert association.memberships.count() == 1


def test_stale_profiles_are_those_not_verified_for_18_months():
    today = timezone.localdate()
    old = AssociationFactory(last_verified_at=today - timedelta(days=600))
    AssociationFactory(last_verified_at=today - timedelta(days=300))
    AssociationFactory(last_verified_at=None)
    assert list(Association.objects.stale()) == [old]
    assert old.verification_overdue


def test_a_second_request_keeps_the_fields_of_the_one_waiting(liaison):
    editor = UserFactory()
    association = owned(AssociationFactory(name="Vanha Nimi ry", business_id=""), editor)
    first = edit(association, editor, name="Uusi Nimi ry").pending
    second = edit(association, editor, business_id="1572860-0").pending
    assert {c["field"]: c["new"] for c in second.changes} == {
        "business_id": "1572860-0",
        "name": "Uusi Nimi ry",
    }
    assert list(ProfileChange.objects.pending()) == [second]
    # The liaison had the first one open: deciding it tells them it was replaced.
    with pytest.raises(workflows.WorkflowError):
        workflows.change_approve(change=first, liaison=liaison)
    workflows.change_approve(change=second, liaison=liaison)
    association.refresh_from_db()
    assert (association.name, association.business_id) == ("Uusi Nimi ry", "1572860-0")


def test_a_hidden_profile_keeps_its_name_until_the_liaison_approves(liaison):
    editor = UserFactory()
    association = owned(
        AssociationFactory(name="Vanha Nimi ry", status=Association.Status.HIDDEN), editor
    )
    result = edit(association, editor, name="Uusi Nimi ry")
    association.refresh_from_db()
    assert association.name == "Vanha Nimi ry"
    assert result.pending is not None


def test_only_a_published_profile_is_confirmed():
    editor = UserFactory()
    draft = owned(
        AssociationFactory(status=Association.Status.DRAFT, last_verified_at=None), editor
    )
    with pytest.raises(workflows.WorkflowError):
        workflows.association_verify(association=draft, user=editor)
    draft.refresh_from_db()
    assert draft.last_verified_at is None


def test_an_already_claimed_listing_is_not_claimed_again():
    association = AssociationFactory(is_claimed=True)
    with pytest.raises(workflows.WorkflowError):
        workflows.claim_create(association=association, user=UserFactory(), position="Jäsen")


def test_ownership_is_not_handed_to_someone_who_has_left():
    owner, editor = UserFactory(), UserFactory()
    association = owned(AssociationFactory(), owner)
    leaving = Membership.objects.create(association=association, user=editor, role="editor")
    Membership.objects.filter(pk=leaving.pk).delete()
    with pytest.raises(workflows.WorkflowError):
        workflows.ownership_transfer(association=association, from_user=owner, to=leaving)
    assert Membership.objects.get(association=association).is_owner


def test_a_failed_save_leaves_no_logo_files_behind(media_root):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from associations.logos import process_logo

    AssociationFactory(register_number="123456")
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "navy").save(buffer, "PNG")
    logo = process_logo(SimpleUploadedFile("logo.png", buffer.getvalue()))
    with pytest.raises(workflows.WorkflowError):
        workflows.association_create(
            user=UserFactory(),
            values={"name": "Toinen ry", "register_number": "123456"},
            relations={},
            logo=logo,
        )
    stored = [p for p in media_root.rglob("*") if p.is_file()]
    assert logo.stored and stored == []
