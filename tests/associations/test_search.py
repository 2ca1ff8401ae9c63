"""Search quality: what a resident types in the directory's search box and what they find.

Every example searches through the directory page (/associations/?q=…), the way a
visitor does, and reads the names the page lists. The last part tests the helpers in
associations/search.py directly.
"""

import pytest

from associations import search
from associations.models import Association
from tests.factories import AssociationFactory, CategoryFactory

DESCRIPTION = "Toimintaa jäsenille ympäri vuoden."


def published(name: str, description: str = DESCRIPTION, **fields) -> Association:
    return AssociationFactory(name=name, description=description, **fields)


@pytest.fixture
def search_names(client, result_names):
    """Search the directory like a visitor and return the names listed on the page."""

    def run(query: str) -> list[str]:
        response = client.get("/associations/", {"q": query})
        assert response.status_code == 200
        return result_names(response)

    return run


# --- Finnish inflection -------------------------------------------------------------


@pytest.mark.django_db
def test_genitive_finds_association_whose_name_has_the_base_form(search_names):
    published("Jyväskylän Kuurojen Yhdistys ry")
    published("Jyväskylän Mieskuoro ry")
    assert search_names("yhdistyksen") == ["Jyväskylän Kuurojen Yhdistys ry"]


@pytest.mark.django_db
def test_allative_plural_finds_association_whose_name_has_the_base_form(search_names):
    published("Jyväskylän Kuurojen Yhdistys ry")
    published("Jyväskylän Mieskuoro ry")
    assert search_names("yhdistyksille") == ["Jyväskylän Kuurojen Yhdistys ry"]


@pytest.mark.django_db
def test_inflected_form_finds_base_form_at_the_end_of_a_compound(search_names):
    published("Kortepohjan Kaupunginosayhdistys ry")
    published("Jyväskylän Mieskuoro ry")
    assert search_names("yhdistyksen") == ["Kortepohjan Kaupunginosayhdistys ry"]


@pytest.mark.django_db
def test_base_form_finds_inflected_form_in_a_name(search_names):
    published("Jyväskylän Kuurojen Yhdistyksen Seniorit ry")
    published("Jyväskylän Mieskuoro ry")
    assert search_names("yhdistys") == ["Jyväskylän Kuurojen Yhdistyksen Seniorit ry"]


@pytest.mark.django_db
def test_consonant_gradation_is_undone(search_names):
    published("Liikunnan Ilo ry")
    published("Jyväskylän Mieskuoro ry")
    assert search_names("liikunta") == ["Liikunnan Ilo ry"]


@pytest.mark.django_db
def test_inflected_query_finds_word_in_the_description(search_names):
    published("Kortepohjan Asukkaat ry", description="Järjestämme kuoron harjoitukset torstaisin.")
    published("Jyväskylän Partio ry")
    assert search_names("kuoroon") == ["Kortepohjan Asukkaat ry"]


# --- Word beginnings and compounds --------------------------------------------------


@pytest.mark.django_db
def test_beginning_of_a_word_finds_it(search_names):
    published("Urheiluseura Kiri ry")
    published("Jyväskylän Mieskuoro ry")
    assert search_names("urheil") == ["Urheiluseura Kiri ry"]


@pytest.mark.django_db
def test_last_part_of_a_compound_finds_the_compound(search_names):
    published("Mieskuoro Sirkat ry")
    published("Palokan Urheiluseura ry")
    assert search_names("kuoro") == ["Mieskuoro Sirkat ry"]


@pytest.mark.django_db
def test_seura_finds_urheiluseura(search_names):
    published("Palokan Urheiluseura ry")
    published("Mieskuoro Sirkat ry")
    assert search_names("seura") == ["Palokan Urheiluseura ry"]


@pytest.mark.django_db
def test_inflected_last_part_of_a_compound_finds_the_compound(search_names):
    published("Mieskuoro Sirkat ry")
    published("Palokan Urheiluseura ry")
    assert search_names("kuorojen") == ["Mieskuoro Sirkat ry"]


