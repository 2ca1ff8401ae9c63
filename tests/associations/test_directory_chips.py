"""The filters in use: chips above the results that remove one filter each, a page title
that names them, and a filter panel that stays closed so the results come first."""

import html
import re

import pytest

from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db

CHIP = re.compile(r'<a class="chip" href="([^"]*)">([^<]*)<span')


def chips(response) -> list[tuple[str, str]]:
    """(label, address) of each chip."""
    page = response.content.decode()
    return [(html.unescape(label), html.unescape(url)) for url, label in CHIP.findall(page)]


def title(response) -> str:
    return html.unescape(re.search(r"<title>([^<]*)</title>", response.content.decode())[1])


def test_each_filter_in_use_is_a_chip_that_removes_it(client, vocab, result_names):
    AssociationFactory(name="Kuoro ry", categories=[vocab["culture"]], districts=[vocab["centre"]])
    AssociationFactory(name="Keskustan Seura ry", districts=[vocab["centre"]])
    params = {"category": "kulttuuri", "district": "keskusta", "accepts_new_members": ""}
    response = client.get("/en/associations/", {**params, "page": "1"})

    found = chips(response)
    assert [label for label, _url in found] == ["Culture", "City centre"]
    without_category = client.get("/en/associations/" + found[0][1])
    assert result_names(without_category) == ["Keskustan Seura ry", "Kuoro ry"]
    assert [label for label, _url in chips(without_category)] == ["City centre"]
    assert "page=" not in found[0][1]


def test_a_ticked_checkbox_is_a_chip_too(client):
    AssociationFactory(name="Avoin ry", accepts_new_members=True)
    response = client.get("/en/associations/", {"accepts_new_members": "on"})
    assert [label for label, _url in chips(response)] == ["Accepts new members"]


def test_the_page_title_names_the_search_and_the_filters(client, vocab):
    assert title(client.get("/en/associations/")).startswith("Associations")
    searched = client.get("/en/associations/", {"q": "kuoro", "category": "kulttuuri"})
    assert title(searched).startswith("“kuoro”, Culture – Associations")
    filtered = client.get("/associations/", {"category": "kulttuuri", "district": "keskusta"})
    assert title(filtered).startswith("Kulttuuri, Keskusta – Yhdistykset")


def test_the_filter_panel_stays_closed_when_filters_are_in_use(client, vocab):
    # On a phone the open panel pushed the first result 2,100 px down; the chips say
    # which filters are on.
    page = client.get("/en/associations/", {"category": "kulttuuri"}).content.decode()
    assert re.search(r'<details class="filters">', page)
    invalid = client.get("/en/associations/", {"sort": "random"}).content.decode()
    assert re.search(r'<details class="filters" open>', invalid)
