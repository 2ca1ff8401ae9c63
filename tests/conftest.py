import pytest
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Factories set a password for every user; the real hasher takes ~0.2 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _send_emails_at_once(request, monkeypatch):
    """Emails go out when the transaction commits; a test's transaction never commits.

    Tests that use the `transactional_db` fixture get the real behaviour (and
    tests/test_emails.py proves that a rolled-back action sends nothing).
    """
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        return
    from yhdistystori import emails

    monkeypatch.setattr(emails, "after_commit", lambda func: func())


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def admin_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files (logos) go to a temporary folder that is removed after the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def result_names():
    """The association names a directory page lists, in the order a visitor sees them."""
    import html
    import re

    title = re.compile(r'<h2 class="result-title"><a href="[^"]*">([^<]*)</a></h2>')

    def names(response) -> list[str]:
        return [html.unescape(name) for name in title.findall(response.content.decode())]

    return names
