"""The public profile page: the fields it shows, its schema.org JSON-LD, the liaison of
its district, the notice of out-of-date information, and profiles that are not found.

Text shown to visitors is checked on the English pages (/en/…), whose wording is the
source text itself; names and data are checked on the Finnish pages.
"""

import html
import json
import re
from datetime import date
from unittest import mock

import pytest
from django.utils import timezone

from associations.models import Association
from tests.associations.conftest import editor_of, name_change
from tests.factories import AssociationFactory, CompleteAssociationFactory, LiaisonContactFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


# --- The profile page ---------------------------------------------------------------


def _jsonld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert match, "the page has no JSON-LD"
    return json.loads(match.group(1))


@pytest.fixture
def choir(vocab):
    return CompleteAssociationFactory(
        name="Jyväskylän Kamarikuoro ry",
        alternate_name="Jyväskylä kammarkör rf",
        slug="jyvaskylan-kamarikuoro",
        register_number="123456",
        business_id="0737546-2",
        description="Kamarikuoro laulaa kirkoissa.\n\nHarjoitukset tiistaisin Kortepohjassa.",
        email="kuoro@kamarikuoro.example.fi",
        last_verified_at=date(2024, 3, 5),
        categories=[vocab["culture"]],
        districts=[vocab["centre"], vocab["palokka"]],
        target_groups=[vocab["youth"]],
        languages=[vocab["fi"], vocab["sv"]],
    )


def test_profile_shows_every_public_field(client, choir):
    response = client.get("/en/associations/jyvaskylan-kamarikuoro/")
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "<h1>Jyväskylän Kamarikuoro ry</h1>" in page
    for text in [
        "Jyväskylä kammarkör rf",
        "Kamarikuoro laulaa kirkoissa.",
        "Harjoitukset tiistaisin Kortepohjassa.",
        "Culture",
        "City centre, Palokka",
        "Young people",
        "Finnish",
        "Swedish",
        "1978",
        "42",
        "123.456",
        "0737546-2",
        "Accepts new members",
        "Seeks volunteers",
        'href="mailto:kuoro@kamarikuoro.example.fi"',
        'href="tel:0401234567"',
        "040 123 4567",
        'href="https://kamarikuoro.example.fi/"',
        'href="https://facebook.example.com/kamarikuoro"',
        'href="https://instagram.example.com/kamarikuoro"',
        "Kauppakatu 1, 40100 Jyväskylä",
        "Information last verified",
    ]:
        assert text in page, text
    assert f'src="{choir.logo.url}"' in page
    assert 'alt="Logo of Jyväskylän Kamarikuoro ry"' in page


def test_profile_shows_last_verified_date_in_finnish_format(client, choir):
    response = client.get("/associations/jyvaskylan-kamarikuoro/")
    assert "5.3.2024" in response.content.decode()


def test_profile_of_an_unverified_listing_says_so(client):
    AssociationFactory(slug="tuore", last_verified_at=None)
    response = client.get("/en/associations/tuore/")
    assert "Not yet verified" in response.content.decode()
    assert "may be out of date" not in response.content.decode()


def test_profile_of_an_unclaimed_listing_says_where_it_came_from(client):
    AssociationFactory(slug="rekisterista", is_claimed=False)
    response = client.get("/en/associations/rekisterista/")
    assert "comes from a public register" in response.content.decode()


def test_profile_shows_the_liaison_covering_its_district(client, choir, vocab):
    LiaisonContactFactory(name="Yleinen Yhdyshenkilö")
    district_liaison = LiaisonContactFactory(
        name="Pirjo Palokkalainen",
        title_en="Liaison for Palokka",
        phone="014 266 1234",
        email="pirjo.palokkalainen@kaupunki.example.fi",
    )
    district_liaison.districts.set([vocab["palokka"]])
    page = client.get("/en/associations/jyvaskylan-kamarikuoro/").content.decode()
    assert "Pirjo Palokkalainen" in page
    assert "Liaison for Palokka" in page
    assert 'href="tel:0142661234"' in page
    assert 'href="mailto:pirjo.palokkalainen@kaupunki.example.fi"' in page
    assert "Yleinen Yhdyshenkilö" not in page


def test_profile_falls_back_to_the_general_liaison(client):
    AssociationFactory(slug="kerho")
    LiaisonContactFactory(name="Yleinen Yhdyshenkilö")
    LiaisonContactFactory(name="Entinen Yhdyshenkilö", is_active=False)
    page = client.get("/en/associations/kerho/").content.decode()
    assert "Yleinen Yhdyshenkilö" in page
    assert "Entinen Yhdyshenkilö" not in page


def test_profile_has_schema_org_organization(client, choir):
    data = _jsonld(client.get("/associations/jyvaskylan-kamarikuoro/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Jyväskylän Kamarikuoro ry"
    assert data["alternateName"] == "Jyväskylä kammarkör rf"
    assert data["url"] == "http://testserver/associations/jyvaskylan-kamarikuoro/"
    assert data["email"] == "kuoro@kamarikuoro.example.fi"
    assert data["telephone"] == "040 123 4567"
    assert data["logo"] == f"http://testserver{choir.logo.url}"
    assert data["foundingDate"] == "1978"
    assert data["taxID"] == "0737546-2"
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "FI-PRO",
        "value": "0737546-2",
    }
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Kauppakatu 1",
        "postalCode": "40100",
        "addressLocality": "Jyväskylä",
        "addressCountry": "FI",
    }
    assert data["sameAs"] == [
        "https://kamarikuoro.example.fi/",
        "https://facebook.example.com/kamarikuoro",
        "https://instagram.example.com/kamarikuoro",
    ]
    assert data["keywords"] == "Kulttuuri"


