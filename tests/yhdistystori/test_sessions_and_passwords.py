"""Passwords of at least 12 characters (ASVS 2.1.1), and staff sessions that end sooner
than residents' when nobody uses them."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.yhdistystori.conftest import page_text
from yhdistystori.models import User
from yhdistystori.sessions import REFRESH_SECONDS, SEEN_KEY

pytestmark = pytest.mark.django_db


def sign_up_with(client, email: str, password: str):
    data = {"email": email, "password1": password, "password2": password}
    return client.post("/en/accounts/signup/", data)


def test_a_password_of_eleven_characters_is_refused_at_sign_up(client):
    response = sign_up_with(client, "lyhyt@example.fi", "Kuoro-2026!")
    assert response.status_code == 200
    assert "at least 12 characters" in page_text(response)
    assert not User.objects.filter(email="lyhyt@example.fi").exists()


def test_a_password_of_twelve_characters_is_accepted(client):
    response = sign_up_with(client, "pitka@example.fi", "Kuoro-2026!!")
    assert response.status_code == 302
    assert User.objects.filter(email="pitka@example.fi").exists()


def test_the_sign_up_page_says_how_long_a_password_must_be(client):
    assert "At least 12 characters." in page_text(client.get("/en/accounts/signup/"))


def test_a_staff_session_ends_after_the_idle_time(client, settings, liaison):
    settings.STAFF_SESSION_IDLE_SECONDS = 600
    client.force_login(liaison)
    assert client.get("/en/moderation/").status_code == 200
    assert client.session.get_expiry_age() == 600
    # Nothing for longer than that: the stored session has run out.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/en/moderation/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_requests_move_the_end_forward_once_a_minute(client, settings, admin_user):
    settings.STAFF_SESSION_IDLE_SECONDS = 600
    client.force_login(admin_user)
    client.get("/en/")
    first = Session.objects.get().expire_date
    earlier = first - timedelta(seconds=300)
    Session.objects.update(expire_date=earlier)
    client.get("/en/")  # within the minute: the session is not written again
    assert Session.objects.get().expire_date == earlier
    session = client.session
    session[SEEN_KEY] -= REFRESH_SECONDS
    session.save()
    client.get("/en/")  # a minute later
    assert Session.objects.get().expire_date >= first


def test_a_residents_session_keeps_its_usual_length(client, settings, outsider):
    settings.STAFF_SESSION_IDLE_SECONDS = 600
    client.force_login(outsider)
    client.get("/en/my/")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
