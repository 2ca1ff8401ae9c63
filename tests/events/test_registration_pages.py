"""Registering through the pages: the form, the emails and their link, the organisers'
list, spreadsheet and message."""

import csv
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from events.models import Registration
from tests.factories import AssociationFactory, MembershipFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def occurrence(association):
    return OccurrenceFactory(
        series__title_fi="Iltakahvit",
        series__title_sv="Kvällskaffe",
        series__organisers=[association],
        series__by_city=False,
        series__registration_required=True,
        series__capacity=1,
    )


def register_url(occurrence, language="fi"):
    with translation.override(language):
        return reverse("events:register", args=[occurrence.series.slug, occurrence.pk])


def occurrence_url(occurrence):
    return reverse("events:occurrence", args=[occurrence.series.slug, occurrence.pk])


def form(**fields):
    return {"name": "Maija Meikäläinen", "email": "maija@example.fi", **fields}


def cancel_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*?events/registration/[^/\s]+/)", message.body)[1]


def test_the_occurrence_page_shows_the_form_and_the_calendar_links(client, occurrence):
    response = client.get(occurrence_url(occurrence))
    assert 'name="email"' in response.text
    assert register_url(occurrence) in response.text
    assert "webcal://" in response.text
    assert reverse("events:series_calendar", args=[occurrence.series.slug]) in response.text


def test_registering_confirms_and_emails_a_calendar_file_and_a_working_cancel_link(
    client, occurrence
):
    response = client.post(register_url(occurrence), form(email="Maija@Example.fi"), follow=True)
    assert response.status_code == 200
    assert "maija@example.fi" in response.text
    registration = Registration.objects.get()
    assert registration.status == "confirmed" and registration.language == "fi"

    (message,) = mail.outbox
    assert message.to == ["maija@example.fi"]
    assert "Iltakahvit" in message.subject
    filename, content, content_type = message.attachments[0]
    assert content_type.startswith("text/calendar")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["summary"]) == "Iltakahvit"

    page = client.get(cancel_link(message))
    assert page.status_code == 200
    assert "Maija Meikäläinen" in page.text


def test_the_email_is_in_the_language_of_the_page_registered_on(client, occurrence):
    client.post(register_url(occurrence, "sv"), form())
    (message,) = mail.outbox
    assert Registration.objects.get().language == "sv"
    assert "Kvällskaffe" in message.subject
    assert "/sv/events/registration/" in message.body


def test_when_the_places_are_taken_the_next_goes_on_the_waiting_list(client, occurrence):
    client.post(register_url(occurrence), form(email="eka@example.fi"))
    response = client.post(register_url(occurrence), form(email="toka@example.fi"), follow=True)
    assert Registration.objects.get(email="toka@example.fi").status == "waitlisted"
    assert mail.outbox[-1].to == ["toka@example.fi"]
    assert mail.outbox[-1].subject != mail.outbox[0].subject
    assert "olet jonossa (sijalla 1)" in response.text


def test_cancelling_by_the_link_promotes_the_waiting_and_the_link_then_leads_nowhere(
    client, occurrence
):
    client.post(register_url(occurrence), form(email="eka@example.fi"))
    client.post(register_url(occurrence), form(email="toka@example.fi", name="Toka"))
    link = cancel_link(mail.outbox[0])
    mail.outbox.clear()

    response = client.post(link)

    assert response.status_code == 302
    assert Registration.objects.get(email="toka@example.fi").status == "confirmed"
    assert {m.to[0] for m in mail.outbox} == {"eka@example.fi", "toka@example.fi"}
    gone = client.get(link)
    assert gone.status_code == 404
    assert "käytä uusimman viestin linkkiä" in gone.text


def test_the_registrants_link_leads_to_proposing_a_topic_until_the_meeting_starts(
    client, occurrence
):
    from django.utils import timezone

    client.post(register_url(occurrence), form())
    link = cancel_link(mail.outbox[0])
    page = client.get(link).text
    topic_link = re.search(r'href="([^"]*/topic/)"', page)[1]
    proposing = client.post(topic_link, {"title": "Salivuorot syksyllä"})
    assert proposing.status_code == 302
    assert occurrence.topics.get().title == "Salivuorot syksyllä"
    occurrence.start = timezone.now() - timezone.timedelta(minutes=5)
    occurrence.save()
    assert "/topic/" not in client.get(link).text


def test_an_unknown_link_is_a_clear_404(client):
    response = client.get(reverse("events:registration", args=["arvattu-tunniste"]))
    assert response.status_code == 404
    assert "<h1>" in response.text


def test_a_second_registration_with_the_same_address_is_told_not_a_500(client, occurrence):
    client.post(register_url(occurrence), form())
    response = client.post(register_url(occurrence), form(email="MAIJA@example.fi", name="Toinen"))
    assert response.status_code == 400
    assert 'value="Toinen"' in response.text
    assert Registration.objects.count() == 1


def test_bad_input_is_answered_on_the_page_with_what_was_typed(client, occurrence):
    response = client.post(
        register_url(occurrence),
        form(email="ei-osoite", dietary_needs="Laktoositon", association="Ei Ole Olemassa ry"),
    )
    assert response.status_code == 400
    assert "Laktoositon" in response.text
    assert 'value="Ei Ole Olemassa ry"' in response.text
    assert "Ei Ole Olemassa ry" in response.context["form"].errors["association"][0]
    assert "email" in response.context["form"].errors
    assert not Registration.objects.exists()


