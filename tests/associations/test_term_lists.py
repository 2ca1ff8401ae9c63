"""The checkbox lists of terms: whole (no scroll box hides what is chosen), the chosen
terms first on the edit form, and districts in alphabetical order."""

import re

import pytest

from tests.associations.conftest import url
from tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


def district_labels(page: str) -> list[str]:
    group = re.search(r'id="id_districts_0".*?</fieldset>', page, re.S)[0]
    return re.findall(r'<label for="id_districts_\d+">([^<]*)</label>', group)


@pytest.fixture
def districts():
    # Stored in an order of their own ("ordering"), which is not the alphabet's.
    return [
        DistrictFactory(slug=slug, name_fi=name, ordering=n)
        for n, (slug, name) in enumerate(
            [("vaajakoski", "Vaajakoski"), ("ahvenisto", "Ahvenisto"), ("ayra", "Äyrä")]
        )
    ]


def test_the_edit_form_lists_the_chosen_district_first_then_the_rest_alphabetically(
    client, choir, owner, districts
):
    choir.districts.add(districts[2])
    client.force_login(owner)

    page = client.get(url("edit", choir)).content.decode()

    assert district_labels(page) == ["Äyrä", "Ahvenisto", "Vaajakoski"]
    assert re.search(
        r'<input type="checkbox" name="districts" value="\d+" id="id_districts_0" checked', page
    )
    assert "checkbox-scroll" not in page


def test_the_directory_filter_lists_districts_alphabetically(client, districts):
    page = client.get("/associations/").content.decode()
    labels = re.findall(r'<label for="id_district_\d+">([^<]*)</label>', page)
    assert labels == ["Ahvenisto", "Vaajakoski", "Äyrä"]  # ä after z, as in Finnish
