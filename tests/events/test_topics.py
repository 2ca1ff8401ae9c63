from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.models import Topic
from tests.events.meeting_fixtures import page_url, register
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_editor_proposes_a_topic_on_behalf_of_their_association(
    client, editor, meeting, association
):
    other = AssociationFactory(name="Toinen Seura ry")
    MembershipFactory(association=other, user=UserFactory())
    client.force_login(editor)
    response = client.post(
        page_url(meeting, "events:propose_topic"),
        {
            "title": "Avustusten avoimuus",
            "description": "Miten päätökset tehdään?",
            "association": association.pk,
        },
    )
    assert response.status_code == 302
    topic = Topic.objects.get()
    assert (topic.title, topic.association, topic.proposed_by) == (
        "Avustusten avoimuus",
        association,
        editor,
    )
    assert topic.status == Topic.Status.PROPOSED
    page = client.get(page_url(meeting)).text
    assert "Avustusten avoimuus" in page and "Ahjon Kuoro ry" in page


def test_an_editor_cannot_propose_on_behalf_of_an_association_they_do_not_edit(
    client, editor, meeting
):
    other = AssociationFactory(name="Toinen Seura ry")
    client.force_login(editor)
    response = client.post(
        page_url(meeting, "events:propose_topic"), {"title": "Aihe", "association": other.pk}
    )
    assert response.status_code == 400
    assert not Topic.objects.exists()
    assert 'value="Aihe"' in response.text


def test_the_organisers_are_emailed_of_a_proposed_topic(client, editor, owner, meeting):
    proposer = UserFactory(email="proposer@example.fi")
    MembershipFactory(association=AssociationFactory(), user=proposer)
    client.force_login(proposer)
    client.post(page_url(meeting, "events:propose_topic"), {"title": "Liikuntatilat"})
    assert sorted(m.to[0] for m in mail.outbox) == sorted([editor.email, owner.email])
    message = mail.outbox[0]
    assert "Iltakahvit" in message.subject
    assert "Liikuntatilat" in message.body
    assert page_url(meeting, "events:agenda") in message.body


def test_the_liaisons_are_emailed_of_a_topic_for_a_city_event(client, editor, association, liaison):
    from tests.factories import OccurrenceFactory

    city_meeting = OccurrenceFactory(series__by_city=True)
    client.force_login(editor)
    client.post(page_url(city_meeting, "events:propose_topic"), {"title": "Yhdyshenkilöt"})
    assert [m.to for m in mail.outbox] == [[liaison.email]]


def test_someone_who_edits_no_association_is_told_how_to_propose(client, outsider, meeting):
    client.force_login(outsider)
    response = client.get(page_url(meeting, "events:propose_topic", language="en"))
    assert response.status_code == 403
    assert "Register for it" in response.text
    response = client.post(
        page_url(meeting, "events:propose_topic", language="en"), {"title": "Aihe"}
    )
    assert response.status_code == 403
    assert not Topic.objects.exists()


def test_a_registered_person_with_an_account_may_propose(client, outsider, meeting):
    register(meeting, email=outsider.email)
    client.force_login(outsider)
    response = client.post(page_url(meeting, "events:propose_topic"), {"title": "Aihe"})
    assert response.status_code == 302
    assert Topic.objects.get().proposed_by == outsider


def test_anonymous_visitors_are_asked_to_log_in(client, meeting):
    response = client.get(page_url(meeting, "events:propose_topic"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_registrant_proposes_through_their_registration_link(client, meeting, editor):
    registration, token = register(meeting)
    url = reverse("events:registrant_topic", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Kaupungin tilat iltaisin"})
    assert response.status_code == 302
    topic = Topic.objects.get()
    assert topic.proposed_by_registration == registration
    assert topic.proposed_by is None
    assert len(mail.outbox) == 2  # the owner and the editor


def test_a_cancelled_registration_or_an_unknown_token_cannot_propose(client, meeting):
    _registration, token = register(meeting, status="cancelled")
    url = reverse("events:registrant_topic", args=[token])
    assert client.post(url, {"title": "Aihe"}).status_code == 403
    assert client.get(reverse("events:registrant_topic", args=["nonsense"])).status_code == 404
    assert not Topic.objects.exists()


def test_no_topics_for_a_meeting_that_has_started_or_is_cancelled(client, editor, meeting):
    client.force_login(editor)
    meeting.cancelled_at = timezone.now()
    meeting.save()
    response = client.post(
        page_url(meeting, "events:propose_topic", language="en"), {"title": "Aihe"}
    )
    assert response.status_code == 400
    assert "cancelled" in response.text
    meeting.cancelled_at = None
    meeting.start = timezone.now() - timedelta(minutes=5)
    meeting.save()
    response = client.get(page_url(meeting, "events:propose_topic", language="en"))
    assert "already started" in response.text
    assert 'name="title"' not in response.text
    assert not Topic.objects.exists()


def test_a_topic_without_a_title_or_too_long_is_refused_with_the_text_kept(client, editor, meeting):
    client.force_login(editor)
    response = client.post(
        page_url(meeting, "events:propose_topic"), {"title": "", "description": "Taustaa tässä"}
    )
    assert response.status_code == 400
    assert "Taustaa tässä" in response.text
    response = client.post(page_url(meeting, "events:propose_topic"), {"title": "x" * 201})
    assert response.status_code == 400
    assert not Topic.objects.exists()


def test_proposals_are_rate_limited_and_the_text_is_kept(client, editor, meeting, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS, "topic": "2/h/user"}
    client.force_login(editor)
    url = page_url(meeting, "events:propose_topic")
    for n in range(2):
        assert client.post(url, {"title": f"Aihe {n}"}).status_code == 302
    response = client.post(url, {"title": "Kolmas aihe"})
    assert response.status_code == 429
    assert 'value="Kolmas aihe"' in response.text
    assert Topic.objects.count() == 2


def test_a_proposal_in_swedish_is_answered_in_swedish(client, outsider, meeting):
    client.force_login(outsider)
    response = client.get("/sv" + page_url(meeting, "events:propose_topic"))
    assert response.status_code == 403
    assert "Register for it" not in response.text
