"""Creating and editing listings are limited per account; liaisons edit without a limit."""

import pytest

from associations.models import Association, Membership
from tests.associations.conftest import url
from tests.associations.test_listing_creation import NEW_LISTING
from tests.associations.test_profile_editing import opened_form
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "listing_create": "2/h/user",
        "listing_edit": "2/h/user",
    }


def listing(number: int) -> dict:
    return {**NEW_LISTING, "name": f"Yhdistys {number} ry", "save": ""}


def test_creating_listings_is_limited_per_account_and_keeps_what_was_typed(client, low_limits):
    client.force_login(UserFactory())
    for number in (1, 2):
        assert client.post(url("create", lang="en"), listing(number)).status_code == 302

    response = client.post(url("create", lang="en"), listing(3))

    assert response.status_code == 429
    page = response.content.decode()
    assert "You have created many listings. Try again in an hour." in page
    assert 'value="Yhdistys 3 ry"' in page
    assert Association.objects.count() == 2


def test_the_create_limit_message_is_in_the_persons_language(client, low_limits):
    client.force_login(UserFactory())
    for number in (1, 2, 3):
        response = client.post(url("create", lang="fi"), listing(number))
    assert response.status_code == 429
    assert "Olet luonut monta ilmoitusta. Yritä uudelleen tunnin kuluttua." in (
        response.content.decode()
    )


def test_another_account_may_still_create_listings(client, low_limits):
    client.force_login(UserFactory())
    for number in (1, 2):
        client.post(url("create"), listing(number))
    client.force_login(UserFactory())
    assert client.post(url("create"), listing(3)).status_code == 302


def test_saving_edits_is_limited_per_account_and_keeps_what_was_typed(client, low_limits):
    association = AssociationFactory(name="Kuokkalan Kuoro ry")
    editor = UserFactory()
    MembershipFactory(association=association, user=editor, role=Membership.Role.OWNER)
    client.force_login(editor)
    for text in ("Ensimmäinen.", "Toinen."):
        data = {**opened_form(client, association), "description": text}
        assert client.post(url("edit", association, "en"), data).status_code == 302

    data = {**opened_form(client, association), "description": "Kolmas muutos."}
    response = client.post(url("edit", association, "en"), data)

    assert response.status_code == 429
    page = response.content.decode()
    assert "You have saved many changes. Try again in an hour." in page
    assert "Kolmas muutos." in page
    association.refresh_from_db()
    assert association.description == "Toinen."


def test_a_liaison_edits_without_a_limit(client, low_limits, liaison):
    association = AssociationFactory(name="Kuokkalan Kuoro ry")
    client.force_login(liaison)
    for number in range(4):
        data = {**opened_form(client, association), "description": f"Korjaus {number}."}
        assert client.post(url("edit", association), data).status_code == 302
    association.refresh_from_db()
    assert association.description == "Korjaus 3."
