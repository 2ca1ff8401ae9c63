"""A booking request's page (facilities:booking): who reads it, the access instructions
only for the booking association and the managers once accepted, withdrawing, and
cancelling the whole series or one date with a confirmation step."""

import datetime
import re

import pytest

from grants.models import Booking, BookingRequest
from tests.factories import AssociationFactory
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
def accepted(facility, association, editor):
    return accepted_request(facility, association, dates=weeks_of(next_weekday(1), 5), by=editor)


# --- reading ---------------------------------------------------------------------------------


def test_the_association_reads_its_request_with_dates_and_left_out_dates(
    client, editor, facility, association
):
    days = weeks_of(next_weekday(3), 3)
    request = pending_request(
        facility,
        association,
        dates=days,
        exceptions=[days[1]],
        skipped_holidays=[days[2] + datetime.timedelta(weeks=1)],
    )
    client.force_login(editor)
    response = client.get(en("facilities:booking", pk=request.pk))
    assert response.status_code == 200
    page = text(response)
    assert "Waiting for an answer" in page
    assert len(re.findall(r"18:00–20:00 Requested", page)) == 3
    assert "left out by the association" in page and "public holiday" in page
    assert DOOR_CODE not in page  # not accepted yet


@pytest.mark.parametrize("who", ["editor", "owner", "facilities_manager", "admin_user"])
def test_access_instructions_show_to_the_association_and_managers_after_acceptance(
    client, request, accepted, who
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(en("facilities:booking", pk=accepted.pk))
    assert response.status_code == 200
    assert DOOR_CODE in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "liaison", "grants_officer"])