def test_jsonld_lists_social_links_without_a_website(client):
    AssociationFactory(slug="somekerho", facebook_url="https://facebook.example.com/somekerho")
    data = _jsonld(client.get("/associations/somekerho/"))
    assert data["sameAs"] == ["https://facebook.example.com/somekerho"]


def test_jsonld_cannot_be_closed_by_the_text_it_carries(client):
    AssociationFactory(slug="hankala", name="Kerho </script><script>alert(1)</script> ry")
    response = client.get("/associations/hankala/")
    assert "<script>alert(1)" not in response.content.decode()
    assert _jsonld(response)["name"] == "Kerho </script><script>alert(1)</script> ry"


def test_minimal_profile_leaves_empty_fields_out(client):
    AssociationFactory(slug="niukka", email="", description="", last_verified_at=None)
    response = client.get("/en/associations/niukka/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "The association has not written a description yet." in page
    assert "No contact information given." in page
    data = _jsonld(response)
    assert "email" not in data and "description" not in data and "sameAs" not in data


@pytest.mark.parametrize(
    "status",
    [Association.Status.DRAFT, Association.Status.PENDING, Association.Status.HIDDEN],
)
def test_unpublished_profile_is_not_found(client, status):
    AssociationFactory(slug="piilossa", status=status)
    response = client.get("/associations/piilossa/")
    assert response.status_code == 404


def test_associations_with_the_same_name_get_their_own_addresses(client):
    first = AssociationFactory(name="Jyväskylän Mieskuoro ry", description="Ensimmäinen.")
    second = AssociationFactory(name="Jyväskylän Mieskuoro ry", description="Toinen.")
    assert first.slug == "jyvaskylan-mieskuoro-ry"
    assert second.slug == "jyvaskylan-mieskuoro-ry-2"
    assert "Toinen." in client.get(second.get_absolute_url()).content.decode()


def test_unknown_profile_is_not_found(client):
    assert client.get("/associations/ei-ole-olemassa/").status_code == 404


def _months_ago(months: int) -> date:
    today = timezone.localdate()
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, 28))


def test_profile_not_verified_for_19_months_may_be_out_of_date(client):
    AssociationFactory(slug="vanha", last_verified_at=_months_ago(19))
    page = client.get("/en/associations/vanha/").content.decode()
    assert "Some of it may be out of date." in page


def test_profile_sent_for_review_does_not_say_it_may_be_out_of_date(client):
    listing = AssociationFactory(
        slug="palaava",
        status=Association.Status.PENDING,
        last_verified_at=_months_ago(20),
    )
    client.force_login(editor_of(listing))
    response = client.get("/en/associations/palaava/")
    assert response.status_code == 200
    assert "may be out of date" not in response.content.decode()


def test_editor_who_sent_changes_for_review_is_not_told_the_profile_may_be_out_of_date(client):
    stale = AssociationFactory(slug="vanha", last_verified_at=_months_ago(20))
    change = name_change(stale, new_name="Vanha Seura ry")
    client.force_login(change.user)
    assert "may be out of date" not in client.get("/en/associations/vanha/").content.decode()
    # Residents still read the old information, and are told so.
    client.logout()
    assert "may be out of date" in client.get("/en/associations/vanha/").content.decode()


def test_profile_verified_17_months_ago_has_no_notice(client):
    AssociationFactory(slug="tuore", last_verified_at=_months_ago(17))
    page = client.get("/en/associations/tuore/").content.decode()
    assert "may be out of date" not in page


@pytest.mark.parametrize(
    ("verified", "overdue"),
    [
        (date(2024, 12, 14), True),
        (date(2024, 12, 15), True),  # exactly 18 months
        (date(2024, 12, 16), False),
        (date(2025, 1, 15), False),
        (date(2024, 8, 31), True),
    ],
)
def test_verification_is_overdue_after_18_months(verified, overdue):
    with mock.patch(
        "associations.models.directory.timezone.localdate", return_value=date(2026, 6, 15)
    ):
        assert Association(last_verified_at=verified).verification_overdue is overdue


def test_profile_query_count_is_bounded(client, choir, vocab, django_assert_max_num_queries):
    LiaisonContactFactory().districts.set([vocab["palokka"]])
    client.get("/associations/jyvaskylan-kamarikuoro/")  # warm the site configuration cache
    # One of them is the association's grant history (grants/sections.py).
    with django_assert_max_num_queries(9):
        response = client.get("/associations/jyvaskylan-kamarikuoro/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_identifiers_are_stored_in_one_spelling():
    from associations.models import Association

    association = AssociationFactory(business_id="07375462", register_number="123.456")
    association.refresh_from_db()
    assert association.business_id == "0737546-2"
    assert association.register_number == "123456"
    assert Association.objects.filter(business_id="0737546-2").exists()


@pytest.mark.django_db
def test_a_profile_without_a_street_address_shows_the_town_alone(client):
    association = AssociationFactory(street_address="", postal_code="", municipality="Jyväskylä")
    page = client.get(f"/en/associations/{association.slug}/").content.decode()
    assert "Address:</span> Jyväskylä</li>" in page
