"""Two-factor authentication: offered to everyone, required of staff before the admin and
the desk (yhdistystori/mfa.py); logging in asks for the code once an app is set up."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from tests.factories import TOTP_SECRET, activate_totp, totp_code
from tests.yhdistystori.conftest import PASSWORD, log_in, page_text, verified_user
from yhdistystori.roles import Role, grant_role

ACTIVATE = "/en/accounts/2fa/totp/activate/"


def staff_without_mfa(email: str = "uusi.virkailija@example.fi", **fields):
    return verified_user(email, **{"is_staff": True, **fields})


# --- Required of staff ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/admin/", "/admin/", "/sv/admin/associations/association/"])
def test_staff_without_mfa_are_sent_from_the_admin_to_set_it_up(client, path):
    client.force_login(staff_without_mfa(is_superuser=True))

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/2fa/totp/activate/")


@pytest.mark.django_db
def test_a_liaison_without_mfa_is_sent_from_the_desk_with_a_message_in_their_language(client):
    person = staff_without_mfa(is_staff=False)
    grant_role(person, Role.LIAISON)
    client.force_login(person)

    response = client.get("/sv/moderation/", follow=True)

    assert response.redirect_chain[0] == ("/sv/accounts/2fa/totp/activate/", 302)
    messages = [str(message) for message in response.context["messages"]]
    assert any("tvåfaktorsautentisering" in message for message in messages), messages


@pytest.mark.django_db
def test_the_mfa_pages_and_logout_stay_open_to_staff_without_mfa(client):
    client.force_login(staff_without_mfa())

    assert client.get("/en/accounts/2fa/").status_code == 200
    assert client.post("/en/admin/logout/").status_code in (200, 302)


@pytest.mark.django_db
def test_a_resident_is_not_sent_to_set_up_mfa(client, outsider):
    client.force_login(outsider)

    assert client.get("/en/my/").status_code == 200
    desk = client.get("/en/moderation/")
    assert "/2fa/" not in desk.get("Location", "")
    admin = client.get("/en/admin/")
    assert "/2fa/" not in admin.get("Location", "")


@pytest.mark.django_db
def test_staff_with_mfa_reach_the_admin_and_the_desk(client, liaison, admin_user):
    client.force_login(liaison)
    assert client.get("/en/moderation/").status_code == 200
    client.force_login(admin_user)
    assert client.get("/en/admin/").status_code == 200


@pytest.mark.django_db
def test_the_requirement_can_be_turned_off(client, settings):
    settings.STAFF_MFA_REQUIRED = False
    client.force_login(staff_without_mfa(is_superuser=True))

    assert client.get("/en/admin/").status_code == 200


# --- Logging in with a code -------------------------------------------------------------


@pytest.mark.django_db
def test_a_password_alone_stops_at_the_code_step(client):
    person = verified_user("koodi@example.fi")
    activate_totp(person)

    response = log_in(client, "koodi@example.fi", prefix="/en")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    assert client.get("/en/my/").status_code == 302


@pytest.mark.django_db
def test_a_wrong_code_is_refused_and_the_right_one_logs_in(client):
    person = verified_user("koodi@example.fi")
    activate_totp(person)
    log_in(client, "koodi@example.fi", prefix="/en")

    wrong = client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    right = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(TOTP_SECRET)})
    assert right.status_code == 302
    assert right["Location"] == "/en/my/"
    assert client.session["_auth_user_id"] == str(person.pk)


@pytest.mark.django_db
def test_a_code_from_the_period_just_gone_still_works_but_an_older_one_does_not(client):
    # A phone a little behind, or a code typed as the 30 seconds turned.
    person = verified_user("koodi@example.fi")
    activate_totp(person)
    log_in(client, "koodi@example.fi", prefix="/en")

    stale = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(periods_ago=3)})
    assert stale.status_code == 200
    assert "_auth_user_id" not in client.session

    recent = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(periods_ago=1)})
    assert recent.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


@pytest.mark.django_db
def test_the_admin_login_form_refuses_a_password_alone_for_an_account_with_mfa(client):
    person = verified_user("staff@example.fi", is_staff=True, is_superuser=True)
    activate_totp(person)

    response = client.post(
        "/en/admin/login/", {"username": "staff@example.fi", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "two-factor authentication" in page_text(response)
    assert "_auth_user_id" not in client.session


# --- Setting it up ----------------------------------------------------------------------


@pytest.mark.django_db
def test_activating_an_authenticator_app_and_generating_recovery_codes(client):
    person = verified_user("uusi@example.fi")
    log_in(client, "uusi@example.fi", prefix="/en")
    # allauth asks for the password again before a security setting changes.
    assert client.get(ACTIVATE)["Location"].startswith("/en/accounts/reauthenticate/")
    client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})

    page = client.get(ACTIVATE)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page_text(page)
    secret = page.context["form"].secret

    response = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()

    codes_page = client.get("/en/accounts/2fa/recovery-codes/generate/")
    assert codes_page.status_code == 200
    assert client.post("/en/accounts/2fa/recovery-codes/generate/").status_code == 302
    codes = Authenticator.objects.get(user=person, type=Authenticator.Type.RECOVERY_CODES)
    assert len(codes.wrap().get_unused_codes()) == 10


@pytest.mark.django_db
def test_my_page_links_to_two_factor_authentication(client, outsider):
    client.force_login(outsider)

    response = client.get("/en/my/")

    assert 'href="/en/accounts/2fa/"' in page_text(response)
    assert "Set up or manage two-factor authentication" in page_text(response)


# --- Where a login lands ---------------------------------------------------------------


def log_in_with_code(client, user, *, prefix: str = "/en", **data):
    """Password, then the authenticator's code: the last response of the two."""
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    first = client.post(
        f"{prefix}/accounts/login/", {"login": user.email, "password": PASSWORD, **data}
    )
    assert first["Location"] == f"{prefix}/accounts/2fa/authenticate/"
    return client.post(f"{prefix}/accounts/2fa/authenticate/", {"code": totp_code(TOTP_SECRET)})


@pytest.mark.django_db
def test_a_liaison_lands_on_the_desk_after_the_code_step(client, liaison):
    response = log_in_with_code(client, liaison, prefix="/sv")

    assert response.status_code == 302
    assert response["Location"] == "/sv/moderation/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_a_liaison_with_a_safe_next_lands_there_after_the_code_step(client, liaison):
    response = log_in_with_code(client, liaison, next="/en/associations/")

    assert response["Location"] == "/en/associations/"


@pytest.mark.django_db
def test_a_liaison_with_an_unsafe_next_lands_on_the_desk(client, liaison):
    response = log_in_with_code(client, liaison, next="https://evil.example/")

    assert response["Location"] == "/en/moderation/"


@pytest.mark.django_db
def test_a_liaison_lands_on_the_desk_when_no_code_is_asked(client, settings):
    settings.STAFF_MFA_REQUIRED = False
    person = staff_without_mfa()
    grant_role(person, Role.LIAISON)

    response = log_in(client, person.email, prefix="/en")

    assert response["Location"] == "/en/moderation/"


@pytest.mark.django_db
def test_a_resident_with_a_code_still_lands_on_my_page(client):
    person = verified_user("asukas@example.fi")
    activate_totp(person)

    assert log_in_with_code(client, person)["Location"] == "/en/my/"
