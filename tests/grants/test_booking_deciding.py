"""The facilities manager's answer on the desk: the queue, accepting all or some dates,
declining with a reason, the version check, a clash named by its dates, and the emails
to the association."""

import datetime

import pytest
from django.utils import translation

from grants import booking_requests
from grants.booking_requests import BookingError
from grants.models import Booking, BookingRequest
from tests.factories import AssociationFactory, UserFactory
from tests.grants.booking_fixtures import (
    DOOR_CODE,
    accepted_request,
    booking_facility,
    en,
    fi,
    next_weekday,
    pending_request,
    text,
    weeks_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def facility(db):
    return booking_facility()


@pytest.fixture
def waiting(facility, association, editor):
    return pending_request(facility, association, dates=weeks_of(next_weekday(1), 4), by=editor)


def decide(client, request, action, **more):
    data = {"action": action, "version": request.version, **more}
    return client.post(en("moderation:booking_request", pk=request.pk), data)


# --- the queue -------------------------------------------------------------------------------


def test_the_managers_queue_lists_waiting_requests(client, facilities_manager, waiting):
    answered = accepted_request(
        waiting.facility, AssociationFactory(name="Vastattu ry"), dates=[next_weekday(5)]
    )
    client.force_login(facilities_manager)
    response = client.get(en("moderation:queue"))
    assert response.status_code == 200
    page = text(response)
    assert "Ahjon Kuoro ry" in page and "Booking requests 1" in page
    assert en("moderation:booking_request", pk=waiting.pk) in response.content.decode()
    assert en("moderation:booking_request", pk=answered.pk) not in response.content.decode()
    # The liaison's kinds and pages are not the manager's.
    assert "Claims" not in page
    assert en("moderation:changes") not in response.content.decode()
    assert "Moderation (1" in page  # the header's count is of the manager's own items


def test_the_liaisons_queue_leaves_booking_requests_out(client, liaison, waiting):
    client.force_login(liaison)
    response = client.get(en("moderation:queue"))
    assert en("moderation:booking_request", pk=waiting.pk) not in response.content.decode()
    assert "Booking requests" not in text(response)


def test_the_queue_query_count_does_not_grow_with_the_requests(
    client, facilities_manager, facility, django_assert_max_num_queries
):
    for n in range(30):
        pending_request(facility, AssociationFactory(), dates=[next_weekday(n % 7, weeks=2 + n)])
    client.force_login(facilities_manager)
    client.get(en("moderation:queue"))
    with django_assert_max_num_queries(14):
        response = client.get(en("moderation:queue"))
    assert response.status_code == 200


def test_the_decision_page_shows_each_date_with_its_checks(
    client, facilities_manager, waiting, django_assert_max_num_queries
):
    first = waiting.bookings.order_by("during").first()
    accepted_request(waiting.facility, AssociationFactory(), dates=[first.on_date])
    client.force_login(facilities_manager)
    with django_assert_max_num_queries(16):
        response = client.get(en("moderation:booking_request", pk=waiting.pk))
    page = text(response)
    assert response.status_code == 200
    assert page.count("Clashes with an accepted booking") == 1
    assert page.count("Free") == 3
    assert "Accept all dates" in page and "Decline the request" in page


def test_only_facilities_managers_decide(client, liaison, editor, waiting):
    client.force_login(liaison)
    assert client.get(en("moderation:booking_request", pk=waiting.pk)).status_code == 403
    client.force_login(editor)
    assert decide(client, waiting, "accept_all").status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == BookingRequest.Status.PENDING


# --- accepting and declining -----------------------------------------------------------------


def test_accepting_all_accepts_every_date_and_tells_the_association(
    client, facilities_manager, waiting, editor, owner, mailoutbox
):
    client.force_login(facilities_manager)
    response = decide(client, waiting, "accept_all")
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == BookingRequest.Status.ACCEPTED
    assert waiting.decided_by == facilities_manager and waiting.decided_at
    assert waiting.version == 2
    assert set(waiting.bookings.values_list("status", flat=True)) == {Booking.Status.ACCEPTED}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([editor.email, owner.email])
    for message in mailoutbox:
        assert DOOR_CODE not in message.body
        assert DOOR_CODE not in message.alternatives[0][0]
        assert f"/bookings/{waiting.pk}/" in message.body


def test_accepting_some_declines_the_others(client, facilities_manager, waiting, mailoutbox):
    days = [b.on_date for b in waiting.bookings.order_by("during")]
    client.force_login(facilities_manager)
    decide(
        client,
        waiting,
        "accept_some",
        dates=[days[0].isoformat(), days[2].isoformat()],
        reason="Kaksi muuta päivää on varattu koulun juhlille.",
    )
    waiting.refresh_from_db()
    assert waiting.status == BookingRequest.Status.PARTLY_ACCEPTED
    statuses = dict(waiting.bookings.values_list("on_date", "status"))
    assert [statuses[day] for day in days] == ["accepted", "declined", "accepted", "declined"]
    message = mailoutbox[0]
    assert "osittain" in message.subject.lower() or "partly" in message.subject.lower()
    assert "Kaksi muuta päivää" in message.body


def test_accepting_some_with_none_ticked_is_refused(client, facilities_manager, waiting):
    client.force_login(facilities_manager)
    response = decide(client, waiting, "accept_some")
    assert response.status_code == 400
    assert "Choose at least one date to accept" in text(response)
    waiting.refresh_from_db()
    assert waiting.status == BookingRequest.Status.PENDING


def test_declining_needs_a_reason_and_keeps_what_was_typed(client, facilities_manager, waiting):
    client.force_login(facilities_manager)
    response = decide(client, waiting, "decline", reason="  ")
    assert response.status_code == 400
    assert "Write the reason: the association reads it." in text(response)
    waiting.refresh_from_db()
    assert waiting.status == BookingRequest.Status.PENDING


def test_declining_tells_the_association_the_reason_in_each_ones_language(
    client, facilities_manager, waiting, editor, owner, mailoutbox
):
    owner.language = "sv"
    owner.save()
    client.force_login(facilities_manager)
    decide(client, waiting, "decline", reason="Sali on remontissa keväällä.")
    waiting.refresh_from_db()
    assert waiting.status == BookingRequest.Status.DECLINED
    assert waiting.decision_reason == "Sali on remontissa keväällä."
    assert set(waiting.bookings.values_list("status", flat=True)) == {Booking.Status.DECLINED}
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {editor.email, owner.email}
    assert "Sali on remontissa keväällä." in by_address[editor.email].body
    assert 'lang="sv"' in by_address[owner.email].alternatives[0][0]
    assert 'lang="fi"' in by_address[editor.email].alternatives[0][0]


def test_the_requester_hears_even_when_no_longer_an_editor(
    facilities_manager, facility, association
):
    former = UserFactory(email="former@example.fi")
    request = pending_request(facility, association, dates=[next_weekday(2)], by=former)
    from django.core import mail

    booking_requests.booking_request_decline(
        booking_request=request, by=facilities_manager, reason="Varattu."
    )
    assert "former@example.fi" in [m.to[0] for m in mail.outbox]


# --- refusals --------------------------------------------------------------------------------


def test_a_request_changed_since_the_page_was_opened_is_refused(
    client, facilities_manager, waiting, editor
):
    seen = waiting.version
    booking_requests.booking_request_withdraw(booking_request=waiting, by=editor)
    client.force_login(facilities_manager)
    response = client.post(
        en("moderation:booking_request", pk=waiting.pk), {"action": "accept_all", "version": seen}
    )
    assert response.status_code == 409
    assert "The request changed after you opened this page" in text(response)
    waiting.refresh_from_db()
    assert waiting.status == BookingRequest.Status.WITHDRAWN
    assert not waiting.bookings.filter(status=Booking.Status.ACCEPTED).exists()


def test_a_form_without_its_version_is_refused(client, facilities_manager, waiting):
    client.force_login(facilities_manager)
    response = client.post(
        en("moderation:booking_request", pk=waiting.pk), {"action": "accept_all"}
    )
    assert response.status_code == 400
    waiting.refresh_from_db()
    assert waiting.status == BookingRequest.Status.PENDING


def test_a_clash_is_named_by_its_dates_and_nothing_is_accepted(
    client, facilities_manager, waiting, mailoutbox
):
    days = [b.on_date for b in waiting.bookings.order_by("during")]
    # Another request was accepted for the second and fourth dates, an hour later.
    other = accepted_request(
        waiting.facility,
        AssociationFactory(),
        dates=[days[1], days[3]],
        starts=datetime.time(19),
        ends=datetime.time(21),
    )
    assert other.bookings.count() == 2
    client.force_login(facilities_manager)
    response = decide(client, waiting, "accept_all")
    assert response.status_code == 400
    page = text(response)
    listed = f"{fi(days[1])}, {fi(days[3])}"
    assert f"already booked for part of the time on {listed}. Nothing was accepted" in page
    waiting.refresh_from_db()
    assert waiting.status == BookingRequest.Status.PENDING
    assert set(waiting.bookings.values_list("status", flat=True)) == {Booking.Status.REQUESTED}
    assert mailoutbox == []
    # Leaving those dates out works.
    response = decide(
        client, waiting, "accept_some", dates=[days[0].isoformat(), days[2].isoformat()]
    )
    assert response.status_code == 302


def test_the_workflow_refuses_an_answered_request(facilities_manager, waiting):
    booking_requests.booking_request_accept(booking_request=waiting, by=facilities_manager)
    with translation.override("en"), pytest.raises(BookingError, match="no longer waiting"):
        booking_requests.booking_request_decline(
            booking_request=waiting, by=facilities_manager, reason="Ei."
        )


def test_an_empty_queue_tells_the_manager_of_new_items(client, facilities_manager):
    client.force_login(facilities_manager)
    page = text(client.get(en("moderation:queue")))
    assert "New items appear here as they come." in page
    assert "stale profiles" not in page
