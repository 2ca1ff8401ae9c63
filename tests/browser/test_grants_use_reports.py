"""A use report in a real browser: an editor reports how a grant was used, the grants
officer asks for more, the editor sends a new report and the officer accepts it. Every
page checked with axe-core at 360 px, in Finnish and in Swedish."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from grants.models import GrantDecision, UseReport
from tests.browser.conftest import (
    assert_fits_narrow_screen,
    assert_no_axe_violations,
    log_in,
    open_page,
)
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page) -> None:
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_report_ask_for_more_report_again_and_accept(
    request, browser, live_server, page, editor, association, grants_officer, language
):
    prefix = "" if language == "fi" else "/sv"
    application = ApplicationFactory(
        association=association,
        round__title_fi="Toiminta-avustukset 2025",
        round__title_sv="Verksamhetsunderstöd 2025",
        use_report_due_on=timezone.localdate() + timedelta(days=10),
    )
    GrantDecision.objects.create(
        application=application,
        amount=Decimal("3000"),
        decided_on=timezone.localdate(),
        deciding_body="Kulttuurilautakunta",
        published_at=timezone.now(),
    )
    form_url = f"{prefix}/grants/applications/{application.pk}/use-report/"

    log_in(page, editor)
    page.goto(f"{prefix}/my/")
    expect(page.locator("#my-use-reports-due-title")).to_be_visible()
    check(page)
    page.goto(form_url)
    check(page)
    page.locator("#id_text").fill("Vuokrasimme harjoitussalin ja maksoimme ohjaajat.")
    page.locator("#id_amount_used").fill("2 950,50")
    page.locator("#id_attachment_1").set_input_files(
        files=[{"name": "kuva.png", "mimeType": "image/png", "buffer": png()}]
    )
    page.locator("#id_title_1").fill("Kuva harjoituksista")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Kuva harjoituksista")
    check(page)
    report = UseReport.objects.get()

    # The officer works in a browser of their own: an authenticator code is accepted once.
    with open_page(request, browser, live_server) as officer_page:
        officer_asks_for_more(officer_page, grants_officer, prefix, report)
        editor_reports_again(page, form_url)
        second = UseReport.objects.order_by("-pk").first()
        assert second.status == UseReport.Status.SUBMITTED
        officer_accepts(officer_page, prefix, second)
    second.refresh_from_db()
    assert second.status == UseReport.Status.ACCEPTED
    application.round.refresh_from_db()
    assert application.round.reported_at is not None


def officer_asks_for_more(page, grants_officer, prefix, report) -> None:
    log_in(page, grants_officer)
    page.goto(f"{prefix}/my/")
    expect(page.locator("#my-use-reports-to-review-title")).to_be_visible()
    check(page)
    page.goto(f"{prefix}/grants/use-reports/{report.pk}/")
    expect(page.locator("main table")).to_contain_text("2\u00a0950,50")
    check(page)
    page.locator("input[name=outcome][value=more]").check()
    page.locator("#id_reason").fill("Liittäkää vuokran kuitti.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Liittäkää vuokran kuitti.")
    check(page)


def editor_reports_again(page, form_url) -> None:
    page.goto(form_url)
    expect(page.locator("main")).to_contain_text("Liittäkää vuokran kuitti.")
    check(page)
    page.locator("#id_text").fill("Vuokran kuitti on liitteenä.")
    page.locator("#id_amount_used").fill("2950,50")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Vuokran kuitti on liitteenä.")


def officer_accepts(page, prefix, second) -> None:
    page.goto(f"{prefix}/grants/use-reports/{second.pk}/")
    page.locator("input[name=outcome][value=accept]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main form")).to_have_count(0)
    check(page)
