"""`manage.py send_verification_reminders`: editors of profiles not confirmed for a year."""

from datetime import date
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from associations import workflows
from associations.models import Association, Membership
from tests.factories import AssociationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)
SITE = "https://yhdistystori.example.fi"


@pytest.fixture(autouse=True)
def _today_and_site(settings):
    settings.SITE_URL = SITE
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        yield


def run(*args) -> str:
    out = StringIO()
    call_command("send_verification_reminders", *args, stdout=out)
    return out.getvalue()


def stale_choir(**kwargs) -> Association:
    association = AssociationFactory(
        name="Kuokkalan Kuoro ry", last_verified_at=date(2025, 6, 1), **kwargs
    )
    MembershipFactory(
        association=association,
        user=UserFactory(email="owner@example.fi", language="fi"),
        role=Membership.Role.OWNER,
    )
    MembershipFactory(
        association=association, user=UserFactory(email="sv@example.fi", language="sv")
    )
    return association


def test_each_editor_gets_one_reminder_in_their_own_language():
    association = stale_choir()
    output = run()
    assert "Reminded the editors of 1 profiles (2 emails)." in output
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["owner@example.fi", "sv@example.fi"]
    finnish, swedish = by_address["owner@example.fi"], by_address["sv@example.fi"]
    assert "Kuokkalan Kuoro ry" in finnish.subject
    assert f"{SITE}/associations/{association.slug}/#verify" in finnish.body
    assert f"{SITE}/sv/associations/{association.slug}/#verify" in swedish.body
    assert '<html lang="sv">' in swedish.alternatives[0][0]
    assert "1. kesäkuuta 2025" in finnish.body  # the last confirmation, in Finnish
    association.refresh_from_db()
    assert association.verification_reminded_at is not None


def test_a_second_run_sends_nothing():
    stale_choir()
    run()
    mail.outbox.clear()
    assert "Reminded the editors of 0 profiles (0 emails)." in run()
    assert mail.outbox == []


def test_confirming_the_profile_starts_the_year_over():
    association = stale_choir()
    run()
    workflows.association_verify(association=association, user=association.memberships.first().user)
    association.refresh_from_db()
    assert association.verification_reminded_at is None
    assert association.last_verified_at == TODAY
    mail.outbox.clear()
    run()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("verified", "reminded"),
    [(date(2025, 6, 15), True), (date(2025, 6, 16), False), (None, False)],
)
def test_a_profile_is_reminded_twelve_months_after_its_last_confirmation(verified, reminded):
    association = stale_choir()
    association.last_verified_at = verified
    association.save()
    run()
    assert bool(mail.outbox) is reminded


@pytest.mark.parametrize(
    "status", [Association.Status.DRAFT, Association.Status.PENDING, Association.Status.HIDDEN]
)
def test_only_published_profiles_are_reminded(status):
    stale_choir(status=status)
    run()
    assert mail.outbox == []


def test_a_profile_without_editors_is_left_for_when_it_gets_some():
    association = AssociationFactory(last_verified_at=date(2024, 1, 1))
    run()
    association.refresh_from_db()
    assert mail.outbox == [] and association.verification_reminded_at is None


def test_inactive_editors_are_not_emailed():
    association = stale_choir()
    sv = association.memberships.get(user__email="sv@example.fi").user
    sv.is_active = False
    sv.save()
    run()
    assert [message.to for message in mail.outbox] == [["owner@example.fi"]]


def test_dry_run_prints_who_would_be_emailed_and_sends_nothing():
    association = stale_choir()
    output = run("--dry-run")
    assert "Kuokkalan Kuoro ry (last confirmed 2025-06-01): owner@example.fi, sv@example.fi" in (
        output
    )
    assert "Would remind the editors of 1 profiles (2 emails)." in output
    assert mail.outbox == []
    association.refresh_from_db()
    assert association.verification_reminded_at is None


def test_query_count_does_not_grow_per_profile_beyond_a_few(django_assert_max_num_queries):
    for n in range(5):
        association = AssociationFactory(last_verified_at=date(2024, 1, n + 1))
        MembershipFactory(association=association)
    with django_assert_max_num_queries(5 * 6 + 2):
        run()
    assert len(mail.outbox) == 5
