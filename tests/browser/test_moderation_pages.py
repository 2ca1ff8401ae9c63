"""The liaison's desk in a real browser: every page passes axe-core's WCAG 2.1 A/AA rules and
fits a 360 px wide screen, and a change is reverted from the feed with one click."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from associations import workflows
from associations.models import Association, Membership, ProfileChange, Report
from associations.models.directory import months_ago
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import AssociationFactory, CategoryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def editor_of(association) -> object:
    user = UserFactory()
    Membership.objects.create(association=association, user=user, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def desk(liaison):
    """One item of every kind in the queue, and changes with lists, yes/no and long text."""
    music = CategoryFactory(slug="musiikki", name_fi="Musiikki")
    sport = CategoryFactory(slug="liikunta", name_fi="Liikunta")
    listing = AssociationFactory(
        name="Kuokkalan Kamarikuoro ry",
        status=Association.Status.PENDING,
        submitted_at=timezone.now() - timedelta(days=2),
        description="Kamarikuoro, joka laulaa kirkoissa ja konserttitaloissa ympäri vuoden.",
    )
    editor_of(listing)
    claimed = AssociationFactory(name="Vaajakosken Kerho ry", is_claimed=False)
    claim = workflows.claim_create(
        association=claimed,
        user=UserFactory(full_name="Kalle Kerholainen"),
        position="Puheenjohtaja",
        message="Olen ollut puheenjohtaja vuodesta 2019.",
    )
    reported = AssociationFactory(name="Hiljainen Seura ry")
    report = workflows.report_create(
        association=reported,
        reason=Report.Reason.INACTIVE,
        message="Yhdistys lopetti toimintansa.",
    )
    renamed = AssociationFactory(name="Vanha Nimi ry", categories=[music])
    editor = editor_of(renamed)
    renamed.refresh_from_db()
    update = workflows.profile_update(
        association=renamed,
        user=editor,
        base_version=renamed.version,
        values={
            "name": "Uusi Pitkä Nimi Jyväskylän Seudun Kulttuuriyhdistykselle ry",
            "description": "Uusi kuvaus, jossa on paljon sanoja. " * 12,
            "accepts_new_members": True,
        },
        relations={"categories": [sport]},
    )
    AssociationFactory(name="Unohtunut Yhdistys ry", last_verified_at=months_ago(20))
    workflows.association_hide(
        association=AssociationFactory(name="Piilotettu ry"), liaison=liaison, reason="Asiaton."
    )
    return {
        "listing": listing,
        "claim": claim,
        "report": report,
        "pending": update.pending,
        "applied": update.applied,
        "renamed": renamed,
    }


def check(page) -> None:
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_desk_pages_are_accessible_and_fit_a_phone(page, liaison, desk):
    log_in(page, liaison)
    page.get_by_role("link", name=re.compile("^Moderointi|^Moderation")).first.click()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main table tbody tr")).to_have_count(5)
    check(page)
    for path in (
        "/moderation/?kind=claim",
        f"/moderation/associations/{desk['listing'].pk}/",
        f"/moderation/claims/{desk['claim'].pk}/",
        f"/moderation/reports/{desk['report'].pk}/",
        f"/moderation/changes/{desk['pending'].pk}/",
        f"/moderation/changes/{desk['applied'].pk}/",
        "/moderation/changes/",
        "/moderation/log/",
        "/moderation/settings/",
    ):
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        check(page)


def test_the_queue_table_scrolls_inside_a_focusable_region_on_a_phone(page, liaison, desk):
    log_in(page, liaison)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/moderation/")
    region = page.locator(".table-scroll")
    region.focus()
    expect(region).to_be_focused()
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")


def test_liaison_reverts_a_change_from_the_feed(page, liaison, desk):
    log_in(page, liaison)
    page.goto("/moderation/changes/")
    change = page.locator("article.change").first
    expect(change).to_contain_text("Liikunta")
    change.locator(".revert-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/moderation/changes/$"))
    expect(page.locator(".messages")).to_be_visible()
    renamed = desk["renamed"]
    renamed.refresh_from_db()
    assert [c.name_fi for c in renamed.categories.all()] == ["Musiikki"]
    assert renamed.accepts_new_members is False
    assert ProfileChange.objects.get(pk=desk["applied"].pk).status == "reverted"
    check(page)


def test_a_decision_that_fails_is_announced_and_keeps_the_reason(page, liaison, desk):
    log_in(page, liaison)
    listing = desk["listing"]
    page.goto(f"/moderation/associations/{listing.pk}/")
    # Another liaison approves it meanwhile.
    workflows.association_approve(association=listing, liaison=liaison)
    page.locator("#action-reject textarea").fill("Kuvaus puuttuu.")
    page.locator("#action-reject button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#action-reject textarea")).to_have_value("Kuvaus puuttuu.")
    check(page)


def test_queue_shows_the_report_and_listing_first_and_filters_by_a_count(page, liaison, desk):
    log_in(page, liaison)
    page.goto("/moderation/")
    rows = page.locator("main table tbody tr th")
    # The report and the new listing, oldest first; the stale profile last.
    expect(rows).to_have_text(
        [
            "Kuokkalan Kamarikuoro ry",
            "Hiljainen Seura ry",
            "Vaajakosken Kerho ry",
            "Vanha Nimi ry",
            "Unohtunut Yhdistys ry",
        ]
    )
    # How long each has waited, in words with no stray space (Finnish "kuukautta ").
    ages = page.locator("main .age").all_inner_texts()
    assert "kuukautta sitten" in ages[-1].replace("\xa0", " ")
    assert not [age for age in ages if re.search(r"\s,|\s\s", age)], ages
    page.locator(".kind-filter a[href$='?kind=report']").click()
    expect(rows).to_have_text(["Hiljainen Seura ry"])
    check(page)
