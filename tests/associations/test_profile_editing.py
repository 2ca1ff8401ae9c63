"""Editing a profile: what goes live and is recorded, what waits for the liaison (a new
name), the logo, two editors saving at once, and an editor of one association kept out of
another's pages."""

from datetime import timedelta

import pytest
from django import forms
from django.utils import timezone

from associations.models import Association, Membership, ProfileChange
from tests.associations.conftest import messages_of, png, url
from tests.factories import (
    AssociationFactory,
    CompleteAssociationFactory,
    DistrictFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


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
    client.post(url("edit", association), {**data, "phone": "040 555 1234", "submit": ""})
    association.refresh_from_db()
    assert association.status == Association.Status.PENDING
    assert association.phone == "040 555 1234"


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


@pytest.mark.parametrize(
    ("lang", "postal_code_error", "year_error"),
    [
        (
            "fi",
            "Kirjoita postinumero viitenä numerona, esimerkiksi 40100.",
            "Vuosi ei voi olla kuluvaa vuotta ({year}) myöhäisempi.",
        ),
        (
            "sv",
            "Ange postnumret med fem siffror, till exempel 40100.",
            "Året kan inte vara senare än i år ({year}).",
        ),
        (
            "en",
            "Enter the postal code as five digits, for example 40100.",
            "The year cannot be later than this year, {year}.",
        ),
    ],
)
def test_a_bad_postal_code_and_a_founding_year_in_the_future_are_refused(
    client, choir, owner, lang, postal_code_error, year_error
):
    this_year = timezone.localdate().year
    client.force_login(owner)
    data = opened_form(client, choir)
    response = client.post(
        url("edit", choir, lang), {**data, "postal_code": "401", "founded_year": this_year + 1}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert postal_code_error in page
    assert year_error.format(year=this_year) in page
    choir.refresh_from_db()
    assert (choir.postal_code, choir.founded_year) == ("", None)


def test_a_founding_year_of_this_year_is_saved(client, choir, owner):
    this_year = timezone.localdate().year
    client.force_login(owner)
    data = opened_form(client, choir)
    response = client.post(
        url("edit", choir), {**data, "postal_code": "00100", "founded_year": this_year}
    )
    assert response.status_code == 302
    choir.refresh_from_db()
    assert (choir.postal_code, choir.founded_year) == ("00100", this_year)


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
