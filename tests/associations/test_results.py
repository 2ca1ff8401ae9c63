"""Pages of search results: the capped count and the ranking tiers across pages."""

import pytest
from django.db.models import Q

from associations import results
from associations.models import Association
from tests.factories import AssociationFactory, CategoryFactory, DistrictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked_names():
    """Name-word matches, compound-part matches and description-only matches of 'seura'."""
    AssociationFactory(name="Aamun Kuntoilijat ry", description="Seura järjestää lenkkejä.")
    AssociationFactory(name="Bändikerho ry", description="Toimimme kuin seura.")
    AssociationFactory(name="Palokan Urheiluseura ry")
    AssociationFactory(name="Keuruun Tanssiseura ry")
    AssociationFactory(name="Seura Kiri ry")
    AssociationFactory(name="Vaajakosken Seura ry")
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    return [
        "Seura Kiri ry",
        "Vaajakosken Seura ry",
        "Keuruun Tanssiseura ry",
        "Palokan Urheiluseura ry",
        "Aamun Kuntoilijat ry",
        "Bändikerho ry",
    ]


def test_relevance_order_runs_through_the_tiers(client, result_names, ranked_names):
    response = client.get("/associations/", {"q": "seura"})
    assert result_names(response) == ranked_names


def test_tiers_continue_across_page_boundaries(client, settings, result_names, ranked_names):
    settings.DIRECTORY_PAGE_SIZE = 4
    first = client.get("/associations/", {"q": "seura"})
    second = client.get("/associations/", {"q": "seura", "page": 2})
    assert result_names(first) + result_names(second) == ranked_names


def test_count_above_the_cap_says_over(client, monkeypatch, settings, result_names):
    monkeypatch.setattr(results, "COUNT_CAP", 5)
    settings.DIRECTORY_PAGE_SIZE = 2
    for n in range(8):
        AssociationFactory(name=f"Kuoro {n} ry")
    response = client.get("/en/associations/", {"q": "kuoro"})
    text = response.content.decode()
    assert "Over 5 associations" in text
    assert "narrow the search" in text
    # Pages go as far as the cap: three pages of two, the last with one.
    last = client.get("/en/associations/", {"q": "kuoro", "page": 3})
    assert len(result_names(last)) == 1


def test_count_at_the_cap_is_exact(client, monkeypatch):
    monkeypatch.setattr(results, "COUNT_CAP", 5)
    for n in range(5):
        AssociationFactory(name=f"Kuoro {n} ry")
    response = client.get("/en/associations/", {"q": "kuoro"})
    assert "5 associations" in response.content.decode()
    assert "Over" not in response.content.decode()


def test_api_says_when_the_count_is_capped(client, monkeypatch):
    monkeypatch.setattr(results, "COUNT_CAP", 3)
    for word in ("Alfa", "Beeta", "Gamma", "Delta"):
        AssociationFactory(name=f"Kuoro {word} ry")
    data = client.get("/api/v1/associations", {"q": "kuoro"}).json()
    assert data["count"] == 3
    assert data["count_is_exact"] is False
    exact = client.get("/api/v1/associations", {"q": "kuoro gamma"}).json()
    assert exact["count"] == 1
    assert exact["count_is_exact"] is True


def test_search_sorted_by_name_ignores_tiers(client, result_names, ranked_names):
    response = client.get("/associations/", {"q": "seura", "sort": "name"})
    assert result_names(response) == sorted(ranked_names, key=str.lower)


def test_search_page_query_count_does_not_grow_with_page_size(
    client, settings, django_assert_max_num_queries
):
    for n in range(30):
        AssociationFactory(name=f"Urheiluseura {n} ry", description="Seura liikkuu.")
    settings.DIRECTORY_PAGE_SIZE = 5
    with django_assert_max_num_queries(14):
        client.get("/associations/", {"q": "seura"})
    settings.DIRECTORY_PAGE_SIZE = 30
    with django_assert_max_num_queries(14):
        client.get("/associations/", {"q": "seura"})


# The walk reads WALK_CHUNK rows or more at a time and hands sparse tiers to an index look-up
# after MAX_WALK rows; small numbers drive every path with a handful of associations. A
# search with at most RANK_AT_ONCE matches is ranked by the count's query instead, and one
# within filters that leave at most FILTERED_AT_ONCE rows by one query of its own: 0 turns
# each off, so that the walks are taken.
READING = pytest.mark.parametrize(
    "reading",
    [
        (2000, 20000, 0, 0),
        (1, 1, 0, 0),
        (2, 4, 0, 0),
        (3, 1000, 0, 0),
        (2000, 20000, results.COUNT_CAP, 0),
        (2000, 20000, 0, results.FILTERED_AT_ONCE),
    ],
    ids=[
        "one-chunk",
        "look-up-at-once",
        "walk-then-look-up",
        "walk-in-small-chunks",
        "ranked-with-the-count",
        "ranked-within-the-filters",
    ],
    indirect=True,
)


