"""Fixtures and helpers that several test modules of this folder share.

The people (owner, editor, liaison, …) are the cast of tests/conftest.py. Here:

- the liaison's desk (test_desk_*.py, test_change_feed.py, test_liaison_emails.py): things
  that wait for the liaison, and reading the desk's pages and emails;
- the editors' pages (test_profile_tools.py, test_listing_creation.py,
  test_profile_editing.py, test_claims.py, test_reports.py, test_my_page.py): `choir`,
  owned by `owner`, and the pages' addresses;
- the directory (test_directory_*.py, test_profile_page.py): the terms it filters by;
- logos (test_logo_*.py): pictures and uploads.

Test modules import the plain helpers from here (`from tests.associations.conftest import
…`); fixtures arrive by name. A module that needs another `choir` defines its own.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image, ImageDraw

from associations import workflows
from associations.models import Association, Claim, Membership, ProfileChange, Report
from associations.models.directory import months_ago
from tests.factories import (
    ActivityLanguageFactory,
    AssociationFactory,
    CategoryFactory,
    DistrictFactory,
    MembershipFactory,
    TargetGroupFactory,
    UserFactory,
)
from yhdistystori.models import User

# --- the desk: things that wait for the liaison ----------------------------------------------


def editor_of(association, *, role=Membership.Role.OWNER, **kwargs) -> User:
    user = UserFactory(**kwargs)
    Membership.objects.create(association=association, user=user, role=role)
    return user


def pending_listing(name="Uusi Yhdistys ry", *, submitted_days_ago=1, **kwargs) -> Association:
    return AssociationFactory(
        name=name,
        status=Association.Status.PENDING,
        submitted_at=timezone.now() - timedelta(days=submitted_days_ago),
        last_verified_at=None,
        **kwargs,
    )


def claim_for(association, *, days_ago=0, user=None) -> Claim:
    claim = workflows.claim_create(
        association=association,
        user=user or UserFactory(),
        position="Puheenjohtaja",
        message="Olen yhdistyksen puheenjohtaja.",
    )
    if days_ago:
        Claim.objects.filter(pk=claim.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return claim


def report_on(association, *, days_ago=0) -> Report:
    report = workflows.report_create(
        association=association,
        reason=Report.Reason.INACTIVE,
        message="Yhdistys lopetti toimintansa viime vuonna.",
        contact="naapuri@example.fi",
    )
    if days_ago:
        Report.objects.filter(pk=report.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return report


def edit(association, user, *, values=None, relations=None) -> workflows.ProfileUpdate:
    association.refresh_from_db()
    return workflows.profile_update(
        association=association,
        user=user,
        base_version=association.version,
        values=values or {},
        relations=relations or {},
    )


def name_change(association, *, new_name="Uusi Nimi ry", days_ago=0) -> ProfileChange:
    change = edit(association, editor_of(association), values={"name": new_name}).pending
    if days_ago:
        ProfileChange.objects.filter(pk=change.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return change


def stale_profile(name="Vanha Seura ry", *, months=20, **kwargs) -> Association:
    return AssociationFactory(name=name, last_verified_at=months_ago(months), **kwargs)


# --- the desk: reading its pages and emails --------------------------------------------------


def en(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def page_text(response) -> str:
    """The page's text without tags and with collapsed spaces, as a reader sees it."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(text.split())


def links_in(message) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", message.body)


def follow(client, url: str):
    assert url.startswith(settings.SITE_URL), url
    return client.get(url.removeprefix(settings.SITE_URL))


def assert_email_parts(message) -> None:
    assert message.body.strip()
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<html" in html


# --- the editors' pages ----------------------------------------------------------------------


@pytest.fixture
def choir(owner):
    association = AssociationFactory(
        name="Kuokkalan Kuoro ry", description="Laulamme tiistaisin.", phone="040 111"
    )
    MembershipFactory(association=association, user=owner, role=Membership.Role.OWNER)
    return association


def url(name, association=None, lang="fi", **kwargs):
    """The page's path in `lang` (requests to /en/ leave English active: say which)."""
    if association is not None:
        kwargs["slug"] = association.slug
    with translation.override(lang):
        return reverse(f"associations:{name}", kwargs=kwargs)


def url_login():
    with translation.override("fi"):
        return reverse("account_login")


def profile(association, lang="fi"):
    return url("detail", association, lang)


def png(color="navy", size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- the directory ---------------------------------------------------------------------------


@pytest.fixture
def vocab():
    """The terms a Jyväskylä directory filters by."""
    return {
        "culture": CategoryFactory(slug="kulttuuri", name_fi="Kulttuuri", name_en="Culture"),
        "sports": CategoryFactory(slug="liikunta", name_fi="Liikunta", name_en="Sports"),
        "social": CategoryFactory(slug="sosiaali", name_fi="Sosiaaliala", name_en="Social"),
        "centre": DistrictFactory(slug="keskusta", name_fi="Keskusta", name_en="City centre"),
        "palokka": DistrictFactory(slug="palokka", name_fi="Palokka", name_en="Palokka"),
        "youth": TargetGroupFactory(slug="nuoret", name_fi="Nuoret", name_en="Young people"),
        "seniors": TargetGroupFactory(slug="ikaantyneet", name_fi="Ikääntyneet", name_en="Seniors"),
        "sv": ActivityLanguageFactory(slug="sv", name_fi="ruotsi", name_en="Swedish"),
        "fi": ActivityLanguageFactory(slug="fi", name_fi="suomi", name_en="Finnish"),
    }


@pytest.fixture
def directory(client, result_names):
    """Open the directory with some query parameters; return the listed names."""

    def run(params) -> list[str]:
        response = client.get("/associations/", params)
        assert response.status_code == 200, response.content.decode()[:500]
        return result_names(response)

    return run


# --- logos -----------------------------------------------------------------------------------

NOT_AN_IMAGE = "The file is not a JPEG, PNG or WebP image. Save the image in one of these formats and try again."  # noqa: E501


def encode(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def upload(data: bytes, name: str = "logo.jpg", content_type: str = "image/jpeg"):
    """A file as a browser sends it: the name and type are whatever the person's computer says."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def logo_picture(size=(200, 100), mode="RGB") -> Image.Image:
    image = Image.new(mode, size, "white" if mode == "RGB" else (255, 255, 255, 0))
    ImageDraw.Draw(image).ellipse((20, 10, size[0] - 20, size[1] - 10), fill="navy")
    return image
