"""The directory's filters (category, district, language, target group, the checkboxes),
how they combine with each other and with the search words, and the 400 page for values
the directory does not understand.

Text shown to visitors is checked on the English pages (/en/…), whose wording is the
source text itself; names and data are checked on the Finnish pages.
"""

import html
import re

import pytest

from tests.factories import AssociationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


# --- Filters ------------------------------------------------------------------------


def test_category_filter_lists_only_that_category(directory, vocab):
    AssociationFactory(name="Jyväskylän Mieskuoro ry", categories=[vocab["culture"]])
    AssociationFactory(name="Palokan Urheiluseura ry", categories=[vocab["sports"]])
    AssociationFactory(name="Kortepohjan Asukkaat ry")
    assert directory({"category": "kulttuuri"}) == ["Jyväskylän Mieskuoro ry"]


def test_two_categories_list_associations_in_either(directory, vocab):
    AssociationFactory(name="Jyväskylän Mieskuoro ry", categories=[vocab["culture"]])
    AssociationFactory(name="Palokan Urheiluseura ry", categories=[vocab["sports"]])
    AssociationFactory(name="Mielenterveysseura ry", categories=[vocab["social"]])
    assert directory({"category": ["kulttuuri", "liikunta"]}) == [
        "Jyväskylän Mieskuoro ry",
        "Palokan Urheiluseura ry",
    ]


def test_association_in_two_chosen_categories_is_listed_once(client, directory, vocab):
    AssociationFactory(
        name="Kulttuuri- ja liikuntaseura ry", categories=[vocab["culture"], vocab["sports"]]
    )
    assert directory({"category": ["kulttuuri", "liikunta"]}) == ["Kulttuuri- ja liikuntaseura ry"]
    response = client.get("/en/associations/", {"category": ["kulttuuri", "liikunta"]})
    assert "1 association" in response.content.decode()


def test_district_filter(directory, vocab):
    AssociationFactory(name="Palokan Urheiluseura ry", districts=[vocab["palokka"]])
    AssociationFactory(name="Keskustan Kuoro ry", districts=[vocab["centre"]])
    assert directory({"district": "palokka"}) == ["Palokan Urheiluseura ry"]


def test_two_districts_list_associations_in_either_once(directory, vocab):
    AssociationFactory(
        name="Koko kaupungin seura ry", districts=[vocab["palokka"], vocab["centre"]]
    )
    AssociationFactory(name="Palokan Urheiluseura ry", districts=[vocab["palokka"]])
    AssociationFactory(name="Vaajakosken Kuoro ry")
    assert directory({"district": ["palokka", "keskusta"]}) == [
        "Koko kaupungin seura ry",
        "Palokan Urheiluseura ry",
    ]


def test_language_filter(directory, vocab):
    AssociationFactory(name="Svenska klubben i Jyväskylä rf", languages=[vocab["sv"]])
    AssociationFactory(name="Jyväskylän Mieskuoro ry", languages=[vocab["fi"]])
    assert directory({"language": "sv"}) == ["Svenska klubben i Jyväskylä rf"]


def test_target_group_filter(directory, vocab):
    AssociationFactory(name="Nuorisoseura Ahjo ry", target_groups=[vocab["youth"]])
    AssociationFactory(name="Eläkeläiset Kortepohja ry", target_groups=[vocab["seniors"]])
    assert directory({"target_group": "ikaantyneet"}) == ["Eläkeläiset Kortepohja ry"]


def test_accepts_new_members_filter(directory):
    AssociationFactory(name="Avoin Kuoro ry", accepts_new_members=True)
    AssociationFactory(name="Suljettu Kerho ry", accepts_new_members=False)
    assert directory({"accepts_new_members": "on"}) == ["Avoin Kuoro ry"]


def test_seeks_volunteers_filter(directory):
    AssociationFactory(name="Ruoka-apu ry", seeks_volunteers=True)
    AssociationFactory(name="Shakkikerho ry", seeks_volunteers=False)
    assert directory({"seeks_volunteers": "on"}) == ["Ruoka-apu ry"]


def test_unticked_checkbox_does_not_filter(directory):
    AssociationFactory(name="Avoin Kuoro ry", accepts_new_members=True)
    AssociationFactory(name="Suljettu Kerho ry", accepts_new_members=False)
    assert directory({"q": "", "sort": "name"}) == ["Avoin Kuoro ry", "Suljettu Kerho ry"]


def test_filters_combine_with_and(directory, vocab):
    AssociationFactory(
        name="Palokan Kuoro ry",
        categories=[vocab["culture"]],
        districts=[vocab["palokka"]],
        accepts_new_members=True,
    )
    AssociationFactory(
        name="Keskustan Kuoro ry",
        categories=[vocab["culture"]],
        districts=[vocab["centre"]],
        accepts_new_members=True,
    )
    AssociationFactory(
        name="Palokan Urheiluseura ry",
        categories=[vocab["sports"]],
        districts=[vocab["palokka"]],
        accepts_new_members=True,
    )
    AssociationFactory(
        name="Palokan Kamarikuoro ry", categories=[vocab["culture"]], districts=[vocab["palokka"]]
    )
    params = {"category": "kulttuuri", "district": "palokka", "accepts_new_members": "on"}
    assert directory(params) == ["Palokan Kuoro ry"]


