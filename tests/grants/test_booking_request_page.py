"""Asking for a facility (facilities:request): the form, the check step that shows each
date, sending, and every refusal answered with 400 and nothing typed lost."""

import datetime
from decimal import Decimal

import pytest

from associations.models import Membership
from grants.models import Booking, BookingRequest, OpeningHours
from tests.factories import AssociationFactory, MembershipFactory
from tests.grants.booking_fixtures import (
    accepted_request,
    booking_facility,
    en,
    fi,
    next_weekday,
    text,
)
from tests.grants.facility_factories import FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def facility(db):
    return booking_facility()


def form(association, day, **more):
    return {
        "association": association.pk,
        "repeat": "once",
        "first_date": fi(day),
        "starts": "18:00",
        "ends": "20:00",
        "purpose": "Kuoroharjoitukset",
        "attendance": "25",
        "message": "Tarvitsemme pianon.",
        **more,
    }


def test_an_editor_sees_the_form_with_a_check_button(client, editor, association, facility):
    client.force_login(editor)
    response = client.get(en("facilities:request", slug=facility.slug))
    assert response.status_code == 200
    page = text(response)
    assert "Ask for Kuokkalan koulun liikuntasali" in page
    assert "Check the times" in page
    assert "Send the request" not in page  # only after the check
    assert association.name in page


def test_checking_shows_the_dates_and_saves_nothing(client, editor, association, facility):
    client.force_login(editor)
    day = next_weekday(1)
    response = client.post(
        en("facilities:request", slug=facility.slug),
        form(
            association,
            day,
            repeat="weekly",
            last_date=fi(day + datetime.timedelta(weeks=3)),
            check="1",
        ),
    )
    assert response.status_code == 200
    page = text(response)
    assert "The request asks for 4 times." in page
    assert page.count("Free") == 4
    assert "Send the request" in page
    assert "Kuoroharjoitukset" in page
    assert BookingRequest.objects.count() == 0


def test_checking_marks_clashes_closed_hours_and_left_out_dates(
    client, editor, association, facility
):
    day = next_weekday(1)
    other = AssociationFactory(name="Toinen Seura ry")
    accepted_request(facility, other, dates=[day + datetime.timedelta(weeks=1)])
    # Closed on the series' weekday after 19:00 in the third week: only that date's hours
    # change, so close the whole weekday and open it 8–19.
    OpeningHours.objects.filter(facility=facility, weekday=day.weekday()).update(
        closes=datetime.time(19)
    )
    client.force_login(editor)
    response = client.post(
        en("facilities:request", slug=facility.slug),
        form(
            association,
            day,
            repeat="weekly",
            last_date=fi(day + datetime.timedelta(weeks=3)),
            exceptions=fi(day + datetime.timedelta(weeks=2)),
            check="1",
        ),
    )
    page = text(response)
    assert response.status_code == 200
    assert "Clashes with an accepted booking" in page
    assert page.count("Outside the opening hours") == 3
    assert "Left out: you left it out" in page
    assert "3 of them are marked below: you may still send them" in page


def test_a_weekly_request_leaves_out_public_holidays_unless_kept(
    client, editor, association, facility
):
    import holidays

    soon = next_weekday(0)
    found = holidays.Finland(years=[soon.year, soon.year + 1], language="en_US")
    holiday, name = min(
        (day, name) for day, name in found.items() if day >= soon and day.weekday() < 5
    )
    first, last = holiday - datetime.timedelta(weeks=1), holiday + datetime.timedelta(weeks=1)
    values = form(association, first, repeat="weekly", last_date=fi(last), check="1")
    client.force_login(editor)
    page = text(client.post(en("facilities:request", slug=facility.slug), values))
    assert f"Left out: public holiday ({name})" in page
    assert "The request asks for 2 times." in page
    kept = text(
        client.post(en("facilities:request", slug=facility.slug), {**values, "keep_holidays": "on"})
    )
    assert "Left out" not in kept and "The request asks for 3 times." in kept
    client.post(en("facilities:request", slug=facility.slug), {**values, "send": "1"})
    made = BookingRequest.objects.get()
    assert made.skipped_holidays == [holiday]
    assert holiday not in list(made.bookings.values_list("on_date", flat=True))


def test_sending_makes_the_request_with_its_times_and_prices(client, editor, association, facility):
    client.force_login(editor)
    day = next_weekday(2)
    last = day + datetime.timedelta(weeks=2)
    response = client.post(
        en("facilities:request", slug=facility.slug),
        form(association, day, repeat="weekly", last_date=fi(last), send="1"),
    )
    made = BookingRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == en("facilities:booking", pk=made.pk)
    assert made.status == BookingRequest.Status.PENDING
    assert made.requested_by == editor
    assert (made.first_date, made.last_date) == (day, last)
    assert made.price_per_hour == Decimal("10.00")
    assert made.normal_price_per_hour == Decimal("40.00")
    assert made.message == "Tarvitsemme pianon."
    bookings = list(made.bookings.order_by("during"))
    assert [b.on_date for b in bookings] == [day + datetime.timedelta(weeks=n) for n in range(3)]
    assert {b.status for b in bookings} == {Booking.Status.REQUESTED}


