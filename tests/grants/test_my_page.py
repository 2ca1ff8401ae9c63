"""My page lists the applications of the person's associations and the rounds open to them."""

import pytest
from django.urls import reverse

from tests.factories import (
    ApplicationFactory,
    AssociationFactory,
    CategoryFactory,
    GrantRoundFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db


def test_my_page_lists_applications_and_open_rounds(client, editor, association):
    applied = GrantRoundFactory(title_fi="Toiminta-avustukset 2026")
    ApplicationFactory(round=applied, association=association)
    GrantRoundFactory(title_fi="Kohdeavustukset 2026", slug="kohde")
    sport = GrantRoundFactory(title_fi="Liikunta-avustukset", slug="liikunta")
    sport.eligible_categories.set([CategoryFactory(slug="liikunta")])
    client.force_login(editor)
    page = client.get(reverse("my_page")).content.decode()
    assert "Toiminta-avustukset 2026" in page
    assert reverse("grants:apply", args=["kohde"]) in page
    assert reverse("grants:apply", args=["liikunta"]) not in page  # not for its field


def test_my_page_queries_are_bounded(client, editor, association, django_assert_max_num_queries):
    for _ in range(5):
        other = AssociationFactory()
        MembershipFactory(association=other, user=editor)
        ApplicationFactory(association=other, round=GrantRoundFactory())
    client.force_login(editor)
    client.get(reverse("my_page"))
    with django_assert_max_num_queries(40):
        response = client.get(reverse("my_page"))
    assert response.status_code == 200


def test_outsider_sees_no_grants_section(client, outsider):
    client.force_login(outsider)
    assert "my-grants-title" not in client.get(reverse("my_page")).content.decode()
