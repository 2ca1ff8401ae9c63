import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events.closing import remind_all
from events.models import Occurrence
from tests.factories import OccurrenceFactory

pytestmark = pytest.mark.django_db


def ended(days_ago, **series):
    start = timezone.now() - timedelta(days=days_ago, hours=2)
    return OccurrenceFactory(
        series__start_date=timezone.localdate(start),
        original_start=start,
        start=start,
        end=start + timedelta(hours=2),
        **{f"series__{k}": v for k, v in series.items()},
    )


def test_organisers_are_emailed_once_a_day_after_the_meeting(editor, owner, association):
    meeting = ended(2, by_city=False, organisers=[association], registration_required=True)
    fresh = ended(0.5, by_city=False, organisers=[association], registration_required=True)
    results = list(remind_all())
    assert [r.occurrence.pk for r in results] == [meeting.pk]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([editor.email, owner.email])
    assert f"/{meeting.pk}/close/" in mail.outbox[0].body
    assert Occurrence.objects.get(pk=meeting.pk).closing_reminded_at is not None
    assert Occurrence.objects.get(pk=fresh.pk).closing_reminded_at is None
    assert list(remind_all()) == []
    assert len(mail.outbox) == 2


def test_the_liaisons_are_reminded_of_city_meetings(liaison):
    ended(3, by_city=True)
    out = io.StringIO()
    call_command("remind_to_close", stdout=out)
    assert "Reminded the organisers of 1 meetings (1 emails)." in out.getvalue()
    assert [m.to for m in mail.outbox] == [[liaison.email]]
    assert "/close/" in mail.outbox[0].body


def test_closed_cancelled_old_and_draft_meetings_are_not_reminded(liaison):
    closed = ended(2, by_city=True)
    Occurrence.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    ended(2, by_city=True, status="draft")
    cancelled = ended(2, by_city=True)
    cancelled.cancelled_at = timezone.now()
    cancelled.save()
    ended(40, by_city=True)
    assert list(remind_all()) == []
    assert mail.outbox == []


def test_my_page_lists_the_meetings_to_close_for_their_organisers(
    client, editor, outsider, liaison, association
):
    meeting = ended(0.2, by_city=False, organisers=[association], registration_required=True)
    city = ended(1, by_city=True)
    client.force_login(editor)
    page = client.get("/en/my/").text
    assert "Meetings to close" in page
    assert f"/events/{meeting.series.slug}/{meeting.pk}/close/" in page
    assert city.series.slug not in page
    client.force_login(liaison)
    page = client.get("/en/my/").text
    assert f"/events/{city.series.slug}/{city.pk}/close/" in page
    assert meeting.series.slug not in page
    client.force_login(outsider)
    assert "Meetings to close" not in client.get("/en/my/").text


def test_a_clubs_weekly_evening_is_not_reminded_unless_topics_were_proposed(
    editor, association, client
):
    """Without registration or topics an association's event is no meeting to follow up:
    its editors would otherwise be asked to close their weekly training every week."""
    from events.models import Topic

    training = ended(2, by_city=False, organisers=[association])
    discussed = ended(3, by_city=False, organisers=[association])
    Topic.objects.create(occurrence=discussed, title="Kevään ohjelma")
    assert [r.occurrence.pk for r in remind_all()] == [discussed.pk]
    client.force_login(editor)
    page = client.get("/en/my/").content.decode()
    assert f"/{discussed.pk}/close/" in page
    assert f"/{training.pk}/close/" not in page
