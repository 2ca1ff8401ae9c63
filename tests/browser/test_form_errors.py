"""Form errors in a real browser: the summary at the top lists each error with a link to its
field and takes the focus when the page loads; the desk's forms show the server's own
message rather than the browser's; the pages stay accessible at 360 px."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from associations.models import Association, Membership
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import AssociationFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page) -> None:
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_profile_forms_summary_takes_the_focus_and_links_to_each_field(page, owner):
    choir = AssociationFactory(name="Kuokkalan Kuoro ry", slug="kuoro")
    MembershipFactory(association=choir, user=owner, role=Membership.Role.OWNER)
    log_in(page, owner)
    page.goto("/associations/kuoro/edit/")
    page.locator("#id_postal_code").fill("401")
    page.locator("#id_founded_year").fill(str(timezone.localdate().year + 1))
    page.locator("main form button[name=save]").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Kirjoita postinumero viitenä numerona, esimerkiksi 40100.")
    expect(summary).to_contain_text("Vuosi ei voi olla kuluvaa vuotta")
    links = summary.locator("a")
    expect(links).to_have_count(2)
    summary.locator("a[href='#id_founded_year']").click()
    expect(page.locator("#id_founded_year")).to_be_focused()
    check(page)


def test_a_desk_decision_without_its_required_reason_shows_the_servers_message(page, liaison):
    listing = AssociationFactory(
        name="Kuokkalan Kamarikuoro ry",
        status=Association.Status.PENDING,
        submitted_at=timezone.now() - timedelta(days=2),
    )
    log_in(page, liaison)
    page.goto(f"/moderation/associations/{listing.pk}/")
    # No reason typed: the browser does not stop the form with its own English bubble.
    page.locator("#action-reject button[type=submit]").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_text(re.compile(r"\S"))
    assert "fill out" not in summary.inner_text().lower()
    expect(page.locator("#action-reject .errors")).to_be_visible()
    listing.refresh_from_db()
    assert listing.status == Association.Status.PENDING
    check(page)


@pytest.mark.parametrize(
    ("prefix", "too_short"),
    [
        ("", "Salasana on liian lyhyt"),
        ("/sv", "Lösenordet är för kort"),
        ("/en", "This password is too short"),
    ],
)
def test_sign_up_with_a_short_password_says_so_in_the_language_of_the_page(page, prefix, too_short):
    page.goto(f"{prefix}/accounts/signup/")
    page.locator("#id_email").fill("uusi@example.fi")
    page.locator("#id_password1").fill("lyhyt1")
    page.locator("#id_password2").fill("lyhyt1")
    page.locator("main form button[type=submit]").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.locator("a[href='#id_password1']")).to_contain_text(too_short)
    check(page)
