"""An association's grant history on its profile: its published grants in force, with a
link to the decisions page filtered by the association."""

import pytest
from django.urls import reverse

from tests.grants.decisions_data import decisions_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return decisions_world()


def test_the_profile_lists_the_associations_published_grants(client, world):
    response = client.get(world["choir"].get_absolute_url())
    assert response.status_code == 200
    text = response.text.replace("\xa0", " ").replace("\u202f", " ")
    section = text.split('id="association-grants-title"')[1].split("</section>")[0]
    assert "Toiminta 2024" in section and "2 500,00 €" in section
    # The correction in force, not the corrected decision, and nothing unpublished.
    assert "3 500,00 €" in section
    assert "3 000,00 €" not in section
    assert "999,00 €" not in section
    assert f"{reverse('grants:decisions')}?association=kamarikuoro" in section


def test_an_association_without_grants_shows_no_empty_section(client, world, association):
    response = client.get(association.get_absolute_url())
    assert response.status_code == 200
    assert "association-grants-title" not in response.text


def test_the_profile_reads_one_more_query_for_the_support_from_the_city(
    client, world, django_assert_max_num_queries
):
    url = world["choir"].get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