def test_others_learn_nothing_of_a_request(client, request, accepted, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(en("facilities:booking", pk=accepted.pk))
    assert response.status_code == 404
    assert DOOR_CODE not in response.content.decode()


def test_an_editor_of_another_association_learns_nothing(client, accepted):
    from tests.factories import MembershipFactory, UserFactory

    other_editor = UserFactory()
    MembershipFactory(association=AssociationFactory(), user=other_editor)
    client.force_login(other_editor)
    assert client.get(en("facilities:booking", pk=accepted.pk)).status_code == 404


def test_anonymous_visitors_are_asked_to_log_in(client, accepted):
    response = client.get(en("facilities:booking", pk=accepted.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_declined_requests_show_no_access_instructions(client, editor, facility, association):
    request = pending_request(facility, association, dates=[next_weekday(2)])
    request.status = BookingRequest.Status.DECLINED
    request.save()
    client.force_login(editor)
    assert DOOR_CODE not in client.get(en("facilities:booking", pk=request.pk)).content.decode()


# --- withdrawing -----------------------------------------------------------------------------


def test_the_association_withdraws_a_waiting_request(client, editor, facility, association):
    request = pending_request(facility, association, dates=weeks_of(next_weekday(2), 2))
    client.force_login(editor)
    assert "Withdraw the request" in text(client.get(en("facilities:booking", pk=request.pk)))
    response = client.post(en("facilities:booking_withdraw", pk=request.pk))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == BookingRequest.Status.WITHDRAWN
    assert set(request.bookings.values_list("status", flat=True)) == {Booking.Status.CANCELLED}
    response = client.post(en("facilities:booking_withdraw", pk=request.pk))
    assert response.status_code == 400
    assert "Only a request that waits for an answer can be withdrawn." in text(response)


def test_a_manager_does_not_withdraw_for_the_association(
    client, facilities_manager, facility, association
):
    request = pending_request(facility, association, dates=[next_weekday(2)])
    client.force_login(facilities_manager)
    assert client.post(en("facilities:booking_withdraw", pk=request.pk)).status_code == 403


# --- cancelling ------------------------------------------------------------------------------


def cancel(client, request, **data):
    return client.post(en("facilities:booking_cancel", pk=request.pk), data)


def test_cancelling_one_date_asks_to_confirm_first(client, editor, accepted, mailoutbox):
    day = accepted.bookings.order_by("during")[1].on_date
    client.force_login(editor)
    response = cancel(client, accepted, scope="date", on_date=day.isoformat(), reason="Konsertti.")
    assert response.status_code == 200
    page = text(response)
    assert "Cancel these times?" in page and "Yes, cancel 1 time" in page
    assert Booking.objects.filter(status=Booking.Status.CANCELLED).count() == 0
    assert mailoutbox == []


def test_the_association_cancels_one_date_and_the_managers_hear(
    client, editor, accepted, facilities_manager, mailoutbox
):
    accepted.facility.contact_email = "varaukset@kaupunki.example.fi"
    accepted.facility.save()
    day = accepted.bookings.order_by("during")[1].on_date
    client.force_login(editor)
    response = cancel(
        client, accepted, scope="date", on_date=day.isoformat(), reason="Konsertti.", confirm="yes"
    )
    assert response.status_code == 302
    cancelled = accepted.bookings.get(on_date=day)
    assert cancelled.status == Booking.Status.CANCELLED
    assert cancelled.cancelled_by == editor and cancelled.cancel_reason == "Konsertti."
    assert accepted.bookings.filter(status=Booking.Status.ACCEPTED).count() == 4
    accepted.refresh_from_db()
    assert accepted.status == BookingRequest.Status.ACCEPTED
    assert sorted(m.to[0] for m in mailoutbox) == [
        facilities_manager.email,
        "varaukset@kaupunki.example.fi",
    ]
    assert "Konsertti." in mailoutbox[0].body
    assert fi(day) in mailoutbox[0].body
    assert DOOR_CODE not in mailoutbox[0].body


def test_the_manager_cancels_the_whole_series_at_once_and_the_association_hears(
    client, facilities_manager, accepted, editor, owner, mailoutbox
):
    client.force_login(facilities_manager)
    response = cancel(client, accepted, scope="series", reason="Vesivahinko.")
    assert "Yes, cancel 5 times" in text(response)
    response = cancel(client, accepted, scope="series", reason="Vesivahinko.", confirm="yes")
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.status == BookingRequest.Status.CANCELLED
    assert set(accepted.bookings.values_list("status", flat=True)) == {Booking.Status.CANCELLED}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([editor.email, owner.email])
    assert "Vesivahinko." in mailoutbox[0].body
    # Nothing left to cancel: the page no longer offers it, and a form sent again is refused.
    assert "Cancel times" not in text(client.get(en("facilities:booking", pk=accepted.pk)))
    assert cancel(client, accepted, scope="series", reason="x", confirm="yes").status_code == 400


def test_cancelling_needs_a_reason_and_a_date(client, editor, accepted):
    client.force_login(editor)
    response = cancel(client, accepted, scope="date", reason="")
    assert response.status_code == 400
    page = text(response)
    assert "Write the reason: the other side reads it." in page
    assert "Choose the date to cancel." in page
    assert not accepted.bookings.filter(status=Booking.Status.CANCELLED).exists()


def test_a_past_time_is_not_cancelled(client, editor, facility, association):
    request = accepted_request(facility, association, dates=[next_weekday(2)])
    past = request.bookings.get()
    past.during = type(past.during)(
        past.during.lower - datetime.timedelta(days=60),
        past.during.upper - datetime.timedelta(days=60),
        "[)",
    )
    past.save()
    client.force_login(editor)
    response = cancel(client, request, scope="series", reason="Turha.", confirm="yes")
    assert response.status_code == 400
    assert "no accepted times still to come" in text(response)
    past.refresh_from_db()
    assert past.status == Booking.Status.ACCEPTED


def test_others_cannot_cancel(client, outsider, accepted):
    client.force_login(outsider)
    assert cancel(client, accepted, scope="series", reason="x", confirm="yes").status_code == 404
    assert not accepted.bookings.filter(status=Booking.Status.CANCELLED).exists()
