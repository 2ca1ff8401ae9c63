"""Who may open which page: every URL of the site × every kind of visitor.

One table, one parametrised test. Each app writes its rows in its own test folder
(`tests/<app>/access.py`, see tests/authorization.py) and is listed in ACCESS_MODULES
below. A URL added to the site without rows fails `test_every_url_has_rows`, so no page
ships without its permissions written down and checked.
"""

from __future__ import annotations

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from associations.models import Membership
from tests.authorization import LOGIN, PERSONAS, World
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

# One line per app.
ACCESS_MODULES = [
    "tests.yhdistystori.access",
    "tests.associations.access",
    "tests.events.access",
    "tests.grants.access",
    "tests.grants.access_use_reports",
    "tests.grants.access_rounds",
    "tests.grants.access_review",
    "tests.grants.access_open_data",
    "tests.grants.access_facility_info",
    "tests.grants.access_bookings",
    "tests.grants.access_support",
]

APPS = [importlib.import_module(name) for name in ACCESS_MODULES]
ROWS = [row for app in APPS for row in app.ROWS]


@pytest.fixture
def world(
    outsider,
    editor,
    owner,
    liaison,
    grants_officer,
    facilities_manager,
    admin_user,
    association,
) -> World:
    """The people of tests/conftest.py, an editor of another association, and each app's scene."""
    other_editor = UserFactory()
    other_association = AssociationFactory(name="Beetan Seura ry")
    MembershipFactory(association=other_association, user=other_editor, role=Membership.Role.OWNER)
    w = World(
        users={
            "outsider": outsider,
            "other_editor": other_editor,
            "editor": editor,
            "owner": owner,
            "liaison": liaison,
            "grants_officer": grants_officer,
            "facilities_manager": facilities_manager,
            "admin": admin_user,
        },
        association=association,
        other_association=other_association,
    )
    for app in APPS:
        if hasattr(app, "scene"):
            app.scene(w)
    return w


CASES = [(row, persona) for row in ROWS for persona in PERSONAS]


@pytest.mark.parametrize(
    ("row", "persona"), CASES, ids=[f"{row.id}-{persona}" for row, persona in CASES]
)
def test_status_by_visitor(client, world, row, persona):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    url = reverse(row.name, kwargs=row.args(world))
    response = client.post(url, row.data(world)) if row.method == "post" else client.get(url)
    assert response.status_code == row.expect[persona], (
        f"{row.method.upper()} {url} as {persona}: {response.status_code}"
    )
    if persona == "anonymous" and row.expect[persona] == LOGIN and row.name != "account_login":
        assert reverse("account_login") in response["Location"]


def site_url_names() -> set[str]:
    """Every named URL of the site, except the admin's and allauth's own account pages."""
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                module = getattr(pattern.urlconf_module, "__name__", "")
                if module.startswith("allauth"):
                    continue
                prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix)
            elif isinstance(pattern, URLPattern) and pattern.name:
                if pattern.callback.__module__.startswith(("allauth", "django.views.static")):
                    continue
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def test_every_url_has_rows():
    covered = {row.name for row in ROWS}
    missing = site_url_names() - covered
    assert not missing, f"Add rows to the authorization matrix for: {sorted(missing)}"
    assert covered <= site_url_names(), "Rows for URLs that no longer exist"
