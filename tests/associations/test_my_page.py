"""My page (/my/): the associations a person edits, with status, role and links, and the
claims they have made."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from associations import workflows
from associations.models import Association, Claim
from tests.associations.conftest import url
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


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
