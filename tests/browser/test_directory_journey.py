"""A resident's journeys through the directory, in a real browser.

Search from the home page, narrow by a field of activity, read a profile in
Finnish and Swedish; every public page passes axe-core's WCAG 2.1 A/AA rules
and fits a 360 px wide phone screen; the keyboard gets past the header.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import (
    NARROW_WIDTH,
    assert_fits_narrow_screen,
    assert_no_axe_violations,
)
from tests.factories import AssociationFactory, CategoryFactory, LiaisonContactFactory
from yhdistystori.models import SiteConfiguration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def t(message: str, language: str = "fi") -> str:
    """The text a visitor sees for `message`: the server translates with these same catalogs."""
    with translation.override(language):
        return translation.gettext(message)


@pytest.fixture
def directory():
    """Four published associations in two fields of activity, and the city's liaison."""
    SiteConfiguration(city_name_fi="Jyväskylä", city_name_sv="Jyväskylä").save()
    music = CategoryFactory(slug="musiikki", name_fi="Musiikki", name_sv="Musik", name_en="Music")
    sport = CategoryFactory(slug="liikunta", name_fi="Liikunta", name_sv="Idrott", name_en="Sport")
    LiaisonContactFactory(name="Maija Meikäläinen")
    return SimpleNamespace(
        choir=AssociationFactory(
            name="Jyväskylän Mieskuoro ry",
            description="Mieskuoro laulaa suomalaista kuoromusiikkia keskiviikkoisin.",
            categories=[music],
            accepts_new_members=True,
            phone="040 123 4567",
        ),
        orchestra=AssociationFactory(
            name="Kuokkalan Puhallinorkesteri ry",
            description="Soitamme marsseja ja elokuvamusiikkia.",
            categories=[music],
        ),
        sports_club=AssociationFactory(
            name="Vaajakosken Urheiluseura ry",
            description="Yleisurheilua ja hiihtoa kaikenikäisille.",
            categories=[sport],
        ),
        residents=AssociationFactory(
            name="Kortepohjan Asukasyhdistys ry",
            description="Asukkaiden talkoot ja pihajuhlat.",
            categories=[sport],
        ),
    )


def result_titles(page):
    return page.locator("#results .result-title")


def expect_result_count(page, count: int) -> None:
    expect(result_titles(page)).to_have_count(count)
    expect(page.locator(".result-count")).to_have_text(re.compile(rf"^\s*{count}\b"))


# Journeys


@pytest.mark.parametrize(
    ("word", "expected"),
    [("kuoron", "Jyväskylän Mieskuoro ry"), ("yhdistyksen", "Kortepohjan Asukasyhdistys ry")],
)
def test_resident_finds_an_association_by_an_inflected_word_from_the_home_page(
    page, directory, word, expected
):
    page.goto("/")
    search = page.get_by_role("searchbox", name=t("Search associations"))
    search.fill(word)
    search.press("Enter")

    expect(page).to_have_url(re.compile(rf"/associations/\?q={word}$"))
    expect(result_titles(page)).to_have_text([expected])


def test_resident_narrows_the_directory_to_a_field_of_activity(page, directory):
    page.goto("/associations/")
    expect_result_count(page, 4)

    page.locator("summary", has_text=t("Filters and sorting")).click()
    page.get_by_role("checkbox", name="Musiikki").check()

    # The live search updates the results without a page load.
    expect_result_count(page, 2)
    expect(result_titles(page)).to_have_text(
        ["Jyväskylän Mieskuoro ry", "Kuokkalan Puhallinorkesteri ry"]
    )
    expect(page).to_have_url(re.compile(r"/associations/\?category=musiikki"))


def test_on_a_phone_a_chosen_field_shows_results_first_and_a_chip_removes_it(page, directory):
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 740})
    page.goto("/")
    page.get_by_role("link", name="Musiikki", exact=True).click()

    expect_result_count(page, 2)
    first = result_titles(page).first
    expect(first).to_be_in_viewport()
    chip = page.locator("a.chip", has_text="Musiikki")
    chip.click()
    expect_result_count(page, 4)
    expect(page.locator("a.chip")).to_have_count(0)


