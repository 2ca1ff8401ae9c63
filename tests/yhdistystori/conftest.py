"""Fixtures and helpers that the account tests share (test_signup_and_login.py,
test_account_settings.py, test_throttling.py): a verified user, signing up and logging in
through the forms, reading the emails allauth sends, and a clock for its rate limits.

The people (owner, liaison, …) are the cast of tests/conftest.py. Test modules import the
plain helpers from here (`from tests.yhdistystori.conftest import …`); fixtures arrive by name.
"""

from __future__ import annotations

import html
import re
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress

from tests.factories import UserFactory
from yhdistystori.models import User

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
