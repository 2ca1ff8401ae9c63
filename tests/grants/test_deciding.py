"""The round's decision, publishing it with the applicants' emails, corrections and the
audit trail."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from grants import deciding
from grants.deciding import DecisionError, DecisionInput
from grants.models import GrantDecision, StateChange
from tests.factories import ApplicationFactory, UserFactory
from tests.grants.deciding_scenes import closed_round, decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def round():
    return closed_round(
        budget=Decimal("10000"),
        max_grant=Decimal("6000"),
        review_period_days=14,
        use_report_due_on=timezone.localdate() + timedelta(days=300),
    )


@pytest.fixture
def officer_client(client, grants_officer):
    client.force_login(grants_officer)
    return client


def yesterday():
    return timezone.localdate() - timedelta(days=1)


def test_officer_records_the_rounds_decision_from_the_proposals(
    officer_client, round, grants_officer
):
    first = ApplicationFactory(
        round=round, requested_amount=5000, proposed_amount=4000, proposal_rationale="Hyvä"
    )
    second = ApplicationFactory(round=round, requested_amount=3000, proposed_amount=0)
    url = reverse("grants:decide", args=[round.slug])
    form = officer_client.get(url).content.decode()
    assert 'value="4\u00a0000,00"' in form and "Hyvä" in form

    response = officer_client.post(
        url,
        {
            "decided_on": yesterday().strftime("%d.%m.%Y"),
            "section": "45 §",
            f"amount_{first.pk}": "4 500",
            f"rationale_{first.pk}": "Laaja toiminta.",
            f"amount_{second.pk}": "0",
            f"rationale_{second.pk}": "Ei täytä ehtoja.",
        },
    )

    assert response.status_code == 302
    granted = GrantDecision.objects.get(application=first)
    assert (granted.amount, granted.rationale, granted.section) == (4500, "Laaja toiminta.", "45 §")
    assert granted.decided_on == yesterday() and granted.published_at is None
    assert granted.deciding_body == round.deciding_body
    assert GrantDecision.objects.get(application=second).amount == 0
    round.refresh_from_db()
    assert round.decided_at is not None and round.state == "decided"
    assert StateChange.objects.filter(round=round, from_state="closed", to_state="decided").exists()


def test_decision_over_the_budget_saves_nothing_and_keeps_what_was_typed(officer_client, round):
    decide(ApplicationFactory(round=round, requested_amount=6000), "6000")
    other = ApplicationFactory(round=round, requested_amount=5000)
    url = reverse("grants:decide", args=[round.slug])
    data = {"decided_on": yesterday().strftime("%d.%m.%Y"), "section": "45 §"}

    response = officer_client.post(url, {**data, f"amount_{other.pk}": "4 500,50"})

    assert response.status_code == 400
    text = response.content.decode()
    assert "10\u00a0000,00" in str(response.context["form"].non_field_errors())
    assert 'value="4 500,50"' in text
    assert not GrantDecision.objects.filter(application=other).exists()


@pytest.mark.parametrize("typed", ["5 000,01", "", "viisi", "-5", "1e9"])
def test_bad_amounts_are_refused(officer_client, round, typed):
    application = ApplicationFactory(round=round, requested_amount=5000)
    response = officer_client.post(
        reverse("grants:decide", args=[round.slug]),
        {
            "decided_on": yesterday().strftime("%d.%m.%Y"),
            "section": "1 §",
            f"amount_{application.pk}": typed,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors[f"amount_{application.pk}"]
    assert not GrantDecision.objects.exists()


def test_amount_above_the_largest_grant_is_refused(round, grants_officer):
    application = ApplicationFactory(round=round, requested_amount=8000)
    with translation.override("en"), pytest.raises(DecisionError, match="largest grant"):
        deciding.round_decide(
            round=round,
            decisions=[DecisionInput(application.pk, Decimal("6000.01"))],
            decided_on=yesterday(),
            section="1 §",
            by=grants_officer,
        )


def test_an_open_round_is_not_decided(grants_officer):
    open_round = ApplicationFactory().round
    application = open_round.applications.get()
    with translation.override("en"), pytest.raises(DecisionError, match="after the round closes"):
        deciding.round_decide(
            round=open_round,
            decisions=[DecisionInput(application.pk, Decimal("100"))],
            decided_on=yesterday(),
            section="1 §",
            by=grants_officer,
        )


def test_publishing_makes_decisions_public_and_emails_each_applicant(
    officer_client, round, association, editor, owner, grants_officer
):
    editor.language = "sv"
    editor.save()
    application = ApplicationFactory(
        round=round, association=association, requested_amount=5000, contact_email="k@example.fi"
    )
    refused = ApplicationFactory(round=round, requested_amount=1000)
    granted = decide(application, "4000")
    decide(refused, "0")

    response = officer_client.post(reverse("grants:publish", args=[round.slug]))

    assert response.status_code == 302
    granted.refresh_from_db()
    round.refresh_from_db()
    assert granted.published_at is not None and round.decisions_published_at is not None
    application.refresh_from_db()
    refused.refresh_from_db()
    assert application.use_report_due_on == round.use_report_due_on
    assert refused.use_report_due_on is None
    assert StateChange.objects.filter(round=round, to_state="published").exists()
    assert StateChange.objects.filter(application=application, to_state="published").exists()

    to_editor = next(m for m in mail.outbox if m.to == [editor.email])
    to_owner = next(m for m in mail.outbox if m.to == [owner.email])
    to_contact = next(m for m in mail.outbox if m.to == ["k@example.fi"])
    deadline = timezone.localdate() + timedelta(days=7 + 14)
    assert "4\u00a0000,00" in to_owner.body
    assert "Toiminta on vakiintunutta." in to_owner.body
    assert deadline.strftime("%-d.%-m.%Y") in to_owner.body
    assert "oikaisuvaatimus" in to_owner.body
    assert round.deciding_body in to_owner.body
    assert to_contact.body == to_owner.body
    assert to_editor.subject != to_owner.subject  # in Swedish


def test_a_round_with_undecided_applications_is_not_published(round, grants_officer):
    decide(ApplicationFactory(round=round), "100")
    ApplicationFactory(round=round)
    with translation.override("en"), pytest.raises(DecisionError, match="no decision yet"):
        deciding.round_publish(round=round, by=grants_officer)
    assert not GrantDecision.objects.published().exists()


def test_review_deadline_counts_seven_days_of_delivery_and_the_review_period(round):
    sent_on = timezone.datetime(2025, 3, 3).date()
    assert deciding.review_ends_on(sent_on=sent_on, round=round) == sent_on + timedelta(days=21)


def test_correction_is_a_new_entry_and_both_stay_visible(
    officer_client, round, association, owner, grants_officer
):
    application = ApplicationFactory(round=round, association=association, requested_amount=5000)
    original = decide(application, "3000", published=True)
    url = reverse("grants:correct", args=[original.pk])
    typed = {
        "decided_on": yesterday().strftime("%d.%m.%Y"),
        "section": "50 §",
        "amount": "3 500",
        "rationale": "Laskuvirhe korjattu.",
        "correction_reason": "",
    }
    missing_reason = officer_client.post(url, typed)
    assert missing_reason.status_code == 400
    assert "Laskuvirhe korjattu." in missing_reason.content.decode()

    response = officer_client.post(url, {**typed, "correction_reason": "Summa oli väärin."})

    assert response.status_code == 302
    original.refresh_from_db()
    correction = GrantDecision.objects.get(corrects=original)
    assert not original.is_current and original.amount == 3000
    assert correction.is_current and correction.amount == 3500
    assert correction.published_at is not None
    assert correction.correction_reason == "Summa oli väärin."
    change = StateChange.objects.get(application=application, to_state="corrected")
    assert (change.from_state, change.decided_by) == ("published", grants_officer)
    (message,) = [m for m in mail.outbox if m.to == [owner.email]]
    assert "Summa oli väärin." in message.body and "3\u00a0500,00" in message.body

    page = officer_client.get(reverse("grants:review_application", args=[application.pk]))
    text = page.content.decode()
    assert "3\u00a0000,00" in text and "3\u00a0500,00" in text
    assert "Summa oli väärin." in text


def test_correction_respects_the_budget(round, grants_officer):
    decide(ApplicationFactory(round=round, requested_amount=6000), "6000")
    original = decide(ApplicationFactory(round=round, requested_amount=6000), "3000")
    with translation.override("en"), pytest.raises(DecisionError, match="budget"):
        deciding.decision_correct(
            decision=original,
            amount=Decimal("4500"),
            rationale="",
            decided_on=yesterday(),
            section="2 §",
            reason="Uusi laskelma.",
            by=grants_officer,
        )
    original.refresh_from_db()
    assert original.is_current
    assert GrantDecision.objects.count() == 2


def test_unpublished_decision_is_corrected_without_email(round, grants_officer):
    original = decide(ApplicationFactory(round=round), "100")
    correction = deciding.decision_correct(
        decision=original,
        amount=Decimal("0"),
        rationale="",
        decided_on=yesterday(),
        section="2 §",
        reason="Hakija ei ollut oikeutettu.",
        by=grants_officer,
    )
    assert correction.published_at is None
    assert mail.outbox == []


def test_the_audit_trail_follows_an_application_from_proposal_to_correction(round, grants_officer):
    other_officer = UserFactory()
    application = ApplicationFactory(round=round, requested_amount=5000)
    deciding.proposal_record(
        application=application, amount=Decimal("2000"), rationale="", by=grants_officer
    )
    deciding.round_decide(
        round=round,
        decisions=[DecisionInput(application.pk, Decimal("2500"), "Hyvä")],
        decided_on=yesterday(),
        section="3 §",
        by=grants_officer,
    )
    deciding.round_publish(round=round, by=grants_officer)
    deciding.decision_correct(
        decision=application.decisions.get(),
        amount=Decimal("2000"),
        rationale="",
        decided_on=yesterday(),
        section="4 §",
        reason="Korjaus.",
        by=other_officer,
    )

    trail = [
        (c.from_state, c.to_state, c.decided_by, c.decided_at is not None)
        for c in StateChange.objects.filter(application=application).order_by("pk")
    ]
    assert trail == [
        ("submitted", "proposed", grants_officer, True),
        ("proposed", "decided", grants_officer, True),
        ("decided", "published", grants_officer, True),
        ("published", "corrected", other_officer, True),
    ]
    rounds = StateChange.objects.filter(round=round).order_by("pk")
    assert [(c.from_state, c.to_state) for c in rounds] == [
        ("closed", "decided"),
        ("decided", "published"),
    ]