def test_a_clashing_date_may_still_be_sent_and_the_message_says_so(
    client, editor, association, facility
):
    day = next_weekday(3)
    accepted_request(facility, AssociationFactory(), dates=[day])
    client.force_login(editor)
    response = client.post(
        en("facilities:request", slug=facility.slug), form(association, day, send="1"), follow=True
    )
    assert BookingRequest.objects.filter(association=association).count() == 1
    assert "1 date clashes with another booking or falls outside the opening hours" in text(
        response
    )


def test_sending_puts_the_request_on_the_managers_desk(
    client, editor, association, facility, facilities_manager, mailoutbox
):
    facilities_manager.moderation_email = "each"
    facilities_manager.save()
    client.force_login(editor)
    client.post(
        en("facilities:request", slug=facility.slug), form(association, next_weekday(1), send="1")
    )
    (mail,) = mailoutbox
    assert mail.to == [facilities_manager.email]
    assert association.name in mail.body


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"starts": "20:00", "ends": "18:00"}, "The end time must be after the start time."),
        ({"attendance": "41"}, "At most 40 people may be in the facility at once."),
        ({"first_date": "1.1.2020"}, "has already passed"),
        (
            {"repeat": "weekly", "last_date": "__ten_years__"},
            "A weekly series may last at most a year",
        ),
        (
            {"repeat": "weekly", "last_date": "__same__", "exceptions": "__first__"},
            "No dates are left",
        ),
        (
            {"repeat": "weekly", "last_date": "__same__", "exceptions": "31.2.2027, maanantai"},
            "These are not dates: “31.2.2027”, “maanantai”.",
        ),
        ({"first_date": "huomenna"}, "Enter a valid date."),
        ({"attendance": "0"}, "greater than or equal to 1"),
    ],
)
def test_what_cannot_be_booked_is_refused_and_nothing_typed_is_lost(
    client, editor, association, facility, change, words
):
    day = next_weekday(1)
    values = form(association, day, check="1", **change)
    if values.get("last_date") == "__ten_years__":
        values["last_date"] = fi(day.replace(year=day.year + 10))
    if values.get("last_date") == "__same__":
        values["last_date"] = fi(day)
    if values.get("exceptions") == "__first__":
        values["exceptions"] = fi(day)
    client.force_login(editor)
    response = client.post(en("facilities:request", slug=facility.slug), values)
    assert response.status_code == 400
    page = text(response)
    assert words in page
    assert "Please correct the marked fields." in page
    assert "Kuoroharjoitukset" in page and "Tarvitsemme pianon." in page
    assert BookingRequest.objects.count() == 0


def test_sending_refused_saves_nothing(client, editor, association, facility):
    client.force_login(editor)
    response = client.post(
        en("facilities:request", slug=facility.slug),
        form(association, next_weekday(1), attendance="400", send="1"),
    )
    assert response.status_code == 400
    assert not BookingRequest.objects.exists()
    assert not Booking.objects.exists()


def test_an_editor_of_several_associations_chooses_one(client, editor, association, facility):
    second = AssociationFactory(name="Toinen Kuoro ry")
    MembershipFactory(association=second, user=editor, role=Membership.Role.EDITOR)
    client.force_login(editor)
    page = text(client.get(en("facilities:request", slug=facility.slug)))
    assert "Which association asks?" in page and "Toinen Kuoro ry" in page
    values = form(association, next_weekday(1), send="1")
    del values["association"]
    response = client.post(en("facilities:request", slug=facility.slug), values)
    assert response.status_code == 400
    assert "Choose the association that asks for the facility." in text(response)
    client.post(
        en("facilities:request", slug=facility.slug),
        form(second, next_weekday(1), send="1"),
    )
    assert BookingRequest.objects.get().association == second


def test_an_association_someone_does_not_edit_is_refused(client, editor, association, facility):
    stranger = AssociationFactory(name="Vieras Seura ry")
    client.force_login(editor)
    response = client.post(
        en("facilities:request", slug=facility.slug), form(stranger, next_weekday(1), send="1")
    )
    assert response.status_code == 400
    assert not BookingRequest.objects.exists()


def test_people_who_edit_no_association_cannot_ask(client, outsider, facility):
    client.force_login(outsider)
    assert client.get(en("facilities:request", slug=facility.slug)).status_code == 403


def test_an_unpublished_facility_cannot_be_asked_for(client, editor, association):
    hidden = FacilityFactory(is_published=False)
    client.force_login(editor)
    assert client.get(en("facilities:request", slug=hidden.slug)).status_code == 404
