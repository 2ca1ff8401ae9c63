"""What a profile shows a resident first on a phone, and what a shared link previews:
contact details (the web address itself) before the register details, Open Graph tags;
and in the results, the mark of a listing the association has not taken over."""

import html
import re

import pytest

from tests.factories import AssociationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def choir():
    return AssociationFactory(
        name="Kuokkalan Kuoro ry",
        slug="kuokkalan-kuoro",
        description="Laulamme tiistaisin Kuokkalan koululla. " * 3,
        website="https://www.kuokkalankuoro.fi/",
        email="kuoro@example.fi",
        business_id="1234567-1",
    )


def og(page: str) -> dict[str, str]:
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'<meta property="og:([a-z:]+)" content="([^"]*)">', page)
    }


def test_a_shared_profile_link_previews_its_name_description_and_address(client, choir):
    page = client.get("/sv/associations/kuokkalan-kuoro/").content.decode()
    tags = og(page)
    assert tags["title"] == "Kuokkalan Kuoro ry"
    assert tags["description"].startswith("Laulamme tiistaisin")
    assert tags["url"] == "http://testserver/sv/associations/kuokkalan-kuoro/"
    assert tags["locale"] == "sv_FI"
    assert tags["type"] == "profile"
    assert "image" not in tags  # no logo, no picture


def test_the_web_address_is_shown_not_only_a_word(client, choir):
    page = client.get("/associations/kuokkalan-kuoro/").content.decode()
    assert (
        '<a href="https://www.kuokkalankuoro.fi/" rel="noopener">www.kuokkalankuoro.fi</a>' in page
    )


def test_contact_details_come_before_the_register_details(client, choir):
    page = client.get("/en/associations/kuokkalan-kuoro/").content.decode()
    assert page.index("kuoro@example.fi") < page.index("1234567-1")
    assert page.index("Contact") < page.index("Register details")


def test_a_listing_not_taken_over_is_marked_in_the_results(client, result_names):
    AssociationFactory(name="Palokan Seura ry", is_claimed=True)
    AssociationFactory(name="Palokan Seura ry", slug="palokan-seura-2", is_claimed=False)
    page = client.get("/en/associations/", {"q": "palokan"}).content.decode()
    assert page.count("the association has not taken it over") == 1