def test_or_within_a_filter_and_across_filters(directory, vocab):
    AssociationFactory(
        name="Palokan Kuoro ry", categories=[vocab["culture"]], districts=[vocab["palokka"]]
    )
    AssociationFactory(
        name="Palokan Urheiluseura ry", categories=[vocab["sports"]], districts=[vocab["palokka"]]
    )
    AssociationFactory(
        name="Keskustan Kuoro ry", categories=[vocab["culture"]], districts=[vocab["centre"]]
    )
    params = {"category": ["kulttuuri", "liikunta"], "district": "palokka"}
    assert directory(params) == ["Palokan Kuoro ry", "Palokan Urheiluseura ry"]


def test_search_words_and_filters_combine(directory, vocab):
    AssociationFactory(name="Palokan Kuoro ry", districts=[vocab["palokka"]])
    AssociationFactory(name="Keskustan Kuoro ry", districts=[vocab["centre"]])
    AssociationFactory(name="Palokan Urheiluseura ry", districts=[vocab["palokka"]])
    assert directory({"q": "kuoro", "district": "palokka"}) == ["Palokan Kuoro ry"]


def test_filter_choices_are_shown_with_the_chosen_ones_ticked(client, vocab):
    response = client.get("/en/associations/", {"category": "kulttuuri"})
    page = response.content.decode()
    assert "Culture" in page and "Sports" in page
    ticked = re.search(r'<input[^>]*value="kulttuuri"[^>]*>', page).group(0)
    assert "checked" in ticked
    unticked = re.search(r'<input[^>]*value="liikunta"[^>]*>', page).group(0)
    assert "checked" not in unticked


def test_swedish_directory_names_the_filters_in_swedish(client, vocab):
    vocab["culture"].name_sv = "Kultur"
    vocab["culture"].save()
    AssociationFactory(name="Jyväskylän Mieskuoro ry", categories=[vocab["culture"]])
    page = client.get("/sv/associations/").content.decode()
    assert '<li class="tag">Kultur</li>' in page


def result_names_of(response) -> list[str]:
    found = re.findall(
        r'<h2 class="result-title"><a href="[^"]*">([^<]*)</a></h2>', response.content.decode()
    )
    return [html.unescape(name) for name in found]


# --- Invalid values -----------------------------------------------------------------


def test_an_unknown_category_in_an_old_link_is_left_out_politely(client, vocab):
    AssociationFactory(name="Jyväskylän Mieskuoro ry", categories=[vocab["culture"]])
    AssociationFactory(name="Halssilan Mieskuoro ry")
    response = client.get(
        "/en/associations/", {"q": "mieskuoro", "category": ["ei-ole", "kulttuuri"]}
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "The link had a filter that no longer exists, so it was left out: ei-ole." in page
    assert "not one of the available choices" not in page
    # The category that exists still filters, and what was typed stays in the box.
    assert result_names_of(response) == ["Jyväskylän Mieskuoro ry"]
    assert re.search(r'<input type="search" name="q"[^>]*value="mieskuoro"', page)
    # The page's own links (the CSV, the chips) no longer carry the unknown value.
    csv_link = re.search(r'<a class="csv-link" href="([^"]*)"', page)[1]
    assert "kulttuuri" in csv_link and "ei-ole" not in csv_link
    assert not re.search(r'<a class="chip" href="[^"]*ei-ole', page)


def test_an_unknown_category_is_told_in_finnish_and_swedish(client, vocab):
    fi = client.get("/associations/", {"category": "ei-ole"}).content.decode()
    sv = client.get("/sv/associations/", {"category": "ei-ole"}).content.decode()
    assert "jätettiin pois: ei-ole" in fi
    assert "utelämnades: ei-ole" in sv


def test_unknown_sort_is_a_400(client):
    response = client.get("/en/associations/", {"sort": "random"})
    assert response.status_code == 400
    assert "random is not one of the available choices" in response.content.decode()


def test_overlong_query_is_a_400_not_a_500(client):
    response = client.get("/en/associations/", {"q": "kuoro " * 50})
    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


def test_typed_text_is_escaped_in_the_search_box(client):
    response = client.get("/associations/", {"q": '"><script>alert(1)</script>'})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_null_character_in_the_search_is_a_400_not_a_500(client):
    response = client.get("/en/associations/", {"q": "kuoro\x00"})
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.parametrize("field", ["category", "district", "language", "target_group", "sort"])
def test_null_character_in_a_filter_is_a_400_not_a_500(client, field):
    response = client.get("/en/associations/", {field: "kulttuuri\x00"})
    assert response.status_code == 400
