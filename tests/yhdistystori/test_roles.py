"""The city roles: what each may do in the admin, who has which, and how views are guarded."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.factories import AssociationFactory, UserFactory
from yhdistystori.models import Feedback, User
from yhdistystori.roles import (
    Role,
    grant_role,
    has_role,
    revoke_role,
    role_required,
    roles_of,
    users_with_role,
)


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


# --- who has which role -------------------------------------------------------------


def fresh(user) -> User:
    """The same person as a new request sees them (nothing remembered on the object)."""
    return User.objects.get(pk=user.pk)


@pytest.mark.django_db
def test_a_liaison_has_the_liaison_role_only(liaison):
    assert has_role(liaison, Role.LIAISON)
    assert not has_role(liaison, Role.GRANTS)
    assert not has_role(liaison, Role.FACILITIES)


@pytest.mark.django_db
def test_staff_of_other_roles_are_not_liaisons(grants_officer, facilities_manager):
    assert roles_of(grants_officer) == {Role.GRANTS}
    assert roles_of(facilities_manager) == {Role.FACILITIES}


@pytest.mark.django_db
def test_a_superuser_has_every_role_without_being_in_a_group(admin_user):
    assert roles_of(admin_user) == set(Role.values)
    assert not admin_user.groups.exists()


@pytest.mark.django_db
def test_anonymous_visitors_and_other_people_have_no_role(outsider):
    assert roles_of(AnonymousUser()) == frozenset()
    assert roles_of(outsider) == frozenset()


@pytest.mark.django_db
def test_a_request_asks_the_database_at_most_once(liaison):
    person = fresh(liaison)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert has_role(person, Role.LIAISON)
            assert not has_role(person, Role.GRANTS)
    assert len(queries) <= 1


@pytest.mark.django_db
def test_the_next_request_does_not_ask_again(liaison):
    roles_of(fresh(liaison))
    next_request = fresh(liaison)
    with CaptureQueriesContext(connection) as queries:
        assert has_role(next_request, Role.LIAISON)
    assert len(queries) == 0


@pytest.mark.django_db
def test_a_role_taken_away_in_the_admin_counts_at_once(liaison):
    assert has_role(fresh(liaison), Role.LIAISON)
    # What the admin's user form does: set the groups.
    liaison.groups.set([])
    assert not has_role(fresh(liaison), Role.LIAISON)


@pytest.mark.django_db
def test_a_person_removed_from_the_group_itself_loses_the_role_at_once(liaison):
    assert has_role(fresh(liaison), Role.LIAISON)
    Group.objects.get(name=Role.LIAISON).user_set.remove(liaison)
    assert not has_role(fresh(liaison), Role.LIAISON)


@pytest.mark.django_db
def test_granting_and_revoking_a_role(outsider):
    grant_role(outsider, Role.FACILITIES)
    assert has_role(fresh(outsider), Role.FACILITIES)
    assert list(users_with_role(Role.FACILITIES)) == [outsider]
    revoke_role(outsider, Role.FACILITIES)
    assert not has_role(fresh(outsider), Role.FACILITIES)
    assert not users_with_role(Role.FACILITIES).exists()


@pytest.mark.django_db
def test_the_users_with_a_role_are_active_group_members(liaison, admin_user):
    retired = UserFactory(is_active=False)
    grant_role(retired, Role.LIAISON)
    assert list(users_with_role(Role.LIAISON)) == [liaison]


@pytest.fixture
def guarded_view():
    @role_required(Role.GRANTS)
    def view(request):
        return HttpResponse("ok")

    return view


def call(view, user):
    request = RequestFactory().get("/")
    request.user = user
    return view(request)


@pytest.mark.django_db
def test_a_guarded_view_sends_anonymous_visitors_to_log_in(guarded_view):
    response = call(guarded_view, AnonymousUser())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_a_guarded_view_refuses_other_roles_and_serves_its_own(
    guarded_view, liaison, grants_officer, admin_user
):
    with pytest.raises(PermissionDenied):
        call(guarded_view, liaison)
    assert call(guarded_view, grants_officer).content == b"ok"
    assert call(guarded_view, admin_user).content == b"ok"
