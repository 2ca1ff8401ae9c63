"""Accounts: signing up and verifying the address by the emailed link, logging in and out,
and the Django admin's own login form."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.yhdistystori.conftest import (
    NEW_PASSWORD,
    PASSWORD,
    html_part,
    link_in,
    log_in,
    page_text,
    path_of,
    sign_up,
    verified_user,
)
from yhdistystori.models import User

# --- Sign up and verification --------------------------------------------------------


@pytest.mark.django_db
def test_sign_up_sends_a_link_in_the_language_of_the_page(client):
    response = sign_up(client, "Uusi@Example.fi", prefix="/sv")

    assert response.status_code == 302
    assert response["Location"] == "/sv/accounts/confirm-email/"
    user = User.objects.get(email="uusi@example.fi")
    assert user.language == "sv"
    assert not EmailAddress.objects.get(user=user).verified
    [message] = mail.outbox
    assert message.to == ["uusi@example.fi"]
    assert message.subject
    assert '<html lang="sv">' in html_part(message)
    assert "/sv/accounts/confirm-email/" in link_in(message)


@pytest.mark.django_db
def test_verification_sent_page_tells_to_open_the_link(client):
    response = client.get(sign_up(client, prefix="/en")["Location"])

    assert response.status_code == 200
    assert "We sent you an email with a link." in page_text(response)


@pytest.mark.django_db
def test_following_the_emailed_link_verifies_the_address_and_logs_in(client):
    sign_up(client)
    link = link_in(mail.outbox[0])

    page = client.get(path_of(link))
    assert "Confirm that uusi@example.fi is your email address." in page_text(
        client.get("/en" + path_of(link))
    )
    assert page.status_code == 200
    response = client.post(path_of(link))

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="uusi@example.fi").verified
    assert client.get("/my/").status_code == 200


@pytest.mark.django_db
def test_an_unknown_confirmation_link_says_it_has_expired(client):
    response = client.get("/en/accounts/confirm-email/not-a-key/")

    assert response.status_code == 200
    assert "This link has expired or has already been used." in page_text(response)


@pytest.mark.django_db
def test_login_before_verification_is_sent_to_the_verification_page(client):
    sign_up(client)

    response = log_in(client, "uusi@example.fi", NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/my/").status_code == 302  # not logged in


@pytest.mark.django_db
def test_signing_up_with_a_taken_address_tells_the_owner_not_the_visitor(client):
    verified_user("maija@example.fi", language="sv")

    response = sign_up(client, "maija@example.fi")

    # The visitor sees the same page as for a new address: no account is revealed.
    assert response["Location"] == "/accounts/confirm-email/"
    [message] = mail.outbox
    assert message.to == ["maija@example.fi"]
    assert '<html lang="sv">' in html_part(message)
    assert "/sv/accounts/password/reset/" in message.body


@pytest.mark.django_db
def test_sign_up_form_has_labels_and_autocomplete(client):
    page = client.get("/en/accounts/signup/").content.decode()

    assert '<label for="id_email">Email address' in page
    assert re.search(r'<input type="email" name="email" autocomplete="email"', page)
    assert re.search(r'name="password1" autocomplete="new-password"', page)
    assert 'aria-describedby="id_password1_helptext"' in page
    assert "placeholder" not in page


@pytest.mark.django_db
def test_sign_up_errors_are_linked_to_their_fields_and_keep_the_address(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "uusi@example.fi", "password1": NEW_PASSWORD, "password2": "eri"},
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert 'id="id_password2_error"' in page
    assert re.search(r'aria-describedby="[^"]*id_password2_error', page)
    assert 'value="uusi@example.fi"' in page
    assert not User.objects.exists()


# --- Log in and out ------------------------------------------------------------------


@pytest.mark.django_db
def test_login_takes_a_verified_user_to_my_page(client):
    verified_user("maija@example.fi")

    response = log_in(client, "Maija@Example.fi")

    assert response.status_code == 302
    assert response["Location"] == "/my/"
    my_page = client.get("/en/my/")
    assert "You are logged in as maija@example.fi." in page_text(my_page)


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message_and_keeps_the_address(client):
    verified_user("maija@example.fi")

    response = log_in(client, "maija@example.fi", "väärä", prefix="/en")

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert 'value="maija@example.fi"' in response.content.decode()
    assert client.get("/my/").status_code == 302


@pytest.mark.django_db
def test_a_closed_account_is_told_so_at_login(client):
    verified_user("maija@example.fi", is_active=False)

    response = log_in(client, "maija@example.fi", prefix="/en", follow=True)

    assert response.redirect_chain[-1][0] == "/en/accounts/inactive/"
    assert "This account is closed" in page_text(response)
    assert client.get("/my/").status_code == 302


@pytest.mark.django_db
def test_logout_is_a_post_and_a_get_only_asks(client):
    user = verified_user()
    client.force_login(user)

    page = client.get("/en/accounts/logout/")
    assert page.status_code == 200
    assert "Do you want to log out?" in page_text(page)
    assert client.get("/my/").status_code == 200

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/my/").status_code == 302


@pytest.mark.django_db
def test_header_offers_login_and_signup_or_my_page_and_logout(client):
    anonymous = client.get("/en/").content.decode()
    assert '<a href="/en/accounts/login/">Log in</a>' in anonymous
    assert '<a href="/en/accounts/signup/">Sign up</a>' in anonymous

    client.force_login(verified_user())
    member = client.get("/en/").content.decode()
    assert '<a href="/en/my/">My page</a>' in member
    assert re.search(
        r'<form method="post" action="/en/accounts/logout/">.*?<button type="submit"[^>]*>Log out',
        member,
        re.S,
    )
    assert "/en/accounts/login/" not in member


@pytest.mark.django_db
def test_my_page_needs_a_login(client):
    response = client.get("/sv/my/")

    assert response.status_code == 302
    assert response["Location"] == "/sv/accounts/login/?next=/sv/my/"


@pytest.mark.django_db
def test_the_admin_login_form_still_works_for_staff(client):
    verified_user("staff@example.fi", is_staff=True, is_superuser=True)

    response = client.post(
        "/en/admin/login/?next=/en/admin/",
        {"username": "staff@example.fi", "password": PASSWORD, "next": "/en/admin/"},
    )

    assert response.status_code == 302
    # Signed in; without an authenticator app the admin sends them to set one up
    # (tests/yhdistystori/test_mfa.py has the rest).
    assert client.get("/en/admin/")["Location"] == "/en/accounts/2fa/totp/activate/"


@pytest.mark.django_db
def test_failed_admin_logins_count_towards_the_same_limit(client, clock):
    verified_user("staff@example.fi", is_staff=True)
    for _attempt in range(5):
        response = client.post(
            "/en/admin/login/", {"username": "staff@example.fi", "password": "x"}
        )
        assert response.status_code == 200

    refused = client.post(
        "/en/admin/login/", {"username": "staff@example.fi", "password": PASSWORD}
    )
    assert refused.status_code == 200
    assert "Too many failed login attempts" in page_text(refused)
    assert log_in(client, "staff@example.fi").status_code == 429

    clock.advance(15 * 60 + 1)
    response = client.post(
        "/en/admin/login/", {"username": "staff@example.fi", "password": PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "too_short", "summary"),
    [
        ("", "Salasana on liian lyhyt. Siinä on oltava vähintään 12 merkkiä.", "Korjaa"),
        ("/sv", "Lösenordet är för kort. Det måste ha minst 12 tecken.", "Rätta"),
        ("/en", "This password is too short. It must have at least 12 characters.", "Please"),
    ],
)
def test_a_short_password_is_refused_in_the_language_of_the_page(
    client, prefix, too_short, summary
):
    response = client.post(
        f"{prefix}/accounts/signup/",
        {"email": "uusi@example.fi", "password1": "lyhyt1", "password2": "lyhyt1"},
    )
    page = page_text(response)

    assert too_short in page
    assert "too short" not in page or prefix == "/en"
    # The summary at the top names the error and links to the field.
    summary_box = re.search(r"<div class=\"errors error-summary\".*?</div>", page, re.S).group()
    assert summary in summary_box
    assert re.search(rf'<a href="#id_password1">[^<]+: {re.escape(too_short)}</a>', summary_box)
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/sv", "/en"])
def test_every_password_refusal_is_in_the_language_of_the_page(client, prefix):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override(prefix.strip("/") or "fi"):
        for password in ("lyhyt", "1234567890123", "password1234", "uusi@example.fi-x"):
            with pytest.raises(ValidationError) as refused:
                validate_password(password, User(email="uusi@example.fi"))
            if prefix != "/en":
                for message in refused.value.messages:
                    assert "password" not in message.lower(), message
