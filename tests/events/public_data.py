"""Occurrences at given local times, for the tests of the public event pages and the API."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from tests.factories import EventSeriesFactory, OccurrenceFactory


def local(*args) -> datetime:
    """An aware datetime from a wall-clock time in the city (Europe/Helsinki)."""
    return timezone.make_aware(datetime(*args))


def occurrence_at(start: datetime, series=None, hours: float = 2, **series_fields):
    """An occurrence starting at `start`, of `series` or of a new one made with `series_fields`."""
    if series is None:
        series = EventSeriesFactory(start_date=timezone.localdate(start), **series_fields)
    return OccurrenceFactory(
        series=series, original_start=start, start=start, end=start + timedelta(hours=hours)
    )


def days_from_now(days: float, **series_fields):
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return occurrence_at(start, **series_fields)
