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


# --- passwords known from breaches ----------------------------------------------------


class FakeRangeAPI:
    """A Pwned Passwords range API in the test: answers for the hashes it was given."""

    def __init__(self, monkeypatch, breached=(), fail=False):
        import hashlib
        import io

        from yhdistystori import passwords

        self.asked = []
        digests = [hashlib.sha1(p.encode()).hexdigest().upper() for p in breached]  # noqa: S324

        def urlopen(request, timeout):
            self.asked.append(request.full_url)
            if fail:
                raise OSError("connection refused")
            prefix = request.full_url.rsplit("/", 1)[1]
            lines = [f"{d[5:]}:42" for d in digests if d.startswith(prefix)]
            lines.append("0000000000000000000000000000000000A:0")  # padding
            return io.BytesIO("\r\n".join(lines).encode())

        monkeypatch.setattr(passwords, "urlopen", urlopen)


def test_a_password_known_from_a_breach_is_refused(client, settings, monkeypatch):
    settings.PWNED_PASSWORDS_URL = "https://pwned.example"
    api = FakeRangeAPI(monkeypatch, breached=["Kuorolaulu-2026!"])
    response = sign_up_with(client, "vuotanut@example.fi", "Kuorolaulu-2026!")
    assert response.status_code == 200
    assert "appeared in a data breach" in page_text(response)
    assert not User.objects.filter(email="vuotanut@example.fi").exists()
    # Only the first five characters of the hash left the server.
    assert api.asked
    assert all(len(url.removeprefix("https://pwned.example/range/")) == 5 for url in api.asked)


def test_a_password_not_in_a_breach_is_accepted(client, settings, monkeypatch):
    settings.PWNED_PASSWORDS_URL = "https://pwned.example"
    FakeRangeAPI(monkeypatch, breached=["jokin-muu-salasana"])
    assert sign_up_with(client, "puhdas@example.fi", "Kuorolaulu-2026!").status_code == 302


def test_a_failed_lookup_does_not_stop_signing_up(client, settings, monkeypatch, caplog):
    settings.PWNED_PASSWORDS_URL = "https://pwned.example"
    FakeRangeAPI(monkeypatch, fail=True)
    assert sign_up_with(client, "katkos@example.fi", "Kuorolaulu-2026!").status_code == 302
    assert "Could not check a password" in caplog.text


def test_nothing_is_fetched_unless_configured(client, settings, monkeypatch):
    settings.PWNED_PASSWORDS_URL = ""
    api = FakeRangeAPI(monkeypatch, breached=["Kuorolaulu-2026!"])
    assert sign_up_with(client, "oletus@example.fi", "Kuorolaulu-2026!").status_code == 302
    assert api.asked == []
