"""What a newcomer asks first: when and where the association meets, how to join and
what membership costs. Editors keep them; the profile shows them."""

import pytest

from associations.models import ProfileChange
from tests.associations.conftest import url
from tests.associations.test_profile_editing import opened_form

pytestmark = pytest.mark.django_db


def test_an_editor_adds_the_joining_details_and_the_profile_shows_them(client, choir, owner):
    client.force_login(owner)
    data = opened_form(client, choir)
    data.update(
        meeting_info="Tiistaisin klo 18–20\nKuokkalan koulun salissa",
        how_to_join="Tule harjoituksiin kuuntelemaan.",
        membership_fee="20 € vuodessa",
    )

    response = client.post(url("edit", choir), data)

    assert response.status_code == 302
    change = ProfileChange.objects.get(association=choir)
    assert {row["field"] for row in change.changes} == {
        "meeting_info",
        "how_to_join",
        "membership_fee",
    }
    page = client.get(f"/en{choir.get_absolute_url()}").content.decode()
    assert "Joining in" in page
    assert "Tiistaisin klo 18–20<br>Kuokkalan koulun salissa" in page
    assert "20 € vuodessa" in page


def test_a_profile_without_joining_details_shows_no_empty_heading(client, choir):
    page = client.get(f"/en{choir.get_absolute_url()}").content.decode()
    assert "Joining in" not in page


def test_overlong_joining_details_are_refused_and_kept_in_the_form(client, choir, owner):
    client.force_login(owner)
    data = opened_form(client, choir)
    data["how_to_join"] = "Tule mukaan. " * 100  # 1,300 characters

    response = client.post(url("edit", choir), data)

    assert response.status_code == 400
    assert "Tule mukaan. Tule mukaan." in response.content.decode()
    choir.refresh_from_db()
    assert choir.how_to_join == ""
