"""The accessibility statement and the privacy notice as a visitor reaches them,
the compact header of a phone, email addresses on a narrow screen, and printing."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import NARROW_WIDTH, assert_no_axe_violations
from tests.factories import AssociationFactory, LiaisonContactFactory
from yhdistystori.models import SiteConfiguration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_EMAIL = "puheenjohtaja.mieskuoro@jyvaskylanmieskuoroyhdistys.fi"


def t(message: str, language: str = "fi") -> str:
    with translation.override(language):
        return translation.gettext(message)


@pytest.fixture
def choir():
    SiteConfiguration(city_name_fi="Jyväskylä", city_name_sv="Jyväskylä").save()
    LiaisonContactFactory(name="Maija Meikäläinen", email="maija.meikalainen@jyvaskyla.fi")
    return AssociationFactory(
        name="Jyväskylän Mieskuoro ry",
        email=LONG_EMAIL,
        website="https://mieskuoro.example.fi/",
    )


def test_accessibility_feedback_link_opens_the_form_with_accessibility_ticked(page, choir):
    page.goto("/accessibility/")
    page.get_by_role("link", name=t("Give feedback on accessibility")).click()

    expect(page).to_have_url(re.compile(r"/feedback/\?topic=accessibility"))
    expect(page.get_by_role("radio", name=t("Accessibility"))).to_be_checked()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_privacy_notice_is_reached_from_the_footer_and_from_the_feedback_form(
    page, choir, language
):
    prefix = "" if language == "fi" else "/sv"
    page.goto(f"{prefix}/")
    page.locator("footer").get_by_role("link", name=t("Privacy notice", language)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Privacy notice", language))

    page.goto(f"{prefix}/feedback/")
    page.locator("main form").get_by_role(
        "link", name=t("How we handle your data", language)
    ).click()
    expect(page).to_have_url(re.compile(rf"{prefix}/privacy/$"))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_on_a_phone_the_header_is_compact_and_keeps_every_link(page, choir, language):
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 740})
    page.goto("/" if language == "fi" else "/sv/")

    height = page.locator("header.site-header").bounding_box()["height"]
    assert height <= 100, f"the header is {height} px tall at {NARROW_WIDTH} px"
    header = page.locator("header.site-header")
    for name in [t("Associations", language), t("Log in", language), t("Sign up", language)]:
        expect(header.get_by_role("link", name=name, exact=True)).to_be_visible()
    # The languages show their codes; each link's name still says the whole label.
    swedish = header.get_by_role("link", name="På svenska")
    expect(swedish).to_be_visible()
    expect(swedish).to_have_text(re.compile(r"^SV"))
    expect(swedish).to_have_accessible_name(re.compile("På svenska"))
    swedish.focus()
    expect(swedish).to_be_focused()


def line_texts(page, selector: str) -> list[str]:
    """The text of `selector` line by line, as the browser laid it out."""
    return page.evaluate(
        """selector => {
            const element = document.querySelector(selector);
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            const lines = [];
            let top = null;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (let i = 0; i < node.length; i++) {
                    const range = document.createRange();
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    const rect = range.getClientRects()[0];
                    if (!rect) continue;
                    if (top === null || rect.top > top + 2) { lines.push(""); top = rect.top; }
                    lines[lines.length - 1] += node.data[i];
                }
            }
            return lines;
        }""",
        selector,
    )


def test_a_long_email_address_wraps_after_the_at_sign_on_a_phone(page, choir):
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 740})
    page.goto(f"/associations/{choir.slug}/")

    lines = line_texts(page, ".contact-list a[href^='mailto:']")
    assert "".join(lines) == LONG_EMAIL
    assert len(lines) == 2 and lines[0].endswith("@"), lines


def test_a_profile_prints_without_navigation_and_with_link_addresses(page, choir):
    page.goto(f"/associations/{choir.slug}/")
    page.emulate_media(media="print")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("header nav").first).to_be_hidden()
    expect(page.locator(".footer-links")).to_be_hidden()
    expect(page.locator(".breadcrumbs")).to_be_hidden()
    website = page.locator(".contact-list a[href^='https://']")
    after = website.evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://mieskuoro.example.fi/" in after
    assert page.locator("main button:visible, main .button-link:visible").count() == 0


def test_the_directory_prints_its_results_without_the_search_form(page, choir):
    page.goto("/associations/")
    page.emulate_media(media="print")

    expect(page.locator(".result-title", has_text=choir.name)).to_be_visible()
    expect(page.locator(".directory-form")).to_be_hidden()
    expect(page.locator("header nav").first).to_be_hidden()
    expect(page.locator(".footer-links")).to_be_hidden()
