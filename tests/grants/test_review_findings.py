"""Behaviour pinned down by a review of the grant rounds' code: each test names what a
person would have met before (a server error, something shown too early, a value taken
that should not be)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from grants import deciding
from grants.models import GrantRound
from tests.factories import ApplicationFactory, GrantProgrammeFactory
from tests.grants.deciding_scenes import closed_round
from tests.grants.test_applying import form_data
from tests.grants.test_rounds import form_data as round_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The pages in English, so that the tests read the source messages."""
    with translation.override("en"):
        yield


# --- the proposal and the applicant's changes ------------------------------------------------


def test_no_proposal_is_recorded_while_the_round_is_open(grants_officer, association, grant_round):
    application = ApplicationFactory(round=grant_round, association=association)
    with pytest.raises(deciding.DecisionError):
        deciding.proposal_record(
            application=application, amount=Decimal("800"), rationale="", by=grants_officer
        )
    application.refresh_from_db()
    assert application.proposed_at is None


def test_officer_sees_why_no_proposal_can_be_made_in_an_open_round(
    client, grants_officer, association, grant_round
):
    application = ApplicationFactory(round=grant_round, association=association)
    client.force_login(grants_officer)
    response = client.post(
        reverse("grants:review_application", args=[application.pk]),
        {"amount": "800", "rationale": "", "propose": ""},
    )
    assert response.status_code == 400
    assert "after the round closes" in response.content.decode()


def test_an_application_with_a_proposal_cannot_be_lowered_below_it_in_a_reopened_round(
    client, grants_officer, editor, association, grant_round
):
    """A round that closed, was proposed on and then had its closing time moved later
    is open again: the applicant's change is refused with a message, not a server error."""
    application = ApplicationFactory(
        round=grant_round, association=association, requested_amount=Decimal("1000")
    )
    grant_round.closes_at = timezone.now() - timedelta(minutes=1)
    grant_round.save()
    deciding.proposal_record(
        application=application, amount=Decimal("800"), rationale="", by=grants_officer
    )
    grant_round.closes_at = timezone.now() + timedelta(days=1)
    grant_round.save()
    application.refresh_from_db()
    client.force_login(editor)
    response = client.post(
        reverse("grants:application_edit", args=[application.pk]),
        form_data(application, requested_amount="100"),
    )
    assert response.status_code == 400
    assert "being reviewed" in response.content.decode()
    application.refresh_from_db()
    assert application.requested_amount == Decimal("1000")


# --- the application's history -------------------------------------------------------------


@pytest.fixture
def decided_unpublished(grants_officer, association):
    application = ApplicationFactory(
        round=closed_round(), association=association, requested_amount=Decimal("1000")
    )
    deciding.proposal_record(
        application=application, amount=Decimal("500"), rationale="", by=grants_officer
    )
    deciding.round_decide(
        round=application.round,
        decisions=[deciding.DecisionInput(application.pk, Decimal("400"))],
        decided_on=timezone.localdate(),
        section="3 §",
        by=grants_officer,
    )
    return application


def history_of(page: str) -> str:
    return page.split("<h2>History</h2>", 1)[1].split("</ul>", 1)[0]


def test_applicant_history_tells_nothing_of_the_review_before_the_decision_is_published(
    client, editor, decided_unpublished, grants_officer
):
    client.force_login(editor)
    page = client.get(reverse("grants:application", args=[decided_unpublished.pk]))
    history = history_of(page.content.decode())
    assert "proposed" not in history.lower()
    assert "decided" not in history.lower()
    assert grants_officer.get_full_name() not in history


def test_officer_reads_the_review_steps_of_the_history_in_words(
    client, grants_officer, decided_unpublished
):
    client.force_login(grants_officer)
    page = client.get(reverse("grants:application", args=[decided_unpublished.pk]))
    history = history_of(page.content.decode())
    assert "Submitted → Proposed" in history
    assert "Proposed → Decided" in history


# --- the application form's error summary ----------------------------------------------------


def test_a_budget_row_error_is_listed_in_the_error_summary_with_a_link_to_the_row(
    client, editor, association, grant_round
):
    application = ApplicationFactory(round=grant_round, association=association, status="draft")
    client.force_login(editor)
    data = form_data(application, **{"income-1-description": "Jäsenmaksut"})
    response = client.post(reverse("grants:application_edit", args=[application.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert 'href="#id_income-1-amount"' in summary
    assert "Income, row 2" in summary
    assert "Give the row&#x27;s amount." in summary


# --- the date of a decision -----------------------------------------------------------------


@pytest.mark.parametrize("typed", ["1.1.0001", "1.1.2020"])
def test_a_decision_dated_before_the_round_closed_is_refused(client, grants_officer, typed):
    round = closed_round()
    application = ApplicationFactory(round=round, requested_amount=Decimal("1000"))
    client.force_login(grants_officer)
    response = client.post(
        reverse("grants:decide", args=[round.slug]),
        {"decided_on": typed, "section": "1 §", f"amount_{application.pk}": "500"},
    )
    assert response.status_code == 400
    assert "before the round closed" in str(response.context["form"].errors["decided_on"])
    assert not application.decisions.exists()


# --- a correction sent twice ----------------------------------------------------------------


def test_a_correction_sent_twice_is_recorded_once_and_the_second_told_why(client, grants_officer):
    round = closed_round()
    application = ApplicationFactory(round=round, requested_amount=Decimal("1000"))
    [decision] = deciding.round_decide(
        round=round,
        decisions=[deciding.DecisionInput(application.pk, Decimal("400"))],
        decided_on=timezone.localdate(),
        section="3 §",
        by=grants_officer,
    )
    client.force_login(grants_officer)
    url = reverse("grants:correct", args=[decision.pk])
    data = {
        "decided_on": timezone.localdate().strftime("%d.%m.%Y"),
        "section": "4 §",
        "amount": "500",
        "rationale": "",
        "correction_reason": "Laskuvirhe.",
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 400
    assert "corrected already" in response.content.decode()
    assert application.decisions.count() == 2


# --- a draft round's guidelines -------------------------------------------------------------


def test_a_draft_rounds_guideline_is_not_at_an_address_guessed_from_its_title(
    client, grants_officer, media_root
):
    """Guidelines are public files: a draft's must not be found at
    /media/grants/guidelines/<round id>/<title>.pdf before the round is announced."""
    pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    upload = SimpleUploadedFile("ohje.pdf", pdf, "application/pdf")
    client.force_login(grants_officer)
    data = round_form_data(GrantProgrammeFactory(), guideline_file=upload, guideline_title="Ohjeet")
    assert client.post(reverse("grants:round_create"), data).status_code == 302
    round = GrantRound.objects.get()
    assert round.state == "draft"
    name = round.guidelines.get().file.name
    assert name != f"grants/guidelines/{round.pk}/ohjeet.pdf"
    assert re.fullmatch(rf"grants/guidelines/{round.pk}/ohjeet-[0-9a-f]{{16}}\.pdf", name)
