"""Decided things record who, when and why the same way; the migration kept old decisions."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from associations.models import Claim, ProfileChange, Report
from yhdistystori.decisions import Decided

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Claim, ProfileChange, Report])
def test_every_decided_model_has_the_same_decision_fields(model):
    assert issubclass(model, Decided)
    names = {field.name for field in model._meta.get_fields()}
    assert {"status", "decided_at", "decided_by", "decision_reason"} <= names


def test_recording_a_decision_saves_who_when_and_why(association, outsider, liaison):
    claim = Claim.objects.create(association=association, user=outsider, position="Sihteeri")
    before = timezone.now()
    claim.record_decision(status=Claim.Status.REJECTED, by=liaison, reason="Ei jäsen.")
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.status, claim.decided_by, claim.decision_reason) == (
        Claim.Status.REJECTED,
        liaison,
        "Ei jäsen.",
    )
    assert claim.decided_at >= before
    assert claim.is_decided


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_decisions_made_before_it(association, owner, liaison):
    """Reviewed changes and handled reports keep who decided, when and why."""
    decided_at = timezone.now().replace(microsecond=0)
    try:
        call_command("migrate", "associations", "0004", verbosity=0)
        old = (
            MigrationExecutor(connection)
            .loader.project_state(("associations", "0004_editors_and_moderation"))
            .apps
        )
        OldChange = old.get_model("associations", "ProfileChange")
        OldReport = old.get_model("associations", "Report")
        change = OldChange.objects.create(
            association_id=association.pk,
            user_id=owner.pk,
            changes=[{"field": "name", "old": "A", "new": "B"}],
            status="rejected",
            version=1,
            to_published=True,
            reviewed_at=decided_at,
            reviewed_by_id=liaison.pk,
            review_reason="Nimi ei täsmää rekisteriin.",
        )
        report = OldReport.objects.create(
            association_id=association.pk,
            reason="incorrect",
            message="Puhelin väärin.",
            status="resolved",
            handled_at=decided_at,
            handled_by_id=liaison.pk,
            resolution="Korjattu.",
        )
        call_command("migrate", "associations", verbosity=0)
    finally:
        call_command("migrate", verbosity=0)
    change = ProfileChange.objects.get(pk=change.pk)
    report = Report.objects.get(pk=report.pk)
    assert (change.decided_at, change.decided_by, change.decision_reason) == (
        decided_at,
        liaison,
        "Nimi ei täsmää rekisteriin.",
    )
    assert (report.decided_at, report.decided_by, report.decision_reason) == (
        decided_at,
        liaison,
        "Korjattu.",
    )
