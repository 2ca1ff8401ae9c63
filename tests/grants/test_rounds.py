"""Grants officers create, edit and announce rounds: the form, its messages, the rules
after a round has opened, and the record of the announcement."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from grants.models import GrantRound, StateChange
from tests.factories import (
    ApplicationFactory,
    CategoryFactory,
    GrantProgrammeFactory,
    GrantRoundFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def form_data(programme, **changes) -> dict:
    soon = timezone.localdate() + timedelta(days=10)
    later = soon + timedelta(days=30)
    data = {
        "programme": programme.pk,
        "title_fi": "Kulttuuriavustukset 2031",
        "description_fi": "Avustus kulttuuritoimintaan.",
        "criteria_fi": "Toiminnan on oltava avointa.",
        "budget": "100 000",
        "max_grant": "5 000,50",
        "opens_date": soon.strftime("%d.%m.%Y"),
        "opens_time": "8.00",
        "closes_date": later.isoformat(),
        "closes_time": "16:00",
        "deciding_body": "Kulttuuri- ja liikuntalautakunta",
        "review_period_days": "14",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def programme():
    return GrantProgrammeFactory()


@pytest.fixture
def officer_client(client, grants_officer):
    client.force_login(grants_officer)
    return client


def test_officer_creates_a_round_as_a_draft_with_helsinki_times(officer_client, programme):
    category = CategoryFactory(slug="kulttuuri", name_fi="Kulttuuri")
    response = officer_client.post(
        "/en/grants/rounds/new/", form_data(programme, eligible_categories=[category.pk])
    )
    grant_round = GrantRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/grants/{grant_round.slug}/"
    assert grant_round.state == "draft"
    assert grant_round.budget == Decimal("100000.00")
    assert grant_round.max_grant == Decimal("5000.50")
    assert timezone.localtime(grant_round.opens_at).hour == 8
    assert timezone.localtime(grant_round.closes_at).hour == 16
    assert list(grant_round.eligible_categories.all()) == [category]
    # A draft is the officers' only.
    officer_client.logout()
    assert officer_client.get(f"/en/grants/{grant_round.slug}/").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"budget": "-5"}, "budget", "The amount cannot be negative."),
        ({"budget": "lots"}, "budget", "Enter an amount in euros"),
        ({"max_grant": "200 000"}, "max_grant", "cannot be more than the total budget"),
        ({"description_fi": ""}, "description_fi", "This field is required."),
        ({"closes_date": "1.1.2020"}, "closes_date", "must close after it opens"),
        ({"review_period_days": "1000"}, "review_period_days", "less than or equal to 365"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_lost(
    officer_client, programme, changes, field, message
):
    response = officer_client.post("/en/grants/rounds/new/", form_data(programme, **changes))
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert "Kulttuuriavustukset 2031" in response.content.decode()
    assert not GrantRound.objects.exists()


def test_a_guideline_pdf_is_attached_and_a_fake_one_refused(officer_client, programme, media_root):
    fake = SimpleUploadedFile("ohje.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = officer_client.post(
        "/en/grants/rounds/new/",
        form_data(programme, guideline_file=fake, guideline_title="Ohjeet"),
    )
    assert response.status_code == 400
    assert "not a PDF document" in str(response.context["form"].errors["guideline_file"])
    pdf = SimpleUploadedFile("whatever.bin", PDF, "application/octet-stream")
    officer_client.post(
        "/en/grants/rounds/new/",
        form_data(programme, guideline_file=pdf, guideline_title="Hakuohjeet"),
    )
    attachment = GrantRound.objects.get().guidelines.get()
    assert attachment.title == "Hakuohjeet" and attachment.file.name.endswith(".pdf")
    assert attachment.size == len(PDF)
    page = officer_client.get(f"/en/grants/{attachment.round.slug}/").content.decode()
    assert attachment.file.url in page
    # And it can be removed.
    edit = f"/en/grants/{attachment.round.slug}/edit/"
    data = form_data(programme, version=attachment.round.version, remove_guidelines=[attachment.pk])
    assert officer_client.post(edit, data).status_code == 302
    assert not attachment.round.guidelines.exists()


def test_a_file_larger_than_ten_megabytes_is_refused(officer_client, programme):
    big = SimpleUploadedFile("iso.pdf", PDF + b"0" * (10 * 1024 * 1024), "application/pdf")
    response = officer_client.post(
        "/en/grants/rounds/new/", form_data(programme, guideline_file=big, guideline_title="Iso")
    )
    assert response.status_code == 400
    assert "at most 10 MB" in str(response.context["form"].errors["guideline_file"])


def test_a_stale_form_is_refused_with_the_changes_kept(officer_client, programme):
    grant_round = GrantRoundFactory(programme=programme, announced_at=None)
    data = form_data(programme, version=grant_round.version, title_fi="Uusi otsikko")
    GrantRound.objects.filter(pk=grant_round.pk).update(version=grant_round.version + 1)
    response = officer_client.post(f"/en/grants/{grant_round.slug}/edit/", data)
    assert response.status_code == 409
    assert "Someone else saved this round" in response.content.decode()
    assert "Uusi otsikko" in response.content.decode()


def open_round_data(grant_round, **changes) -> dict:
    opens = timezone.localtime(grant_round.opens_at)
    closes = timezone.localtime(grant_round.closes_at)
    values = {
        "version": grant_round.version,
        "budget": "100 000",
        "max_grant": "10 000",
        "opens_date": opens.date().isoformat(),
        "opens_time": opens.strftime("%H:%M"),
        "closes_date": closes.date().isoformat(),
        "closes_time": closes.strftime("%H:%M"),
    }
    return form_data(grant_round.programme, **{**values, **changes})


def test_after_opening_the_closing_time_may_only_move_later(officer_client):
    grant_round = GrantRoundFactory()
    edit = f"/en/grants/{grant_round.slug}/edit/"
    earlier = (timezone.localtime(grant_round.closes_at) - timedelta(days=2)).date().isoformat()
    response = officer_client.post(edit, open_round_data(grant_round, closes_date=earlier))
    assert response.status_code == 400
    assert "may only be moved later" in str(response.context["form"].errors["closes_date"])
    later = (timezone.localtime(grant_round.closes_at) + timedelta(days=2)).date().isoformat()
    assert (
        officer_client.post(edit, open_round_data(grant_round, closes_date=later)).status_code
        == 302
    )
    grant_round.refresh_from_db()
    assert timezone.localdate(grant_round.closes_at).isoformat() == later


def test_the_budget_cannot_go_below_what_is_granted(officer_client):
    from grants.models import GrantDecision

    grant_round = GrantRoundFactory()
    application = ApplicationFactory(round=grant_round, requested_amount=Decimal("9000"))
    GrantDecision.objects.create(
        application=application,
        amount=Decimal("8000"),
        decided_on=timezone.localdate(),
        deciding_body="Lautakunta",
    )
    edit = f"/en/grants/{grant_round.slug}/edit/"
    response = officer_client.post(
        edit, open_round_data(grant_round, budget="7 000", max_grant="1 000")
    )
    assert response.status_code == 400
    assert "8\u00a0000,00" in str(response.context["form"].errors["budget"])


def test_announcing_records_who_and_when_and_makes_the_round_public(
    officer_client, client, grants_officer
):
    grant_round = GrantRoundFactory(announced_at=None)
    response = officer_client.post(f"/en/grants/{grant_round.slug}/announce/")
    assert response.status_code == 302
    grant_round.refresh_from_db()
    assert grant_round.announced_at is not None and grant_round.state == "open"
    change = StateChange.objects.get(round=grant_round)
    assert (change.from_state, change.to_state, change.decided_by) == (
        "draft",
        "open",
        grants_officer,
    )
    page = officer_client.get(f"/en/grants/{grant_round.slug}/").content.decode()
    assert "History of the round" in page
    # Twice is refused with a message, nothing recorded again.
    response = officer_client.post(f"/en/grants/{grant_round.slug}/announce/", follow=True)
    assert StateChange.objects.count() == 1
    assert len(list(response.context["messages"])) == 1


def test_others_cannot_create_or_announce(client, editor):
    grant_round = GrantRoundFactory(announced_at=None)
    client.force_login(editor)
    assert client.post(f"/en/grants/{grant_round.slug}/announce/").status_code == 403
    assert client.post("/en/grants/rounds/new/", {}).status_code == 403
    grant_round.refresh_from_db()
    assert grant_round.announced_at is None
