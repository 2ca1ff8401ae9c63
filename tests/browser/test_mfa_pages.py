"""Two-factor authentication in a real browser: a staff person sent from the admin to set
up an authenticator app, and the code step of logging in. The setup page, the recovery
codes, the overview linked from My page and the code page pass axe-core's WCAG 2.1 A/AA
rules and fit a 360 px wide screen, in Finnish and Swedish; the QR code renders under
the Content-Security-Policy."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_fits_narrow_screen,
    assert_no_axe_violations,
)
from tests.factories import PASSWORD, UserFactory, activate_totp, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"fi": "", "sv": "/sv"}


def check_this_page(page, language: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_set_up_an_authenticator_app_before_the_admin(page, language):
    prefix = LANGUAGES[language]
    staff = UserFactory(email="uusi.virkailija@example.fi", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_login").fill(staff.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    # The login lands on the desk, which sends them on to set up the app first.
    page.wait_for_url(re.compile(r".*/accounts/(reauthenticate|2fa/totp/activate)/.*"))

    page.goto(f"{prefix}/admin/")
    # allauth asks for the password again before a security setting changes.
    page.wait_for_url(re.compile(r".*/accounts/reauthenticate/.*"))
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**{prefix}/accounts/2fa/totp/activate/")

    qr = page.locator("main img")
    expect(qr).to_be_visible()
    assert page.evaluate("img => img.naturalWidth > 0", qr.element_handle())
    check_this_page(page, language)

    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/accounts/2fa/recovery-codes/$"))
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    check_this_page(page, language)  # the recovery codes, shown once
    assert page.goto(f"{prefix}/accounts/2fa/").status == 200  # linked from My page
    check_this_page(page, language)
    assert page.goto(f"{prefix}/admin/").status == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_code_step_of_logging_in(page, language):
    prefix = LANGUAGES[language]
    person = UserFactory(email="maija@example.fi")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    activate_totp(person)

    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_login").fill(person.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{prefix}/accounts/2fa/authenticate/")
    check_this_page(page, language)

    page.locator("#id_code").fill(totp_code())
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**{prefix}/my/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_liaison_lands_on_the_desk_after_the_code_step(page, liaison, language):
    prefix = LANGUAGES[language]
    EmailAddress.objects.create(user=liaison, email=liaison.email, verified=True, primary=True)

    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_login").fill(liaison.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{prefix}/accounts/2fa/authenticate/")
    page.locator("#id_code").fill(totp_code())
    page.locator("main form button[type=submit]").first.click()

    page.wait_for_url(f"**{prefix}/moderation/")
    expect(page.locator("h1")).to_have_text(re.compile("^(Käsittelyjono|Behandlingskö)$"))
