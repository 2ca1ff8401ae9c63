"""The events' rows of the authorization matrix (tests/test_authorization.py)."""

from datetime import timedelta

from django.utils import timezone

from events.models import EventReport, FollowUp, Registration
from tests.authorization import (
    DONE,
    Row,
    World,
    editors_only,
    everyone,
    liaisons_only,
    no_args,
)
from tests.factories import EventSeriesFactory, OccurrenceFactory


def scene(w: World) -> None:
    """A published city event with an occurrence, and a draft of the world's association."""
    w.city_occurrence = OccurrenceFactory(series__title_fi="Iltakahvit")
    w.city_series = w.city_occurrence.series
    w.draft_series = EventSeriesFactory(status="draft", by_city=False, organisers=[w.association])
    w.draft_occurrence = OccurrenceFactory(series=w.draft_series)
    meetings_scene(w)
    w.association_occurrence = OccurrenceFactory(
        series__by_city=False, series__organisers=[w.association]
    )
    w.association_series = w.association_occurrence.series
    w.event_report = EventReport.objects.create(
        series=w.association_series, reason="incorrect", message="Aika on väärin."
    )
    registration_scene(w)


def association_series(w: World) -> dict:
    return {"slug": w.association_series.slug}


def association_occurrence(w: World) -> dict:
    return {"slug": w.association_series.slug, "pk": w.association_occurrence.pk}


def registration_scene(w: World) -> None:
    """A published event of the world's association that needs registration, with one
    registrant, and one registrant of the city's event (their link's token is kept)."""
    w.club_occurrence = OccurrenceFactory(
        series__organisers=[w.association],
        series__by_city=False,
        series__registration_required=True,
        series__capacity=20,
    )
    w.club_series = w.club_occurrence.series
    w.registration_token, token_hash = Registration.new_token()
    Registration.objects.create(
        occurrence=w.club_occurrence,
        name="Reija Rekisteröitynyt",
        email="reija@example.fi",
        status=Registration.Status.CONFIRMED,
        token_hash=token_hash,
    )


def club(w: World) -> dict:
    return {"slug": w.club_series.slug, "pk": w.club_occurrence.pk}


def city(w: World) -> dict:
    return {"slug": w.city_series.slug, "pk": w.city_occurrence.pk}


def draft(w: World) -> dict:
    return {"slug": w.draft_series.slug, "pk": w.draft_occurrence.pk}


# Registrants' details: the organisers (the organising association's editors) and the
# liaisons only; the city's own events are the liaisons'.
CLUB_ORGANISERS = editors_only(200)
CITY_ORGANISERS = liaisons_only(200)
DRAFT_ORGANISERS = editors_only(200, outsiders=404)


def registration_rows(name: str, *, ok: int = 200, method: str = "get", data=None) -> list[Row]:
    def expect(statuses: dict[str, int]) -> dict[str, int]:
        return {p: ok if s == 200 else s for p, s in statuses.items()}

    extra = {"method": method, "data": data} if data else {"method": method}
    return [
        Row(name, club, expect(CLUB_ORGANISERS), **extra),
        Row(name, city, expect(CITY_ORGANISERS), variant="city", **extra),
        Row(name, draft, expect(DRAFT_ORGANISERS), variant="draft", **extra),
    ]


