"""How the directory lists what it finds: the sort orders, paging, the result count and
the empty state, the results fragment that live search swaps in, and the query count.

Text shown to visitors is checked on the English pages (/en/…), whose wording is the
source text itself; names and data are checked on the Finnish pages.
"""

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from associations.models import Association
from tests.factories import AssociationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


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


def test_results_fragment_with_an_unknown_filter_says_it_was_left_out(client):
    response = client.get("/en/associations/", {"category": "ei-ole", "fragment": "results"})
    assert response.status_code == 200
    assert "no longer exists, so it was left out: ei-ole" in response.content.decode()


def test_results_fragment_with_an_invalid_sort_is_a_400_with_the_message(client):
    response = client.get("/en/associations/", {"sort": "random", "fragment": "results"})
    assert response.status_code == 400
    assert "random is not one of the available choices" in response.content.decode()


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
