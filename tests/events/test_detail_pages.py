"""The page of a series (memos, follow-ups by status) and of an occurrence (time, place,
places left, cancelled and moved notices, schema.org JSON-LD)."""

import html
import json
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from events.models import FollowUp, FollowUpNote, Registration
from tests.events.public_data import local, occurrence_at
from tests.factories import AssociationFactory, EventSeriesFactory

pytestmark = pytest.mark.django_db


def jsonld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert match, "the page has no JSON-LD"
    return json.loads(match.group(1))


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def choir():
    return AssociationFactory(name="Kamarikuoro ry", slug="kamarikuoro")


@pytest.fixture
def meeting(choir):
    series = EventSeriesFactory(
        slug="iltakahvit",
        title_fi="Iltakahvit",
        title_sv="Kvällskaffe",
        description_fi="Päättäjät ja yhdistykset.",
        capacity=40,
        registration_required=True,
        start_date=date(2030, 11, 21),
    )
    series.organisers.set([choir])
    return occurrence_at(local(2030, 11, 21, 17, 0), series=series, hours=2.5)


def url(occurrence) -> str:
    return f"/events/{occurrence.series.slug}/{occurrence.pk}/"


def test_the_occurrence_page_shows_when_where_who_and_places_left(client, meeting):
    for n in range(3):
        Registration.objects.create(
            occurrence=meeting,
            name=f"H{n}",
            email=f"h{n}@example.fi",
            status="confirmed",
            token_hash=f"{n}" * 64,
        )
    Registration.objects.create(
        occurrence=meeting, name="W", email="w@example.fi", status="waitlisted", token_hash="w" * 64
    )
    text = page_text(client.get(url(meeting)))
    assert "torstai 21.11.2030 17.00" in text
    assert "19.30" in text
    assert "2 tuntia 30 minuuttia" in text
    assert "Kaupungintalo, Vapaudenkatu 32, 40100 Jyväskylä" in text
    assert 'href="/associations/kamarikuoro/">Kamarikuoro ry</a>' in text
    assert "Jäljellä 37 / 40 paikkaa" in text
    assert 'aria-current="page">21.11.2030</li>' in text


def test_places_left_are_counted_in_one_query(client, meeting, django_assert_max_num_queries):
    client.get(url(meeting))
    with django_assert_max_num_queries(7):
        assert client.get(url(meeting)).status_code == 200


def test_a_cancelled_occurrence_says_so_with_its_reason(client, meeting):
    meeting.cancelled_at = timezone.now()
    meeting.cancel_reason = "Sali on remontissa."
    meeting.save()
    response = client.get("/en" + url(meeting))
    assert "This event is cancelled." in page_text(response)
    assert "Sali on remontissa." in page_text(response)
    assert jsonld(response)["eventStatus"] == "https://schema.org/EventCancelled"


def test_a_moved_occurrence_says_where_it_moved_from(client, meeting):
    meeting.start += timedelta(days=7)
    meeting.end += timedelta(days=7)
    meeting.save()
    response = client.get("/en" + url(meeting))
    assert "Moved from 11/21/2030 5 p.m." in page_text(response)
    data = jsonld(response)
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2030-11-21T17:00:00+02:00"
    assert data["startDate"] == "2030-11-28T17:00:00+02:00"


def test_jsonld_describes_the_event(client, meeting):
    meeting.series.by_city = True
    meeting.series.save()
    data = jsonld(client.get("/sv" + url(meeting)))
    assert data["@type"] == "Event"
    assert data["name"] == "Kvällskaffe"
    assert data["startDate"] == "2030-11-21T17:00:00+02:00"
    assert data["endDate"] == "2030-11-21T19:30:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["streetAddress"] == "Vapaudenkatu 32"
    assert data["location"]["address"]["postalCode"] == "40100"
    assert [o["name"] for o in data["organizer"]][1] == "Kamarikuoro ry"
    assert data["organizer"][1]["url"] == "http://testserver/sv/associations/kamarikuoro/"
    assert data["url"] == f"http://testserver/sv{url(meeting)}"
    assert data["maximumAttendeeCapacity"] == 40


def test_jsonld_of_a_summer_event_has_the_summer_offset(client):
    occurrence = occurrence_at(local(2030, 6, 12, 18, 0))
    assert jsonld(client.get(url(occurrence)))["startDate"] == "2030-06-12T18:00:00+03:00"


def test_jsonld_of_an_online_event_has_a_virtual_location(client):
    occurrence = occurrence_at(
        local(2030, 6, 12, 18, 0),
        place_name="",
        street_address="",
        online_url="https://meet.example.fi/x",
    )
    data = jsonld(client.get(url(occurrence)))
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.fi/x"}


def test_jsonld_cannot_be_closed_by_a_title(client):
    occurrence = occurrence_at(local(2030, 6, 12, 18, 0), title_fi="</script><script>alert(1)")
    page = client.get(url(occurrence)).content.decode()
    assert "</script><script>alert(1)" not in page
    assert jsonld(client.get(url(occurrence)))["name"] == "</script><script>alert(1)"


def test_open_graph_names_the_event(client, meeting):
    page = page_text(client.get(url(meeting)))
    assert '<meta property="og:title" content="Iltakahvit 21.11.2030 17.00">' in page


def test_the_series_page_lists_memos_newest_first_and_follow_ups_by_status(client, meeting):
    series = meeting.series
    first = occurrence_at(local(2018, 11, 21, 17, 0), series=series)
    second = occurrence_at(local(2019, 10, 31, 17, 0), series=series)
    for occurrence, memo in (
        (first, "<p>Ensimmäinen <strong>muistio</strong></p>"),
        (second, "<p>Toinen muistio</p>"),
    ):
        occurrence.closed_at = occurrence.end
        occurrence.memo = memo
        occurrence.save()
    grants = FollowUp.objects.create(
        occurrence=first, title="Avustusten avoimuus", responsible="Kulttuurijohtaja", status="done"
    )
    FollowUpNote.objects.create(
        follow_up=grants, status="in_progress", note="Selvitetään", date=date(2019, 1, 10)
    )
    FollowUpNote.objects.create(
        follow_up=grants, status="done", note="Päätökset julkisiksi", date=date(2019, 5, 2)
    )
    FollowUp.objects.create(occurrence=second, title="Tilojen käyttö", responsible="Tilapalvelut")
    text = page_text(client.get("/en/events/iltakahvit/"))
    assert text.index("Toinen muistio") < text.index("Ensimmäinen")
    assert "<strong>muistio</strong>" in text  # stored sanitised, shown as HTML
    assert (
        text.index("<h3>Open (1)</h3>")
        < text.index("Tilojen käyttö")
        < text.index("<h3>Done (1)</h3>")
    )
    assert "05/02/2019" in text
    assert "Päätökset julkisiksi" in text and "Selvitetään" not in text
    assert 'href="/en/associations/kamarikuoro/"' in text


def test_the_series_page_shows_its_coming_dates(client, meeting):
    text = page_text(client.get("/events/iltakahvit/"))
    assert "torstai 21.11.2030 17.00" in text
    assert "Kamarikuoro ry" in text
