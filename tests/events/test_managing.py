"""Organisers create, edit, copy, cancel and move events; residents report them; the
liaison hides them; My page lists them; the admin saves them with their occurrences."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from events import managing, recurrence
from events.models import EventReport, EventSeries, Occurrence, Registration
from tests.factories import EventSeriesFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The pages in English (their addresses carry /en/), so that messages read as written."""
    with translation.override("en"):
        yield


def in_days(n: int):
    return timezone.localdate() + timedelta(days=n)


def form_data(**overrides) -> dict:
    data = {
        "title_fi": "Kuoroilta",
        "description_fi": "Laulamme yhdessä.",
        "place_name": "Ahjo",
        "start_date": in_days(10).isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "repeat": "WEEKLY",
        "interval": "2",
        "weekdays": ["TU"],
        "monthly_by": "day",
        "ends": "never",
        "audience": "everyone",
        "publish": "now",
        "registration_closes_hours": "0",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def create(client, user, **overrides):
    client.force_login(user)
    return client.post(reverse("events:create"), form_data(**overrides))


def registrant(occurrence, email="aino@example.fi", language="fi"):
    _token, token_hash = Registration.new_token()
    return Registration.objects.create(
        occurrence=occurrence,
        name="Aino Asukas",
        email=email,
        status="confirmed",
        language=language,
        token_hash=token_hash,
    )


# --- creating ------------------------------------------------------------------------------


def test_editor_creates_an_event_of_their_association_with_its_occurrences(
    client, editor, association, liaison
):
    response = create(client, editor, organisers=[association.pk])
    series = EventSeries.objects.get(title_fi="Kuoroilta")
    assert response.status_code == 302
    assert response["Location"] == reverse("events:series", args=[series.slug])
    assert list(series.organisers.all()) == [association]
    assert not series.by_city
    assert series.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    starts = [timezone.localtime(o.start) for o in series.occurrences.all()]
    assert starts and all(s.weekday() == 1 and s.hour == 18 for s in starts)
    assert 50 <= len(starts) <= 53  # every other week for two years
    assert "Every other week on Tuesday, 18–20" in client.get(response["Location"]).content.decode()
    with translation.override("fi"):
        finnish = client.get(reverse("events:series", args=[series.slug])).content.decode()
    assert "Joka toinen viikko tiistaisin klo 18–20" in finnish


def test_an_editor_cannot_make_a_city_event(client, editor, association):
    create(client, editor, organisers=[association.pk], by_city="on")
    assert EventSeries.objects.get(title_fi="Kuoroilta").by_city is False


def test_an_editor_must_keep_one_of_their_own_associations(client, editor, association):
    response = create(client, editor)
    assert response.status_code == 400
    assert "Choose at least one organising association." in response.content.decode()


def test_a_liaison_creates_a_city_event_with_a_co_organiser(client, liaison, association):
    response = create(client, liaison, by_city="on", co_organisers=association.name, repeat="once")
    assert response.status_code == 302
    series = EventSeries.objects.get(title_fi="Kuoroilta")
    assert series.by_city and list(series.organisers.all()) == [association]
    assert series.occurrences.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_time": "17:00"}, "The event must end after it starts."),
        ({"start_date": in_days(-3).isoformat()}, "The first date cannot be in the past."),
        ({"capacity": "0"}, "The number of places must be at least 1."),
        (
            {
                "repeat": "DAILY",
                "interval": "1",
                "ends": "until",
                "until": in_days(3650).isoformat(),
            },
            "more than 800 occurrences",
        ),
        ({"repeat": "MONTHLY", "monthly_by": "weekday"}, "Choose which weekday of the month."),
        ({"title_fi": ""}, "This field is required."),
        ({"excluded_dates": "joulu"}, "is not a date"),
        ({"co_organisers": "Ei Ole ry"}, "No association in the directory is called: Ei Ole ry"),
    ],
)
def test_bad_input_is_answered_with_a_clear_message_and_nothing_typed_is_lost(
    client, editor, association, overrides, message
):
    response = create(client, editor, organisers=[association.pk], **overrides)
    content = response.content.decode()
    assert response.status_code == 400
    assert message in content
    assert "Laulamme yhdessä." in content
    assert not EventSeries.objects.exists()


