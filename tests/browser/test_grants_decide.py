"""The grants officer's review in a real browser: a proposal on an application, the
round's decision and publishing it; axe-core's WCAG 2.1 A/AA rules at 360 px in Finnish
and Swedish."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from grants.models import GrantDecision
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import ApplicationFactory
from tests.grants.deciding_scenes import closed_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page) -> None:
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_officer_proposes_decides_and_publishes(page, grants_officer, association, owner):
    round = closed_round(slug="kevat", budget=Decimal("20000"), max_grant=Decimal("8000"))
    application = ApplicationFactory(
        round=round, association=association, requested_amount=Decimal("5000")
    )
    application.budget.create(kind="expense", description="Vuokra", amount=Decimal("3000"))
    log_in(page, grants_officer)

    for prefix in ("", "/sv"):
        assert page.goto(f"{prefix}/grants/kevat/review/").status == 200
        check(page)
        assert page.goto(f"{prefix}/grants/applications/{application.pk}/review/").status == 200
        check(page)

    page.goto(f"/grants/applications/{application.pk}/review/")
    page.locator("#id_amount").fill("4 000")
    page.locator("#id_rationale").fill("Vakiintunutta toimintaa.")
    page.locator("button[name=propose]").click()
    page.wait_for_url(f"**/grants/applications/{application.pk}/review/")
    application.refresh_from_db()
    assert application.proposed_amount == Decimal("4000")

    for prefix in ("/sv", ""):
        assert page.goto(f"{prefix}/grants/kevat/decide/").status == 200
        check(page)
    assert page.locator(f"#id_amount_{application.pk}").input_value() == "4\u00a0000,00"
    yesterday = timezone.localdate() - timedelta(days=1)
    page.locator("#id_decided_on").fill(yesterday.strftime("%-d.%-m.%Y"))
    page.locator("#id_section").fill("45 §")
    page.locator(f"#id_amount_{application.pk}").fill("3 500")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/grants/kevat/review/")
    assert GrantDecision.objects.get(application=application).amount == Decimal("3500")

    page.goto("/grants/kevat/decide/")
    check(page)
    page.locator("form[action$='/publish/'] button").click()
    page.wait_for_url("**/grants/kevat/review/")
    assert GrantDecision.objects.get(application=application).published_at is not None
    assert any(owner.email in message.to for message in mail.outbox)
