"""The association editors' pages in a real browser: axe-core's WCAG 2.1 A/AA rules and a
360 px wide screen, for what an editor, a claimant, an invitee and a resident see."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from associations import workflows
from associations.models import Association, Claim, Invitation, Membership
from tests.browser.conftest import assert_fits_narrow_screen, assert_no_axe_violations, log_in
from tests.factories import (
    AssociationFactory,
    CategoryFactory,
    DistrictFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def terms():
    for n, name in enumerate(["Kulttuuri", "Liikunta", "Nuoret"]):
        CategoryFactory(slug=f"c{n}", name_fi=name)
    DistrictFactory(slug="palokka", name_fi="Palokka")


@pytest.fixture
def draft(owner, editor, terms):
    association = AssociationFactory(
        name="Palokan Partiolaiset ry", slug="partio", status=Association.Status.DRAFT
    )
    MembershipFactory(association=association, user=owner, role=Membership.Role.OWNER)
    MembershipFactory(association=association, user=editor)
    return association


def check(page) -> None:
    assert_no_axe_violations(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_editor_pages_are_accessible_and_fit_a_phone(page, owner, draft):
    # A draft cannot invite (the page says why); one sent before still shows, to cancel.
    Invitation.new(association=draft, email="kutsu@example.fi", invited_by=owner)[0].save()
    Claim.objects.create(
        association=AssociationFactory(name="Vanha Seura ry", is_claimed=False),
        user=owner,
        position="Sihteeri",
    )
    log_in(page, owner)
    check(page)  # My page with associations and claims
    for path in ("/associations/partio/", "/associations/partio/editors/"):
        assert page.goto(path).status == 200
        check(page)
    assert page.goto("/associations/new/").status == 200
    check(page)


def test_form_errors_and_an_edit_conflict_are_accessible(page, owner, draft):
    log_in(page, owner)
    page.goto("/associations/new/")
    page.locator("#id_business_id").fill("123")
    page.locator("main form button[name=save]").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    check(page)

    page.goto("/associations/partio/edit/")
    check(page)
    # Someone else saves while this form is open.
    workflows.profile_update(
        association=draft,
        user=UserFactory(),
        base_version=draft.version,
        values={"description": "Toisen muutos."},
        relations={},
    )
    page.locator("#id_description").fill("Oma tekstini.")
    page.locator("main form button[name=save]").click()
    expect(page.locator(".conflict")).to_be_visible()
    expect(page.locator("#id_description")).to_have_value("Oma tekstini.")
    check(page)


def test_claim_report_and_invitation_pages_are_accessible(page, owner, draft):
    AssociationFactory(name="Vanha Seura ry", slug="seura", is_claimed=False)
    invitation, token = Invitation.new(association=draft, email="x@example.fi", invited_by=owner)
    invitation.save()
    assert page.goto("/associations/seura/report/").status == 200
    check(page)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    check(page)
    assert page.goto(f"/associations/invitations/{token}/").status == 200
    check(page)
    assert page.goto("/associations/invitations/tuntematon/").status == 404
    check(page)

    claimant = UserFactory(email="uusi@example.fi")
    log_in(page, claimant)
    assert page.goto("/associations/seura/").status == 200
    check(page)
    assert page.goto("/associations/seura/claim/").status == 200
    check(page)


def test_on_a_phone_the_edit_form_shows_the_associations_own_terms_unscrolled(page, owner, draft):
    # Many districts, the association's own last in the alphabet: it still comes first,
    # and no list scrolls inside a box of its own.
    for n in range(30):
        DistrictFactory(slug=f"alue-{n}", name_fi=f"Alue {n:02d}")
    own = DistrictFactory(slug="oma", name_fi="Öhtäri")
    draft.districts.add(own)
    log_in(page, owner)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/associations/partio/edit/")

    district = page.get_by_role("checkbox", name="Öhtäri")
    expect(district).to_be_checked()
    district.scroll_into_view_if_needed()
    expect(district).to_be_in_viewport()
    first = page.locator("input[name=districts]").first
    expect(first).to_have_attribute("value", str(own.pk))
    scrolling = page.evaluate(
        """() => [...document.querySelectorAll("fieldset *")].filter(
            el => el.scrollHeight > el.clientHeight + 1
              && ["auto", "scroll"].includes(getComputedStyle(el).overflowY)).length"""
    )
    assert scrolling == 0
