"""A grant from the application to the open data in a real browser: an association
applies, the officer proposes, the decision is recorded and published, the association
gets the email, and a resident finds the decision on the decisions page and downloads
the CSV. Every page axe-clean at 360 px, in Finnish and in Swedish."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from grants.models import Application, GrantDecision, GrantRound
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import GrantRoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_grant_from_the_application_to_the_open_data(
    page, editor, grants_officer, association, language
):
    prefix = "" if language == "fi" else "/sv"
    GrantRoundFactory(
        slug="toiminta-avustukset",
        title_fi="Toiminta-avustukset",
        title_sv="Verksamhetsunderstöd",
        budget=Decimal("50000"),
        max_grant=Decimal("8000"),
    )

    # The association's editor finds the open round and applies.
    log_in(page, editor)
    page.goto(f"{prefix}/grants/")
    check(page)
    page.locator("main a[href$='/grants/toiminta-avustukset/']").first.click()
    check(page)
    page.locator("main a[href$='/toiminta-avustukset/apply/']").click()
    check(page)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/grants/applications/\d+/edit/$"))
    check(page)
    page.locator("#id_requested_amount").fill("5 000")
    page.locator("#id_purpose").fill("Harjoitustilan vuokra ja kevätkonsertti.")
    page.locator("#id_expense-0-description").fill("Salivuokra")
    page.locator("#id_expense-0-amount").fill("5000")
    page.locator("button[name=submit]").click()
    page.wait_for_url(re.compile(r".*/grants/applications/\d+/$"))
    check(page)
    application = Application.objects.get()
    assert application.status == "submitted"

    # The round closes; the officer proposes, records the board's decision and publishes.
    now = timezone.now()
    GrantRound.objects.update(opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1))
    page.context.clear_cookies()
    log_in(page, grants_officer)
    page.goto(f"{prefix}/grants/applications/{application.pk}/review/")
    check(page)
    page.locator("#id_amount").fill("4 000")
    page.locator("#id_rationale").fill("Vakiintunutta toimintaa, kohtuullinen talousarvio.")
    page.locator("button[name=propose]").click()
    page.wait_for_url(f"**/grants/applications/{application.pk}/review/")
    page.goto(f"{prefix}/grants/toiminta-avustukset/decide/")
    check(page)
    page.locator("#id_decided_on").fill(timezone.localdate().strftime("%-d.%-m.%Y"))
    page.locator("#id_section").fill("45 §")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/grants/toiminta-avustukset/review/")
    page.goto(f"{prefix}/grants/toiminta-avustukset/decide/")
    page.locator("form[action$='/publish/'] button").click()
    page.wait_for_url("**/grants/toiminta-avustukset/review/")
    decision = GrantDecision.objects.get()
    assert decision.amount == Decimal("4000") and decision.published_at is not None

    # The association hears of it.
    assert any(editor.email in message.to for message in mail.outbox)

    # A resident finds it on the decisions page and downloads the CSV.
    page.context.clear_cookies()
    page.goto(f"{prefix}/grants/decisions/")
    check(page)
    row = page.locator("main").get_by_text(association.name).first
    expect(row).to_be_visible()
    expect(page.locator("main")).to_contain_text("4\u00a0000,00")
    csv_href = page.locator("main a[href*='decisions.csv']").first.get_attribute("href")
    answer = page.request.get(csv_href)
    assert answer.status == 200
    assert association.name in answer.text()
