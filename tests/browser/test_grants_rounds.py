"""The rounds' pages in a real browser: axe-core's WCAG 2.1 A/AA rules at 360 px wide in
Finnish and Swedish, and a grants officer creating a round and announcing it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from grants.models import GrantRound, StateChange
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import GrantProgrammeFactory, GrantRoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page) -> None:
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)


@pytest.mark.parametrize("prefix", ["", "/sv"])
def test_round_pages_are_accessible_in_finnish_and_swedish(page, grants_officer, prefix):
    GrantRoundFactory(slug="toiminta-avustukset", title_sv="Verksamhetsunderstöd")
    year_ago = timezone.now() - timedelta(days=365)
    GrantRoundFactory(
        slug="viime-vuosi", opens_at=year_ago, closes_at=year_ago + timedelta(days=30)
    )
    page.set_viewport_size({"width": 360, "height": 800})
    for path in ("/grants/", "/grants/toiminta-avustukset/", "/"):
        assert page.goto(prefix + path).status == 200, path
        check(page)
    log_in(page, grants_officer)
    for path in (
        "/grants/rounds/new/",
        "/grants/toiminta-avustukset/edit/",
        "/grants/toiminta-avustukset/",
        "/my/",
    ):
        assert page.goto(prefix + path).status == 200, path
        check(page)


def test_an_officer_creates_a_round_and_announces_it(page, grants_officer):
    GrantProgrammeFactory()
    log_in(page, grants_officer)
    page.goto("/grants/rounds/new/")
    page.locator("#id_title_fi").fill("Kulttuuriavustukset")
    page.locator("#id_description_fi").fill("Avustus kulttuuritoimintaan.")
    page.locator("#id_criteria_fi").fill("Avoin toiminta.")
    page.locator("#id_budget").fill("50 000")
    opens = timezone.localdate() + timedelta(days=2)
    page.locator("#id_opens_date").fill(opens.isoformat())
    page.locator("#id_closes_date").fill((opens + timedelta(days=30)).isoformat())
    page.locator("#id_deciding_body").fill("Kulttuuri- ja liikuntalautakunta")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url("**/grants/kulttuuriavustukset/")
    page.get_by_role("button", name="Julkaise haku").click()
    page.wait_for_url("**/grants/kulttuuriavustukset/")
    assert "Haku on julkaistu" in page.content()
    grant_round = GrantRound.objects.get()
    assert grant_round.state == "upcoming"
    assert StateChange.objects.get(round=grant_round).decided_by == grants_officer
