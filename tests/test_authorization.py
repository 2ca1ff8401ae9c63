"""Who may open which page: every URL of the site × every kind of visitor.

One table, one parametrised test. A URL added to the site without rows here
fails `test_every_url_has_rows`, so no page ships without its permissions
written down and checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from associations.models import (
    Association,
    Claim,
    Invitation,
    Membership,
    ProfileChange,
    Report,
)
from tests.factories import AssociationFactory, UserFactory

PERSONAS = ("anonymous", "outsider", "other_editor", "editor", "owner", "liaison", "admin")

# Shorthands for the expected statuses. Pages that need an account send anonymous
# visitors to the login page (302); actions redirect after success (302).
LOGIN = 302
DONE = 302


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status: int, anonymous: int = LOGIN) -> dict[str, int]:
    return {**everyone(status), "anonymous": anonymous}


def editors_only(ok: int, *, outsiders: int = 403) -> dict[str, int]:
    return {
        "anonymous": LOGIN,
        "outsider": outsiders,
        "other_editor": outsiders,
        "editor": ok,
        "owner": ok,
        "liaison": ok,
        "admin": ok,
    }


def owners_only(ok: int) -> dict[str, int]:
    return {**editors_only(ok), "editor": 403}


def liaisons_only(ok: int = 200) -> dict[str, int]:
    return {**editors_only(ok), "editor": 403, "owner": 403}


@dataclass
class World:
    """Association A (owner, editor), B (other_editor), an unclaimed listing U and a draft D."""

    users: dict
    a: Association
    b: Association
    unclaimed: Association
    draft: Association
    editor_membership: Membership
    claim: Claim
    report: Report
    pending_change: ProfileChange
    applied_change: ProfileChange
    invitation: Invitation
    invitation_token: str


@pytest.fixture
def world(db, settings) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users = {
        "outsider": UserFactory(),
        "other_editor": UserFactory(),
        "editor": UserFactory(),
        "owner": UserFactory(),
        "liaison": UserFactory(),
        "admin": UserFactory(is_staff=True, is_superuser=True),
    }
    users["liaison"].groups.add(Group.objects.get_or_create(name="liaison")[0])
    a = AssociationFactory(name="Ahjon Kuoro ry")
    b = AssociationFactory(name="Beetan Seura ry")
    unclaimed = AssociationFactory(name="Citykerho ry", is_claimed=False)
    draft = AssociationFactory(name="Draftiseura ry", status=Association.Status.DRAFT)
    Membership.objects.create(association=a, user=users["owner"], role=Membership.Role.OWNER)
    editor_membership = Membership.objects.create(
        association=a, user=users["editor"], role=Membership.Role.EDITOR
    )
    Membership.objects.create(association=b, user=users["other_editor"], role="owner")
    Membership.objects.create(association=draft, user=users["owner"], role="owner")
    Membership.objects.create(association=draft, user=users["editor"], role="editor")
    claim = Claim.objects.create(
        association=unclaimed, user=users["outsider"], position="Puheenjohtaja"
    )
    report = Report.objects.create(association=a, reason="incorrect", message="Puhelin on väärin.")
    applied_change = ProfileChange.objects.create(
        association=a,
        user=users["owner"],
        changes=[{"field": "phone", "old": "", "new": "040 1"}],
        version=a.version,
        to_published=True,
    )
    pending_change = ProfileChange.objects.create(
        association=a,
        user=users["owner"],
        changes=[{"field": "name", "old": a.name, "new": "Ahjon Laulajat ry"}],
        status=ProfileChange.Status.PENDING,
        version=a.version,
        to_published=True,
    )
    invitation, token = Invitation.new(
        association=a, email="uusi@example.fi", invited_by=users["owner"]
    )
    invitation.save()
    return World(
        users=users,
        a=a,
        b=b,
        unclaimed=unclaimed,
        draft=draft,
        editor_membership=editor_membership,
        claim=claim,
        report=report,
        pending_change=pending_change,
        applied_change=applied_change,
        invitation=invitation,
        invitation_token=token,
    )


@dataclass
class Row:
    name: str  # the URL name
    args: Callable[[World], dict]
    expect: dict[str, int]
    method: str = "get"
    data: Callable[[World], dict] = field(default=lambda w: {})
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}{'-' + self.variant if self.variant else ''}"


def no_args(w: World) -> dict:
    return {}


def slug_of_a(w: World) -> dict:
    return {"slug": w.a.slug}


ROWS = [
    # Public pages (issue 2): the same for everyone.
    Row("home", no_args, everyone(200)),
    Row("accessibility", no_args, everyone(200)),
    Row("feedback", no_args, everyone(200)),
    Row("healthz", no_args, everyone(200)),
    Row("readyz", no_args, everyone(200)),
    Row("api-associations", no_args, everyone(200)),
    Row("api-association", lambda w: {"pk": w.a.pk}, everyone(200)),
    Row("api-association", lambda w: {"pk": w.draft.pk}, everyone(404), variant="draft"),
    Row("associations:directory", no_args, everyone(200)),
    Row("associations:export_csv", no_args, everyone(200)),
    Row("associations:detail", slug_of_a, everyone(200)),
    # A draft is seen by its own editors and the liaisons only.
    Row(
        "associations:detail",
        lambda w: {"slug": w.draft.slug},
        editors_only(200, outsiders=404) | {"anonymous": 404},
        variant="draft",
    ),
    # Accounts.
    Row("account_login", no_args, signed_in(302, anonymous=200)),
    Row("my_page", no_args, signed_in(200)),
    Row("my_language", no_args, signed_in(DONE), method="post", data=lambda w: {"language": "sv"}),
    Row("account_delete", no_args, signed_in(200)),
    # Associations' own pages.
    Row("associations:create", no_args, signed_in(200)),
    Row("associations:edit", slug_of_a, editors_only(200)),
    Row("associations:editors", slug_of_a, editors_only(200)),
    Row("associations:verify", slug_of_a, editors_only(DONE), method="post"),
    Row(
        "associations:submit",
        lambda w: {"slug": w.draft.slug},
        editors_only(DONE, outsiders=404),
        method="post",
    ),
    Row("associations:claim", lambda w: {"slug": w.unclaimed.slug}, signed_in(200)),
    Row("associations:report", slug_of_a, everyone(200)),
    Row(
        "associations:editor_remove",
        lambda w: {"slug": w.a.slug, "pk": w.editor_membership.pk},
        editors_only(DONE),  # an editor may remove themselves (leave)
        method="post",
    ),
    Row(
        "associations:owner_transfer",
        lambda w: {"slug": w.a.slug, "pk": w.editor_membership.pk},
        owners_only(DONE),
        method="post",
    ),
    Row(
        "associations:invitation_cancel",
        lambda w: {"slug": w.a.slug, "pk": w.invitation.pk},
        owners_only(DONE),
        method="post",
    ),
    Row("associations:invitation", lambda w: {"token": w.invitation_token}, everyone(200)),
    # The liaison's desk.
    Row("moderation:queue", no_args, liaisons_only()),
    Row("moderation:association", lambda w: {"pk": w.a.pk}, liaisons_only()),
    Row("moderation:claim", lambda w: {"pk": w.claim.pk}, liaisons_only()),
    Row("moderation:report", lambda w: {"pk": w.report.pk}, liaisons_only()),
    Row("moderation:changes", no_args, liaisons_only()),
    Row("moderation:change", lambda w: {"pk": w.pending_change.pk}, liaisons_only()),
    Row(
        "moderation:change",
        lambda w: {"pk": w.applied_change.pk},
        liaisons_only(),
        variant="applied",
    ),
    Row("moderation:log", no_args, liaisons_only()),
    Row("moderation:email_settings", no_args, liaisons_only()),
]

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