@pytest.fixture
def reading(request, monkeypatch):
    chunk, max_walk, at_once, within_filters = request.param
    monkeypatch.setattr(results, "WALK_CHUNK", chunk)
    monkeypatch.setattr(results, "MAX_WALK", max_walk)
    monkeypatch.setattr(results, "RANK_AT_ONCE", at_once)
    monkeypatch.setattr(results, "FILTERED_AT_ONCE", within_filters)


@READING
def test_every_way_of_reading_gives_the_same_pages(
    client, settings, result_names, ranked_names, reading
):
    AssociationFactory(name="Ääneseudun Kuoro ry")  # matches nothing; interleaves the walk
    settings.DIRECTORY_PAGE_SIZE = 4
    pages = [client.get("/associations/", {"q": "seura", "page": n}) for n in (1, 2)]
    assert result_names(pages[0]) + result_names(pages[1]) == ranked_names


@READING
def test_recently_updated_order_reads_the_same_in_every_way(
    client, settings, result_names, reading
):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    names = []
    for n in range(6):
        name = f"Seura {n} ry"
        AssociationFactory(name=name, updated_at=now - timedelta(days=n))
        AssociationFactory(name=f"Kerho {n} ry", updated_at=now - timedelta(days=n, hours=1))
        names.append(name)
    settings.DIRECTORY_PAGE_SIZE = 4
    pages = [
        client.get("/associations/", {"q": "seura", "sort": "updated", "page": n}) for n in (1, 2)
    ]
    assert result_names(pages[0]) + result_names(pages[1]) == names


def test_an_inflected_word_ranks_names_with_its_base_form_first(client, result_names):
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    AssociationFactory(name="Aamukuoro ry")
    AssociationFactory(name="Vaajakosken Kuoro ry")
    AssociationFactory(name="Laulu ry", description="Kuoron harjoitukset tiistaisin.")
    response = client.get("/associations/", {"q": "kuoron"})
    assert result_names(response) == [
        "Vaajakosken Kuoro ry",  # a word of the name is the lemma 'kuoro'
        "Aamukuoro ry",  # compounds, in name order
        "Jyväskylän Mieskuoro ry",
        "Laulu ry",  # the description only
    ]


