"""/events/month/: a month's calendar in the city's time, its neighbours, its filters,
and months that are not months."""

import html
import re

import pytest

from tests.events.public_data import local, occurrence_at
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def calendar_cells(response) -> dict[int, list[str]]:
    """The day numbers of the month's table (not the neighbours' days) and their events."""
    page = html.unescape(response.content.decode())
    table = page.split('<table class="month-table">')[1].split("</table>")[0]
    cells = {}
    for cell in re.findall(r'<td class="( has-events)?">(.*?)</td>', table, re.S):
        number = re.search(r'<span class="day-number">(?:<a [^>]+>)?(\d+)', cell[1]).group(1)
        cells[int(number)] = re.findall(r'/">\d+[.:]\d+ ([^<]+)</a>', cell[1])
    return cells


def test_the_month_shows_its_events_on_their_days(client):
    occurrence_at(local(2026, 11, 19, 17, 0), title_fi="Iltakahvit")
    occurrence_at(local(2026, 12, 1, 17, 0), title_fi="Joulukuussa")
    response = client.get("/events/month/?year=2026&month=11")
    assert response.status_code == 200
    cells = calendar_cells(response)
    assert cells[19] == ["Iltakahvit"]
    assert len(cells) == 30
    assert not any("Joulukuussa" in titles for titles in cells.values())
    page = html.unescape(response.content.decode())
    assert "<caption>marraskuu 2026</caption>" in page
    # The day links to the list of that day's events; the event to its page.
    assert "/events/?from=19.11.2026&amp;to=19.11.2026" in response.content.decode()


def test_late_evening_on_the_last_day_belongs_to_its_own_month(client):
    # 23:30 in Helsinki on 31 October is 21:30 UTC: still October here, across the DST change.
    occurrence_at(local(2026, 10, 31, 23, 30), title_fi="Yökahvit", hours=1)
    occurrence_at(local(2026, 11, 1, 0, 30), title_fi="Marraskuun alku", hours=1)
    october = calendar_cells(client.get("/events/month/?year=2026&month=10"))
    november = calendar_cells(client.get("/events/month/?year=2026&month=11"))
    assert october[31] == ["Yökahvit"]
    assert november[1] == ["Marraskuun alku"]
    assert "Yökahvit" not in sum(november.values(), [])


def test_the_day_clocks_change_shows_local_times(client):
    # 25.10.2026 the clocks go back: 03:30 happens after the change, at +02:00.
    occurrence_at(local(2026, 10, 25, 17, 0), title_fi="Syysilta")
    occurrence_at(local(2026, 3, 29, 17, 0), title_fi="Kevätilta")
    october = client.get("/events/month/?year=2026&month=10").content.decode()
    assert "17.00 Syysilta" in html.unescape(october)
    march = client.get("/events/month/?year=2026&month=3").content.decode()
    assert "17.00 Kevätilta" in html.unescape(march)


@pytest.mark.parametrize(
    ("query", "previous", "following"),
    [
        ("year=2026&month=1", "year=2025&amp;month=12", "year=2026&amp;month=2"),
        ("year=2026&month=12", "year=2026&amp;month=11", "year=2027&amp;month=1"),
    ],
)
def test_previous_and_next_cross_the_year(client, query, previous, following):
    page = client.get(f"/events/month/?{query}").content.decode()
    assert f'rel="prev" href="?{previous}"' in page
    assert f'rel="next" href="?{following}"' in page


def test_the_month_keeps_the_filters_in_its_links(client):
    music = CategoryFactory(slug="musiikki", name_fi="Musiikki")
    concert = occurrence_at(local(2026, 11, 5, 18, 0), title_fi="Konsertti")
    concert.series.categories.set([music])
    occurrence_at(local(2026, 11, 6, 18, 0), title_fi="Lenkki")
    response = client.get("/events/month/?year=2026&month=11&category=musiikki")
    cells = calendar_cells(response)
    assert cells[5] == ["Konsertti"] and cells[6] == []
    assert 'href="?year=2026&amp;month=12&amp;category=musiikki"' in response.content.decode()


@pytest.mark.parametrize(
    "query", ["year=abc", "month=13", "month=0", "year=1800&month=1", "year=99999999999999999999"]
)
def test_a_month_that_is_not_one_is_a_clear_400(client, query):
    response = client.get(f"/en/events/month/?{query}")
    assert response.status_code == 400
    assert "The month was not understood" in response.content.decode()


def test_the_month_has_a_list_of_days_for_phones(client):
    occurrence_at(local(2026, 11, 19, 17, 0), title_fi="Iltakahvit")
    page = html.unescape(client.get("/events/month/?year=2026&month=11").content.decode())
    day_list = page.split('<ol class="month-list">')[1].split("</ol>")[0]
    assert "torstai 19.11.2026" in day_list and "17.00 Iltakahvit" in day_list


def test_the_month_takes_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for day in range(1, 29):
        occurrence_at(local(2026, 2, day, 12, 0))
        occurrence_at(local(2026, 2, day, 18, 0))
    client.get("/events/month/?year=2026&month=2")
    with django_assert_max_num_queries(6):
        response = client.get("/events/month/?year=2026&month=2")
    assert sum(len(titles) for titles in calendar_cells(response).values()) == 56
