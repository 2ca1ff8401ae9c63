"""Associations apply: starting a draft, the form with its budget, sending it before the
deadline, withdrawing it, and what they are told of earlier grants."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from grants import applying
from grants.models import Application, GrantDecision, StateChange, UseReport
from tests.factories import (
    ApplicationFactory,
    AssociationFactory,
    CategoryFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The pages in English, so that the tests read the source messages."""
    with translation.override("en"):
        yield


def draft_of(association, grant_round, **fields):
    defaults = {"status": "draft", "submitted_at": None, "requested_amount": None, "purpose": ""}
    return ApplicationFactory(round=grant_round, association=association, **defaults | fields)


def form_data(application, **changes):
    data = {
        "version": application.version,
        "requested_amount": "1 234,50",
        "purpose": "Kevätkonsertti ja harjoitustilan vuokra.",
        "other_funding": "",
        "contact_name": "Eeva Editori",
        "contact_email": "eeva@kuoro.example.fi",
        "attachment_title": "",
    }
    for kind in ("income", "expense"):
        data |= {f"{kind}-TOTAL_FORMS": "3", f"{kind}-INITIAL_FORMS": "0"}
        for i in range(3):
            data |= {f"{kind}-{i}-description": "", f"{kind}-{i}-amount": ""}
    data |= {"expense-0-description": "Salivuokra", "expense-0-amount": "1234,5 €"}
    return data | changes


# --- starting -------------------------------------------------------------------------------


def test_editor_starts_a_draft_and_goes_to_the_form(client, editor, association, grant_round):
    client.force_login(editor)
    response = client.post(
        reverse("grants:apply", args=[grant_round.slug]), {"association": association.pk}
    )
    application = Application.objects.get(round=grant_round, association=association)
    assert response.status_code == 302
    assert response["Location"] == reverse("grants:application_edit", args=[application.pk])
    assert application.status == "draft"
    assert application.contact_email == editor.email


def test_second_application_of_an_association_is_refused_clearly(
    client, editor, association, grant_round
):
    draft_of(association, grant_round)
    client.force_login(editor)
    response = client.post(
        reverse("grants:apply", args=[grant_round.slug]), {"association": association.pk}
    )
    assert response.status_code == 409
    assert "has already applied to this round" in response.content.decode()
    assert Application.objects.filter(round=grant_round).count() == 1


def test_person_editing_two_associations_chooses_among_those_not_yet_applied(
    client, editor, association, grant_round
):
    second = AssociationFactory(name="Beetan Bändi ry")
    MembershipFactory(association=second, user=editor)
    draft_of(association, grant_round)
    client.force_login(editor)
    page = client.get(reverse("grants:apply", args=[grant_round.slug])).content.decode()
    assert f'value="{second.pk}"' in page
    assert f'value="{association.pk}"' not in page


def test_association_outside_the_eligible_categories_is_refused(
    client, editor, association, grant_round
):
    grant_round.eligible_categories.set([CategoryFactory(slug="liikunta")])
    client.force_login(editor)
    response = client.post(
        reverse("grants:apply", args=[grant_round.slug]), {"association": association.pk}
    )
    assert response.status_code == 400
    assert "other fields of activity" in response.content.decode()
    assert not Application.objects.exists()


def test_closed_round_takes_no_new_applications(client, editor, association, grant_round):
    grant_round.closes_at = timezone.now() - timedelta(minutes=1)
    grant_round.save()
    client.force_login(editor)
    response = client.post(
        reverse("grants:apply", args=[grant_round.slug]), {"association": association.pk}
    )
    assert response.status_code == 400
    assert not Application.objects.exists()


# --- the form -------------------------------------------------------------------------------