@pytest.mark.parametrize(("matching", "expected_count"), [(5, "5 associations"), (8, "Over 6")])
def test_a_deep_page_reads_ahead_and_counts_without_a_count_query(
    client, settings, monkeypatch, result_names, matching, expected_count
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(results, "COUNT_CAP", 6)
    settings.DIRECTORY_PAGE_SIZE = 2
    names = sorted(f"Kuoro {chr(65 + n)} ry" for n in range(matching))
    for name in names:
        AssociationFactory(name=name)
    with CaptureQueriesContext(connection) as queries:
        deep = client.get("/en/associations/", {"q": "kuoro", "page": 2})
    assert expected_count in deep.content.decode()
    assert result_names(deep) == names[2:4]
    # The walks count the rows they read, alongside ARRAY_AGG; a count query does not.
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not [sql for sql in counts if "ARRAY_AGG" not in sql.upper()]
    shallow = client.get("/en/associations/", {"q": "kuoro", "page": 1})
    assert expected_count in shallow.content.decode()
    assert result_names(shallow) == names[:2]


@pytest.fixture
def filtered_names():
    """'seura' in every tier, each association in a different mix of the filters."""
    sport = CategoryFactory(slug="urheilu")
    centre = DistrictFactory(slug="keskusta")
    AssociationFactory(
        name="Seura Kiri ry", categories=[sport], districts=[centre], accepts_new_members=True
    )
    AssociationFactory(name="Vaajakosken Seura ry", categories=[sport])
    AssociationFactory(name="Keuruun Tanssiseura ry", categories=[sport], districts=[centre])
    AssociationFactory(name="Palokan Urheiluseura ry", districts=[centre], accepts_new_members=True)
    AssociationFactory(
        name="Aamun Kuntoilijat ry",
        description="Seura järjestää lenkkejä.",
        categories=[sport],
        districts=[centre],
        accepts_new_members=True,
    )
    AssociationFactory(
        name="Bändikerho ry", description="Toimimme kuin seura.", accepts_new_members=True
    )
    # Meets every filter but not the search; interleaves the walk.
    AssociationFactory(
        name="Ääneseudun Kuoro ry", categories=[sport], districts=[centre], accepts_new_members=True
    )
    return {
        "category": (
            {"category": "urheilu"},
            [
                "Seura Kiri ry",
                "Vaajakosken Seura ry",
                "Keuruun Tanssiseura ry",
                "Aamun Kuntoilijat ry",
            ],
        ),
        "category-and-district": (
            {"category": "urheilu", "district": "keskusta"},
            ["Seura Kiri ry", "Keuruun Tanssiseura ry", "Aamun Kuntoilijat ry"],
        ),
        "checkbox": (
            {"accepts_new_members": "1"},
            ["Seura Kiri ry", "Palokan Urheiluseura ry", "Aamun Kuntoilijat ry", "Bändikerho ry"],
        ),
        "category-and-checkbox": (
            {"category": "urheilu", "accepts_new_members": "1"},
            ["Seura Kiri ry", "Aamun Kuntoilijat ry"],
        ),
    }


@READING
@pytest.mark.parametrize(
    "filters", ["category", "category-and-district", "checkbox", "category-and-checkbox"]
)
def test_a_filtered_search_reads_the_same_in_every_way(
    client, settings, result_names, filtered_names, filters, reading
):
    params, expected = filtered_names[filters]
    settings.DIRECTORY_PAGE_SIZE = 2
    names = []
    for page in range(1, len(expected) // 2 + len(expected) % 2 + 1):
        names += result_names(client.get("/associations/", {"q": "seura", **params, "page": page}))
    assert names == expected


def test_walking_a_filtered_search_joins_no_other_table(client, monkeypatch, filtered_names):
    from django.db import connection

    monkeypatch.setattr(results, "RANK_AT_ONCE", 0)
    monkeypatch.setattr(results, "FILTERED_AT_ONCE", 0)
    from django.test.utils import CaptureQueriesContext

    params, expected = filtered_names["category-and-district"]
    with CaptureQueriesContext(connection) as queries:
        client.get("/associations/", {"q": "seura", **params})
    walks = [q["sql"] for q in queries.captured_queries if "ARRAY_AGG" in q["sql"].upper()]
    assert walks
    # A join would repeat a walked row once per linked term.
    assert not any("JOIN" in sql for sql in walks)
    # The filters' cheap array tests come before the search's own, which are dearer.
    for sql in walks:
        assert sql.index("search_category_ids") < sql.index("search_name") < sql.index("@@")


def test_a_search_with_few_matches_reads_every_page_with_its_count(client, filtered_names):
    """What the count found is ranked when that is all: no walk, no look-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    params, expected = filtered_names["category-and-district"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/associations/", {"q": "seura", **params})
    sql = [q["sql"] for q in queries.captured_queries]
    assert len([query for query in sql if "@@" in query]) == 1, sql
    assert not [query for query in sql if "ARRAY_AGG" in query.upper()]
    assert f"{len(expected)} associations" in response.content.decode()


@READING
def test_no_condition_at_all_lists_every_row_in_name_order(reading):
    for name in ("Kerho ry", "aamukuoro ry", "Seura ry"):
        AssociationFactory(name=name)
    rows = results.SearchResults(Association.objects.published(), where=Q(), tiers=[])
    assert rows.count() == 3  # as a page counts first
    assert [row.name for row in rows[0:3]] == ["aamukuoro ry", "Kerho ry", "Seura ry"]


@READING
def test_a_condition_nothing_can_meet_lists_nothing(reading):
    AssociationFactory(name="Seura ry")
    rows = results.SearchResults(Association.objects.published(), where=Q(pk__in=[]), tiers=[])
    assert rows[0:3] == []
    assert rows.count() == 0
    assert rows[0:3] == []


def test_compiled_sql_still_runs_as_the_queryset_does():
    """results.compiled_sql leans on Django's query internals: if an upgrade changes them,
    this test fails here, by name, before any search does."""
    from django.db import connection

    for name in ("Bravo ry", "Alfa ry", "Charlie ry"):
        AssociationFactory(name=name)
    queryset = Association.objects.published().order_by("name").values_list("name")[:2]
    sql, params = results.compiled_sql(queryset)
    assert isinstance(sql, str) and sql.lstrip().upper().startswith("SELECT")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) AS rows", params)  # noqa: S608
        assert cursor.fetchall() == [("Alfa ry",), ("Bravo ry",)]


def test_a_search_within_filters_that_leave_few_rows_counts_past_the_cap(
    client, monkeypatch, filtered_names
):
    """Filters that leave few rows are ranked whole: the count is exact even above the cap,
    where a search without them says 'over'."""
    monkeypatch.setattr(results, "COUNT_CAP", 2)
    params, expected = filtered_names["category"]
    assert len(expected) > 2
    within = client.get("/en/associations/", {"q": "seura", **params}).content.decode()
    assert f"{len(expected)} associations" in within
    assert "Over" not in within
    monkeypatch.setattr(results, "FILTERED_AT_ONCE", 0)
    walked = client.get("/en/associations/", {"q": "seura", **params}).content.decode()
    assert "Over 2 associations" in walked


def test_filters_that_leave_many_rows_are_not_ranked_whole(client, monkeypatch, filtered_names):
    """Above FILTERED_AT_ONCE rows (by the estimate) the walks read only what a page needs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(results, "RANK_AT_ONCE", 0)
    monkeypatch.setattr(results, "FILTERED_AT_ONCE", 0)
    params, expected = filtered_names["category"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/associations/", {"q": "seura", **params})
    assert any("ARRAY_AGG" in q["sql"].upper() for q in queries.captured_queries)
    monkeypatch.setattr(results, "FILTERED_AT_ONCE", 10**6)
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/associations/", {"q": "seura", **params})
    assert not any("ARRAY_AGG" in q["sql"].upper() for q in queries.captured_queries)
    assert response.content == again.content
