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


def test_the_sort_menu_stays_on_relevance_until_the_resident_picks_another(client, vocab):
    # Left on "name" by a page without words, a word typed next came alphabetically.
    plain = client.get("/en/associations/", {"category": "kulttuuri"}).content.decode()
    assert '<option value="relevance" selected>' in plain
    chosen = client.get("/en/associations/", {"sort": "name"}).content.decode()
    assert '<option value="name" selected>' in chosen
    assert '<option value="relevance" selected>' not in chosen


def test_a_word_typed_with_the_menu_left_alone_is_ranked_by_relevance(client, result_names):
    AssociationFactory(name="Aamun Kuntoilijat ry", description="Seura lenkkeilee.")
    AssociationFactory(name="Seura Kiri ry")
    # What the form sends, with or without JavaScript, once a word is typed.
    response = client.get("/en/associations/", {"q": "seura", "sort": "relevance"})
    assert result_names(response) == ["Seura Kiri ry", "Aamun Kuntoilijat ry"]


def test_a_result_says_where_the_search_found_it_when_the_name_does_not(client, vocab):
    from associations.models import Association

    AssociationFactory(name="Laulu ry", description="Kuoro harjoittelee tiistaisin.")
    AssociationFactory(name="Mieskuoro ry")
    AssociationFactory(name="Taide ry", categories=[vocab["culture"]])
    for association in Association.objects.all():
        association.update_search_terms()

    by_description = client.get("/en/associations/", {"q": "kuoro"}).content.decode()
    assert by_description.count('class="found-in"') == 1
    assert "Found in its description" in by_description

    by_category = client.get("/en/associations/", {"q": "kulttuuri"}).content.decode()
    assert "Found in its field of activity: Culture" in by_category
    finnish = client.get("/associations/", {"q": "kulttuuri"}).content.decode()
    assert "Löytyi toimialasta: Kulttuuri" in finnish
