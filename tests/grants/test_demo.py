"""The demo grants that `make demo` loads after the associations' and events' demo data."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from associations.demo_data import REPRESENTATIVE_EMAIL
from grants.models import Application, GrantDecision, GrantRound, StateChange, UseReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("load_grants_demo", stdout=out)
    return out.getvalue()


def counts():
    models = (GrantRound, Application, GrantDecision, UseReport, StateChange)
    return [model.objects.count() for model in models]


def test_last_years_round_is_decided_and_published_within_its_budget(demo):
    last = GrantRound.objects.get(decisions_published_at__isnull=False)
    assert last.state == "published"
    assert last.applications.count() == 40
    current = GrantDecision.objects.current().published().filter(application__round=last)
    assert current.count() == 40
    assert current.aggregate(total=Sum("amount"))["total"] <= last.budget
    assert current.filter(amount=0).exists()
    assert current.first().deciding_body == "Kulttuuri- ja liikuntalautakunta"


def test_some_decisions_are_corrected_and_the_originals_stay(demo):
    corrections = GrantDecision.objects.filter(corrects__isnull=False)
    assert corrections.count() == 3
    for correction in corrections:
        assert correction.is_current and correction.correction_reason
        assert not correction.corrects.is_current


def test_use_reports_accepted_and_one_overdue(demo):
    assert UseReport.objects.filter(status="accepted").count() >= 5
    overdue = Application.objects.filter(
        use_report_due_on__lt=GrantRound.objects.first().created_at.date(),
        use_reports__isnull=True,
    )
    assert overdue.count() == 1


def test_an_open_round_with_drafts_and_submitted_applications(demo, client):
    open_round = GrantRound.objects.open().get()
    assert open_round.applications.filter(status="submitted").count() == 8
    assert open_round.applications.filter(status="draft").count() == 5
    draft = open_round.applications.get(association__memberships__user__email=REPRESENTATIVE_EMAIL)
    assert draft.status == "draft"
    page = client.get("/grants/").content.decode()
    assert open_round.title_fi in page
    granted = GrantDecision.objects.current().published().filter(amount__gt=0).count()
    assert f"{granted} avustusta" in page  # what was decided last time


def test_loading_again_changes_nothing(demo):
    before = counts()
    call_command("load_grants_demo", stdout=StringIO())
    assert counts() == before


def test_the_command_says_what_it_loaded(demo):
    assert "3 rounds" in demo
