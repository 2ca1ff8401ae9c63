"""Accounts: resetting and changing the password, changing the email address, the language
of emails, the account section of My page, and deleting the account."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from associations.models import Association, Membership
from tests.factories import AssociationFactory
from tests.yhdistystori.conftest import (
    NEW_PASSWORD,
    PASSWORD,
    html_part,
    link_in,
    log_in,
    page_text,
    path_of,
    verified_user,
)
from yhdistystori.models import User


def confirm(client, link: str):
    """Open the link from the email and press the button on the page it opens."""
    page = client.get(path_of(link))
    assert page.status_code == 200
    return client.post(path_of(link))


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
