"""/events/: upcoming occurrences first, the filters (alone, together, and with values
that are no good), past events with their memos, paging and the number of queries."""

import html
import re

import pytest
from django.utils import timezone

from tests.events.public_data import days_from_now
from tests.factories import AssociationFactory, CategoryFactory, DistrictFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    page = html.unescape(response.content.decode())
    return re.findall(r'class="result-title"><a href="[^"]+">([^<]+)</a>', page)


@pytest.fixture
def terms():
    return {
        "music": CategoryFactory(slug="musiikki", name_fi="Musiikki"),
        "sport": CategoryFactory(slug="liikunta", name_fi="Liikunta"),
        "centre": DistrictFactory(slug="keskusta", name_fi="Keskusta"),
        "palokka": DistrictFactory(slug="palokka", name_fi="Palokka"),
    }


@pytest.fixture
def choir():
    return AssociationFactory(name="Kamarikuoro ry", slug="kamarikuoro")


@pytest.fixture
def events(terms, choir):
    concert = days_from_now(3, title_fi="Joulukonsertti", title_sv="Julkonsert", by_city=False)
    concert.series.organisers.set([choir])
    concert.series.categories.set([terms["music"]])
    concert.series.districts.set([terms["centre"]])
    coffee = days_from_now(
        10, title_fi="Iltakahvit", audience="associations", by_city=True, slug="iltakahvit"
    )
    coffee.series.districts.set([terms["centre"]])
    run = days_from_now(1, title_fi="Palokan lenkki", by_city=False)
    run.series.categories.set([terms["sport"]])
    run.series.districts.set([terms["palokka"]])
    return {"concert": concert, "coffee": coffee, "run": run}


def test_upcoming_events_come_soonest_first(client, events):
    days_from_now(-2, title_fi="Mennyt tapahtuma")
    days_from_now(5, title_fi="Luonnos", status="draft")
    response = client.get("/events/")
    assert response.status_code == 200
    assert titles(response) == ["Palokan lenkki", "Joulukonsertti", "Iltakahvit"]


def test_an_event_going_on_now_is_still_upcoming(client):
    days_from_now(-1 / 24, title_fi="Käynnissä")  # started an hour ago, lasts two
    assert titles(client.get("/events/")) == ["Käynnissä"]


def test_a_cancelled_occurrence_is_listed_as_cancelled(client, events):
    events["run"].cancelled_at = timezone.now()
    events["run"].save()
    page = client.get("/en/events/").content.decode()
    assert "Palokan lenkki" in page
    assert "badge-cancelled" in page and "Cancelled" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=musiikki", ["Joulukonsertti"]),
        ("category=musiikki&category=liikunta", ["Palokan lenkki", "Joulukonsertti"]),
        ("district=keskusta", ["Joulukonsertti", "Iltakahvit"]),
        ("district=keskusta&category=musiikki", ["Joulukonsertti"]),
        ("organiser=city", ["Iltakahvit"]),
        ("organiser=kamarikuoro", ["Joulukonsertti"]),
        ("audience=associations", ["Iltakahvit"]),
        ("audience=everyone", ["Palokan lenkki", "Joulukonsertti"]),
        ("q=KONSERT", ["Joulukonsertti"]),
        ("q=kahvi&district=keskusta&organiser=city", ["Iltakahvit"]),
        ("q=kahvi&organiser=kamarikuoro", []),
    ],
)
def test_filters_narrow_the_list(client, events, query, expected):
    response = client.get(f"/events/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_words_are_matched_in_the_readers_language_too(client, events):
    assert titles(client.get("/sv/events/?q=julkonsert")) == ["Julkonsert"]
    assert titles(client.get("/events/?q=julkonsert")) == []


def test_date_range_takes_finnish_and_iso_dates(client, events):
    day = timezone.localdate(events["concert"].start)
    finnish = f"{day.day}.{day.month}.{day.year}"
    assert titles(client.get(f"/events/?from={finnish}&to={finnish}")) == ["Joulukonsertti"]
    assert titles(client.get(f"/events/?from={day.isoformat()}")) == [
        "Joulukonsertti",
        "Iltakahvit",
    ]
    assert titles(client.get(f"/events/?to={day.isoformat()}")) == [
        "Palokan lenkki",
        "Joulukonsertti",
    ]


def test_an_end_date_before_the_start_is_explained(client, events):
    response = client.get("/en/events/?from=10.12.2026&to=1.12.2026")
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()
    assert 'value="10.12.2026"' in response.content.decode()  # what was typed stays


def test_a_date_that_is_not_one_is_explained(client, events):
    response = client.get("/en/events/?from=31.2.2026")
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_unknown_terms_in_an_old_link_are_left_out_with_a_notice(client, events):
    response = client.get("/en/events/?category=musiikki&category=vanha&organiser=ei-ole")
    assert response.status_code == 200
    assert titles(response) == ["Joulukonsertti"]
    page = html.unescape(response.content.decode())
    assert "so they were left out: vanha, ei-ole." in page


def test_a_chip_removes_its_filter(client, events):
    page = client.get("/en/events/?category=musiikki&organiser=city").content.decode()
    assert 'href="?organiser=city"' in page  # the category's chip
    assert 'href="?category=musiikki"' in page  # the organiser's chip


def test_past_events_come_newest_first_with_a_link_to_their_memo(client):
    old = days_from_now(-30, title_fi="Vanha kokous", slug="vanha")
    old.closed_at = timezone.now()
    old.memo = "<p>Muistio</p>"
    old.save()
    days_from_now(-3, title_fi="Tuore kokous")
    days_from_now(3, title_fi="Tuleva kokous")
    response = client.get("/en/events/?when=past")
    assert titles(response) == ["Tuore kokous", "Vanha kokous"]
    assert f'href="/en/events/vanha/#memo-{old.pk}"' in response.content.decode()
    assert "Read the memo" in response.content.decode()


def test_the_list_is_paged_with_the_filters_kept(client, settings):
    settings.DIRECTORY_PAGE_SIZE = 3
    for n in range(7):
        days_from_now(n + 1, title_fi=f"Tapaaminen {n}", by_city=True)
    first = client.get("/events/?organiser=city")
    assert len(titles(first)) == 3
    assert 'href="?organiser=city&amp;page=2"' in first.content.decode()
    last = client.get("/events/?organiser=city&page=3")
    assert titles(last) == ["Tapaaminen 6"]


def test_the_list_takes_a_bounded_number_of_queries(
    client, terms, choir, django_assert_max_num_queries
):
    for n in range(40):
        occurrence = days_from_now(n + 1, by_city=n % 2 == 0)
        occurrence.series.organisers.set([choir, AssociationFactory()])
        occurrence.series.categories.set([terms["music"]])
    client.get("/events/")  # warm the site configuration cache
    with django_assert_max_num_queries(8):
        response = client.get("/events/?category=musiikki&district=keskusta&district=palokka")
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        response = client.get("/events/?page=2")
    assert len(titles(response)) == 20