def test_finnish_dates_are_accepted_for_dates_left_out(client, editor, association):
    day = in_days(24)
    create(client, editor, organisers=[association.pk], excluded_dates=f"{day:%d.%m.%Y}")
    assert EventSeries.objects.get().excluded_dates == [day]


# --- editing -------------------------------------------------------------------------------


def association_event(association, **fields):
    series = EventSeriesFactory(
        by_city=False,
        organisers=[association],
        start_date=in_days(1),
        rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6",
        **fields,
    )
    recurrence.materialise(series)
    return series


def test_the_edit_form_reads_the_rule_back_into_its_fields(client, editor, association):
    series = association_event(association)
    client.force_login(editor)
    form = client.get(reverse("events:edit", args=[series.slug])).context["form"]
    assert form.initial["repeat"] == "WEEKLY"
    assert form.initial["interval"] == 2
    assert form.initial["weekdays"] == ["TU", "TH"]
    assert form.initial["ends"] == "count" and form.initial["count"] == 6


def test_a_change_that_drops_occurrences_is_confirmed_first(client, editor, association):
    series = association_event(association)
    occurrences = list(series.occurrences.order_by("start"))
    registrant(occurrences[-1], language="sv")
    client.force_login(editor)
    url = reverse("events:edit", args=[series.slug])
    data = form_data(
        title_fi=series.title_fi,
        start_date=series.start_date.isoformat(),
        start_time="17:00",
        end_time="19:00",
        weekdays=["TU", "TH"],
        ends="count",
        count="4",
        organisers=[association.pk],
        version=str(series.version),
    )
    preview = client.post(url, data)
    assert preview.status_code == 200
    assert "has registrations" in preview.content.decode()
    assert series.occurrences.count() == 6  # nothing dropped yet
    done = client.post(url, {**data, "confirm": "1", "drop_reason": "Tila ei ole vapaa."})
    assert done.status_code == 302
    assert Occurrence.objects.get(pk=occurrences[-1].pk).is_cancelled
    assert not Occurrence.objects.filter(pk=occurrences[-2].pk).exists()
    assert series.occurrences.filter(cancelled_at__isnull=True).count() == 4
    assert [m.to for m in mail.outbox] == [["aino@example.fi"]]
    assert "Tila ei ole vapaa." in mail.outbox[0].body


def test_a_save_over_someone_elses_is_refused_with_what_was_typed(client, editor, association):
    series = association_event(association)
    client.force_login(editor)
    response = client.post(
        reverse("events:edit", args=[series.slug]),
        form_data(title_fi="Uusi nimi", organisers=[association.pk], version="99"),
    )
    assert response.status_code == 409
    assert "Uusi nimi" in response.content.decode()
    series.refresh_from_db()
    assert series.title_fi != "Uusi nimi"


