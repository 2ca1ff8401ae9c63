"""The directory page (filters, sorting, paging) and the public profile page.

Text shown to visitors is checked on the English pages (/en/…), whose wording is the
source text itself; names and data are checked on the Finnish pages.
"""

import html
import json
import re
from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from associations.models import Association
from tests.factories import (
    ActivityLanguageFactory,
    AssociationFactory,
    CategoryFactory,
    CompleteAssociationFactory,
    DistrictFactory,
    LiaisonContactFactory,
    TargetGroupFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def vocab():
    """The terms a Jyväskylä directory filters by."""
    return {
        "culture": CategoryFactory(slug="kulttuuri", name_fi="Kulttuuri", name_en="Culture"),
        "sports": CategoryFactory(slug="liikunta", name_fi="Liikunta", name_en="Sports"),
        "social": CategoryFactory(slug="sosiaali", name_fi="Sosiaaliala", name_en="Social"),
        "centre": DistrictFactory(slug="keskusta", name_fi="Keskusta", name_en="City centre"),
        "palokka": DistrictFactory(slug="palokka", name_fi="Palokka", name_en="Palokka"),
        "youth": TargetGroupFactory(slug="nuoret", name_fi="Nuoret", name_en="Young people"),
        "seniors": TargetGroupFactory(slug="ikaantyneet", name_fi="Ikääntyneet", name_en="Seniors"),
        "sv": ActivityLanguageFactory(slug="sv", name_fi="ruotsi", name_en="Swedish"),
        "fi": ActivityLanguageFactory(slug="fi", name_fi="suomi", name_en="Finnish"),
    }


@pytest.fixture
def directory(client, result_names):
    """Open the directory with some query parameters; return the listed names."""

    def run(params) -> list[str]:
        response = client.get("/associations/", params)
        assert response.status_code == 200, response.content.decode()[:500]
        return result_names(response)

    return run


# --- Filters ------------------------------------------------------------------------


def test_category_filter_lists_only_that_category(directory, vocab):
    AssociationFactory(name="Jyväskylän Mieskuoro ry", categories=[vocab["culture"]])
    AssociationFactory(name="Palokan Urheiluseura ry", categories=[vocab["sports"]])
    AssociationFactory(name="Kortepohjan Asukkaat ry")
    assert directory({"category": "kulttuuri"}) == ["Jyväskylän Mieskuoro ry"]


def test_two_categories_list_associations_in_either(directory, vocab):
    AssociationFactory(name="Jyväskylän Mieskuoro ry", categories=[vocab["culture"]])
    AssociationFactory(name="Palokan Urheiluseura ry", categories=[vocab["sports"]])
    AssociationFactory(name="Mielenterveysseura ry", categories=[vocab["social"]])
    assert directory({"category": ["kulttuuri", "liikunta"]}) == [
        "Jyväskylän Mieskuoro ry",
        "Palokan Urheiluseura ry",
    ]


def test_association_in_two_chosen_categories_is_listed_once(client, directory, vocab):
    AssociationFactory(
        name="Kulttuuri- ja liikuntaseura ry", categories=[vocab["culture"], vocab["sports"]]
    )
    assert directory({"category": ["kulttuuri", "liikunta"]}) == ["Kulttuuri- ja liikuntaseura ry"]
    response = client.get("/en/associations/", {"category": ["kulttuuri", "liikunta"]})
    assert "1 association" in response.content.decode()


def test_district_filter(directory, vocab):
    AssociationFactory(name="Palokan Urheiluseura ry", districts=[vocab["palokka"]])
    AssociationFactory(name="Keskustan Kuoro ry", districts=[vocab["centre"]])
    assert directory({"district": "palokka"}) == ["Palokan Urheiluseura ry"]


def test_two_districts_list_associations_in_either_once(directory, vocab):
    AssociationFactory(
        name="Koko kaupungin seura ry", districts=[vocab["palokka"], vocab["centre"]]
    )
    AssociationFactory(name="Palokan Urheiluseura ry", districts=[vocab["palokka"]])
    AssociationFactory(name="Vaajakosken Kuoro ry")
    assert directory({"district": ["palokka", "keskusta"]}) == [
        "Koko kaupungin seura ry",
        "Palokan Urheiluseura ry",
    ]


def test_language_filter(directory, vocab):
    AssociationFactory(name="Svenska klubben i Jyväskylä rf", languages=[vocab["sv"]])
    AssociationFactory(name="Jyväskylän Mieskuoro ry", languages=[vocab["fi"]])
    assert directory({"language": "sv"}) == ["Svenska klubben i Jyväskylä rf"]


def test_target_group_filter(directory, vocab):
    AssociationFactory(name="Nuorisoseura Ahjo ry", target_groups=[vocab["youth"]])
    AssociationFactory(name="Eläkeläiset Kortepohja ry", target_groups=[vocab["seniors"]])
    assert directory({"target_group": "ikaantyneet"}) == ["Eläkeläiset Kortepohja ry"]


def test_accepts_new_members_filter(directory):
    AssociationFactory(name="Avoin Kuoro ry", accepts_new_members=True)
    AssociationFactory(name="Suljettu Kerho ry", accepts_new_members=False)
    assert directory({"accepts_new_members": "on"}) == ["Avoin Kuoro ry"]


def test_seeks_volunteers_filter(directory):
    AssociationFactory(name="Ruoka-apu ry", seeks_volunteers=True)
    AssociationFactory(name="Shakkikerho ry", seeks_volunteers=False)
    assert directory({"seeks_volunteers": "on"}) == ["Ruoka-apu ry"]


def test_unticked_checkbox_does_not_filter(directory):
    AssociationFactory(name="Avoin Kuoro ry", accepts_new_members=True)
    AssociationFactory(name="Suljettu Kerho ry", accepts_new_members=False)
    assert directory({"q": "", "sort": "name"}) == ["Avoin Kuoro ry", "Suljettu Kerho ry"]


def test_filters_combine_with_and(directory, vocab):
    AssociationFactory(
        name="Palokan Kuoro ry",
        categories=[vocab["culture"]],
        districts=[vocab["palokka"]],
        accepts_new_members=True,
    )
    AssociationFactory(
        name="Keskustan Kuoro ry",
        categories=[vocab["culture"]],
        districts=[vocab["centre"]],
        accepts_new_members=True,
    )
    AssociationFactory(
        name="Palokan Urheiluseura ry",
        categories=[vocab["sports"]],
        districts=[vocab["palokka"]],
        accepts_new_members=True,
    )
    AssociationFactory(
        name="Palokan Kamarikuoro ry", categories=[vocab["culture"]], districts=[vocab["palokka"]]
    )
    params = {"category": "kulttuuri", "district": "palokka", "accepts_new_members": "on"}
    assert directory(params) == ["Palokan Kuoro ry"]


def test_or_within_a_filter_and_across_filters(directory, vocab):
    AssociationFactory(
        name="Palokan Kuoro ry", categories=[vocab["culture"]], districts=[vocab["palokka"]]
    )
    AssociationFactory(
        name="Palokan Urheiluseura ry", categories=[vocab["sports"]], districts=[vocab["palokka"]]
    )
    AssociationFactory(
        name="Keskustan Kuoro ry", categories=[vocab["culture"]], districts=[vocab["centre"]]
    )
    params = {"category": ["kulttuuri", "liikunta"], "district": "palokka"}
    assert directory(params) == ["Palokan Kuoro ry", "Palokan Urheiluseura ry"]


def test_search_words_and_filters_combine(directory, vocab):
    AssociationFactory(name="Palokan Kuoro ry", districts=[vocab["palokka"]])
    AssociationFactory(name="Keskustan Kuoro ry", districts=[vocab["centre"]])
    AssociationFactory(name="Palokan Urheiluseura ry", districts=[vocab["palokka"]])
    assert directory({"q": "kuoro", "district": "palokka"}) == ["Palokan Kuoro ry"]


def test_filter_choices_are_shown_with_the_chosen_ones_ticked(client, vocab):
    response = client.get("/en/associations/", {"category": "kulttuuri"})
    page = response.content.decode()
    assert "Culture" in page and "Sports" in page
    ticked = re.search(r'<input[^>]*value="kulttuuri"[^>]*>', page).group(0)
    assert "checked" in ticked
    unticked = re.search(r'<input[^>]*value="liikunta"[^>]*>', page).group(0)
    assert "checked" not in unticked


# --- Invalid values -----------------------------------------------------------------


def test_unknown_category_is_a_400_with_a_clear_message(client, vocab):
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    response = client.get("/en/associations/", {"q": "mieskuoro", "category": "ei-ole"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Some search values were not understood" in page
    assert "ei-ole is not one of the available choices" in page
    # What was typed in the search box stays there.
    assert re.search(r'<input type="search" name="q"[^>]*value="mieskuoro"', page)


def test_unknown_sort_is_a_400(client):
    response = client.get("/en/associations/", {"sort": "random"})
    assert response.status_code == 400
    assert "random is not one of the available choices" in response.content.decode()


def test_overlong_query_is_a_400_not_a_500(client):
    response = client.get("/en/associations/", {"q": "kuoro " * 50})
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


def test_typed_text_is_escaped_in_the_search_box(client):
    response = client.get("/associations/", {"q": '"><script>alert(1)</script>'})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


# --- Sorting ------------------------------------------------------------------------


def test_without_a_search_the_list_is_sorted_by_name_ignoring_case(directory):
    AssociationFactory(name="palokan Urheiluseura ry")
    AssociationFactory(name="Aallon Kuoro ry")
    AssociationFactory(name="Mieskuoro Sirkat ry")
    assert directory({}) == ["Aallon Kuoro ry", "Mieskuoro Sirkat ry", "palokan Urheiluseura ry"]


def test_search_is_sorted_by_relevance_by_default(directory):
    AssociationFactory(name="Asukasyhdistys Kortepohja ry", description="Meillä on myös kuoro.")
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    assert directory({"q": "kuoro"}) == ["Jyväskylän Mieskuoro ry", "Asukasyhdistys Kortepohja ry"]
    assert directory({"q": "kuoro", "sort": "relevance"})[0] == "Jyväskylän Mieskuoro ry"


def test_search_can_be_sorted_by_name(directory):
    AssociationFactory(name="Asukasyhdistys Kortepohja ry", description="Meillä on myös kuoro.")
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    assert directory({"q": "kuoro", "sort": "name"}) == [
        "Asukasyhdistys Kortepohja ry",
        "Jyväskylän Mieskuoro ry",
    ]


def test_relevance_without_a_search_falls_back_to_name(directory):
    AssociationFactory(name="Mieskuoro Sirkat ry")
    AssociationFactory(name="Aallon Kuoro ry")
    assert directory({"sort": "relevance"}) == ["Aallon Kuoro ry", "Mieskuoro Sirkat ry"]


def test_recently_updated_first(directory):
    now = timezone.now()
    for name, days_ago in [("Vanha ry", 300), ("Uusin ry", 1), ("Keskimmäinen ry", 30)]:
        association = AssociationFactory(name=name)
        Association.objects.filter(pk=association.pk).update(
            updated_at=now - timedelta(days=days_ago)
        )
    assert directory({"sort": "updated"}) == ["Uusin ry", "Keskimmäinen ry", "Vanha ry"]


# --- Paging and the result count ----------------------------------------------------


@pytest.fixture
def five_associations(settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for letter in "ABCDE":
        AssociationFactory(name=f"{letter}-kerho ry")


@pytest.mark.usefixtures("five_associations")
def test_page_two_continues_where_page_one_ended(directory):
    assert directory({}) == ["A-kerho ry", "B-kerho ry"]
    assert directory({"page": "2"}) == ["C-kerho ry", "D-kerho ry"]
    assert directory({"page": "3"}) == ["E-kerho ry"]


@pytest.mark.usefixtures("five_associations")
def test_page_beyond_the_last_shows_the_last_page(directory):
    assert directory({"page": "99"}) == ["E-kerho ry"]


@pytest.mark.usefixtures("five_associations")
@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("abc", ["A-kerho ry", "B-kerho ry"]),
        ("", ["A-kerho ry", "B-kerho ry"]),
        ("1.5", ["A-kerho ry", "B-kerho ry"]),
        ("0", ["E-kerho ry"]),  # out of range, like 99
        ("-1", ["E-kerho ry"]),
    ],
)
def test_page_that_is_not_a_page_number_shows_a_page_not_an_error(directory, page, shown):
    assert directory({"page": page}) == shown


@pytest.mark.usefixtures("five_associations")
def test_page_links_keep_the_search(client):
    response = client.get("/associations/", {"q": "kerho", "page": "2"})
    page = html.unescape(response.content.decode())
    assert 'href="?q=kerho&page=3" rel="next"' in page
    assert 'href="?q=kerho&page=1" rel="prev"' in page


@pytest.mark.usefixtures("five_associations")
def test_result_count_counts_every_page(client):
    response = client.get("/en/associations/")
    assert "5 associations" in response.content.decode()


def test_result_count_of_one_is_singular(client):
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    response = client.get("/en/associations/")
    assert re.search(r"\b1 association\b(?!s)", response.content.decode())


def test_empty_state_suggests_what_to_try(client, vocab):
    AssociationFactory(name="Jyväskylän Mieskuoro ry", categories=[vocab["culture"]])
    response = client.get("/en/associations/", {"q": "jääkiekko", "category": "kulttuuri"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "0 associations" in page
    assert "No associations found" in page
    assert "Remove some filters." in page
    assert "Download as CSV" not in page


def test_empty_state_without_filters_does_not_suggest_removing_them(client):
    response = client.get("/en/associations/", {"q": "jääkiekko"})
    assert "No associations found" in response.content.decode()
    assert "Remove some filters." not in response.content.decode()


def test_csv_link_carries_the_current_search(client):
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    response = client.get("/associations/", {"q": "kuoro", "page": "1"})
    assert 'href="/associations/export.csv?q=kuoro"' in response.content.decode()


# --- The results fragment for live search -------------------------------------------


def test_results_fragment_is_the_result_list_alone(client):
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    AssociationFactory(name="Palokan Urheiluseura ry")
    response = client.get("/associations/", {"q": "kuoro", "fragment": "results"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jyväskylän Mieskuoro ry" in page
    assert "Palokan Urheiluseura ry" not in page
    assert "<html" not in page and "<main" not in page and "<form" not in page


def test_results_fragment_links_lead_to_full_pages(client, settings):
    settings.DIRECTORY_PAGE_SIZE = 1
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    AssociationFactory(name="Halssilan Mieskuoro ry")
    response = client.get("/associations/", {"q": "mieskuoro", "fragment": "results"})
    page = html.unescape(response.content.decode())
    assert "page=2" in page
    # The fragment replaces the list on the full page; its links must open full pages.
    assert "fragment" not in page


def test_results_fragment_with_invalid_filter_is_a_400_with_the_message(client):
    response = client.get("/en/associations/", {"category": "ei-ole", "fragment": "results"})
    assert response.status_code == 400
    assert "ei-ole is not one of the available choices" in response.content.decode()


# --- Query counts -------------------------------------------------------------------


def _directory_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/associations/", params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "kuoro"}, {"category": ["kulttuuri", "liikunta"], "district": "palokka"}],
    ids=["all", "search", "filters"],
)
def test_directory_query_count_is_bounded_and_independent_of_rows(
    client, settings, vocab, django_assert_max_num_queries, params
):
    settings.DIRECTORY_PAGE_SIZE = 50  # every row is rendered

    def add(count: int) -> None:
        for _ in range(count):
            AssociationFactory(
                name=f"Kuoro {Association.objects.count()} ry",
                categories=[vocab["culture"], vocab["sports"], vocab["social"]],
                districts=[vocab["palokka"], vocab["centre"]],
                target_groups=[vocab["youth"]],
                languages=[vocab["fi"]],
            )

    add(5)
    client.get("/associations/")  # warm per-process caches (site configuration)
    # A word search adds a savepoint and planner settings around its count.
    with django_assert_max_num_queries(12):
        few = _directory_queries(client, params)
    add(35)
    with django_assert_max_num_queries(12):
        many = _directory_queries(client, params)
    assert few == many
    response = client.get("/en/associations/", params)
    assert "40 associations" in response.content.decode()


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


def test_swedish_directory_names_the_filters_in_swedish(client, vocab):
    vocab["culture"].name_sv = "Kultur"
    vocab["culture"].save()
    AssociationFactory(name="Jyväskylän Mieskuoro ry", categories=[vocab["culture"]])
    page = client.get("/sv/associations/").content.decode()
    assert '<li class="tag">Kultur</li>' in page


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
    with django_assert_max_num_queries(8):
        response = client.get("/associations/jyvaskylan-kamarikuoro/")
    assert response.status_code == 200


def test_null_character_in_the_search_is_a_400_not_a_500(client):
    response = client.get("/en/associations/", {"q": "kuoro\x00"})
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.parametrize("field", ["category", "district", "language", "target_group", "sort"])
def test_null_character_in_a_filter_is_a_400_not_a_500(client, field):
    response = client.get("/en/associations/", {field: "kulttuuri\x00"})
    assert response.status_code == 400


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
