"""The profile page as an association's editors and others see it: who sees an unpublished
profile and its status, and which editor tools, claim and report links are shown to whom."""

from datetime import date

import pytest

from associations import workflows
from associations.models import Association, Membership
from tests.associations.conftest import profile, url
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


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
