"""The officers' review list and one application's review: filters, sums, comments and
the proposal."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from grants.models import InternalComment, StateChange, UseReport
from tests.factories import ApplicationFactory, AssociationFactory, CategoryFactory
from tests.grants.deciding_scenes import closed_round, decide, decided_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, grants_officer):
    client.force_login(grants_officer)
    return client


@pytest.fixture
def round():
    return closed_round(budget=Decimal("20000"), max_grant=Decimal("8000"))


def test_review_lists_submitted_applications_with_sums(officer_client, round):
    ApplicationFactory(round=round, association__name="Alfa ry", requested_amount=1000)
    proposed = ApplicationFactory(
        round=round,
        association__name="Beta ry",
        requested_amount=3000,
        proposed_amount=2000,
        proposed_at=timezone.now(),
    )
    decide(proposed, "2500")
    ApplicationFactory(round=round, association__name="Luonnos ry", status="draft")
    ApplicationFactory(round=round, association__name="Peruttu ry", status="withdrawn")

    response = officer_client.get(reverse("grants:review", args=[round.slug]))

    page = response.content.decode()
    assert [a.association.name for a in response.context["applications"]] == ["Alfa ry", "Beta ry"]
    assert "Luonnos ry" not in page
    assert [a.association.name for a in response.context["withdrawn"]] == ["Peruttu ry"]
    sums = response.context["sums"]
    assert (sums.applied, sums.proposed, sums.decided) == (4000, 2000, 2500)
    assert sums.remaining == Decimal("17500")
    assert "17\u00a0500,00\u00a0€" in page
    assert reverse("grants:review_application", args=[proposed.pk]) in page


def test_review_filters_and_sorts(officer_client, round):
    music = CategoryFactory(slug="musiikki", name_fi="Musiikki")
    choir = AssociationFactory(name="Kuoro ry")
    choir.categories.add(music)
    ApplicationFactory(
        round=round,
        association=choir,
        requested_amount=500,
        proposed_amount=500,
        proposed_at=timezone.now(),
    )
    ApplicationFactory(round=round, association__name="Urheilu ry", requested_amount=4000)
    url = reverse("grants:review", args=[round.slug])

    def names(**query):
        response = officer_client.get(url, query)
        assert response.status_code == 200
        return [a.association.name for a in response.context["applications"]]

    assert names(category=music.pk) == ["Kuoro ry"]
    assert names(proposal="no") == ["Urheilu ry"]
    assert names(proposal="yes") == ["Kuoro ry"]
    assert names(q="urheilu") == ["Urheilu ry"]
    assert names(sort="-amount") == ["Urheilu ry", "Kuoro ry"]
    assert names(status="undecided") == ["Kuoro ry", "Urheilu ry"]
    assert names(status="granted") == []


def test_a_bad_filter_is_a_400_with_a_message(officer_client, round):
    response = officer_client.get(reverse("grants:review", args=[round.slug]), {"category": "x"})
    assert response.status_code == 400
    assert response.context["form"].errors["category"]


def test_review_list_queries_do_not_grow_with_applications(
    officer_client, round, django_assert_max_num_queries
):
    for n in range(30):
        application = ApplicationFactory(round=round, requested_amount=100, proposed_amount=50)
        if n % 2:
            decide(application, "50")
    with django_assert_max_num_queries(14):
        response = officer_client.get(reverse("grants:review", args=[round.slug]))
    assert len(response.context["applications"]) == 30


def test_officer_proposes_within_the_amount_applied_for(officer_client, round, grants_officer):
    application = ApplicationFactory(round=round, requested_amount=Decimal("5000"))
    url = reverse("grants:review_application", args=[application.pk])

    too_much = officer_client.post(url, {"propose": "", "amount": "5 000,01", "rationale": "Hyvä"})
    assert too_much.status_code == 400
    assert "5\u00a0000,00" in str(too_much.context["proposal_form"].errors["amount"])
    assert 'value="5 000,01"' in too_much.content.decode()  # what was typed is kept
    negative = officer_client.post(url, {"propose": "", "amount": "-1", "rationale": ""})
    assert negative.status_code == 400

    response = officer_client.post(url, {"propose": "", "amount": "4 000,50", "rationale": "Hyvä"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.proposed_amount == Decimal("4000.50")
    assert application.proposal_rationale == "Hyvä"
    assert application.proposed_by == grants_officer
    assert application.proposed_at is not None
    change = StateChange.objects.get(application=application)
    assert (change.from_state, change.to_state, change.decided_by) == (
        "submitted",
        "proposed",
        grants_officer,
    )


def test_proposal_also_stays_within_the_largest_grant(officer_client, round):
    application = ApplicationFactory(round=round, requested_amount=Decimal("9000"))
    url = reverse("grants:review_application", args=[application.pk])
    response = officer_client.post(url, {"propose": "", "amount": "8 500"})
    assert response.status_code == 400
    assert "8\u00a0000,00" in str(response.context["proposal_form"].errors["amount"])


def test_internal_comments_are_kept_and_shown_to_officers(officer_client, round, grants_officer):
    application = ApplicationFactory(round=round)
    url = reverse("grants:review_application", args=[application.pk])
    assert officer_client.post(url, {"comment": "", "text": ""}).status_code == 400
    officer_client.post(url, {"comment": "", "text": "Tarkista talousarvio."})
    comment = InternalComment.objects.get(application=application)
    assert comment.author == grants_officer
    assert "Tarkista talousarvio." in officer_client.get(url).content.decode()


def test_review_page_shows_budget_sums_and_the_missing_use_report(officer_client, round):
    application = ApplicationFactory(round=round)
    application.budget.create(kind="expense", description="Vuokra", amount=Decimal("1200"))
    application.budget.create(kind="expense", description="Ohjaajat", amount=Decimal("800"))
    application.budget.create(kind="income", description="Jäsenmaksut", amount=Decimal("500"))
    earlier = decided_application(application.association, published=True, slug="vanha-haku")
    reported = decided_application(application.association, published=True, slug="raportoitu")
    UseReport.objects.create(
        application=reported, text="Käytetty", amount_used=1, status=UseReport.Status.ACCEPTED
    )

    page = officer_client.get(reverse("grants:review_application", args=[application.pk]))

    text = page.content.decode()
    assert "2\u00a0000,00\u00a0€" in text and "500,00\u00a0€" in text
    assert earlier.round.title in text
    assert reported.round.title not in text


def test_drafts_are_not_reviewed(officer_client, round):
    draft = ApplicationFactory(round=round, status="draft")
    url = reverse("grants:review_application", args=[draft.pk])
    assert officer_client.get(url).status_code == 404
