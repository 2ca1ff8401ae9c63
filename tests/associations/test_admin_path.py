"""City staff's edits in the admin take the same path as the editors' own: recorded,
conflict-checked and with the status changed only through the desk's workflows."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from associations.models import Association, Membership, ModerationAction, ProfileChange
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, liaison):
    call_command("setup_roles", verbosity=0)
    liaison.is_staff = True
    liaison.save(update_fields=["is_staff"])
    client.force_login(liaison)
    return client


def form_data(client, url) -> dict:
    """What the admin's change form would send back unchanged."""
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in {**form.initial}.items()
        if value is not None and name in form.fields and name != "new_logo"
    }
    for name in ("categories", "districts", "target_groups", "languages"):
        data[name] = [term.pk for term in data.get(name, [])]
    return data


def change_url(association) -> str:
    return reverse("admin:associations_association_change", args=[association.pk])


def test_an_admin_edit_is_recorded_for_the_change_feed(staff_client, liaison, association):
    url = change_url(association)
    data = form_data(staff_client, url)
    response = staff_client.post(url, {**data, "phone": "040 123 4567", "name": "Uusi Nimi ry"})
    assert response.status_code == 302
    association.refresh_from_db()
    # A liaison's own edit goes live at once, the name too, and is in the feed.
    assert (association.phone, association.name) == ("040 123 4567", "Uusi Nimi ry")
    change = ProfileChange.objects.get(association=association)
    assert change.user == liaison
    assert change.to_published
    assert {row["field"] for row in change.changes} == {"phone", "name"}
    assert association.version == data["base_version"] + 1


def test_the_status_cannot_be_set_in_the_admin(staff_client, owner):
    draft = AssociationFactory(status=Association.Status.DRAFT)
    url = change_url(draft)
    data = form_data(staff_client, url)
    assert "status" not in data
    staff_client.post(url, {**data, "status": Association.Status.PUBLISHED})
    draft.refresh_from_db()
    assert draft.status == Association.Status.DRAFT
    assert not ModerationAction.objects.exists()


def test_publishing_in_the_admin_runs_the_approval(staff_client, liaison, mailoutbox):
    draft = AssociationFactory(status=Association.Status.PENDING)
    response = staff_client.post(
        reverse("admin:associations_association_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Association.Status.PUBLISHED
    action = ModerationAction.objects.get(association=draft)
    assert (action.action, action.actor) == (ModerationAction.Action.APPROVE_LISTING, liaison)


def test_a_save_over_someone_elses_keeps_theirs_and_says_so(staff_client, association):
    url = change_url(association)
    data = form_data(staff_client, url)
    # An editor saves while the admin's form is open.
    Association.objects.filter(pk=association.pk).update(
        phone="050 999", version=data["base_version"] + 1
    )
    response = staff_client.post(url, {**data, "phone": "040 111"})
    assert response.status_code == 200
    assert "Someone saved this profile after you opened it" in response.content.decode()
    association.refresh_from_db()
    assert association.phone == "050 999"
    assert not ProfileChange.objects.exists()


def test_a_listing_added_in_the_admin_is_a_draft_the_city_keeps(staff_client):
    url = reverse("admin:associations_association_add")
    response = staff_client.post(url, {"name": "Kaupungin Lisäämä ry", "description": "Testi."})
    assert response.status_code == 302
    added = Association.objects.get(name="Kaupungin Lisäämä ry")
    assert added.status == Association.Status.DRAFT
    assert not added.is_claimed  # the association may claim it
    assert not Membership.objects.filter(association=added).exists()
    assert added.slug == "kaupungin-lisaama-ry"