def test_the_association_is_found_by_its_name_or_its_address(client, occurrence):
    club = AssociationFactory(name="Jyväskylän Shakkikerho ry")
    client.post(register_url(occurrence), form(association="jyväskylän shakkikerho ry"))
    assert Registration.objects.get().association == club
    AssociationFactory(name="Jyväskylän Shakkikerho ry")  # now two of the same name
    response = client.post(
        register_url(occurrence),
        form(email="toka@example.fi", association="Jyväskylän Shakkikerho ry"),
    )
    assert response.status_code == 400
    response = client.post(
        register_url(occurrence), form(email="toka@example.fi", association=club.slug)
    )
    assert Registration.objects.get(email="toka@example.fi").association == club


def test_a_signed_in_person_is_offered_their_own_associations_first(client, outsider):
    occurrence = OccurrenceFactory(series__registration_required=True)
    own = AssociationFactory(name="Kotiseutuyhdistys ry")
    MembershipFactory(association=own, user=outsider)
    AssociationFactory(name="Kotiseutuyhdistys ry")
    client.force_login(outsider)
    page = client.get(register_url(occurrence))
    assert '<option value="Kotiseutuyhdistys ry">' in page.text
    client.post(register_url(occurrence), form(association="Kotiseutuyhdistys ry"))
    assert Registration.objects.get().association == own


def test_registering_for_an_event_that_needs_none_is_refused(client):
    occurrence = OccurrenceFactory()
    response = client.post(register_url(occurrence), form())
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_too_many_registrations_from_one_address_are_slowed_down(client, settings):
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "event_registration": "2/10m/ip",
    }
    occurrence = OccurrenceFactory(series__registration_required=True)
    for i in range(2):
        client.post(register_url(occurrence), form(email=f"p{i}@example.fi"))
    response = client.post(register_url(occurrence), form(email="p3@example.fi"))
    assert response.status_code == 429
    assert 'value="p3@example.fi"' in response.text


# --- the organisers ------------------------------------------------------------------------


@pytest.fixture
def registered(occurrence):
    rows = []
    for i, (name, status) in enumerate(
        [("Eka Ensimmäinen", "confirmed"), ("Toka Toinen", "waitlisted"), ("Kolmas", "waitlisted")]
    ):
        rows.append(
            Registration.objects.create(
                occurrence=occurrence,
                name=name,
                email=f"p{i}@example.fi",
                status=status,
                language="sv" if i == 1 else "fi",
                dietary_needs='=HYPERLINK("http://evil")' if i == 0 else "",
                token_hash=Registration.new_token()[1],
            )
        )
    return rows


def organiser_url(name, occurrence):
    return reverse(name, args=[occurrence.series.slug, occurrence.pk])


def test_organisers_see_the_confirmed_and_the_waiting_list_in_order(
    client, editor, occurrence, registered, django_assert_max_num_queries
):
    Registration.objects.create(
        occurrence=occurrence,
        name="Peruja",
        email="peru@example.fi",
        status="cancelled",
        token_hash="x" * 64,
    )
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        response = client.get(organiser_url("events:registrations", occurrence))
    text = response.text
    assert text.index("Eka Ensimmäinen") < text.index("Toka Toinen") < text.index("Kolmas")
    assert "Peruja" not in text
    assert response.context["cancelled_count"] == 1


def test_the_spreadsheet_opens_as_columns_in_finnish_excel(client, editor, occurrence, registered):
    client.force_login(editor)
    response = client.get(organiser_url("events:registrations_csv", occurrence))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 4
    assert rows[1][1] == "Eka Ensimmäinen"
    assert rows[1][4].startswith("'=")  # a formula is shown, never run
    assert [row[1] for row in rows[1:]] == ["Eka Ensimmäinen", "Toka Toinen", "Kolmas"]


def test_the_organisers_message_goes_to_the_confirmed_each_with_a_working_link(
    client, editor, occurrence, registered
):
    client.force_login(editor)
    url = organiser_url("events:registrations_email", occurrence)
    response = client.post(url, {"subject": "Paikka vaihtuu", "message": "Olemme salissa 2."})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["p0@example.fi"]
    assert "Paikka vaihtuu" in message.subject
    assert "Olemme salissa 2." in message.body
    assert client.get(cancel_link(message)).status_code == 200

    mail.outbox.clear()
    client.post(url, {"subject": "Muistutus", "message": "Tervetuloa!", "include_waitlisted": "on"})
    assert sorted(m.to[0] for m in mail.outbox) == [
        "p0@example.fi",
        "p1@example.fi",
        "p2@example.fi",
    ]
    swedish = next(m for m in mail.outbox if m.to == ["p1@example.fi"])
    assert "/sv/events/registration/" in swedish.body


def test_an_empty_message_is_refused_with_the_subject_kept(client, editor, occurrence, registered):
    client.force_login(editor)
    response = client.post(
        organiser_url("events:registrations_email", occurrence), {"subject": "Aihe", "message": " "}
    )
    assert response.status_code == 400
    assert 'value="Aihe"' in response.text
    assert not mail.outbox
