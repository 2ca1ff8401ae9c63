"""The account pages in a real browser: axe-core's WCAG 2.1 A/AA rules and a 360 px
wide screen, in Finnish and Swedish, before and after logging in."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.browser.conftest import (
    NARROW_WIDTH,
    assert_fits_narrow_screen,
    assert_no_axe_violations,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"fi": "", "sv": "/sv"}
PASSWORD = "salasana-123"

ANONYMOUS_PAGES = {
    "login": "/accounts/login/",
    "signup": "/accounts/signup/",
    "password-reset": "/accounts/password/reset/",
    "verification-sent": "/accounts/confirm-email/",
}
MEMBER_PAGES = {
    "my-page": "/my/",
    "change-password": "/accounts/password/change/",
    "change-email": "/accounts/email/",
    "delete-account": "/my/account/delete/",
}


@pytest.fixture
def member():
    user = UserFactory(email="maija@example.fi")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def check_page(page, url: str, language: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    for control in page.locator("main input:visible, main button:visible").all():
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW_WIDTH, (url, box)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_account_page_is_accessible_and_fits_a_phone(page, name, language):
    check_page(page, LANGUAGES[language] + ANONYMOUS_PAGES[name], language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_login_errors_are_accessible(page, member, language):
    page.goto(LANGUAGES[language] + "/accounts/login/")
    page.locator("#id_login").fill("maija@example.fi")
    page.locator("#id_password").fill("väärä")
    page.locator("main form button[type=submit]").click()

    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_login")).to_have_value("maija@example.fi")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_signup_errors_are_read_out_with_their_field(page, language):
    page.goto(LANGUAGES[language] + "/accounts/signup/")
    page.locator("main form button[type=submit]").click()

    expect(page.get_by_role("alert")).to_be_visible()
    email = page.locator("#id_email")
    expect(email).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_pages_are_accessible_and_fit_a_phone(page, member, language):
    prefix = LANGUAGES[language]
    page.goto(prefix + "/accounts/login/")
    page.locator("#id_login").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{prefix}/my/$"))
    expect(page.locator("header form button")).to_be_visible()

    for url in MEMBER_PAGES.values():
        check_page(page, prefix + url, language)
