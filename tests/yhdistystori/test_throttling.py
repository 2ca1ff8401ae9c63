"""Throttling: failed logins per account and per address, sign-ups, password reset
requests and feedback, and the page that tells a person to wait."""

import pytest
from django.core import mail

from tests.yhdistystori.conftest import log_in, page_text, sign_up, verified_user
from yhdistystori.models import Feedback, User

# --- Throttling ----------------------------------------------------------------------


@pytest.mark.django_db
def test_failed_logins_are_throttled_per_account_from_any_address(client, clock):
    verified_user("maija@example.fi")
    for attempt in range(5):
        response = log_in(client, "maija@example.fi", "väärä", REMOTE_ADDR=f"10.0.0.{attempt}")
        assert response.status_code == 200

    # The right password from yet another address: the account is locked for now.
    locked = log_in(client, "maija@example.fi", prefix="/sv", REMOTE_ADDR="10.0.0.99")
    assert locked.status_code == 429
    assert 'value="maija@example.fi"' in locked.content.decode()
    # Another account from the same addresses is not affected.
    verified_user("pekka@example.fi")
    assert log_in(client, "pekka@example.fi", REMOTE_ADDR="10.0.0.1").status_code == 302
    client.logout()

    clock.advance(15 * 60 + 1)
    assert log_in(client, "maija@example.fi", REMOTE_ADDR="10.0.0.99").status_code == 302


@pytest.mark.django_db
def test_failed_logins_are_throttled_per_address_across_accounts(client, clock):
    verified_user("maija@example.fi")
    for attempt in range(10):
        response = log_in(client, f"arvaus{attempt}@example.fi", "väärä", REMOTE_ADDR="10.1.1.1")
        assert response.status_code == 200

    assert log_in(client, "maija@example.fi", REMOTE_ADDR="10.1.1.1").status_code == 429
    # The same person from another address gets in.
    assert log_in(client, "maija@example.fi", REMOTE_ADDR="10.2.2.2").status_code == 302
    client.logout()

    clock.advance(10 * 60 + 1)
    assert log_in(client, "maija@example.fi", REMOTE_ADDR="10.1.1.1").status_code == 302


@pytest.mark.django_db
def test_successful_logins_do_not_count_towards_the_limit(client, clock):
    verified_user("maija@example.fi")
    for _attempt in range(12):
        assert log_in(client, "maija@example.fi").status_code == 302
        client.logout()


@pytest.mark.django_db
def test_sign_ups_are_limited_per_address(client, clock):
    for number in range(10):
        assert (
            sign_up(client, f"uusi{number}@example.fi", REMOTE_ADDR="10.3.3.3").status_code == 302
        )

    response = sign_up(client, "yksi-liikaa@example.fi", prefix="/sv", REMOTE_ADDR="10.3.3.3")

    assert response.status_code == 429
    assert '<html lang="sv">' in response.content.decode()
    assert not User.objects.filter(email="yksi-liikaa@example.fi").exists()
    assert sign_up(client, "toinen@example.fi", REMOTE_ADDR="10.4.4.4").status_code == 302
    clock.advance(3600 + 1)
    assert sign_up(client, "yksi-liikaa@example.fi", REMOTE_ADDR="10.3.3.3").status_code == 302


@pytest.mark.django_db
def test_too_many_requests_page_explains_to_wait(client, clock):
    for number in range(10):
        sign_up(client, f"uusi{number}@example.fi")

    response = sign_up(client, "yksi-liikaa@example.fi", prefix="/en")

    assert response.status_code == 429
    assert "<h1>Too many attempts</h1>" in response.content.decode()
    assert "Wait a few minutes and try again." in page_text(response)


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_address_typed(client, clock):
    verified_user("maija@example.fi")
    for attempt in range(3):
        response = client.post(
            "/accounts/password/reset/",
            {"email": "maija@example.fi"},
            REMOTE_ADDR=f"10.5.5.{attempt}",
        )
        assert response.status_code == 302

    response = client.post(
        "/accounts/password/reset/", {"email": "maija@example.fi"}, REMOTE_ADDR="10.5.5.9"
    )

    assert response.status_code == 429
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_feedback_is_limited_per_address_and_keeps_what_was_typed(client, clock):
    for number in range(5):
        response = client.post(
            "/feedback/", {"topic": "other", "message": f"Palaute numero {number}."}
        )
        assert response.status_code == 302

    response = client.post(
        "/en/feedback/",
        {"topic": "content", "message": "Kuoron sivulla on vanha puhelinnumero.", "name": "Maija"},
    )

    assert response.status_code == 429
    page = page_text(response)
    assert "Wait a few minutes and send it again" in page
    assert "Kuoron sivulla on vanha puhelinnumero.</textarea>" in page
    assert 'value="Maija"' in page
    assert Feedback.objects.count() == 5

    clock.advance(10 * 60 + 1)
    response = client.post("/feedback/", {"topic": "other", "message": "Nyt menee perille."})
    assert response.status_code == 302