REGISTRATION_ROWS = [
    Row("events:register", club, everyone(200)),
    # Anyone may send the form; what is wrong in it is answered on the page.
    Row(
        "events:register",
        club,
        everyone(400),
        method="post",
        data=lambda w: {"name": "Uusi Ihminen", "email": "ei-osoite"},
        variant="post",
    ),
    # The city's event needs no registration: the page says so, and a POST is refused.
    Row(
        "events:register",
        city,
        everyone(400),
        method="post",
        data=lambda w: {"name": "Uusi Ihminen", "email": "uusi@example.fi"},
        variant="not-needed",
    ),
    Row(
        "events:register",
        draft,
        editors_only(200, outsiders=404) | {"anonymous": 404},
        variant="draft",
    ),
    # The registrant's own link works for whoever holds it, with or without an account
    # (tests/events/test_registration_pages.py cancels through it).
    Row("events:registration", lambda w: {"token": w.registration_token}, everyone(200)),
    Row("events:registration", lambda w: {"token": "not-a-token"}, everyone(404), variant="bad"),
    *registration_rows("events:registrations"),
    *registration_rows("events:registrations_csv"),
    *registration_rows("events:registrations_email"),
    *registration_rows(
        "events:registrations_email",
        ok=DONE,
        method="post",
        data=lambda w: {"subject": "Muutos", "message": "Kokous alkaa tuntia myöhemmin."},
    ),
    # The feeds are public: only what residents see, for any calendar client.
    Row("events:calendar", lambda w: {}, everyone(200)),
    Row("events:series_calendar", lambda w: {"slug": w.city_series.slug}, everyone(200)),
    Row(
        "events:series_calendar",
        lambda w: {"slug": w.draft_series.slug},
        everyone(404),
        variant="draft",
    ),
    Row(
        "events:association_calendar",
        lambda w: {"slug": w.association.slug},
        everyone(200),
    ),
]


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
    # The organisers' pages: an association's own editors and the liaisons.
    Row(
        "events:create",
        no_args,
        editors_only(200) | {"other_editor": 200},
    ),
    Row("events:edit", association_series, editors_only(200)),
    Row("events:duplicate", association_series, editors_only(DONE), method="post"),
    Row("events:cancel_occurrence", association_occurrence, editors_only(200)),
    Row("events:move_occurrence", association_occurrence, editors_only(200)),
    Row("events:report", association_series, everyone(200)),
    # The events' pages on the liaison's desk.
    Row("moderation:event", lambda w: {"pk": w.association_series.pk}, liaisons_only()),
    Row("moderation:event_report", lambda w: {"pk": w.event_report.pk}, liaisons_only()),
]


# --- meetings: topics, agenda, closing, follow-ups -------------------------------------------


def meetings_scene(w: World) -> None:
    """The world's association runs a meeting coming up and one held two days ago, with a
    follow-up; someone without an account registered for the city's meeting."""
    w.meeting = OccurrenceFactory(series__by_city=False, series__organisers=[w.association])
    w.past_meeting = OccurrenceFactory(
        series__by_city=False,
        series__organisers=[w.association],
        series__start_date=timezone.localdate() - timedelta(days=2),
    )
    w.follow_up = FollowUp.objects.create(
        occurrence=w.past_meeting, title="Tilojen käyttö", responsible="Liikuntapalvelut"
    )
    w.registration_token, token_hash = Registration.new_token()
    Registration.objects.create(
        occurrence=w.city_occurrence,
        name="Rita Rekisteröitynyt",
        email="rita@example.fi",
        status=Registration.Status.CONFIRMED,
        token_hash=token_hash,
    )


def _meeting(w: World) -> dict:
    return {"slug": w.meeting.series.slug, "pk": w.meeting.pk}


def _past_meeting(w: World) -> dict:
    return {"slug": w.past_meeting.series.slug, "pk": w.past_meeting.pk}


# Editors of any association and the event's organisers propose topics; others are told why.
PROPOSERS = {
    **editors_only(200),
    "other_editor": 200,
}

ROWS += [
    Row(
        "events:propose_topic",
        lambda w: {"slug": w.city_series.slug, "pk": w.city_occurrence.pk},
        PROPOSERS,
    ),
    Row(
        "events:registrant_topic",
        lambda w: {"token": w.registration_token},
        everyone(200),
    ),
    Row("events:agenda", _meeting, editors_only(200)),
    Row(
        "events:agenda",
        _meeting,
        editors_only(DONE),
        method="post",
        data=lambda w: {"add": "1", "own-title": "Kevään tapahtumat"},
        variant="add",
    ),
    Row("events:close", _past_meeting, editors_only(200)),
    Row("events:follow_up", lambda w: {"pk": w.follow_up.pk}, everyone(200)),
    Row(
        "events:follow_up",
        lambda w: {"pk": w.follow_up.pk},
        editors_only(DONE),
        method="post",
        data=lambda w: {"status": "in_progress", "note": "Selvitetään.", "date": "2020-01-01"},
        variant="update",
    ),
    *REGISTRATION_ROWS,
]
