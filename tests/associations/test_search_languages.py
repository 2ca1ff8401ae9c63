"""Searching in Swedish and English: the names of fields of activity, districts and target
groups in every language, Swedish and English words for kinds of association, and a short
word that ranks names having it as a word before those it only starts."""

import pytest

from associations.models import Association
from tests.factories import AssociationFactory, DistrictFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    centre = DistrictFactory(slug="keskusta", name_fi="Keskusta", name_sv="Centrum")
    youth = TargetGroupFactory(slug="nuoret", name_fi="Nuoret", name_sv="Unga", name_en="Youth")
    made = [
        AssociationFactory(name="Korpilahden Kyläyhdistys ry"),
        AssociationFactory(name="Kortepohjan Asukkaat ry"),
        AssociationFactory(name="Svenska kören i Jyväskylä rf"),
        AssociationFactory(name="Jyväskylän Mieskuoro ry", districts=[centre]),
        AssociationFactory(name="Vaajakosken Urheiluseura ry", target_groups=[youth]),
        AssociationFactory(name="Palokan Partiolaiset ry"),
    ]
    for association in made:
        association.update_search_terms()  # the factory links terms after saving
    return made


def found(client, result_names, q: str, language: str = "sv") -> list[str]:
    return result_names(client.get(f"/{language}/associations/", {"q": q}))


def test_a_short_word_ranks_whole_name_words_before_names_it_only_starts(
    client, result_names, town
):
    names = found(client, result_names, "kör")
    assert names[:2] == ["Jyväskylän Mieskuoro ry", "Svenska kören i Jyväskylä rf"]
    assert set(names[2:]) == {"Korpilahden Kyläyhdistys ry", "Kortepohjan Asukkaat ry"}


@pytest.mark.parametrize(
    ("q", "language", "expected"),
    [
        ("idrottsförening", "sv", ["Vaajakosken Urheiluseura ry"]),
        ("choir", "en", ["Jyväskylän Mieskuoro ry"]),
        ("scouts", "en", ["Palokan Partiolaiset ry"]),
        ("sports club", "en", ["Vaajakosken Urheiluseura ry"]),
    ],
)
def test_swedish_and_english_words_find_finnish_names(
    client, result_names, town, q, language, expected
):
    assert found(client, result_names, q, language) == expected


def test_district_and_target_group_names_are_found_in_every_language(client, result_names, town):
    assert found(client, result_names, "centrum") == ["Jyväskylän Mieskuoro ry"]
    assert found(client, result_names, "unga") == ["Vaajakosken Urheiluseura ry"]
    assert found(client, result_names, "youth", "en") == ["Vaajakosken Urheiluseura ry"]


def test_the_migration_stores_the_new_names_for_rows_indexed_before_it(town):
    from django.core.management import call_command

    served = Association.objects.get(name="Jyväskylän Mieskuoro ry")
    Association.objects.filter(pk=served.pk).update(search_terms_other="")
    try:
        call_command("migrate", "associations", "0009", verbosity=0)
        call_command("migrate", "associations", verbosity=0)
    finally:
        call_command("migrate", verbosity=0)
    assert served in Association.objects.search("centrum")
