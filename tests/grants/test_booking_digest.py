"""The daily digest tells the facilities managers of the booking requests that wait, and
the liaisons of their own queue only."""

import pytest
from django.core import mail
from django.core.management import call_command

from tests.factories import AssociationFactory, UserFactory, activate_totp
from tests.grants.facility_factories import BookingRequestFactory, FacilityFactory
from yhdistystori.roles import Role, grant_role

pytestmark = pytest.mark.django_db


def _staff(role, email):
    user = UserFactory(email=email, moderation_email="digest", language="en")
    grant_role(user, role)
    activate_totp(user)
    return user


def test_each_role_hears_of_its_own_desk_once_a_day(capsys):
    manager = _staff(Role.FACILITIES, "tilat@kaupunki.example.fi")
    liaison = _staff(Role.LIAISON, "yhdyshenkilo@kaupunki.example.fi")
    BookingRequestFactory(
        facility=FacilityFactory(name_fi="Kortepohjan koulun liikuntasali"),
        association=AssociationFactory(name="Salibandyseura Pallo ry"),
    )
    AssociationFactory(name="Odottava Kuoro ry", status="pending")
    mail.outbox.clear()

    call_command("send_moderation_digest")
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {manager.email, liaison.email}
    assert "Booking request: Salibandyseura Pallo ry" in by_address[manager.email].body
    assert "Odottava Kuoro ry" not in by_address[manager.email].body
    assert "Salibandyseura Pallo ry" not in by_address[liaison.email].body
    assert "Odottava Kuoro ry" in by_address[liaison.email].body
    assert "facilities: 1 items (booking_request 1)" in capsys.readouterr().out

    mail.outbox.clear()
    call_command("send_moderation_digest", verbosity=0)
    assert mail.outbox == []
