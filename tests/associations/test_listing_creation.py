"""Creating a listing (saved as a draft or sent for review at once), sending a draft for
review, and confirming that a published profile is still correct, as editors see it."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from associations.models import PROFILE_FIELDS, Association, Membership, ModerationAction
from tests.associations.conftest import messages_of, png, profile, url, url_login
from tests.factories import (
    AssociationFactory,
    CategoryFactory,
    DistrictFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


NEW_LISTING = {
    "name": "Palokan Partiolaiset ry",
    "description": "Partiota lapsille ja nuorille.",
    "email": "info@partio.example.fi",
    "website": "partio.example.fi",
    "founded_year": "1962",
    "accepts_new_members": "on",
}


# --- creating a listing ----------------------------------------------------------------------


def test_creating_a_listing_needs_an_account(client):
    response = client.get(url("create"))
    assert response.status_code == 302
    assert response["Location"].startswith(url_login())


def test_new_listing_form_has_every_profile_field_and_the_term_lists(client):
    CategoryFactory(slug="kulttuuri", name_fi="Kulttuuri")
    DistrictFactory(slug="palokka", name_fi="Palokka")
    client.force_login(UserFactory())
    response = client.get(url("create"))
    page = response.content.decode()
    for name in PROFILE_FIELDS:
        assert f'name="{name}"' in page, name
    assert 'name="categories"' in page and "Kulttuuri" in page
    assert 'name="districts"' in page and "Palokka" in page
    assert 'type="file" name="logo"' in page
    assert 'name="submit"' in page and 'name="save"' in page


def test_new_listing_is_a_draft_that_only_its_editors_and_liaisons_see(client, liaison):
    creator = UserFactory()
    culture = CategoryFactory(slug="kulttuuri")
    client.force_login(creator)
    response = client.post(
        url("create", lang="en"),
        {**NEW_LISTING, "categories": [culture.pk], "save": ""},
        follow=True,
    )
    association = Association.objects.get(name="Palokan Partiolaiset ry")
    assert response.redirect_chain[-1][0] == profile(association, "en")
    assert association.status == Association.Status.DRAFT
    assert association.website == "https://partio.example.fi"
    assert association.founded_year == 1962 and association.accepts_new_members
    assert list(association.categories.all()) == [culture]
    assert Membership.objects.get(association=association).user == creator
    assert "Draft: only the editors see this." in response.content.decode()
    assert "The draft was saved." in " ".join(messages_of(response))

    client.logout()
    assert client.get(profile(association)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(profile(association)).status_code == 404
    client.force_login(liaison)
    assert client.get(profile(association)).status_code == 200


def test_save_and_send_for_review_makes_the_listing_wait_for_the_liaison(client):
    client.force_login(UserFactory())
    response = client.post(url("create", lang="en"), {**NEW_LISTING, "submit": ""}, follow=True)
    association = Association.objects.get(name="Palokan Partiolaiset ry")
    assert association.status == Association.Status.PENDING
    assert association.submitted_at is not None
    assert "Waiting for the liaison's review." in response.content.decode()


def test_bad_input_is_a_400_that_keeps_what_was_typed(client):
    client.force_login(UserFactory())
    response = client.post(
        url("create", lang="en"),
        {"name": "", "business_id": "1234567-1", "description": "Tekstini <b>tässä</b>"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please correct the marked fields." in page
    assert "This field is required." in page
    assert 'value="1234567-1"' in page
    assert "Tekstini &lt;b&gt;tässä&lt;/b&gt;" in page
    assert not Association.objects.exists()


def test_an_edit_with_errors_keeps_the_saved_name_in_the_heading(client, choir, owner):
    client.force_login(owner)
    response = client.post(
        url("edit", choir, "en"),
        {"name": "Uusi Nimi ry", "email": "ei-osoite", "version": choir.version},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>Edit Kuokkalan Kuoro ry</h1>" in page
    assert 'value="Uusi Nimi ry"' in page


def test_a_chosen_logo_must_be_chosen_again_after_an_error(client, media_root):
    client.force_login(UserFactory())
    response = client.post(url("create", lang="en"), {"name": "", "logo": png()})
    assert response.status_code == 400
    assert "The logo you chose was not saved: choose the file again." in response.content.decode()


def test_a_logo_chosen_on_creation_is_saved_re_encoded(client, media_root):
    client.force_login(UserFactory())
    client.post(url("create"), {**NEW_LISTING, "logo": png()})
    association = Association.objects.get()
    assert association.logo.name.endswith(".webp")
    assert association.logo_small.name.endswith("-small.webp")


def test_a_file_that_is_not_an_image_is_refused_with_a_message(client, media_root):
    client.force_login(UserFactory())
    fake = SimpleUploadedFile("logo.jpg", b"<html>not a picture</html>", "image/jpeg")
    response = client.post(url("create", lang="en"), {**NEW_LISTING, "logo": fake})
    assert response.status_code == 400
    assert "The file is not a JPEG, PNG or WebP image." in response.content.decode()
    assert not Association.objects.exists()


def test_a_register_number_taken_by_another_association_is_refused(client):
    AssociationFactory(register_number="123456")
    client.force_login(UserFactory())
    response = client.post(url("create", lang="en"), {**NEW_LISTING, "register_number": "123.456"})
    assert response.status_code == 400
    assert "An association with this register number exists already." in (response.content.decode())


@pytest.mark.parametrize("name", ["New", "Invitations", "Export"])
def test_a_name_like_a_page_of_the_site_gets_another_address(client, name):
    client.force_login(UserFactory())
    client.post(url("create"), {**NEW_LISTING, "name": name})
    association = Association.objects.get(name=name)
    assert association.slug == f"{name.lower()}-2"
    assert client.get(profile(association)).status_code == 200


# --- sending for review and confirming -----------------------------------------------------


def test_editor_sends_a_draft_for_review(client, owner):
    association = AssociationFactory(status=Association.Status.DRAFT)
    MembershipFactory(association=association, user=owner)
    client.force_login(owner)
    response = client.post(url("submit", association, "en"), follow=True)
    association.refresh_from_db()
    assert association.status == Association.Status.PENDING
    assert "Sent for review." in " ".join(messages_of(response))


def test_sending_a_listing_that_waits_already_is_a_400_with_the_reason(client, owner):
    association = AssociationFactory(status=Association.Status.PENDING)
    MembershipFactory(association=association, user=owner)
    client.force_login(owner)
    response = client.post(url("submit", association, "en"))
    assert response.status_code == 400
    assert "Only a draft can be sent for review." in response.content.decode()


def test_submit_and_verify_accept_only_post(client, choir, owner):
    client.force_login(owner)
    assert client.get(url("submit", choir)).status_code == 405
    assert client.get(url("verify", choir)).status_code == 405


def test_information_is_still_correct_confirms_the_profile_today(client, choir, owner):
    choir.last_verified_at = date(2024, 1, 1)
    choir.verification_reminded_at = timezone.now()
    choir.save()
    client.force_login(owner)
    response = client.post(url("verify", choir, "en"), follow=True)
    choir.refresh_from_db()
    assert choir.last_verified_at == timezone.localdate()
    assert choir.verification_reminded_at is None
    assert "The information was confirmed as correct on" in " ".join(messages_of(response))
    assert not ModerationAction.objects.exists()  # an editor's confirmation is not the desk's
