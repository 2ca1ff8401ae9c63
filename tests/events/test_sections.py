"""What the events add to the home page, the main navigation and an association's profile."""

import html

import pytest
from django.utils import timezone

from tests.events.public_data import days_from_now
from tests.factories import AssociationFactory, LiaisonContactFactory

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_home_page_shows_the_next_events(client):
    for n in range(7):
        days_from_now(n + 1, title_fi=f"Tapahtuma numero {n}")
    cancelled = days_from_now(0.5, title_fi="Peruttu")
    cancelled.cancelled_at = timezone.now()
    cancelled.save()
    text = page_text(client.get("/en/"))
    assert "Coming events" in text
    assert "Tapahtuma numero 4" in text and "Tapahtuma numero 5" not in text
    assert "Peruttu" not in text
    assert 'href="/en/events/"' in text


def test_the_home_page_highlights_the_next_meeting_of_a_featured_series(client):
    first = days_from_now(20, title_fi="Iltakahvit", featured=True, registration_required=True)
    days_from_now(400, series=first.series)
    days_from_now(1, title_fi="Muu tapahtuma")
    text = page_text(client.get("/en/"))
    assert "Next Iltakahvit" in text
    assert f'href="/en/events/{first.series.slug}/{first.pk}/">Register for Iltakahvit' in text
    assert text.count("Next Iltakahvit") == 1


def test_the_home_page_says_when_nothing_is_coming(client):
    assert "No events are coming up." in page_text(client.get("/en/"))


def test_the_main_navigation_links_to_events(client):
    text = page_text(client.get("/en/events/"))
    assert '<a href="/en/events/" aria-current="page">Events</a>' in text


def test_a_profile_shows_the_associations_events_and_meetings(client):
    choir = AssociationFactory(name="Kamarikuoro ry", slug="kamarikuoro")
    own = days_from_now(5, title_fi="Kuoron konsertti", by_city=False)
    own.series.organisers.set([choir, AssociationFactory()])
    days_from_now(6, title_fi="Jonkun muun", by_city=False)
    met = days_from_now(-100, title_fi="Iltakahvit")
    met.closed_at = timezone.now()
    met.save()
    met.participating_associations.add(choir)
    text = page_text(client.get("/en/associations/kamarikuoro/"))
    assert "Kuoron konsertti" in text and "Jonkun muun" not in text
    assert "Meetings it took part in" in text and "Iltakahvit" in text
    assert 'href="/en/events/?organiser=kamarikuoro"' in text


def test_a_profile_without_events_shows_no_events_section(client):
    AssociationFactory(slug="hiljainen")
    assert "association-events-title" not in client.get("/associations/hiljainen/").content.decode()


def test_the_profile_with_events_takes_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    choir = AssociationFactory(slug="kamarikuoro")
    LiaisonContactFactory()
    for n in range(10):
        days_from_now(n + 1, by_city=False).series.organisers.set([choir])
        met = days_from_now(-n - 1)
        met.closed_at = timezone.now()
        met.save()
        met.participating_associations.add(choir)
    client.get("/associations/kamarikuoro/")
    with django_assert_max_num_queries(10):
        assert client.get("/associations/kamarikuoro/").status_code == 200
