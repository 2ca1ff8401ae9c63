"""My page lists the booking requests of the person's associations with their status and
next date, and the address of each association's private calendar."""

import pytest
from django.urls import reverse

from grants.booking_calendar import association_token
from tests.factories import AssociationFactory, MembershipFactory
from tests.grants.booking_fixtures import (
    accepted_request,
    booking_facility,
    en,
    next_weekday,
    pending_request,
    text,
    weeks_of,
)
from tests.grants.facility_factories import FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def facility(db):
    return booking_facility()


def test_my_page_lists_requests_with_status_next_date_and_calendar(
    client, editor, association, facility
):
    days = weeks_of(next_weekday(1), 3)
    accepted = accepted_request(facility, association, dates=days)
    waiting = pending_request(
        FacilityFactory(name_fi="Nuorisotalo"), association, dates=[next_weekday(4)]
    )
    accepted_request(
        FacilityFactory(name_fi="Vieras sali"), AssociationFactory(), dates=[next_weekday(5)]
    )
    client.force_login(editor)
    response = client.get(en("my_page"))
    page = text(response)
    body = response.content.decode()
    assert "Facility bookings" in page
    assert en("facilities:booking", pk=accepted.pk) in body
    assert en("facilities:booking", pk=waiting.pk) in body
    assert "Vieras sali" not in page
    assert f"next {days[0]:%a} {days[0].day}.{days[0].month}.{days[0].year} 18:00" in page
    assert "Accepted" in page and "Waiting for an answer" in page
    assert en("facilities:association_ics", token=association_token(association)) in body


def test_people_who_edit_no_association_see_no_booking_section(client, outsider):
    client.force_login(outsider)
    assert "Facility bookings" not in text(client.get(en("my_page")))


def test_my_page_queries_are_bounded(client, editor, association, django_assert_max_num_queries):
    for n in range(6):
        other = AssociationFactory()
        MembershipFactory(association=other, user=editor)
        facility = FacilityFactory()
        accepted_request(facility, other, dates=weeks_of(next_weekday(n % 7), 4))
        pending_request(facility, other, dates=[next_weekday(n % 7, weeks=10)])
    client.force_login(editor)
    client.get(reverse("my_page"))
    with django_assert_max_num_queries(45):
        response = client.get(reverse("my_page"))
    assert response.status_code == 200
