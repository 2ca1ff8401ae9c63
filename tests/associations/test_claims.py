"""Asking to take over a listing (a claim), as the person who asks sees it; the liaison's
decision is tested in test_desk_decisions.py."""

import pytest

from associations.models import Association, Claim
from tests.associations.conftest import url, url_login
from tests.factories import AssociationFactory, UserFactory

pytestmark = pytest.mark.django_db


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
