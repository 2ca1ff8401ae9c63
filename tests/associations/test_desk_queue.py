"""The desk's queue (/moderation/): every kind of waiting item, the most urgent kinds
first and the oldest first within an urgency, filtered by kind and paged, and the log of
the decisions taken.

Pages are read in English (/en/…), whose wording is the source text itself.
"""

import re

import pytest

from associations import workflows
from associations.models import Association
from associations.models.directory import months_ago
from tests.associations.conftest import (
    claim_for,
    en,
    name_change,
    page_text,
    pending_listing,
    report_on,
    stale_profile,
)
from tests.factories import AssociationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


# --- the queue -------------------------------------------------------------------------------


def test_queue_lists_reports_and_listings_first_stale_profiles_last(client, liaison):
    listing = pending_listing("Uusi Kuoro ry", submitted_days_ago=3)
    claimed = AssociationFactory(name="Vanha Kerho ry")
    claim_for(claimed, days_ago=10)
    reported = AssociationFactory(name="Hiljainen Seura ry")
    report_on(reported, days_ago=1)
    renamed = AssociationFactory(name="Nimeltään Vanha ry")
    name_change(renamed, days_ago=5)
    # Stale since about 60 days ago: confirmed 18 months and two months ago.
    stale = stale_profile("Unohtunut Yhdistys ry", months=20)

    client.force_login(liaison)
    response = client.get(en("moderation:queue"))
    assert response.status_code == 200
    rows = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a>', response.content.decode())
    assert [name for _url, name in rows] == [
        "Uusi Kuoro ry",  # reports and new listings, oldest first
        "Hiljainen Seura ry",
        "Vanha Kerho ry",  # claims and changes, oldest first
        "Nimeltään Vanha ry",
        "Unohtunut Yhdistys ry",  # stale profiles last, though stale the longest
    ]
    assert rows[0][0] == en("moderation:association", pk=listing.pk)
    assert rows[4][0] == en("moderation:association", pk=stale.pk)
    text = page_text(response)
    assert "5 items wait for a decision, the most urgent first" in text
    for label in ("New listings 1", "Claims 1", "Reports 1", "Name and ID changes 1"):
        assert label in text
    assert "Stale profiles 1" in text


def test_queue_filters_by_kind(client, liaison):
    pending_listing("Uusi Kuoro ry")
    report_on(AssociationFactory(name="Hiljainen Seura ry"))
    client.force_login(liaison)
    response = client.get(en("moderation:queue"), {"kind": "report"})
    assert "Hiljainen Seura ry" in page_text(response)
    assert "Uusi Kuoro ry" not in page_text(response)
    assert 'aria-current="page">Reports' in response.content.decode()


def test_queue_with_an_unknown_kind_says_so_and_shows_all(client, liaison):
    pending_listing("Uusi Kuoro ry")
    client.force_login(liaison)
    response = client.get(en("moderation:queue"), {"kind": "spam"})
    assert response.status_code == 400
    assert "There is no such kind of item." in page_text(response)
    assert "Uusi Kuoro ry" in page_text(response)


def test_empty_queue_says_nothing_waits(client, liaison):
    client.force_login(liaison)
    assert "Nothing waits" in page_text(client.get(en("moderation:queue")))


def test_queue_pages_continue_in_order_across_kinds(client, liaison):
    for n in range(20):
        pending_listing(f"Listaus {n:02d} ry", submitted_days_ago=40 - 2 * n)
        claim_for(AssociationFactory(name=f"Vaatimus {n:02d} ry"), days_ago=39 - 2 * n)
    client.force_login(liaison)
    names = []
    for page in (1, 2):
        response = client.get(en("moderation:queue"), {"page": page})
        names += re.findall(
            r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.content.decode()
        )
    # The new listings come before the claims, each oldest first.
    expected = [f"Listaus {n:02d} ry" for n in range(20)] + [
        f"Vaatimus {n:02d} ry" for n in range(20)
    ]
    assert names == expected


