import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import FollowUp, FollowUpNote, Topic
from tests.events.meeting_fixtures import page_url
from tests.factories import AssociationFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(past_meeting):
    return FollowUp.objects.create(
        occurrence=past_meeting, title="Tilojen käyttö", responsible="Liikuntapalvelut"
    )


def test_an_organiser_updates_the_status_with_a_dated_note(client, editor, follow_up):
    client.force_login(editor)
    url = reverse("events:follow_up", args=[follow_up.pk])
    response = client.post(
        url, {"status": "in_progress", "note": "Selvitys aloitettu.", "date": "2024-03-01"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "in_progress"
    note = FollowUpNote.objects.get()
    assert (note.date, note.note, note.written_by) == (
        datetime.date(2024, 3, 1),
        "Selvitys aloitettu.",
        editor,
    )
    client.logout()
    with translation.override("en"):
        page = client.get(reverse("events:follow_up", args=[follow_up.pk])).text
    assert "Selvitys aloitettu." in page and "In progress" in page


def test_the_public_sees_the_history_but_no_form(client, follow_up):
    FollowUpNote.objects.create(follow_up=follow_up, status="done", note="Vuorot jaettu.")
    response = client.get(reverse("events:follow_up", args=[follow_up.pk]))
    assert response.status_code == 200
    assert "Vuorot jaettu." in response.text
    assert 'name="note"' not in response.text


def test_others_cannot_update_and_anonymous_are_asked_to_log_in(client, outsider, follow_up):
    url = reverse("events:follow_up", args=[follow_up.pk])
    data = {"status": "done", "note": "", "date": "2024-01-01"}
    assert reverse("account_login") in client.post(url, data)["Location"]
    client.force_login(outsider)
    assert client.post(url, data).status_code == 403
    follow_up.refresh_from_db()
    assert follow_up.status == "open" and not follow_up.notes.exists()


def test_bad_status_or_a_future_date_is_refused_with_the_note_kept(client, liaison, follow_up):
    client.force_login(liaison)
    url = reverse("events:follow_up", args=[follow_up.pk])
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    for data in (
        {"status": "finished", "note": "Muistiinpano", "date": "2024-01-01"},
        {"status": "done", "note": "Muistiinpano", "date": future},
        {"status": "done", "note": "Muistiinpano", "date": "31.2.2024"},
    ):
        response = client.post(url, data)
        assert response.status_code == 400
        assert "Muistiinpano" in response.text
    assert not follow_up.notes.exists()


def test_a_follow_up_of_a_draft_event_is_not_found_by_residents(client, editor, association):
    draft = OccurrenceFactory(series__status="draft", series__organisers=[association])
    item = FollowUp.objects.create(occurrence=draft, title="x", responsible="y")
    assert client.get(reverse("events:follow_up", args=[item.pk])).status_code == 404
    client.force_login(editor)
    assert client.get(reverse("events:follow_up", args=[item.pk])).status_code == 200


def test_the_next_meeting_shows_the_earlier_follow_ups_open_ones_first(client, past_meeting):
    series = past_meeting.series
    done = FollowUp.objects.create(
        occurrence=past_meeting, title="Valmis asia", responsible="A", status="done"
    )
    FollowUpNote.objects.create(follow_up=done, status="done", note="Hoidettu kuntoon.")
    FollowUp.objects.create(occurrence=past_meeting, title="Avoin asia", responsible="B")
    start = timezone.now() + timedelta(days=30)
    next_meeting = OccurrenceFactory(
        series=series, original_start=start, start=start, end=start + timedelta(hours=2)
    )
    page = client.get(page_url(next_meeting)).text
    assert page.index("Avoin asia") < page.index("Valmis asia")
    assert "Hoidettu kuntoon." in page
    # The earlier meeting's page does not show its own as "earlier".
    assert "What came of earlier meetings" not in client.get(page_url(past_meeting)).text


def test_the_occurrence_page_takes_a_fixed_number_of_queries(
    client, editor, past_meeting, django_assert_max_num_queries
):
    def fill(occurrence, n):
        for i in range(n):
            Topic.objects.create(
                occurrence=occurrence,
                title=f"Aihe {i}",
                status="agenda",
                agenda_position=i + 1,
                association=AssociationFactory(),
            )
            item = FollowUp.objects.create(
                occurrence=occurrence, title=f"Asia {i}", responsible="x"
            )
            FollowUpNote.objects.create(follow_up=item, status="open", note="n")
        occurrence.closed_at = timezone.now()
        occurrence.save()
        occurrence.participating_associations.set([AssociationFactory() for _ in range(n)])

    fill(past_meeting, 3)
    client.force_login(editor)
    client.get(page_url(past_meeting))
    with django_assert_max_num_queries(30) as few:
        client.get(page_url(past_meeting))
    fill(past_meeting, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(page_url(past_meeting))
    assert "Asia 29" in response.text and "Aihe 29" in response.text