def test_draft_saves_finnish_amounts_and_budget(client, editor, association, grant_round):
    application = draft_of(association, grant_round)
    client.force_login(editor)
    url = reverse("grants:application_edit", args=[application.pk])
    response = client.post(url, form_data(application))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.requested_amount == Decimal("1234.50")
    assert application.status == "draft"
    row = application.budget.get()
    assert (row.kind, row.description, row.amount) == ("expense", "Salivuokra", Decimal("1234.50"))
    page = client.get(url).content.decode()
    assert "1\xa0234,50\xa0€" in page  # the expenses' sum, the Finnish way


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-100", "cannot be negative"),
        ("0", "cannot be 0"),
        ("10 000,01", "largest grant is 10\xa0000,00"),
        ("99999999999", "too large"),
        ("sata euroa", "for example 1 234,50"),
    ],
)
def test_bad_amounts_get_a_message_and_keep_what_was_typed(
    client, editor, association, grant_round, typed, message
):
    application = draft_of(association, grant_round)
    client.force_login(editor)
    response = client.post(
        reverse("grants:application_edit", args=[application.pk]),
        form_data(application, requested_amount=typed),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "Kevätkonsertti ja harjoitustilan vuokra." in page
    application.refresh_from_db()
    assert application.requested_amount is None


def test_empty_amount_is_kept_as_a_draft_but_not_sent(client, editor, association, grant_round):
    application = draft_of(association, grant_round)
    client.force_login(editor)
    data = form_data(application, requested_amount="", submit="1")
    response = client.post(reverse("grants:application_edit", args=[application.pk]), data)
    assert response.status_code == 400
    assert "The amount applied for is missing." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"
    assert application.purpose == "Kevätkonsertti ja harjoitustilan vuokra."


def test_budget_row_without_an_amount_is_pointed_out(client, editor, association, grant_round):
    application = draft_of(association, grant_round)
    client.force_login(editor)
    data = form_data(application, **{"income-0-description": "Jäsenmaksut"})
    response = client.post(reverse("grants:application_edit", args=[application.pk]), data)
    assert response.status_code == 400
    assert "Give the row&#x27;s amount." in response.content.decode()


def test_add_rows_saves_and_shows_more_empty_rows(client, editor, association, grant_round):
    application = draft_of(association, grant_round)
    client.force_login(editor)
    url = reverse("grants:application_edit", args=[application.pk])
    response = client.post(url, form_data(application, add_rows="income"), follow=True)
    assert response.status_code == 200
    assert 'name="income-TOTAL_FORMS" value="6"' in response.content.decode()
    assert application.budget.count() == 1


def test_save_from_an_older_version_is_a_conflict_keeping_what_was_typed(
    client, editor, owner, association, grant_round
):
    application = draft_of(association, grant_round)
    old = form_data(application, purpose="Minun versioni.")
    client.force_login(owner)
    client.post(
        reverse("grants:application_edit", args=[application.pk]),
        form_data(application, purpose="Omistajan versio."),
    )
    client.force_login(editor)
    response = client.post(reverse("grants:application_edit", args=[application.pk]), old)
    assert response.status_code == 409
    assert "Minun versioni." in response.content.decode()
    application.refresh_from_db()
    assert application.purpose == "Omistajan versio."


def test_edit_form_queries_are_bounded(
    client, editor, association, grant_round, django_assert_max_num_queries
):
    application = draft_of(association, grant_round)
    client.force_login(editor)
    client.post(reverse("grants:application_edit", args=[application.pk]), form_data(application))
    with django_assert_max_num_queries(25):
        response = client.get(reverse("grants:application_edit", args=[application.pk]))
    assert response.status_code == 200


# --- sending --------------------------------------------------------------------------------


def sent_by(client, editor, association, grant_round):
    application = draft_of(association, grant_round)
    client.force_login(editor)
    data = form_data(application, submit="1")
    response = client.post(reverse("grants:application_edit", args=[application.pk]), data)
    application.refresh_from_db()
    return application, response


def test_sending_records_the_change_and_emails_a_receipt(client, editor, association, grant_round):
    mail.outbox.clear()
    application, response = sent_by(client, editor, association, grant_round)
    assert response["Location"] == reverse("grants:application", args=[application.pk])
    assert application.status == "submitted"
    assert application.submitted_at is not None
    change = StateChange.objects.get(application=application)
    assert (change.from_state, change.to_state, change.decided_by) == ("draft", "submitted", editor)
    assert sorted(m.to[0] for m in mail.outbox) == [editor.email, "eeva@kuoro.example.fi"]
    receipt = next(m for m in mail.outbox if m.to == [editor.email])
    assert "Toiminta-avustukset 2026" in receipt.subject
    assert "1\xa0234,50" in receipt.body
    assert f"/applications/{application.pk}/" in receipt.body


def test_receipt_is_in_the_recipients_language(client, association, grant_round):
    swede = UserFactory(email="sven@kuoro.example.fi", language="sv")
    MembershipFactory(association=association, user=swede)
    mail.outbox.clear()
    sent_by(client, swede, association, grant_round)
    receipt = next(m for m in mail.outbox if m.to == [swede.email])
    assert receipt.subject.startswith("Ansökan mottagen")


def test_form_loaded_before_the_deadline_and_sent_after_is_refused_and_draft_kept(
    client, editor, association, grant_round
):
    application = draft_of(association, grant_round)
    client.force_login(editor)
    url = reverse("grants:application_edit", args=[application.pk])
    client.post(url, form_data(application))
    application.refresh_from_db()
    client.get(url)  # the form is open in the browser …
    grant_round.closes_at = timezone.now() - timedelta(seconds=1)  # … and the round closes
    grant_round.save()
    response = client.post(reverse("grants:application_submit", args=[application.pk]))
    assert response.status_code == 400
    assert "The round closed at" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"
    assert application.requested_amount == Decimal("1234.50")
    assert application.budget.count() == 1
    assert not StateChange.objects.exists()


def test_sent_application_may_be_changed_until_the_round_closes_and_stays_sent(
    client, editor, association, grant_round
):
    application, _response = sent_by(client, editor, association, grant_round)
    url = reverse("grants:application_edit", args=[application.pk])
    response = client.post(url, form_data(application, requested_amount="2 000"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.requested_amount) == ("submitted", Decimal(2000))
    grant_round.closes_at = timezone.now() - timedelta(seconds=1)
    grant_round.save()
    response = client.post(
        url, form_data(application, requested_amount="3 000", purpose="Uusi kuvaus.")
    )
    # Refused with the reason, and what was typed is still in the form to copy.
    assert response.status_code == 400
    page = response.content.decode()
    assert "The round closed at" in page
    assert "Uusi kuvaus." in page
    application.refresh_from_db()
    assert application.requested_amount == Decimal(2000)
    # Opened afresh, the closed round's form leads to the application's page.
    assert client.get(url).status_code == 302


def test_withdrawn_application_can_be_sent_again_while_open(
    client, editor, association, grant_round
):
    application, _response = sent_by(client, editor, association, grant_round)
    response = client.post(reverse("grants:application_withdraw", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "withdrawn"
    response = client.post(reverse("grants:application_submit", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"
    assert list(
        StateChange.objects.filter(application=application).values_list("to_state", flat=True)
    ) == ["submitted", "withdrawn", "submitted"]


def test_withdrawing_after_the_round_closed_is_refused(client, editor, association, grant_round):
    application, _response = sent_by(client, editor, association, grant_round)
    grant_round.closes_at = timezone.now() - timedelta(seconds=1)
    grant_round.save()
    response = client.post(reverse("grants:application_withdraw", args=[application.pk]))
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == "submitted"


def test_application_page_shows_the_history_and_a_published_decision(
    client, editor, association, grant_round
):
    application, _response = sent_by(client, editor, association, grant_round)
    GrantDecision.objects.create(
        application=application,
        amount=Decimal("800"),
        rationale="Tuetaan konserttia.",
        decided_on=timezone.localdate(),
        deciding_body="Kulttuurilautakunta",
        published_at=timezone.now(),
    )
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert "Tuetaan konserttia." in page
    assert "800,00" in page
    assert "Draft → Submitted" in page


# --- earlier grants -------------------------------------------------------------------------


def granted(association, *, amount="1000", published=True):
    earlier = ApplicationFactory(association=association)
    GrantDecision.objects.create(
        application=earlier,
        amount=Decimal(amount),
        decided_on=timezone.localdate(),
        deciding_body="Lautakunta",
        published_at=timezone.now() if published else None,
    )
    return earlier


def test_missing_use_reports_lists_granted_applications_without_an_accepted_report(association):
    unreported = granted(association)
    reported = granted(association)
    UseReport.objects.create(
        application=reported, text="Käytetty.", amount_used=Decimal(1000), status="accepted"
    )
    waiting = granted(association)
    UseReport.objects.create(application=waiting, text="Käytetty.", amount_used=Decimal(1000))
    granted(association, amount="0")
    granted(association, published=False)
    assert set(applying.missing_use_reports(association)) == {unreported, waiting}


def test_association_is_told_of_a_missing_use_report_before_it_applies(
    client, editor, association, grant_round
):
    earlier = granted(association)
    client.force_login(editor)
    page = client.get(reverse("grants:apply", args=[grant_round.slug])).content.decode()
    assert "Use reports of earlier grants are missing" in page
    assert reverse("grants:application", args=[earlier.pk]) in page
    application = draft_of(association, grant_round)
    page = client.get(reverse("grants:application_edit", args=[application.pk])).content.decode()
    assert "Use reports of earlier grants are missing" in page
