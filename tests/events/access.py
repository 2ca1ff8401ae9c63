"""The events' rows of the authorization matrix (tests/test_authorization.py)."""

from tests.authorization import Row, World, editors_only, everyone, no_args
from tests.factories import EventSeriesFactory, OccurrenceFactory


def scene(w: World) -> None:
    """A published city event with an occurrence, and a draft of the world's association."""
    w.city_occurrence = OccurrenceFactory(series__title_fi="Iltakahvit")
    w.city_series = w.city_occurrence.series
    w.draft_series = EventSeriesFactory(status="draft", by_city=False, organisers=[w.association])
    w.draft_occurrence = OccurrenceFactory(series=w.draft_series)


ROWS = [
    Row("events:list", no_args, everyone(200)),
    Row("events:month", no_args, everyone(200)),
    Row("api-events", no_args, everyone(200)),
    Row("events:series", lambda w: {"slug": w.city_series.slug}, everyone(200)),
    Row(
        "events:series",
        lambda w: {"slug": w.draft_series.slug},
        editors_only(200, outsiders=404) | {"anonymous": 404},
        variant="draft",
    ),
    Row(
        "events:occurrence",
        lambda w: {"slug": w.city_series.slug, "pk": w.city_occurrence.pk},
        everyone(200),
    ),
    Row(
        "events:occurrence",
        lambda w: {"slug": w.draft_series.slug, "pk": w.draft_occurrence.pk},
        editors_only(200, outsiders=404) | {"anonymous": 404},
        variant="draft",
    ),
]
