import pytest

from events.models import Topic
from tests.events.meeting_fixtures import page_url
from tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db


def proposed(occurrence, *titles):
    return [Topic.objects.create(occurrence=occurrence, title=title) for title in titles]


def agenda_titles(occurrence) -> list[str]:
    return list(
        occurrence.topics.filter(status=Topic.Status.ON_AGENDA)
        .order_by("agenda_position")
        .values_list("title", flat=True)
    )


def test_the_organiser_puts_topics_on_the_agenda_and_orders_them(client, editor, meeting):
    a, b, c = proposed(meeting, "Avustukset", "Tilat", "Yhdyshenkilöt")
    client.force_login(editor)
    url = page_url(meeting, "events:agenda")
    for topic in (a, b, c):
        assert client.post(url, {"topic": topic.pk, "action": "agenda"}).status_code == 302
    assert agenda_titles(meeting) == ["Avustukset", "Tilat", "Yhdyshenkilöt"]
    client.post(url, {"topic": c.pk, "action": "up"})
    assert agenda_titles(meeting) == ["Avustukset", "Yhdyshenkilöt", "Tilat"]
    client.post(url, {"topic": a.pk, "action": "down"})
    client.post(url, {"topic": a.pk, "action": "down"})
    client.post(url, {"topic": a.pk, "action": "down"})  # already last: stays
    assert agenda_titles(meeting) == ["Yhdyshenkilöt", "Tilat", "Avustukset"]
    client.post(url, {"topic": b.pk, "action": "reopen"})
    assert agenda_titles(meeting) == ["Yhdyshenkilöt", "Avustukset"]
    assert list(
        meeting.topics.order_by("agenda_position").values_list("agenda_position", flat=True)
    ) == [1, 2, None]


def test_the_occurrence_page_shows_the_agenda_in_order_and_proposals_but_hides_declined(
    client, editor, meeting
):
    a, b, c = proposed(meeting, "Ensimmäinen", "Toinen", "Hylätty aihe")
    url = page_url(meeting, "events:agenda")
    client.force_login(editor)
    client.post(url, {"topic": b.pk, "action": "agenda"})
    client.post(url, {"topic": c.pk, "action": "decline"})
    client.logout()
    page = client.get(page_url(meeting)).text
    assert "Toinen" in page and "Ensimmäinen" in page
    assert "Hylätty aihe" not in page
    client.force_login(editor)
    assert "Hylätty aihe" in client.get(page_url(meeting)).text


def test_the_organiser_adds_a_topic_of_their_own_to_the_end_of_the_agenda(client, editor, meeting):
    (first,) = proposed(meeting, "Ehdotettu")
    client.force_login(editor)
    url = page_url(meeting, "events:agenda")
    client.post(url, {"topic": first.pk, "action": "agenda"})
    response = client.post(url, {"add": "1", "own-title": "Kaupungin kuulumiset"})
    assert response.status_code == 302
    assert agenda_titles(meeting) == ["Ehdotettu", "Kaupungin kuulumiset"]


def test_an_own_topic_without_a_title_is_refused(client, editor, meeting):
    client.force_login(editor)
    response = client.post(
        page_url(meeting, "events:agenda"),
        {"add": "1", "own-title": "", "own-description": "Tausta"},
    )
    assert response.status_code == 400
    assert "Tausta" in response.text
    assert not Topic.objects.exists()


def test_a_topic_of_another_meeting_or_nonsense_is_refused(client, editor, meeting):
    (elsewhere,) = proposed(OccurrenceFactory(), "Muualla")
    client.force_login(editor)
    url = page_url(meeting, "events:agenda")
    assert client.post(url, {"topic": elsewhere.pk, "action": "agenda"}).status_code == 400
    assert client.post(url, {"topic": "x", "action": "agenda"}).status_code == 400
    (mine,) = proposed(meeting, "Oma")
    assert client.post(url, {"topic": mine.pk, "action": "explode"}).status_code == 400
    assert client.post(url, {"topic": mine.pk, "action": "up"}).status_code == 400
    elsewhere.refresh_from_db()
    assert elsewhere.status == Topic.Status.PROPOSED


def test_an_editor_of_another_association_cannot_arrange_the_agenda(client, outsider, meeting):
    (topic,) = proposed(meeting, "Aihe")
    client.force_login(outsider)
    response = client.post(
        page_url(meeting, "events:agenda"), {"topic": topic.pk, "action": "agenda"}
    )
    assert response.status_code == 403
    topic.refresh_from_db()
    assert topic.status == Topic.Status.PROPOSED


def test_the_agenda_page_works_in_swedish(client, editor, meeting):
    proposed(meeting, "Aihe")
    client.force_login(editor)
    assert client.get("/sv" + page_url(meeting, "events:agenda")).status_code == 200