# --- Diacritics and case ------------------------------------------------------------


@pytest.mark.django_db
def test_letters_typed_without_diacritics_still_match(search_names):
    published("Jyväskylän Mieskuoro ry")
    published("Palokan Urheiluseura ry")
    assert search_names("jyvaskyla") == ["Jyväskylän Mieskuoro ry"]


@pytest.mark.django_db
def test_upper_case_query_matches(search_names):
    published("Jyväskylän Mieskuoro ry")
    published("Palokan Urheiluseura ry")
    assert search_names("JYVÄSKYLÄN") == ["Jyväskylän Mieskuoro ry"]


@pytest.mark.django_db
def test_case_of_the_name_does_not_matter(search_names):
    published("JYVÄSKYLÄN SHAKKIKERHO RY")
    assert search_names("shakkikerho") == ["JYVÄSKYLÄN SHAKKIKERHO RY"]
    assert search_names("Shakkikerho") == ["JYVÄSKYLÄN SHAKKIKERHO RY"]


# --- One typo -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("urheiluseira", "Palokan Urheiluseura ry"),  # substitution
        ("mieskuro", "Jyväskylän Mieskuoro ry"),  # deletion
        ("mieskuorro", "Jyväskylän Mieskuoro ry"),  # insertion
        ("shakkikehro", "Jyväskylän Shakkikerho ry"),  # transposition
        ("kuntotujat", "Keski-Suomen Kuntoutujat ry"),  # deletion
        ("eläkeläset", "Eläkeläiset Kortepohja ry"),  # deletion of a letter with a diacritic
    ],
    ids=["substitution", "deletion", "insertion", "transposition", "deletion-2", "diacritic"],
)
def test_one_typo_in_a_long_name_word_still_finds_it(search_names, typed, name):
    published(name)
    published("Halssilan Tanssiseura ry")
    assert search_names(typed) == [name]


# Typos in short words and in the middle of a word: trigram similarity misses these
# ('jyvsakylan' scores 0.47, 'patrio' 0.29), the deletion keys do not.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "name"),
    [
        pytest.param("pertio", "Jyväskylän Partio ry", id="substitution-6-letters"),
        pytest.param("patio", "Jyväskylän Partio ry", id="deletion-6-letters"),
        pytest.param("partiio", "Jyväskylän Partio ry", id="insertion-6-letters"),
        pytest.param("patrio", "Jyväskylän Partio ry", id="transposition-6-letters"),
        pytest.param("jyvsakylan", "Jyväskylän Partio ry", id="transposition-mid-word"),
        pytest.param("lenotpallo", "Lentopallo Jyväskylä ry", id="transposition-mid-word-2"),
        pytest.param("jyvaskulä", "Jyväskylän Partio ry", id="typo-in-the-base-form"),
    ],
)
def test_one_typo_in_a_short_or_mid_word_position_still_finds_it(search_names, typed, name):
    published(name)
    published("Halssilan Tanssiseura ry")
    assert search_names(typed) == [name]


@pytest.mark.django_db
def test_two_typos_do_not_match(search_names):
    published("Jyväskylän Mieskuoro ry")
    assert search_names("moeskuaro") == []


@pytest.mark.django_db
def test_short_words_are_not_matched_fuzzily(search_names):
    # 'kuoro' with one wrong letter is 'kuura' territory; five letters are too few to guess.
    published("Jyväskylän Mieskuoro ry")
    assert search_names("kuaro") == []


# --- Ranking ------------------------------------------------------------------------


@pytest.mark.django_db
def test_name_match_ranks_above_description_only_match(search_names):
    # Alphabetically the description-only match would come first.
    published("Asukasyhdistys Kortepohja ry", description="Meillä toimii myös pieni kuoro.")
    published("Jyväskylän Mieskuoro ry", description="Laulamme neliäänisesti.")
    assert search_names("kuoro") == ["Jyväskylän Mieskuoro ry", "Asukasyhdistys Kortepohja ry"]


