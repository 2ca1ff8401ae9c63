"""The roles module: who has which city role, at what cost, and how views are guarded."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from yhdistystori.models import User
from yhdistystori.roles import (
    Role,
    grant_role,
    has_role,
    revoke_role,
    role_required,
    roles_of,
    users_with_role,
)

pytestmark = pytest.mark.django_db


def fresh(user) -> User:
    """The same person as a new request sees them (nothing remembered on the object)."""
    return User.objects.get(pk=user.pk)


def test_a_liaison_has_the_liaison_role_only(liaison):
    assert has_role(liaison, Role.LIAISON)
    assert not has_role(liaison, Role.GRANTS)
    assert not has_role(liaison, Role.FACILITIES)


def test_staff_of_other_roles_are_not_liaisons(grants_officer, facilities_manager):
    assert roles_of(grants_officer) == {Role.GRANTS}
    assert roles_of(facilities_manager) == {Role.FACILITIES}


def test_a_superuser_has_every_role_without_being_in_a_group(admin_user):
    assert roles_of(admin_user) == set(Role.values)
    assert not admin_user.groups.exists()


def test_anonymous_visitors_and_other_people_have_no_role(outsider):
    from django.contrib.auth.models import AnonymousUser

    assert roles_of(AnonymousUser()) == frozenset()
    assert roles_of(outsider) == frozenset()


def test_a_request_asks_the_database_at_most_once(liaison):
    person = fresh(liaison)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert has_role(person, Role.LIAISON)
            assert not has_role(person, Role.GRANTS)
    assert len(queries) <= 1


def test_the_next_request_does_not_ask_again(liaison):
    roles_of(fresh(liaison))
    with CaptureQueriesContext(connection) as queries:
        assert has_role(fresh(liaison), Role.LIAISON)
    assert len(queries) == 0


def test_a_role_taken_away_in_the_admin_counts_at_once(liaison):
    assert has_role(fresh(liaison), Role.LIAISON)
    # What the admin's user form does: set the groups.
    liaison.groups.set([])
    assert not has_role(fresh(liaison), Role.LIAISON)


def test_a_person_removed_from_the_group_itself_loses_the_role_at_once(liaison):
    assert has_role(fresh(liaison), Role.LIAISON)
    Group.objects.get(name=Role.LIAISON).user_set.remove(liaison)
    assert not has_role(fresh(liaison), Role.LIAISON)


def test_granting_and_revoking_a_role(outsider):
    grant_role(outsider, Role.FACILITIES)
    assert has_role(fresh(outsider), Role.FACILITIES)
    assert list(users_with_role(Role.FACILITIES)) == [outsider]
    revoke_role(outsider, Role.FACILITIES)
    assert not has_role(fresh(outsider), Role.FACILITIES)
    assert not users_with_role(Role.FACILITIES).exists()


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


def test_a_guarded_view_sends_anonymous_visitors_to_log_in(guarded_view):
    from django.contrib.auth.models import AnonymousUser

    response = call(guarded_view, AnonymousUser())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_guarded_view_refuses_other_roles_and_serves_its_own(
    guarded_view, liaison, grants_officer, admin_user
):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        call(guarded_view, liaison)
    assert call(guarded_view, grants_officer).content == b"ok"
    assert call(guarded_view, admin_user).content == b"ok"
