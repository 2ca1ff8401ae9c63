"""Accounts: sign up, verify by the emailed link, log in and out, reset and change the
password, change the email address, the language of emails, throttling, My page and
deleting an account."""

from __future__ import annotations

import html
import re
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from associations.models import Association, Membership
from tests.factories import AssociationFactory, UserFactory
from yhdistystori.models import Feedback, User

PASSWORD = "salasana-123"
NEW_PASSWORD = "Uusi-kuoro-2026!"


@pytest.fixture
def clock():
    """The clock allauth's rate limits read, moved forward by hand instead of waiting."""

    class Clock:
        now = time.time()

        def advance(self, seconds: float) -> None:
            self.now += seconds

    fake = Clock()
    with mock.patch("allauth.core.internal.ratelimit.time.time", side_effect=lambda: fake.now):
        yield fake


def verified_user(email: str = "maija@example.fi", **fields) -> User:
    user = UserFactory(email=email, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def html_part(message) -> str:
    (content, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return content


def link_in(message) -> str:
    """The one link of an email's text part, and check the HTML part has the same."""
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 2 or len(links) == 1, links  # the action, and the site's address
    link = links[0]
    assert f'href="{link}"' in html_part(message)
    return link


def path_of(url: str) -> str:
    assert url.startswith("http://testserver/"), url
    return url.removeprefix("http://testserver")


def sign_up(client, email: str = "uusi@example.fi", prefix: str = "", **extra):
    return client.post(
        f"{prefix}/accounts/signup/",
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        **extra,
    )


def log_in(client, email: str, password: str = PASSWORD, prefix: str = "", **extra):
    return client.post(f"{prefix}/accounts/login/", {"login": email, "password": password}, **extra)


def confirm(client, link: str):
    """Open the link from the email and press the button on the page it opens."""
    page = client.get(path_of(link))
    assert page.status_code == 200
    return client.post(path_of(link))


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
    assert client.get("/en/admin/").status_code == 200


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


# --- Password reset and change -------------------------------------------------------


@pytest.mark.django_db
def test_password_reset_email_link_sets_a_new_password(client):
    verified_user("maija@example.fi")

    response = client.post("/accounts/password/reset/", {"email": "maija@example.fi"})
    assert response["Location"] == "/accounts/password/reset/done/"
    [message] = mail.outbox
    assert message.to == ["maija@example.fi"]
    link = link_in(message)

    # allauth moves the key out of the address before showing the form.
    form_page = client.get(path_of(link), follow=True)
    assert form_page.status_code == 200
    assert 'autocomplete="new-password"' in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert done.status_code == 302

    assert log_in(client, "maija@example.fi", NEW_PASSWORD)["Location"] == "/my/"
    # The link works once.
    again = client.get(path_of(link), follow=True)
    assert "The link does not work" in page_text(client.get("/en" + path_of(link), follow=True))
    assert again.status_code == 200


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_mails_a_signup_link(client):
    response = client.post("/en/accounts/password/reset/", {"email": "kuka@example.fi"})

    assert response.status_code == 302  # the same answer as for a known address
    [message] = mail.outbox
    assert message.to == ["kuka@example.fi"]
    assert link_in(message) == "http://testserver/en/accounts/signup/"
    assert client.get(path_of(link_in(message))).status_code == 200


@pytest.mark.django_db
def test_changing_the_password_needs_the_current_one_and_tells_by_email(client):
    user = verified_user()
    client.force_login(user)

    wrong = client.post(
        "/accounts/password/change/",
        {"oldpassword": "väärä", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    assert 'id="id_oldpassword_error"' in wrong.content.decode()

    right = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert right.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    [message] = mail.outbox
    assert message.to == [user.email]
    assert html_part(message)


# --- Changing the email address ------------------------------------------------------


@pytest.mark.django_db
def test_a_new_email_address_is_used_only_after_its_link_is_opened(client):
    user = verified_user("vanha@example.fi")
    client.force_login(user)

    response = client.post("/accounts/email/", {"email": "uusi@example.fi", "action_add": ""})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "vanha@example.fi"
    [message] = mail.outbox
    assert message.to == ["uusi@example.fi"]
    pending = client.get("/en/accounts/email/")
    assert "We sent a link to uusi@example.fi." in page_text(pending)

    confirm(client, link_in(message))

    user.refresh_from_db()
    assert user.email == "uusi@example.fi"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "uusi@example.fi"
    ]
    # The old address hears of the change: the warning if someone else made it.
    notice = mail.outbox[-1]
    assert notice.to == ["vanha@example.fi"]
    assert "vanha@example.fi" in notice.body and "uusi@example.fi" in notice.body


# --- The language of emails ----------------------------------------------------------


@pytest.mark.django_db
def test_my_page_sets_the_language_of_later_emails(client):
    user = verified_user("maija@example.fi")
    assert user.language == "fi"
    client.force_login(user)

    response = client.post("/en/my/language/", {"language": "sv"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "sv"
    client.logout()
    # Asked for on a Finnish page, the reset email is in Swedish all the same.
    client.post("/accounts/password/reset/", {"email": "maija@example.fi"})
    [message] = mail.outbox
    assert '<html lang="sv">' in html_part(message)
    assert "/sv/accounts/password/reset/key/" in link_in(message)


@pytest.mark.django_db
def test_an_unknown_language_is_refused_with_a_message(client):
    client.force_login(verified_user())

    response = client.post("/en/my/language/", {"language": "de"})

    assert response.status_code == 400
    assert 'class="errors"' in response.content.decode()


@pytest.mark.django_db
def test_my_page_shows_the_account_section(client):
    client.force_login(verified_user("maija@example.fi"))

    page = page_text(client.get("/en/my/"))

    assert '<h2 id="my-account-title">Account</h2>' in page
    assert "maija@example.fi" in page
    assert 'href="/en/accounts/password/change/"' in page
    assert 'href="/en/accounts/email/"' in page
    assert 'href="/en/my/account/delete/"' in page
    assert "<legend>Language of emails</legend>" in page


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


# --- Deleting the account ------------------------------------------------------------


@pytest.mark.django_db
def test_deleting_the_account_needs_the_right_password(client):
    user = verified_user("maija@example.fi")
    client.force_login(user)

    response = client.post("/en/my/account/delete/", {"password": "väärä"})

    assert response.status_code == 400
    assert "The password is not correct." in page_text(response)
    assert User.objects.filter(pk=user.pk).exists()
    assert client.get("/my/").status_code == 200


@pytest.mark.django_db
def test_guessing_the_password_on_the_delete_page_is_throttled(client, clock):
    user = verified_user("maija@example.fi")
    client.force_login(user)
    for _attempt in range(5):
        assert client.post("/my/account/delete/", {"password": "väärä"}).status_code == 400

    response = client.post("/en/my/account/delete/", {"password": PASSWORD})

    assert response.status_code == 429
    assert "Too many failed login attempts" in page_text(response)
    assert User.objects.filter(pk=user.pk).exists()


@pytest.mark.django_db
def test_deleting_the_account_removes_the_person_and_logs_out(client):
    user = verified_user("maija@example.fi", full_name="Maija Meikäläinen")
    client.force_login(user)
    assert "Type your password" in page_text(client.get("/en/my/account/delete/"))

    response = client.post("/en/my/account/delete/", {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[0] == ("/en/", 302)
    assert "Your account has been deleted." in page_text(response)
    assert not User.objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email="maija@example.fi").exists()
    assert "/en/accounts/login/" in response.content.decode()  # logged out
    assert log_in(client, "maija@example.fi").status_code == 200


@pytest.mark.django_db
def test_deleting_the_only_editor_hides_the_association_and_keeps_shared_ones(client):
    user = verified_user("maija@example.fi")
    other = verified_user("pekka@example.fi")
    alone = AssociationFactory(name="Yksin Ry")
    shared = AssociationFactory(name="Yhdessä Ry")
    Membership.objects.create(association=alone, user=user, role=Membership.Role.OWNER)
    Membership.objects.create(association=shared, user=user, role=Membership.Role.OWNER)
    Membership.objects.create(association=shared, user=other, role=Membership.Role.EDITOR)
    client.force_login(user)

    client.post("/my/account/delete/", {"password": PASSWORD})

    alone.refresh_from_db()
    shared.refresh_from_db()
    assert alone.status == Association.Status.HIDDEN
    assert shared.status == Association.Status.PUBLISHED
    assert Membership.objects.get(association=shared).user == other
    assert Membership.objects.get(association=shared).role == Membership.Role.OWNER


@pytest.mark.django_db
def test_delete_page_needs_a_login(client):
    response = client.get("/my/account/delete/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
