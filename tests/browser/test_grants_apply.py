"""An association applies for a grant in a real browser: the pages pass axe-core's WCAG
2.1 A/AA rules at 360 px in Finnish and Swedish, and an editor fills in and sends an
application and sees the receipt."""

from __future__ import annotations

import pytest

from grants.models import Application, ApplicationAttachment, BudgetRow
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import ApplicationFactory, GrantRoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page) -> None:
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)


@pytest.mark.parametrize("prefix", ["", "/sv"])
def test_application_pages_are_accessible_in_finnish_and_swedish(page, editor, association, prefix):
    grant_round = GrantRoundFactory(slug="toiminta-2026", title_sv="Verksamhetsunderstöd 2026")
    application = ApplicationFactory(round=grant_round, association=association)
    BudgetRow.objects.create(
        application=application, kind="expense", description="Salivuokra", amount=800
    )
    ApplicationAttachment.objects.create(
        application=application, title="Talousarvio", content_type="application/pdf", size=10
    )
    GrantRoundFactory(slug="kohde-2026")  # another round open to the association
    log_in(page, editor)
    page.set_viewport_size({"width": 360, "height": 800})
    for path in (
        "/my/",
        "/grants/kohde-2026/apply/",
        f"/grants/applications/{application.pk}/",
        f"/grants/applications/{application.pk}/edit/",
    ):
        assert page.goto(prefix + path).status == 200, path
        check(page)


def test_an_editor_applies_sends_and_sees_the_receipt(page, editor, association, mailoutbox):
    GrantRoundFactory(slug="toiminta-2026", title_fi="Toiminta-avustukset 2026")
    log_in(page, editor)
    page.goto("/grants/toiminta-2026/apply/")
    page.get_by_role("button", name="Aloita hakemus").click()
    page.wait_for_url("**/edit/")
    page.locator("#id_requested_amount").fill("1 234,50")
    page.locator("#id_purpose").fill("Kevätkonsertti ja harjoitustilan vuokra.")
    page.locator("#id_expense-0-description").fill("Salivuokra")
    page.locator("#id_expense-0-amount").fill("1234,5 €")
    page.get_by_role("button", name="Tallenna ja lähetä hakemus").click()
    page.wait_for_url("**/grants/applications/*/")
    assert "Hakemus on lähetetty" in page.content()
    application = Application.objects.get()
    assert application.status == "submitted"
    assert any("Hakemus vastaanotettu" in message.subject for message in mailoutbox)
