import pytest
from django.urls import reverse

from tests.factories import EventSeriesFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db


def test_a_published_occurrence_has_a_page_with_its_title_and_place(client):
    occurrence = OccurrenceFactory(series__title_fi="Iltakahvit")
    response = client.get(
        reverse("events:occurrence", args=[occurrence.series.slug, occurrence.pk])
    )
    assert response.status_code == 200
    assert "Iltakahvit" in response.text
    assert "Vapaudenkatu 32" in response.text


def test_a_draft_series_is_not_found_by_residents(client):
    series = EventSeriesFactory(status="draft")
    assert client.get(reverse("events:series", args=[series.slug])).status_code == 404
