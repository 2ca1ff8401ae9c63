"""What every test shares: the cast of people, the fast password hasher and a clean slate.

The cast, one fixture each, used by every test folder and by the authorization matrix
(tests/test_authorization.py):

- `outsider`: signed in, edits nothing;
- `owner` and `editor`: the owner and an editor of `association`;
- `liaison`: the city's liaison, who keeps the desk;
- `grants_officer` and `facilities_manager`: city staff in the other roles;
- `admin_user`: a superuser (pytest-django's `admin_client` logs this one in).

Staff must use two-factor authentication (yhdistystori/mfa.py), so the staff personas
have an authenticator app with the secret `tests.factories.TOTP_SECRET`; a test that
needs a staff person without one makes them.

The anonymous visitor is the `client` before any login. Roles are given only through
`yhdistystori.roles.grant_role`, as the site gives them. A test that needs more people
(a second owner, a liaison who chose other emails) makes them with tests/factories.py.
"""

import socket

import pytest
from django.core.cache import cache

from associations.models import Association, Membership
from tests.factories import (
    AssociationFactory,
    CategoryFactory,
    DistrictFactory,
    LiaisonContactFactory,
    MembershipFactory,
    UserFactory,
    activate_totp,
)
from yhdistystori.models import Feedback, SiteConfiguration
from yhdistystori.roles import Role, grant_role


def pytest_configure(config):
    # Factories set a password for every user, and the real hasher takes ~0.2 s each.
    # Set once for the whole run; the browser tests' live server runs in this process.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's own language: a request leaves its language active
    in the thread, and `reverse()` in the next test would otherwise build that language's
    addresses."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def _private_media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("private-media")


@pytest.fixture(autouse=True)
def _private_media(settings, _private_media_dir):
    """Private files (grant attachments) that tests and the authorization matrix's scenes
    store go to a temporary folder, never into the repository's private-media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(_private_media_dir), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _send_emails_at_once(request, monkeypatch):
    """Emails go out when the transaction commits; a test's transaction never commits.

    Tests that use the `transactional_db` fixture get the real behaviour (and
    tests/yhdistystori/test_email_layer.py proves that a rolled-back action sends nothing).
    """
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        return
    from yhdistystori import emails

    monkeypatch.setattr(emails, "after_commit", lambda func: func())


# --- the cast --------------------------------------------------------------------------------


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.fi", full_name="Otto Ulkopuolinen")


@pytest.fixture
def owner(db):
    return UserFactory(email="owner@kuoro.example.fi", full_name="Olli Omistaja")


@pytest.fixture
def editor(db):
    """An editor of `association` once that is made (ask for both)."""
    return UserFactory(email="editor@kuoro.example.fi", full_name="Eeva Editori")


@pytest.fixture
def association(owner, editor) -> Association:
    """A published association: `owner` owns it and `editor` edits it."""
    association = AssociationFactory(name="Ahjon Kuoro ry")
    MembershipFactory(association=association, user=owner, role=Membership.Role.OWNER)
    MembershipFactory(association=association, user=editor, role=Membership.Role.EDITOR)
    return association


def _staff(role: Role, **fields):
    # City staff work in the Django admin too, as the demo's do.
    user = UserFactory(is_staff=True, **fields)
    grant_role(user, role)
    activate_totp(user)
    return user


@pytest.fixture
def liaison(db):
    return _staff(Role.LIAISON, email="liaison@kaupunki.example.fi", full_name="Liisa Yhdyshenkilö")


@pytest.fixture
def grants_officer(db):
    return _staff(Role.GRANTS, email="grants@kaupunki.example.fi", full_name="Aino Avustaja")


@pytest.fixture
def facilities_manager(db):
    return _staff(
        Role.FACILITIES, email="facilities@kaupunki.example.fi", full_name="Tiina Tilavastaava"
    )


@pytest.fixture
def admin_user(db):
    user = UserFactory(
        email="admin@kaupunki.example.fi",
        full_name="Antti Ylläpitäjä",
        is_staff=True,
        is_superuser=True,
    )
    activate_totp(user)
    return user


# --- other shared things ---------------------------------------------------------------------


@pytest.fixture
def some_of_everything(db):
    """A row or two of each kind the Django admin lists (the site's and the apps' admin tests)."""
    category = CategoryFactory(slug="kulttuuri", name_fi="Kulttuuri")
    district = DistrictFactory(slug="keskusta", name_fi="Keskusta")
    AssociationFactory(name="Jyväskylän Mieskuoro ry", categories=[category], districts=[district])
    AssociationFactory(name="Palokan Urheiluseura ry", status=Association.Status.DRAFT)
    LiaisonContactFactory().districts.set([district])
    Feedback.objects.create(message="Hyvä palvelu.")
    SiteConfiguration(city_name_fi="Jyväskylä").save()
    return {"category": category, "district": district}


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


@pytest.fixture
def no_internet(monkeypatch):
    """Any connection beyond this machine fails the test (the database is local)."""
    connect = socket.socket.connect

    def local_only(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in (
            "127.0.0.1",
            "::1",
            "localhost",
        ):
            raise AssertionError(f"the test tried to connect to {address}")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", local_only)