@pytest.mark.django_db
def test_category_name_is_searchable(search_names):
    culture = CategoryFactory(slug="kulttuuri", name_fi="Kulttuuri", name_sv="Kultur")
    published("Jyväskylän Mieskuoro ry", categories=[culture])
    published("Palokan Urheiluseura ry")
    assert search_names("kulttuuri") == ["Jyväskylän Mieskuoro ry"]
    assert search_names("kultur") == ["Jyväskylän Mieskuoro ry"]


# --- Swedish ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["föreningen", "förening", "foreningen", "föreningens"])
def test_swedish_association_is_found_by_forms_of_forening(search_names, typed):
    published("Svenska föreningen i Jyväskylä rf")
    published("Jyväskylän Mieskuoro ry")
    assert search_names(typed) == ["Svenska föreningen i Jyväskylä rf"]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["klubben", "klubb", "klubbens", "KLUBBEN"])
def test_swedish_association_is_found_by_forms_of_klubb(search_names, typed):
    published("Svenska klubben i Jyväskylä rf")
    published("Jyväskylän Mieskuoro ry")
    assert search_names(typed) == ["Svenska klubben i Jyväskylä rf"]


@pytest.mark.django_db
def test_swedish_alternate_name_is_searchable(search_names):
    published("Jyväskylän Kamarikuoro ry", alternate_name="Jyväskylä kammarkör rf")
    published("Palokan Urheiluseura ry")
    assert search_names("kammarkör") == ["Jyväskylän Kamarikuoro ry"]


# --- Several words, nothing found, unpublished --------------------------------------


@pytest.mark.django_db
def test_every_word_of_a_query_must_match(search_names):
    published("Jyväskylän Mieskuoro ry")
    published("Halssilan Mieskuoro ry")
    published("Jyväskylän Partio ry")
    assert search_names("mieskuoro jyväskylän") == ["Jyväskylän Mieskuoro ry"]
    assert search_names("jyväskylän mieskuoro") == ["Jyväskylän Mieskuoro ry"]


@pytest.mark.django_db
def test_words_may_match_in_name_and_description(search_names):
    published("Halssilan Mieskuoro ry", description="Konsertit Jyväskylän kaupunginteatterissa.")
    published("Halssilan Partio ry")
    assert search_names("mieskuoro jyväskylä") == ["Halssilan Mieskuoro ry"]


@pytest.mark.django_db
def test_unrelated_word_finds_nothing(client, search_names):
    published("Jyväskylän Mieskuoro ry")
    published("Palokan Urheiluseura ry")
    assert search_names("jääkiekko") == []
    response = client.get("/en/associations/", {"q": "jääkiekko"})
    assert "No associations found" in response.content.decode()
    assert "0 associations" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status",
    [Association.Status.DRAFT, Association.Status.PENDING, Association.Status.HIDDEN],
)
def test_unpublished_associations_never_appear(search_names, status):
    published("Halssilan Mieskuoro ry", status=status)
    published("Jyväskylän Mieskuoro ry")
    assert search_names("mieskuoro") == ["Jyväskylän Mieskuoro ry"]
    assert search_names("halssilan") == []
    assert "Halssilan Mieskuoro ry" not in search_names("")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed", ["kuoro'", "kuoro & !", "(kuoro) | seura", "kuoro:*", "\\", "'", "<script>"]
)
def test_query_syntax_characters_are_treated_as_plain_text(client, typed):
    published("Jyväskylän Mieskuoro ry")
    response = client.get("/associations/", {"q": typed})
    assert response.status_code == 200


@pytest.mark.django_db
def test_query_of_only_punctuation_lists_everything(search_names):
    published("Jyväskylän Mieskuoro ry")
    assert search_names("!!! ???") == ["Jyväskylän Mieskuoro ry"]


