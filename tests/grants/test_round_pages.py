"""The public pages of rounds, the home page's open rounds and the officers' overview on
My page, and the admin of the grants."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from grants.models import GrantDecision, StateChange
from tests.factories import (
    ApplicationFactory,
    CategoryFactory,
    GrantProgrammeFactory,
    GrantRoundFactory,
)

pytestmark = pytest.mark.django_db


def published_round(programme, **fields):
    """A round of last year with its decisions published."""
    year_ago = timezone.now() - timedelta(days=365)
    grant_round = GrantRoundFactory(
        programme=programme,
        opens_at=year_ago,
        closes_at=year_ago + timedelta(days=30),
        announced_at=year_ago - timedelta(days=7),
        decided_at=year_ago + timedelta(days=60),
        decisions_published_at=year_ago + timedelta(days=61),
        **fields,
    )
    for amount in ("3000", "2500", "0"):
        GrantDecision.objects.create(
            application=ApplicationFactory(round=grant_round),
            amount=Decimal(amount),
            decided_on=timezone.localdate(),
            deciding_body="Lautakunta",
            published_at=timezone.now(),
        )
    return grant_round


def test_the_list_shows_open_rounds_with_who_when_how_much_and_last_time(client):
    programme = GrantProgrammeFactory()
    last = published_round(programme, title_fi="Toiminta-avustukset viime vuonna")
    category = CategoryFactory(slug="musiikki", name_fi="Musiikki", name_en="Music")
    now_open = GrantRoundFactory(
        programme=programme,
        title_fi="Toiminta-avustukset nyt",
        closes_at=timezone.now() + timedelta(days=5, hours=1),
    )
    now_open.eligible_categories.set([category])
    GrantRoundFactory(title_fi="Luonnos", announced_at=None)
    page = client.get("/en/grants/").content.decode()
    current = page.split("Earlier rounds")[0]
    assert "Toiminta-avustukset nyt" in current
    assert "Music" in current
    assert "closes in 5 days" in current
    assert "100,000.00" in current or "100\u00a0000,00" in current
    assert "2 grants" in current and "5\u00a0500,00" in current
    assert "Toiminta-avustukset viime vuonna" in page.split("Earlier rounds")[1]
    assert "Luonnos" not in page
    assert last.slug in page


def test_the_list_takes_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    programme = GrantProgrammeFactory()
    published_round(programme)
    for n in range(6):
        GrantRoundFactory(programme=programme).eligible_categories.set(
            [CategoryFactory(slug=f"ala-{n}", name_fi=f"Ala {n}")]
        )
    for _n in range(6):
        published_round(programme)
    with django_assert_max_num_queries(12):
        assert client.get("/grants/").status_code == 200


def test_a_rounds_page_says_everything_but_the_history_is_for_officers(client, grants_officer):
    grant_round = GrantRoundFactory(
        title_fi="Kulttuuriavustukset", criteria_fi="Avoin toiminta ratkaisee."
    )
    StateChange.objects.create(
        round=grant_round, from_state="draft", to_state="open", status="open",
        decided_at=timezone.now(), decided_by=grants_officer,
    )  # fmt: skip
    page = client.get(f"/en/grants/{grant_round.slug}/").content.decode()
    assert "Kulttuuriavustukset" in page
    assert "Avoin toiminta ratkaisee." in page
    assert "Open for applications" in page
    assert "Associations of every field of activity" in page
    assert "Kulttuuri- ja liikuntalautakunta" in page
    assert "History of the round" not in page
    client.force_login(grants_officer)
    page = client.get(f"/en/grants/{grant_round.slug}/").content.decode()
    assert "History of the round" in page
    assert "Draft → Open for applications" in page
    assert reverse("grants:round_edit", args=[grant_round.slug]) in page


def test_a_draft_is_not_found_by_others(client, editor):
    grant_round = GrantRoundFactory(announced_at=None)
    client.force_login(editor)
    assert client.get(f"/grants/{grant_round.slug}/").status_code == 404


def test_the_home_page_shows_open_rounds_and_their_closing_dates(client):
    assert "/grants/avustushaku" not in client.get("/en/").content.decode()
    grant_round = GrantRoundFactory(title_fi="Avoin haku")
    page = client.get("/en/").content.decode()
    assert "Grants open for applications" in page
    assert f"/en/grants/{grant_round.slug}/" in page
    closes = timezone.localtime(grant_round.closes_at)
    assert f"{closes.day}.{closes.month}.{closes.year}" in page or closes.strftime("%m/%d") in page


def test_the_home_page_has_no_grants_section_without_open_rounds(client):
    GrantRoundFactory(announced_at=None)
    assert "Grants open for applications" not in client.get("/en/").content.decode()


def test_officers_my_page_lists_rounds_by_state_with_submitted_counts(
    client, grants_officer, editor, django_assert_max_num_queries
):
    grant_round = GrantRoundFactory(title_fi="Avoin haku")
    ApplicationFactory.create_batch(3, round=grant_round)
    ApplicationFactory(round=grant_round, status="draft")
    GrantRoundFactory(title_fi="Luonnoshaku", announced_at=None)
    client.force_login(grants_officer)
    page = client.get("/en/my/").content.decode()
    assert "Grant rounds" in page
    assert "Open for applications (1)" in page and "Draft (1)" in page
    assert "3 applications submitted" in page
    client.force_login(editor)
    assert "Grant rounds" not in client.get("/en/my/").content.decode()


def test_the_main_navigation_links_to_grants(client):
    assert 'href="/en/grants/"' in client.get("/en/").content.decode()


def test_the_admin_shows_rounds_and_applications_without_changing_them(
    admin_client, settings, tmp_path
):
    application = ApplicationFactory()
    page = admin_client.get(reverse("admin:grants_grantround_change", args=[application.round.pk]))
    assert page.status_code == 200
    assert admin_client.get(reverse("admin:grants_application_add")).status_code == 403
    assert admin_client.get(reverse("admin:grants_grantprogramme_add")).status_code == 200
    response = admin_client.get(reverse("admin:grants_application_change", args=[application.pk]))
    assert response.status_code == 200
