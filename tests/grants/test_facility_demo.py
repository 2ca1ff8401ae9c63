"""The demo facilities that `make demo` loads after the associations' demo data."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from grants.models import Equipment, Facility, OpeningHours, Room
from yhdistystori.roles import Role, has_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("load_facilities_demo", stdout=out)
    return out.getvalue()


def counts():
    return [model.objects.count() for model in (Equipment, Facility, Room, OpeningHours)]


def test_the_demo_has_some_thirty_facilities_of_every_kind_with_hours(demo):
    assert 25 <= Facility.objects.count() <= 40
    assert {f.kind for f in Facility.objects.all()} >= {
        "school_gym",
        "sports_hall",
        "youth_centre",
        "library_room",
        "resident_house",
    }
    assert not Facility.objects.filter(opening_hours__isnull=True).exists()
    assert Facility.objects.filter(district__isnull=False).count() == Facility.objects.count()
    assert {f.pricing for f in Facility.objects.all()} == {"free", "discounted", "normal"}
    assert Facility.objects.filter(is_published=False).exists()
    assert not Facility.objects.filter(access_instructions="").exists()
    assert Equipment.objects.filter(slug__in=["projector", "piano", "kitchen", "wifi"]).count() == 4


def test_the_demo_prints_the_facilities_managers_login(demo):
    from django.contrib.auth import get_user_model

    manager = get_user_model().objects.get(email="facilities@demo.example")
    assert has_role(manager, Role.FACILITIES)
    assert "facilities@demo.example" in demo


def test_loading_the_demo_again_changes_nothing(demo):
    before = counts()
    changed = Facility.objects.get(slug="huhtasuon-nuorisotila")
    changed.capacity = 33
    changed.save()
    call_command("load_facilities_demo", stdout=StringIO())
    assert counts() == before
    assert Facility.objects.get(slug="huhtasuon-nuorisotila").capacity == 33


def test_the_demo_needs_the_associations_demo_first(db):
    with pytest.raises(CommandError):
        call_command("load_facilities_demo", stdout=StringIO())


def test_the_demo_facilities_are_listed_and_open(demo, client):
    response = client.get("/facilities/", {"q": "Verso"})
    assert "Pääkirjaston kokoushuone Verso" in response.content.decode()
    assert client.get("/facilities/paakirjaston-kokoushuone-verso/").status_code == 200
