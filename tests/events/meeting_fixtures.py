"""Meetings for the meetings' tests: one of `association` coming up, one held two days ago."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Registration
from tests.factories import OccurrenceFactory


@pytest.fixture
def meeting(association):
    """A published meeting a week from now, organised by `association`."""
    return OccurrenceFactory(
        series__by_city=False, series__organisers=[association], series__title_fi="Iltakahvit"
    )


@pytest.fixture
def past_meeting(association):
    return OccurrenceFactory(
        series__by_city=False,
        series__organisers=[association],
        series__title_fi="Iltakahvit",
        series__start_date=timezone.localdate() - timedelta(days=2),
    )


def register(
    occurrence, *, email="rita@example.fi", status=Registration.Status.CONFIRMED, **fields
):
    """A registration and the token of its link."""
    token, token_hash = Registration.new_token()
    registration = Registration.objects.create(
        occurrence=occurrence,
        name=fields.pop("name", "Rita Rekisteröitynyt"),
        email=email,
        status=status,
        token_hash=token_hash,
        **fields,
    )
    return registration, token


def page_url(occurrence, name="events:occurrence", *, language="") -> str:
    """The page's address; with `language`, under that language's prefix (tests that read
    the page's English text ask for it)."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language or "fi"):
        return reverse(name, args=[occurrence.series.slug, occurrence.pk])
