"""The directory's filters read each association's own copy of its relations' ids
(RELATION_ID_COLUMNS): every way of changing a relation keeps that copy current."""

import pytest
from django.core.management import call_command

from associations.models import RELATION_ID_COLUMNS, Association
from associations.workflows import profile_update
from tests.associations.test_import import GOOD_FILE, run_import
from tests.factories import AssociationFactory, CategoryFactory, DistrictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def music():
    return CategoryFactory(slug="musiikki", name_fi="Musiikki", name_sv="Musik", name_en="Music")


@pytest.fixture
def sports():
    return CategoryFactory(
        slug="liikunta-ja-urheilu",
        name_fi="Liikunta ja urheilu",
        name_sv="Idrott och motion",
        name_en="Sports and exercise",
    )


@pytest.fixture
def listed(client, result_names):
    """The names the directory lists for some filters, with and without a search word."""

    def names(**params) -> list[str]:
        plain = result_names(client.get("/associations/", params))
        searched = result_names(client.get("/associations/", {**params, "q": "ry"}))
        assert sorted(plain) == sorted(searched), (plain, searched)
        return plain

    return names


def stored_ids(association) -> dict[str, list[int]]:
    row = Association.objects.values(*RELATION_ID_COLUMNS.values()).get(pk=association.pk)
    return {relation: row[column] for relation, column in RELATION_ID_COLUMNS.items()}


def test_a_filter_follows_each_change_made_on_the_association(listed, music, sports):
    choir = AssociationFactory(name="Laulajat ry")

    choir.categories.add(music)
    assert listed(category="musiikki") == ["Laulajat ry"]
    choir.categories.set([sports])
    assert listed(category="musiikki") == []
    assert listed(category="liikunta-ja-urheilu") == ["Laulajat ry"]
    choir.categories.remove(sports)
    assert listed(category="liikunta-ja-urheilu") == []
    choir.categories.add(music, sports)
    choir.categories.clear()
    assert listed(category="musiikki") == listed(category="liikunta-ja-urheilu") == []


def test_a_filter_follows_each_change_made_on_the_term(listed, music):
    choir = AssociationFactory(name="Laulajat ry")
    band = AssociationFactory(name="Soittajat ry")

    music.associations.add(choir, band)
    assert listed(category="musiikki") == ["Laulajat ry", "Soittajat ry"]
    music.associations.remove(band)
    assert listed(category="musiikki") == ["Laulajat ry"]
    music.associations.clear()
    assert listed(category="musiikki") == []
    assert stored_ids(choir)["categories"] == []


def test_an_association_saved_after_its_relations_changed_keeps_them(music):
    # The instance in hand is current: saving it again does not write old ids back.
    choir = AssociationFactory(name="Laulajat ry")
    choir.categories.add(music)
    choir.description = "Kuoro."
    choir.save()
    assert stored_ids(choir)["categories"] == [music.pk]


def test_a_profile_edit_moves_the_association_between_filters(listed, liaison, music, sports):
    choir = AssociationFactory(name="Laulajat ry", categories=[music])
    values = {name: getattr(choir, name) for name in ("name", "description")}

    profile_update(
        association=choir,
        user=liaison,
        values=values,
        relations={"categories": [sports], "districts": [DistrictFactory(slug="kuokkala")]},
        base_version=choir.version,
    )

    assert listed(category="musiikki") == []
    assert listed(category="liikunta-ja-urheilu", district="kuokkala") == ["Laulajat ry"]


def test_a_deleted_term_leaves_no_id_behind(music, sports):
    choir = AssociationFactory(name="Laulajat ry", categories=[music, sports])

    music.delete()

    assert stored_ids(choir)["categories"] == [sports.pk]


def test_an_import_keeps_the_ids_of_what_it_links(tmp_path, listed, music, sports):
    DistrictFactory(slug="kuokkala", name_fi="Kuokkala")
    DistrictFactory(slug="keskusta", name_fi="Keskusta")
    run_import(tmp_path, GOOD_FILE)
    assert listed(category="musiikki") == ["Keskustan Sählyseura ry", "Kuokkalan Laulajat ry"]

    run_import(tmp_path, GOOD_FILE.replace(",Musiikki,Kuokkala,", ",Liikunta ja urheilu,,"))

    assert listed(category="musiikki") == ["Keskustan Sählyseura ry"]
    assert listed(category="liikunta-ja-urheilu", district="kuokkala") == [
        "Keskustan Sählyseura ry",
        "Kuokkalan Laulajat ry",
    ]


def test_the_migration_copies_the_links_stored_before_it(music, sports):
    choir = AssociationFactory(name="Laulajat ry")
    try:
        call_command("migrate", "associations", "0006", verbosity=0)
        through = Association.categories.through
        through.objects.bulk_create(
            [through(association_id=choir.pk, category_id=pk) for pk in (sports.pk, music.pk)]
        )
        call_command("migrate", "associations", verbosity=0)
    finally:
        call_command("migrate", verbosity=0)
    assert stored_ids(choir)["categories"] == sorted([music.pk, sports.pk])
