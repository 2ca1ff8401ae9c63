"""The association editors' pages: profile tools, create, edit, send for review, confirm,
claim and report, as the people who use them see them."""

import io
import re
from datetime import date, timedelta

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from associations import workflows
from associations.models import (
    PROFILE_FIELDS,
    Association,
    Claim,
    Membership,
    ModerationAction,
    ProfileChange,
    Report,
)
from tests.factories import (
    AssociationFactory,
    CategoryFactory,
    CompleteAssociationFactory,
    DistrictFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def choir(owner):
    association = AssociationFactory(
        name="Kuokkalan Kuoro ry", description="Laulamme tiistaisin.", phone="040 111"
    )
    MembershipFactory(association=association, user=owner, role=Membership.Role.OWNER)
    return association


def url(name, association=None, lang="fi", **kwargs):
    """The page's path in `lang` (requests to /en/ leave English active: say which)."""
    if association is not None:
        kwargs["slug"] = association.slug
    with translation.override(lang):
        return reverse(f"associations:{name}", kwargs=kwargs)


def url_login():
    with translation.override("fi"):
        return reverse("account_login")


def profile(association, lang="fi"):
    return url("detail", association, lang)


def png(color="navy", size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def form_data(form) -> dict:
    """What a browser sends for the form as it is shown (without a file)."""
    data = {}
    for name, field in form.fields.items():
        if name in ("logo", "remove_logo"):
            continue
        value = form[name].value()
        if isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [str(v) for v in value or []]
        elif isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    return data


def opened_form(client, association) -> dict:
    response = client.get(url("edit", association))
    assert response.status_code == 200
    return form_data(response.context["form"])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


NEW_LISTING = {
    "name": "Palokan Partiolaiset ry",
    "description": "Partiota lapsille ja nuorille.",
    "email": "info@partio.example.fi",
    "website": "partio.example.fi",
    "founded_year": "1962",
    "accepts_new_members": "on",
}


# --- the profile page ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [Association.Status.DRAFT, Association.Status.PENDING, Association.Status.HIDDEN]
)
def test_unpublished_profile_is_seen_by_its_editors_and_liaisons_only(
    client, liaison, owner, status
):
    association = AssociationFactory(status=status)
    MembershipFactory(association=association, user=owner)
    assert client.get(profile(association)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(profile(association)).status_code == 404
    client.force_login(owner)
    assert client.get(profile(association)).status_code == 200
    client.force_login(liaison)
    assert client.get(profile(association)).status_code == 200


@pytest.mark.parametrize(
    ("status", "banner"),
    [
        (Association.Status.DRAFT, "Draft: only the editors see this."),
        (Association.Status.PENDING, "Waiting for the liaison's review."),
        (Association.Status.HIDDEN, "Hidden"),
    ],
)
def test_editor_sees_the_status_of_an_unpublished_profile(client, owner, status, banner):
    association = AssociationFactory(status=status)
    MembershipFactory(association=association, user=owner)
    client.force_login(owner)
    page = client.get(profile(association, "en")).content.decode()
    assert banner in page


def test_editor_sees_why_the_liaison_returned_the_listing(client, owner, liaison):
    association = AssociationFactory(status=Association.Status.PENDING)
    MembershipFactory(association=association, user=owner, role=Membership.Role.OWNER)
    workflows.association_reject(
        association=association, liaison=liaison, reason="Kuvaus puuttuu, lisää se."
    )
    client.force_login(owner)
    page = client.get(profile(association, "en")).content.decode()
    assert "The liaison returned the listing for fixing:" in page
    assert "Kuvaus puuttuu, lisää se." in page


def test_editor_sees_why_the_profile_was_hidden(client, choir, owner, liaison):
    workflows.association_hide(association=choir, liaison=liaison, reason="Vanhentunut.")
    client.force_login(owner)
    page = client.get(profile(choir, "en")).content.decode()
    assert "The liaison's reason for hiding it:" in page and "Vanhentunut." in page


def test_editor_has_links_to_edit_editors_and_send_a_draft_for_review(client, owner):
    association = AssociationFactory(status=Association.Status.DRAFT)
    MembershipFactory(association=association, user=owner)
    client.force_login(owner)
    page = client.get(profile(association, "en")).content.decode()
    assert f'href="{url("edit", association, "en")}"' in page
    assert f'href="{url("editors", association, "en")}"' in page
    assert f'action="{url("submit", association, "en")}"' in page
    assert "Information is still correct" not in page  # drafts are confirmed on approval


def test_published_profile_shows_its_editors_the_confirm_button_and_date(client, choir, owner):
    choir.last_verified_at = date(2025, 3, 4)
    choir.save()
    client.force_login(owner)
    page = client.get(profile(choir)).content.decode()
    assert f'action="{url("verify", choir)}"' in page
    assert "4.3.2025" in page
    assert f'action="{url("submit", choir)}"' not in page


def test_residents_do_not_see_the_editor_tools(client, choir):
    page = client.get(profile(choir)).content.decode()
    assert url("edit", choir) not in page
    assert url("verify", choir) not in page


def test_everyone_can_find_the_report_link(client, choir):
    page = client.get(profile(choir)).content.decode()
    assert f'href="{url("report", choir)}"' in page


def test_unclaimed_listing_invites_its_association_to_take_it_over(client):
    listing = AssociationFactory(is_claimed=False)
    client.force_login(UserFactory())
    page = client.get(profile(listing, "en")).content.decode()
    assert "Is this your association?" in page
    assert f'href="{url("claim", listing, "en")}"' in page


def test_claimed_listing_has_no_take_over_link(client, choir):
    choir.is_claimed = True
    choir.save()
    client.force_login(UserFactory())
    assert url("claim", choir) not in client.get(profile(choir)).content.decode()


def test_profile_with_several_editors_opens_for_a_logged_in_visitor(client, choir):
    # Published rows must not repeat once per editor for people who edit something.
    MembershipFactory(association=choir)
    MembershipFactory(association=choir)
    visitor = UserFactory()
    MembershipFactory(user=visitor)
    client.force_login(visitor)
    assert client.get(profile(choir)).status_code == 200


def test_editors_profile_page_query_count_is_bounded(
    client, choir, owner, django_assert_max_num_queries
):
    client.force_login(owner)
    client.get(profile(choir))
    with django_assert_max_num_queries(16):
        response = client.get(profile(choir))
    assert response.status_code == 200


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


# --- editing ---------------------------------------------------------------------------------


def test_edit_form_shows_the_profile_and_the_version_it_was_opened_at(client, choir, owner):
    client.force_login(owner)
    response = client.get(url("edit", choir))
    page = response.content.decode()
    assert 'value="Kuokkalan Kuoro ry"' in page
    assert "Laulamme tiistaisin." in page
    assert f'name="version" value="{choir.version}"' in page


def test_edit_of_a_published_profile_goes_live_and_records_each_field(client, choir, owner):
    client.force_login(owner)
    data = opened_form(client, choir)
    response = client.post(
        url("edit", choir, "en"),
        {**data, "description": "Laulamme keskiviikkoisin.", "phone": "040 222"},
        follow=True,
    )
    choir.refresh_from_db()
    assert choir.description == "Laulamme keskiviikkoisin."
    change = ProfileChange.objects.get()
    assert change.user == owner and change.to_published
    assert {c["field"]: (c["old"], c["new"]) for c in change.changes} == {
        "description": ("Laulamme tiistaisin.", "Laulamme keskiviikkoisin."),
        "phone": ("040 111", "040 222"),
    }
    assert "The changes are on the public profile now." in " ".join(messages_of(response))


def test_saving_an_unchanged_form_records_nothing(client, choir, owner):
    district = DistrictFactory(slug="palokka")
    choir.districts.set([district])
    client.force_login(owner)
    data = opened_form(client, choir)
    # Browsers send line breaks as CRLF.
    response = client.post(url("edit", choir, "en"), data, follow=True)
    assert "Nothing was changed." in " ".join(messages_of(response))
    assert not ProfileChange.objects.exists()


def test_line_breaks_from_the_browser_do_not_count_as_a_change(client, choir, owner):
    choir.description = "Rivi yksi.\nRivi kaksi."
    choir.save()
    client.force_login(owner)
    data = opened_form(client, choir)
    client.post(url("edit", choir), {**data, "description": "Rivi yksi.\r\nRivi kaksi."})
    assert not ProfileChange.objects.exists()


def test_new_name_of_a_published_profile_waits_for_the_liaison(client, choir, owner):
    client.force_login(owner)
    data = opened_form(client, choir)
    response = client.post(
        url("edit", choir, "en"),
        {**data, "name": "Kuokkalan Laulajat ry", "phone": "040 999"},
        follow=True,
    )
    choir.refresh_from_db()
    assert choir.name == "Kuokkalan Kuoro ry"
    assert choir.phone == "040 999"
    pending = ProfileChange.objects.pending().get()
    assert pending.changes[0]["new"] == "Kuokkalan Laulajat ry"
    text = " ".join(messages_of(response))
    assert "The changes are on the public profile now." in text
    assert "The new name waits for the liaison&#x27;s approval" in response.content.decode()
    assert "Waiting for the liaison's approval:" in response.content.decode()


def test_a_draft_is_renamed_at_once(client, owner):
    association = AssociationFactory(status=Association.Status.DRAFT, name="Vanha nimi ry")
    MembershipFactory(association=association, user=owner)
    client.force_login(owner)
    data = opened_form(client, association)
    client.post(url("edit", association), {**data, "name": "Uusi nimi ry"})
    association.refresh_from_db()
    assert association.name == "Uusi nimi ry"
    assert not ProfileChange.objects.pending().exists()


def test_save_and_send_from_the_edit_form_of_a_draft(client, owner):
    association = AssociationFactory(status=Association.Status.DRAFT)
    MembershipFactory(association=association, user=owner)
    client.force_login(owner)
    data = opened_form(client, association)
    client.post(url("edit", association), {**data, "phone": "040 5", "submit": ""})
    association.refresh_from_db()
    assert association.status == Association.Status.PENDING and association.phone == "040 5"


def test_a_liaison_edits_any_profile(client, choir, liaison):
    client.force_login(liaison)
    data = opened_form(client, choir)
    client.post(url("edit", choir), {**data, "name": "Korjattu nimi ry"})
    choir.refresh_from_db()
    assert choir.name == "Korjattu nimi ry"  # the liaison's own change needs no approval


def test_bad_input_on_edit_is_a_400_that_keeps_what_was_typed(client, choir, owner):
    client.force_login(owner)
    data = opened_form(client, choir)
    response = client.post(
        url("edit", choir, "en"),
        {**data, "member_count": "paljon", "description": "Uusi teksti jota ei saa hukata."},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a whole number." in page
    assert "Uusi teksti jota ei saa hukata." in page
    choir.refresh_from_db()
    assert choir.description == "Laulamme tiistaisin."


def test_edit_without_the_version_is_a_400(client, choir, owner):
    client.force_login(owner)
    data = opened_form(client, choir)
    del data["version"]
    response = client.post(url("edit", choir, "en"), data)
    assert response.status_code == 400
    assert "The form was incomplete. Open the edit page again." in response.content.decode()


def test_the_logo_can_be_replaced_and_removed(client, owner, media_root):
    association = CompleteAssociationFactory()
    MembershipFactory(association=association, user=owner)
    client.force_login(owner)
    data = opened_form(client, association)
    client.post(url("edit", association), {**data, "logo": png("red")})
    association.refresh_from_db()
    assert association.logo.name.endswith(".webp")
    page = client.get(url("edit", association, "en")).content.decode()
    assert 'name="remove_logo"' in page
    data = opened_form(client, association)
    client.post(url("edit", association), {**data, "remove_logo": "on"})
    association.refresh_from_db()
    assert not association.logo and not association.logo_small
    fields = [c.field_names for c in ProfileChange.objects.order_by("created_at")]
    assert fields == [["logo", "logo_small"], ["logo", "logo_small"]]


def test_two_editors_saving_at_once_lose_nothing(client, choir, owner):
    """Both open the form at version N. The first saves; the second is told, sees the first
    one's change, keeps what they typed, and saves again."""
    second = UserFactory(full_name="Toinen Toimittaja")
    MembershipFactory(association=choir, user=second)
    client.force_login(owner)
    first_form = opened_form(client, choir)
    client.force_login(second)
    second_form = opened_form(client, choir)

    client.force_login(owner)
    response = client.post(
        url("edit", choir), {**first_form, "description": "Laulamme nyt torstaisin."}
    )
    assert response.status_code == 302

    client.force_login(second)
    typed = {**second_form, "alternate_name": "Kuokkala kör rf", "member_count": "35"}
    response = client.post(url("edit", choir, "en"), typed)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this profile while you were editing" in page
    assert "Laulamme tiistaisin. → Laulamme nyt torstaisin." in page
    assert "Olli Omistaja" in page
    assert 'value="Kuokkala kör rf"' in page and 'value="35"' in page
    choir.refresh_from_db()
    assert f'name="version" value="{choir.version}"' in page
    # The second editor had not touched the description: the form now holds the new one,
    # so saving again does not undo it.
    assert "You had not changed this field: the form now has their value." in page
    assert choir.alternate_name == ""

    again = form_data(response.context["form"])
    assert client.post(url("edit", choir), again).status_code == 302
    choir.refresh_from_db()
    assert choir.description == "Laulamme nyt torstaisin."
    assert choir.alternate_name == "Kuokkala kör rf" and choir.member_count == 35


def test_a_field_both_editors_changed_keeps_the_second_ones_text_and_says_so(client, choir, owner):
    second = UserFactory()
    MembershipFactory(association=choir, user=second)
    client.force_login(owner)
    first_form = opened_form(client, choir)
    client.force_login(second)
    second_form = opened_form(client, choir)
    client.force_login(owner)
    client.post(url("edit", choir), {**first_form, "description": "Ensimmäisen teksti."})
    client.force_login(second)
    response = client.post(
        url("edit", choir, "en"), {**second_form, "description": "Toisen pitkä teksti."}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Toisen pitkä teksti." in page
    assert "You changed this field too: the form keeps your value." in page
    choir.refresh_from_db()
    assert choir.description == "Ensimmäisen teksti."


# --- claims ------------------------------------------------------------------------------------


def test_claiming_needs_an_account(client):
    listing = AssociationFactory(is_claimed=False)
    response = client.get(url("claim", listing))
    assert response.status_code == 302
    assert response["Location"].startswith(url_login())


def test_a_member_of_the_association_asks_to_take_over_the_listing(client):
    listing = AssociationFactory(is_claimed=False)
    claimant = UserFactory()
    client.force_login(claimant)
    response = client.post(
        url("claim", listing, "en"),
        {"position": "Puheenjohtaja", "message": "Valittu 2025 kevätkokouksessa."},
        follow=True,
    )
    claim = Claim.objects.get()
    assert (claim.user, claim.association, claim.status) == (
        claimant,
        listing,
        Claim.Status.PENDING,
    )
    assert claim.position == "Puheenjohtaja"
    page = response.content.decode()
    assert "You asked to take over this listing on" in page
    assert "The city&#x27;s liaison checks your request" in page


def test_a_second_claim_while_one_waits_is_refused(client):
    listing = AssociationFactory(is_claimed=False)
    claimant = UserFactory()
    Claim.objects.create(association=listing, user=claimant, position="Sihteeri")
    client.force_login(claimant)
    page = client.get(url("claim", listing, "en")).content.decode()
    assert "You have already asked to take over this listing." in page
    response = client.post(url("claim", listing, "en"), {"position": "Sihteeri"})
    assert response.status_code == 400
    assert Claim.objects.count() == 1


def test_an_editor_cannot_claim_their_own_listing(client, choir, owner):
    client.force_login(owner)
    response = client.post(url("claim", choir, "en"), {"position": "Puheenjohtaja"})
    assert response.status_code == 400
    assert "You are already an editor of this association." in response.content.decode()
    assert not Claim.objects.exists()


def test_a_listing_the_association_keeps_itself_cannot_be_claimed(client):
    kept = AssociationFactory(is_claimed=True)
    client.force_login(UserFactory())
    response = client.post(url("claim", kept, "en"), {"position": "Puheenjohtaja"})
    assert response.status_code == 400
    assert "Ask its editors to invite you." in response.content.decode()
    assert not Claim.objects.exists()


def test_claims_are_limited_per_account_and_keep_what_was_typed(client, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "claim": "2/h/user"}
    client.force_login(UserFactory())
    listings = [AssociationFactory(is_claimed=False) for _ in range(3)]
    for listing in listings[:2]:
        assert client.post(url("claim", listing, "en"), {"position": "Jäsen"}).status_code == 302
    response = client.post(
        url("claim", listings[2], "en"), {"position": "Jäsen", "message": "Kolmas pyyntö."}
    )
    assert response.status_code == 429
    assert "Try again in an hour." in response.content.decode()
    assert "Kolmas pyyntö." in response.content.decode()
    assert Claim.objects.count() == 2


def test_a_claim_without_a_position_is_a_400_that_keeps_the_message(client):
    listing = AssociationFactory(is_claimed=False)
    client.force_login(UserFactory())
    response = client.post(url("claim", listing, "en"), {"message": "Olen hallituksessa."})
    assert response.status_code == 400
    assert "Olen hallituksessa." in response.content.decode()
    assert not Claim.objects.exists()


def test_a_draft_of_others_cannot_be_claimed(client):
    draft = AssociationFactory(status=Association.Status.DRAFT)
    client.force_login(UserFactory())
    assert client.get(url("claim", draft)).status_code == 404


# --- reports -----------------------------------------------------------------------------------


REPORT = {"reason": "inactive", "message": "Yhdistys lopetti toimintansa 2023.", "contact": ""}


def test_anyone_can_report_a_listing(client, choir):
    response = client.post(url("report", choir, "en"), REPORT, follow=True)
    report = Report.objects.get()
    assert (report.association, report.reason, report.reporter) == (choir, "inactive", None)
    assert report.language == "en"
    assert response.redirect_chain[-1][0] == profile(choir, "en")
    assert "Thank you for the report." in " ".join(messages_of(response))


def test_report_form_lists_the_reasons(client, choir):
    page = client.get(url("report", choir, "en")).content.decode()
    for reason in Report.Reason:
        assert f'value="{reason.value}"' in page
    assert "---------" not in page


def test_a_report_that_fills_the_robot_trap_is_refused(client, choir):
    response = client.post(url("report", choir), {**REPORT, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_report_without_a_message_is_a_400(client, choir):
    response = client.post(url("report", choir, "en"), {**REPORT, "message": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_a_report_of_two_letters_is_a_400_asking_for_a_few_words(client, choir):
    response = client.post(url("report", choir, "en"), {**REPORT, "message": " hm \r\n"})
    assert response.status_code == 400
    assert "Please write a few words." in response.content.decode()
    assert not Report.objects.exists()


def test_reports_are_rate_limited_per_address_and_keep_the_text(client, choir, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "report": "2/10m/ip"}
    for _n in range(2):
        assert client.post(url("report", choir), REPORT).status_code == 302
    typed = {**REPORT, "message": "Kolmas ilmoitus, jonka teksti säilyy."}
    response = client.post(url("report", choir, "en"), typed)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Kolmas ilmoitus, jonka teksti säilyy." in page
    assert "Too many reports were sent from your address" in page
    assert Report.objects.count() == 2


def test_an_unpublished_listing_cannot_be_reported_by_outsiders(client):
    draft = AssociationFactory(status=Association.Status.DRAFT)
    assert client.get(url("report", draft)).status_code == 404


# --- one association's editor and another association ----------------------------------------


OTHER_PAGES = [
    ("edit", "get"),
    ("edit", "post"),
    ("verify", "post"),
    ("submit", "post"),
    ("editors", "get"),
    ("editors", "post"),
]


@pytest.mark.parametrize(("name", "method"), OTHER_PAGES)
def test_editor_of_one_association_cannot_touch_a_published_other(client, owner, name, method):
    other = AssociationFactory(name="Toinen yhdistys ry", phone="1")
    MembershipFactory(association=other, role=Membership.Role.OWNER)
    MembershipFactory(user=owner, role=Membership.Role.OWNER)
    client.force_login(owner)
    response = getattr(client, method)(
        url(name, other), {"name": "Kaapattu", "email": "x@example.fi"}
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.name == "Toinen yhdistys ry"
    assert other.last_verified_at != timezone.localdate() - timedelta(days=1)


@pytest.mark.parametrize(("name", "method"), OTHER_PAGES)
def test_editor_of_one_association_does_not_even_see_a_draft_of_another(
    client, owner, name, method
):
    other = AssociationFactory(status=Association.Status.DRAFT)
    MembershipFactory(association=other, role=Membership.Role.OWNER)
    MembershipFactory(user=owner, role=Membership.Role.OWNER)
    client.force_login(owner)
    assert getattr(client, method)(url(name, other)).status_code == 404


def test_an_editors_remove_and_hand_over_do_not_reach_another_associations_editors(
    client, choir, owner
):
    elsewhere = MembershipFactory(role=Membership.Role.OWNER)
    client.force_login(owner)
    for name in ("editor_remove", "owner_transfer"):
        response = client.post(url(name, choir, pk=elsewhere.pk))
        assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk, role=Membership.Role.OWNER).exists()


# --- my page ------------------------------------------------------------------------------


def test_my_page_lists_my_associations_with_status_role_and_links(client, owner, choir, liaison):
    draft = AssociationFactory(name="Aamukuoro ry", status=Association.Status.PENDING)
    MembershipFactory(association=draft, user=owner)
    workflows.association_reject(association=draft, liaison=liaison, reason="Lisää kuvaus.")
    client.force_login(owner)
    page = client.get("/en/my/").content.decode()
    assert "My associations" in page
    assert "Kuokkalan Kuoro ry" in page and "Aamukuoro ry" in page
    assert "You: Owner" in page and "You: Editor" in page
    assert f'href="{url("edit", choir, "en")}"' in page
    assert f'href="{url("editors", draft, "en")}"' in page
    assert f'action="{url("submit", draft, "en")}"' in page
    assert f'action="{url("submit", choir, "en")}"' not in page
    assert "Lisää kuvaus." in page


def test_my_page_lists_my_pending_and_recently_decided_claims(client, liaison):
    claimant = UserFactory()
    waiting = Claim.objects.create(
        association=AssociationFactory(name="Odottava ry", is_claimed=False),
        user=claimant,
        position="Jäsen",
    )
    refused = Claim.objects.create(
        association=AssociationFactory(name="Hylätty ry", is_claimed=False),
        user=claimant,
        position="Jäsen",
    )
    workflows.claim_reject(claim=refused, liaison=liaison, reason="Et ole hallituksessa.")
    old = Claim.objects.create(
        association=AssociationFactory(name="Vanha ry", is_claimed=False),
        user=claimant,
        position="Jäsen",
        status=Claim.Status.APPROVED,
        decided_at=timezone.now() - timedelta(days=200),
    )
    client.force_login(claimant)
    page = client.get("/en/my/").content.decode()
    assert "My claims" in page
    assert waiting.association.name in page and "Waiting for the liaison" in page
    assert "Hylätty ry" in page and "Et ole hallituksessa." in page
    assert old.association.name not in page


def test_my_page_query_count_does_not_grow_with_associations(
    client, liaison, django_assert_max_num_queries
):
    person = UserFactory()
    client.force_login(person)

    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get("/my/").status_code == 200
        return len(captured.captured_queries)

    MembershipFactory(user=person)
    client.get("/my/")
    one = count_queries()
    for n in range(6):
        association = AssociationFactory(status=Association.Status.PENDING)
        MembershipFactory(user=person, association=association)
        if n % 2:
            workflows.association_reject(association=association, liaison=liaison, reason="Ei.")
        Claim.objects.create(
            association=AssociationFactory(is_claimed=False), user=person, position="Jäsen"
        )
    assert count_queries() == one
    with django_assert_max_num_queries(one):
        page = client.get("/en/my/").content.decode()
    assert len(re.findall(r'class="my-item"', page)) == 7 + 6
