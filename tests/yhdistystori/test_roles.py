import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import AssociationFactory
from yhdistystori.models import Feedback
from yhdistystori.roles import Role


@pytest.fixture
def roles_set_up(db):
    call_command("setup_roles", verbosity=0)


@pytest.mark.usefixtures("roles_set_up")
def test_liaison_can_edit_associations_and_read_feedback_in_the_admin(client, liaison):
    association = AssociationFactory()
    Feedback.objects.create(message="Sivulla on virhe.")
    client.force_login(liaison)
    assert client.get("/en/admin/associations/association/").status_code == 200
    assert (
        client.get(f"/en/admin/associations/association/{association.pk}/change/").status_code
        == 200
    )
    response = client.get("/en/admin/yhdistystori/feedback/")
    assert response.status_code == 200
    assert "Sivulla on virhe." in response.content.decode()


@pytest.mark.usefixtures("roles_set_up")
def test_liaison_cannot_manage_users(client, liaison):
    client.force_login(liaison)
    assert client.get("/en/admin/yhdistystori/user/").status_code == 403


def test_setup_roles_is_idempotent(db):
    call_command("setup_roles", verbosity=0)
    first = set(Group.objects.get(name=Role.LIAISON).permissions.values_list("codename", flat=True))
    call_command("setup_roles", verbosity=0)
    second = set(
        Group.objects.get(name=Role.LIAISON).permissions.values_list("codename", flat=True)
    )
    assert first == second
    assert "change_association" in first
    assert "delete_user" not in first