def test_more_places_go_to_those_waiting_first_come_first_served(client, editor, association):
    series = association_event(association, capacity=1, registration_required=True)
    first = series.occurrences.order_by("start").first()
    registrant(first)
    waiting = [registrant(first, email=f"odottaa{n}@example.fi") for n in range(3)]
    Registration.objects.filter(pk__in=[r.pk for r in waiting]).update(status="waitlisted")
    mail.outbox.clear()
    client.force_login(editor)
    response = client.post(
        reverse("events:edit", args=[series.slug]),
        form_data(
            title_fi=series.title_fi,
            organisers=[association.pk],
            version=str(series.version),
            start_date=series.start_date.isoformat(),
            start_time="17:00",
            end_time="19:00",
            weekdays=["TU", "TH"],
            ends="count",
            count="6",
            capacity="3",
            registration_required="on",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    statuses = dict(first.registrations.values_list("email", "status"))
    assert statuses == {
        "aino@example.fi": "confirmed",
        "odottaa0@example.fi": "confirmed",
        "odottaa1@example.fi": "confirmed",
        "odottaa2@example.fi": "waitlisted",
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["odottaa0@example.fi", "odottaa1@example.fi"]


# --- one occurrence ------------------------------------------------------------------------


def test_cancelling_an_occurrence_tells_its_registrants_the_reason(client, editor, association):
    occurrence = OccurrenceFactory(series__by_city=False, series__organisers=[association])
    registrant(occurrence)
    registrant(occurrence, email="kalle@example.fi", language="en")
    client.force_login(editor)
    url = reverse("events:cancel_occurrence", args=[occurrence.series.slug, occurrence.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Sali on remontissa."})
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.cancel_reason == "Sali on remontissa."
    assert sorted(m.to[0] for m in mail.outbox) == ["aino@example.fi", "kalle@example.fi"]
    assert all("Sali on remontissa." in m.body for m in mail.outbox)
    page = client.get(response["Location"]).content.decode()
    assert "Sali on remontissa." in page


def test_moving_an_occurrence_tells_its_registrants(client, editor, association):
    occurrence = OccurrenceFactory(series__by_city=False, series__organisers=[association])
    registrant(occurrence)
    client.force_login(editor)
    url = reverse("events:move_occurrence", args=[occurrence.series.slug, occurrence.pk])
    new_day = in_days(9)
    past = client.post(
        url, {"date": in_days(-1).isoformat(), "start_time": "18:00", "end_time": "19:00"}
    )
    assert past.status_code == 400
    assert "The new time cannot be in the past." in past.content.decode()
    response = client.post(
        url, {"date": f"{new_day:%d.%m.%Y}", "start_time": "18.30", "end_time": "20:00"}
    )
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert timezone.localtime(occurrence.start) == timezone.make_aware(
        datetime.combine(new_day, time(18, 30))
    )
    assert occurrence.is_moved
    assert [m.to for m in mail.outbox] == [["aino@example.fi"]]


def test_another_associations_editor_cannot_cancel(client, association):
    from tests.factories import AssociationFactory, MembershipFactory, UserFactory

    stranger = UserFactory()
    MembershipFactory(association=AssociationFactory(), user=stranger)
    occurrence = OccurrenceFactory(series__by_city=False, series__organisers=[association])
    client.force_login(stranger)
    url = reverse("events:cancel_occurrence", args=[occurrence.series.slug, occurrence.pk])
    assert client.post(url, {"reason": "Ei tule."}).status_code == 403
    occurrence.refresh_from_db()
    assert not occurrence.is_cancelled


# --- copies, scheduled publishing ----------------------------------------------------------


def test_duplicate_makes_a_draft_copy_without_occurrences(client, editor, association):
    series = association_event(association, capacity=30)
    registrant(series.occurrences.first())
    client.force_login(editor)
    response = client.post(reverse("events:duplicate", args=[series.slug]))
    copy = EventSeries.objects.exclude(pk=series.pk).get()
    assert response["Location"] == reverse("events:edit", args=[copy.slug])
    assert copy.status == "draft" and copy.slug != series.slug
    assert (copy.title_fi, copy.rrule, copy.capacity) == (series.title_fi, series.rrule, 30)
    assert list(copy.organisers.all()) == [association]
    assert not copy.occurrences.exists()


def test_an_event_published_for_later_is_shown_from_that_time(client, editor, association):
    later = (timezone.localtime() + timedelta(days=2)).replace(microsecond=0)
    create(
        client,
        editor,
        organisers=[association.pk],
        publish="at",
        publish_date=later.date().isoformat(),
        publish_time=later.strftime("%H:%M"),
    )
    series = EventSeries.objects.get()
    assert series.status == "published" and series.publish_at > timezone.now()
    assert not EventSeries.objects.public().filter(pk=series.pk).exists()
    client.logout()
    assert client.get(reverse("events:series", args=[series.slug])).status_code == 404
    assert EventSeries.objects.public(now=later + timedelta(minutes=1)).filter(pk=series.pk)


# --- reports and the liaison ---------------------------------------------------------------


def test_a_report_reaches_the_desk_and_the_liaison_hides_the_event(
    client, liaison, editor, association
):
    series = association_event(association)
    response = client.post(
        reverse("events:report", args=[series.slug]),
        {"reason": "inappropriate", "message": "Tapahtuma on mainos.", "contact": ""},
    )
    assert response.status_code == 302
    report = EventReport.objects.get()
    client.force_login(liaison)
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert reverse("moderation:event_report", args=[report.pk]) in queue
    mail.outbox.clear()
    decided = client.post(
        reverse("moderation:event_report", args=[report.pk]),
        {"action": "hide", "hide-reason": "Kaupallinen mainos."},
    )
    assert decided.status_code == 302
    series.refresh_from_db()
    report.refresh_from_db()
    assert series.status == "hidden" and report.status == "resolved"
    assert {m.to[0] for m in mail.outbox} == {"owner@kuoro.example.fi", "editor@kuoro.example.fi"}
    client.logout()
    assert client.get(reverse("events:series", args=[series.slug])).status_code == 404
    client.force_login(editor)
    page = client.get(reverse("events:series", args=[series.slug])).content.decode()
    assert "Kaupallinen mainos." in page


def test_a_report_without_a_reason_is_refused(client, association):
    series = association_event(association)
    response = client.post(
        reverse("events:report", args=[series.slug]), {"message": "Väärin tässä on."}
    )
    assert response.status_code == 400
    assert "Väärin tässä on." in response.content.decode()


def test_a_new_association_event_waits_to_be_looked_over(client, liaison, editor, association):
    create(client, editor, organisers=[association.pk])
    series = EventSeries.objects.get()
    client.force_login(liaison)
    url = reverse("moderation:event", args=[series.pk])
    assert url in client.get(reverse("moderation:queue")).content.decode()
    assert client.post(url, {"action": "look_over", "look_over-reason": ""}).status_code == 302
    assert url not in client.get(reverse("moderation:queue")).content.decode()


# --- My page, the admin --------------------------------------------------------------------


def test_my_page_lists_my_events_in_a_bounded_number_of_queries(
    client, editor, association, django_assert_max_num_queries
):
    for n in range(8):
        association_event(association, title_fi=f"Harjoitus {n}")
    EventSeriesFactory(title_fi="Kaupungin tapahtuma")  # a city event: not the editor's
    client.force_login(editor)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("my_page")).content.decode()
    assert "Harjoitus 7" in page and "Kaupungin tapahtuma" not in page
    assert reverse("events:create") in page


def test_liaisons_see_the_city_events_on_my_page(client, liaison):
    EventSeriesFactory(title_fi="Iltakahvit")
    client.force_login(liaison)
    assert "Iltakahvit" in client.get(reverse("my_page")).content.decode()


def test_the_admin_saves_a_series_with_its_occurrences(admin_client):
    response = admin_client.post(
        reverse("admin:events_eventseries_add"),
        {
            "title_fi": "Iltakahvit",
            "by_city": "on",
            "start_date": in_days(5).isoformat(),
            "start_time": "17:00",
            "duration": "02:00:00",
            "rrule": "FREQ=MONTHLY;INTERVAL=6;BYDAY=3TH",
            "excluded_dates": "",
            "added_dates": "",
            "registration_closes_before": "0",
            "audience": "associations",
            "status": "published",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    series = EventSeries.objects.get()
    assert series.occurrences.count() in (4, 5)
    refused = admin_client.post(
        reverse("admin:events_eventseries_change", args=[series.pk]),
        {
            "title_fi": "Iltakahvit",
            "by_city": "on",
            "start_date": in_days(5).isoformat(),
            "start_time": "17:00",
            "duration": "02:00:00",
            "rrule": "FREQ=HOURLY",
            "registration_closes_before": "0",
            "audience": "associations",
            "status": "published",
            "base_version": str(series.version),
        },
    )
    assert refused.status_code == 200
    assert "daily, weekly, monthly or yearly" in refused.content.decode()


def test_materialise_occurrences_command_runs_the_daily_work(liaison):
    from django.core.management import call_command

    series = managing.series_save(
        data=managing.SeriesInput(
            values={
                "title_fi": "Kerho",
                "by_city": True,
                "start_date": in_days(1),
                "start_time": time(18),
                "duration": timedelta(hours=2),
                "rrule": "FREQ=WEEKLY",
            }
        ),
        by=liaison,
    )
    series.occurrences.all().delete()
    call_command("materialise_occurrences")
    assert series.occurrences.count() >= 104


def test_registrants_read_the_cancellation_in_their_own_language(liaison):
    occurrence = OccurrenceFactory(series__title_fi="Iltakahvit")
    registrant(occurrence, email="sven@example.fi", language="sv")
    registrant(occurrence, email="aino@example.fi", language="fi")
    managing.occurrence_cancel(occurrence=occurrence, reason="Sjukdom.", by=liaison)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["sven@example.fi"].startswith("Inställt: Iltakahvit")
    assert subjects["aino@example.fi"].startswith("Peruttu: Iltakahvit")