def test_filters_work_without_javascript(page_without_js, directory):
    page = page_without_js
    page.goto("/associations/")
    page.locator("summary", has_text=t("Filters and sorting")).click()
    page.get_by_role("checkbox", name="Liikunta").check()
    page.get_by_role("button", name=t("Show results"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/associations/\?.*category=liikunta"))
    expect_result_count(page, 2)
    expect(result_titles(page)).to_have_text(
        ["Kortepohjan Asukasyhdistys ry", "Vaajakosken Urheiluseura ry"]
    )
    # The chosen filter shows as a chip, and stays ticked in the panel.
    expect(page.locator("a.chip", has_text="Liikunta")).to_be_visible()
    page.locator("summary", has_text=t("Filters and sorting")).click()
    expect(page.get_by_role("checkbox", name="Liikunta")).to_be_checked()


def test_field_of_activity_on_the_home_page_opens_the_filtered_directory(page, directory):
    page.goto("/")
    page.get_by_role("link", name="Musiikki", exact=True).click()

    expect(page).to_have_url(re.compile(r"/associations/\?category=musiikki$"))
    expect_result_count(page, 2)
    # The field shows as a chip; in the (closed) filter panel it is ticked.
    expect(page.locator("a.chip", has_text="Musiikki")).to_be_visible()
    page.locator("summary", has_text=t("Filters and sorting")).click()
    expect(page.get_by_role("checkbox", name="Musiikki")).to_be_checked()


def test_results_follow_the_search_box_as_the_resident_types(page, directory):
    page.goto("/associations/")
    expect_result_count(page, 4)
    # Set a mark on this document: a full page load would wipe it out.
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_role("searchbox").press_sequentially("kuoro", delay=30)

    expect(result_titles(page)).to_have_text(["Jyväskylän Mieskuoro ry"])
    expect(page).to_have_url(re.compile(r"/associations/\?q=kuoro"))
    assert page.evaluate("window.stillTheSamePage") is True


def test_a_word_typed_after_browsing_is_ranked_by_relevance_and_says_where_it_matched(
    page, directory
):
    # Browsing lists by name; the word typed next must not keep that order.
    page.goto("/associations/")
    page.get_by_role("searchbox").press_sequentially("kuoro", delay=30)
    expect(result_titles(page)).to_have_text(["Jyväskylän Mieskuoro ry"])
    page.get_by_role("searchbox").fill("")
    page.get_by_role("searchbox").press_sequentially("marsseja", delay=30)
    expect(result_titles(page)).to_have_text(["Kuokkalan Puhallinorkesteri ry"])
    expect(page.locator(".found-in")).to_have_text(t("Found in its description"))
    expect(page.locator("#id_sort")).to_have_value("relevance")


def test_resident_reads_a_profile_in_finnish_and_swedish(page, directory):
    choir = directory.choir
    page.goto("/associations/?q=kuoro")
    page.get_by_role("link", name=choir.name).click()

    expect(page).to_have_url(re.compile(rf"/associations/{choir.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(choir.name)
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator(".facts").first).to_contain_text("Musiikki")
    expect(page.get_by_text("Maija Meikäläinen")).to_be_visible()

    page.get_by_role("link", name="På svenska").click()

    expect(page).to_have_url(re.compile(rf"/sv/associations/{choir.slug}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text(choir.name)
    expect(page.locator(".facts").first).to_contain_text("Musik")
    expect(page.get_by_role("link", name="På svenska")).to_have_attribute("aria-current", "true")

    page.get_by_role("link", name="Suomeksi").click()

    expect(page).to_have_url(re.compile(rf"(?<!/sv)/associations/{choir.slug}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator(".facts").first).to_contain_text("Musiikki")


def test_feedback_errors_are_read_out_with_their_field(page, directory):
    page.goto("/feedback/")
    email = page.get_by_role("textbox", name=t("Email"))
    expect(email).to_have_accessible_description(t("Give an email address if you want an answer."))

    page.get_by_role("button", name=t("Send feedback")).click()

    expect(page.get_by_role("alert")).to_be_visible()
    message = page.locator("#id_message")
    expect(message).to_have_attribute("aria-invalid", "true")
    expect(message).to_have_accessible_description(t("This field is required."))
    assert_no_axe_violations(page)


# Keyboard


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, directory):
    page.goto("/")
    page.keyboard.press("Tab")

    skip_link = page.get_by_role("link", name=t("Skip to content"))
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is on the screen"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # The next Tab lands in the content, past the header's links.
    page.keyboard.press("Tab")
    expect(page.get_by_role("searchbox", name=t("Search associations"))).to_be_focused()


# Every public page, in Finnish and Swedish


PAGES = {
    "home": "/",
    "directory": "/associations/",
    "directory-empty": "/associations/?q=qwxz",
    "directory-filtered": "/associations/?category=musiikki&district=ei-ole",
    "profile": "/associations/{slug}/",
    "feedback": "/feedback/",
    "accessibility": "/accessibility/",
    "privacy": "/privacy/",
    "not-found": "/no-such-page/",
}
# The controls a visitor needs on each page, which must be on screen at 360 px.
KEY_CONTROLS = {
    "home": ["#home-q", ".search-form button"],
    "directory": ["#id_q", ".search-row button", ".filters summary", ".result-title a"],
    "directory-empty": ["#id_q", ".filters summary", ".empty-state a"],
    "directory-filtered": [".chip", ".notice", ".result-title a"],
    "profile": ["h1", ".contact-list a", ".liaison-card a"],
    "feedback": ["#id_message", "form button[type=submit]"],
    "accessibility": ["h1", "main a[href*='feedback']", ".authority a"],
    "privacy": ["h1", ".controller a", "main a[href*='tietosuoja.fi']"],
    "not-found": ["h1", "main a"],
}
LANGUAGES = {"fi": "", "sv": "/sv"}


def page_url(name: str, language: str, directory) -> str:
    return LANGUAGES[language] + PAGES[name].format(slug=directory.choir.slug)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(page, directory, name, language):
    response = page.goto(page_url(name, language, directory))
    assert response.status == (404 if name == "not-found" else 200)
    expect(page.locator("html")).to_have_attribute("lang", language)
    # Open the filters so that axe checks the controls inside them too.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")

    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_360px_wide_screen(page, directory, name, language):
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 740})
    page.goto(page_url(name, language, directory))

    assert_fits_narrow_screen(page)
    for selector in ["header .brand", "header nav a >> nth=0", *KEY_CONTROLS[name]]:
        control = page.locator(selector).first
        expect(control).to_be_visible()
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW_WIDTH, (
            f"{selector} reaches outside the screen: {box}"
        )
    # Opened filters must fit too.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert_fits_narrow_screen(page)