def test_many_stale_profiles_leave_reports_claims_and_listings_on_page_one(client, liaison):
    Association.objects.bulk_create(
        [
            Association(
                name=f"Vanha {n:02d} ry",
                slug=f"vanha-{n}",
                status=Association.Status.PUBLISHED,
                last_verified_at=months_ago(40 + n),
            )
            for n in range(40)
        ]
    )
    name_change(AssociationFactory(name="Vanha Nimi ry"), days_ago=1)
    claim_for(AssociationFactory(name="Vaadittu ry"), days_ago=2)
    pending_listing("Uusi Kuoro ry", submitted_days_ago=1)
    report_on(AssociationFactory(name="Ilmoitettu ry"), days_ago=3)
    client.force_login(liaison)
    response = client.get(en("moderation:queue"))
    names = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.content.decode())
    assert names[:4] == ["Ilmoitettu ry", "Uusi Kuoro ry", "Vaadittu ry", "Vanha Nimi ry"]
    # The stale profiles fill the rest of the page, the one stale longest first.
    assert names[4:6] == ["Vanha 39 ry", "Vanha 38 ry"]
    assert len(names) == 25


def test_queue_counts_each_kind_at_the_top_with_a_link_to_it(client, liaison):
    for n in range(3):
        report_on(AssociationFactory(), days_ago=n)
    pending_listing("Uusi Kuoro ry")
    stale_profile("Unohtunut Yhdistys ry", months=20)
    client.force_login(liaison)
    html = client.get(en("moderation:queue")).content.decode()
    links = re.findall(
        r'<a href="[^"]*\?kind=(\w+)">([^<]+) <span class="count">(\d+)</span>', html
    )
    assert links == [
        ("listing", "New listings", "1"),
        ("report", "Reports", "3"),
        ("event_report", "Reports on events", "0"),
        ("claim", "Claims", "0"),
        ("change", "Name and ID changes", "0"),
        ("stale", "Stale profiles", "1"),
        ("event", "New events by associations", "0"),
    ]
    assert html.index('class="kind-filter"') < html.index("<table")


def test_queue_query_count_does_not_grow_with_the_queue(
    client, liaison, django_assert_max_num_queries
):
    for n in range(30):
        pending_listing(f"Listaus {n} ry", submitted_days_ago=n + 1)
        association = AssociationFactory()
        claim_for(association, days_ago=n)
        report_on(association, days_ago=n)
        name_change(association)
    Association.objects.bulk_create(
        [
            Association(
                name=f"Vanha {n} ry",
                slug=f"vanha-{n}",
                status=Association.Status.PUBLISHED,
                last_verified_at=months_ago(30),
            )
            for n in range(300)
        ]
    )
    client.force_login(liaison)
    with django_assert_max_num_queries(18):
        response = client.get(en("moderation:queue"))
    assert response.status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(en("moderation:queue"), {"page": 5}).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(en("moderation:queue"), {"kind": "stale", "page": 3}).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(en("moderation:queue"), {"page": 14}).status_code == 200


# --- the log -------------------------------------------------------------------------------------


def test_log_lists_every_action_newest_first(client, liaison, django_assert_max_num_queries):
    for n in range(60):
        association = AssociationFactory(name=f"Seura {n:02d} ry")
        workflows.association_hide(association=association, liaison=liaison, reason=f"Syy {n}")
    client.force_login(liaison)
    # One of these is the check that staff use two-factor authentication; the header
    # counts each kind of the queue once.
    with django_assert_max_num_queries(14):
        response = client.get(en("moderation:log"))
    text = page_text(response)
    assert text.index("Seura 59 ry") < text.index("Seura 58 ry")
    assert "Syy 59" in text
    assert "Seura 05 ry" not in text  # on the second page
    with django_assert_max_num_queries(13):
        assert "Seura 05 ry" in page_text(client.get(en("moderation:log"), {"page": 2}))


@pytest.mark.parametrize(
    ("prefix", "months", "ending"),
    [("", "kuukautta", " sitten"), ("/sv", "månader", " sedan"), ("/en", "months", " ago")],
)
def test_queue_says_how_long_an_item_has_waited_without_a_stray_space(
    client, liaison, prefix, months, ending
):
    # Stale for about two months (Django's Finnish "kuukautta " ends in a space).
    stale_profile("Unohtunut Yhdistys ry", months=20)
    client.force_login(liaison)
    html = client.get(f"{prefix}/moderation/").content.decode()
    [age] = re.findall(r'<span class="age">([^<]*)</span>', html)
    assert f"\xa0{months}" in age
    assert age.endswith(ending)
    assert not re.search(r"\s,|\s\s", age), repr(age)