@pytest.mark.django_db
def test_search_terms_follow_a_renamed_association(search_names):
    association = published("Jyväskylän Mieskuoro ry")
    association.name = "Jyväskylän Sekakuoro ry"
    association.save()
    assert search_names("sekakuoro") == ["Jyväskylän Sekakuoro ry"]
    assert search_names("mieskuoro") == []


# --- associations/search.py ---------------------------------------------------------


def test_fold_lowers_case_and_drops_diacritics():
    assert search.fold("Jyväskylän Åbo") == "jyvaskylan abo"
    assert search.fold("ÖSTERBOTTENS Kör") == "osterbottens kor"


def test_fold_keeps_letters_without_diacritics_and_digits():
    assert search.fold("Kuoro 2024 ry") == "kuoro 2024 ry"


def test_parse_query_gives_typed_form_and_lemma():
    (word,) = search.parse_query("Yhdistyksen")
    assert word.folded == "yhdistyksen"
    assert word.forms[0] == "yhdistyksen"
    assert "yhdistys" in word.forms


def test_parse_query_folds_diacritics():
    (word,) = search.parse_query("JYVÄSKYLÄN")
    assert word.folded == "jyvaskylan"
    assert "jyvaskyla" in word.forms


def test_parse_query_drops_punctuation_and_repeated_words():
    assert [w.folded for w in search.parse_query("kuoro, Kuoro! (seura)")] == ["kuoro", "seura"]


def test_parse_query_ignores_lone_letters_beside_real_words():
    assert [w.folded for w in search.parse_query("a kuoro b")] == ["kuoro"]


def test_parse_query_keeps_a_lone_letter_when_it_is_all_there_is():
    assert [w.folded for w in search.parse_query("k")] == ["k"]


def test_parse_query_of_nothing_is_empty():
    assert search.parse_query("") == []
    assert search.parse_query("  !? ") == []


def test_parse_query_reads_at_most_eight_words():
    text = "yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen"
    parsed = search.parse_query(text)
    assert len(parsed) == search.MAX_QUERY_WORDS == 8
    assert parsed[-1].folded == "kahdeksan"


def test_query_words_of_five_letters_or_more_are_looked_up_for_typos():
    short, long = search.parse_query("kuor partio")
    assert not short.typo_tolerant
    assert long.typo_tolerant


def test_tsquery_matches_every_form_as_a_prefix():
    (word,) = search.parse_query("yhdistyksen")
    assert word.tsquery == "('yhdistyksen':* | 'yhdistys':*)"


def test_query_forms_are_letters_only_so_tsquery_syntax_cannot_leak_in():
    parsed = search.parse_query("kuoro's & !seura | (x:*) \\")
    assert parsed
    for word in parsed:
        for form in word.forms:
            assert form.isalnum(), form


def test_document_terms_have_plain_form_lemma_and_compound_tail():
    terms = search.document_terms("Jyväskylän Mieskuoro").split()
    assert "jyvaskylan" in terms
    assert "jyvaskyla" in terms
    assert "mieskuoro" in terms
    assert "kuoro" in terms


def test_document_terms_list_each_term_once():
    terms = search.document_terms("Kuoro kuoro", "KUORO kuorot").split()
    assert len(terms) == len(set(terms))
    assert terms.count("kuoro") == 1


def test_document_terms_include_swedish_lemma():
    assert "forening" in search.document_terms("Svenska föreningen").split()


def test_document_terms_of_nothing_is_empty():
    assert search.document_terms("", "") == ""


def test_compound_tails_split_a_known_compound():
    assert "yhdistys" in search.compound_tails("kaupunginosayhdistys")
    assert "kuoro" in search.compound_tails("mieskuoro")
    assert "seura" in search.compound_tails("urheiluseura")


def test_compound_tails_keep_accidental_substrings_out():
    assert "eura" not in search.compound_tails("urheiluseura")
    assert search.compound_tails("kuoro") == ()
